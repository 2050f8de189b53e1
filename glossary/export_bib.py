"""glossary.bib: how to cite the glossary, each entry in each language, and its sources."""

from __future__ import annotations

from pybtex.database import BibliographyData

from glossary.citation import bibtex, entry_citation
from glossary.model import LANGUAGES, Glossary
from glossary.page_citation import release_date
from glossary.site import AUTHOR, WORK_TITLE, Site

WORK_KEY = "attention-glossary"


def work_record(site: Site) -> str:
    """The whole work, as described by CITATION.cff (release number and date)."""
    released = release_date()
    return "\n".join(
        [
            f"@misc{{{WORK_KEY},",
            f"  author  = {{{{{AUTHOR}}}}},",
            f"  title   = {{{WORK_TITLE}}},",
            f"  year    = {{{released.year}}},",
            f"  date    = {{{released.isoformat()}}},",
            f"  version = {{{site.version}}},",
            f"  url     = {{{site.root_url}}},",
            "  note    = {Text CC BY 4.0, code MIT}",
            "}",
        ]
    )


def glossary_bib(glossary: Glossary, bibliography: BibliographyData, site: Site) -> str:
    """BibTeX text: the work, every entry in every language, then the cited primary sources."""
    cited = sorted({key for entry in glossary.entries for key in entry.sources})
    sources = BibliographyData(entries={key: bibliography.entries[key] for key in cited})
    parts = [
        f"% {WORK_TITLE}, version {site.version}. UTF-8.",
        "% Records: the whole work; each entry in each language; the primary sources it cites.",
        "",
        work_record(site),
        "",
    ]
    for entry in glossary.entries:
        for lang in LANGUAGES:
            parts += [bibtex(entry_citation(entry, lang, site)), ""]
    parts.append(sources.to_string("bibtex"))
    return "\n".join(parts)
