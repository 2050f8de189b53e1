"""How to cite one entry in one language: APA 7, BibTeX and CSL-JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from glossary.i18n import MONTHS, text
from glossary.model import Entry
from glossary.site import AUTHORS, SITE_NAMES, Site
from ui import strings

BIBTEX_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                 "dec"]
BIBLATEX_LANGIDS = {"en": "english", "es": "spanish"}


@dataclass(frozen=True)
class EntryCitation:
    """What every citation format of one entry in one language needs."""

    key: str  # BibTeX key / CSL id, e.g. attention-glossary:attention-weight:es
    title: str  # the headword, sentence case
    container: str  # the site name in that language
    language: str
    version: str  # the entry's version
    issued: date  # the entry's last update
    url: str  # the entry page in that language


def sentence_case(term: str) -> str:
    """Capitalize the first letter only: "attention weight" -> "Attention weight"."""
    return term[:1].upper() + term[1:]


def entry_citation(entry: Entry, language: str, site: Site) -> EntryCitation:
    return EntryCitation(
        key=f"attention-glossary:{entry.slug}:{language}",
        title=sentence_case(entry.lang(language).headword.term),
        container=SITE_NAMES[language],
        language=language,
        version=entry.version,
        issued=entry.updated,
        url=site.entry_url(entry.slug, language),
    )


def apa(citation: EntryCitation) -> str:
    """APA 7 reference for an entry in an online reference work with a group author."""
    lang = citation.language
    when = text(lang, "month_format").format(
        year=citation.issued.year,
        month_name=MONTHS[lang][citation.issued.month - 1],
        day=citation.issued.day,
    )
    version_word, in_word = strings(lang, "citation")["version"], strings(lang, "citation")["in"]
    return (
        f"{AUTHORS[lang]}. ({when}). {citation.title}. {in_word} {citation.container} "
        f"({version_word} {citation.version}). {citation.url}"
    )


def _bibtex_escape(value: str) -> str:
    for char in "&%$#_":
        value = value.replace(char, "\\" + char)
    return value


def bibtex(citation: EntryCitation) -> str:
    """A @misc record readable by BibTeX and biblatex (UTF-8)."""
    fields = [
        # double braces: an entity, not "contributors, A. G."
        ("author", "{" + AUTHORS[citation.language] + "}"),
        ("title", _bibtex_escape(citation.title)),
        ("howpublished", _bibtex_escape(citation.container)),
        ("year", str(citation.issued.year)),
        ("month", BIBTEX_MONTHS[citation.issued.month - 1]),
        ("date", citation.issued.isoformat()),
        ("version", citation.version),
        ("url", citation.url),
        ("langid", BIBLATEX_LANGIDS[citation.language]),
        ("note", _bibtex_escape(text(citation.language, "bib_note").format(
            version=citation.version))),
    ]
    width = max(len(name) for name, _ in fields)
    lines = [f"@misc{{{citation.key},"]
    for name, value in fields:
        rendered = value if name == "month" else "{" + value + "}"
        lines.append(f"  {name.ljust(width)} = {rendered},")
    lines.append("}")
    return "\n".join(lines)


def csl_item(citation: EntryCitation) -> dict[str, object]:
    """One CSL-JSON item (the format of Zotero, Pandoc citeproc and Mendeley)."""
    issued = citation.issued
    return {
        "id": citation.key,
        "type": "entry-dictionary",
        "title": citation.title,
        "container-title": citation.container,
        "author": [{"literal": AUTHORS[citation.language]}],
        "issued": {"date-parts": [[issued.year, issued.month, issued.day]]},
        "version": citation.version,
        "language": citation.language,
        "URL": citation.url,
    }


def csl_json(citation: EntryCitation) -> str:
    """CSL-JSON text: a list holding the one item, as reference managers import it."""
    return json.dumps([csl_item(citation)], ensure_ascii=False, indent=2)
