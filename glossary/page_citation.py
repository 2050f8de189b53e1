"""How to cite a concept page: APA 7, BibTeX, CSL-JSON and the citation_* meta tags.

A concept page has no version of its own: it is cited as part of a release of the whole work
(the number and date in CITATION.cff), with the reader's access date, because its text may
change in the next release. Glossary entries, which are versioned, use glossary/citation.py.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from glossary.i18n import text
from glossary.pages import cite_block
from glossary.site import AUTHORS, REPO_ROOT, SITE_NAMES, Site

CITATION_FILE = REPO_ROOT / "CITATION.cff"
# Pages that are not concept pages: the home page, the generated glossary, the reference list,
# the data page, and the notebooks (pages generated from .ipynb files).
NOT_CITED = re.compile(r"^(index\.md|references\.md|data\.md|404\.html|glossary/.*|notebooks/.*)$")
BIBLATEX_LANGIDS = {"en": "english", "es": "spanish"}


@dataclass(frozen=True)
class PageCitation:
    key: str  # attention-glossary:page:<page>:<language>
    title: str
    language: str
    release: str
    released: date
    url: str


def release_date(path: Path = CITATION_FILE) -> date:
    """The date of the current release, as CITATION.cff records it."""
    try:
        value = yaml.safe_load(path.read_text(encoding="utf-8"))["date-released"]
        return value if isinstance(value, date) else date.fromisoformat(str(value))
    except (OSError, KeyError, TypeError, ValueError, yaml.YAMLError) as error:
        raise ValueError(f"{path}: cannot read date-released ({error})") from error


def is_concept_page(src_uri: str) -> bool:
    return not NOT_CITED.match(src_uri)


def page_citation(src_uri: str, title: str, language: str, site: Site) -> PageCitation:
    page = src_uri.removesuffix(".md")
    return PageCitation(
        key=f"attention-glossary:page:{page}:{language}",
        title=title,
        language=language,
        release=site.version,
        released=release_date(),
        url=site.page_url(src_uri, language),
    )


def _release_word(language: str) -> str:
    return "Release" if language == "en" else "edición"


def apa(citation: PageCitation, accessed: str = "", italic: str = "{}") -> str:
    """APA 7 for a page of a website with a group author: the page title in italics."""
    lang = citation.language
    retrieved = ""
    if accessed:
        retrieved = (f"Retrieved {accessed}, from " if lang == "en"
                     else f"Recuperado el {accessed} de ")
    return (
        f"{AUTHORS[lang]}. ({citation.released.year}). {italic.format(citation.title)}. "
        f"{SITE_NAMES[lang]} ({_release_word(lang)} {citation.release}). "
        f"{retrieved}{citation.url}"
    )


def bibtex(citation: PageCitation, accessed: str = "") -> str:
    fields = [
        ("author", "{" + AUTHORS[citation.language] + "}"),
        ("title", citation.title),
        ("howpublished", SITE_NAMES[citation.language]),
        ("year", str(citation.released.year)),
        ("version", citation.release),
        ("url", citation.url),
        *([("urldate", accessed)] if accessed else []),
        ("langid", BIBLATEX_LANGIDS[citation.language]),
    ]
    width = max(len(name) for name, _ in fields)
    body = [f"  {name.ljust(width)} = {{{value}}}," for name, value in fields]
    return "\n".join([f"@misc{{{citation.key},", *body, "}"])


def csl_json(citation: PageCitation, accessed: str = "") -> str:
    item: dict[str, object] = {
        "id": citation.key,
        "type": "webpage",
        "title": citation.title,
        "container-title": SITE_NAMES[citation.language],
        "author": [{"literal": AUTHORS[citation.language]}],
        "issued": {"date-parts": [[citation.released.year]]},
        "version": citation.release,
        "language": citation.language,
        "URL": citation.url,
    }
    if accessed:
        item["accessed"] = {"raw": accessed}
    return json.dumps([item], ensure_ascii=False, indent=2)


def head_meta(citation: PageCitation) -> list[dict[str, str]]:
    """Highwire Press (Google Scholar, Zotero) and Dublin Core tags for a concept page."""
    lang = citation.language
    return [
        {"name": "citation_title", "content": citation.title},
        {"name": "citation_author", "content": AUTHORS[lang]},
        {"name": "citation_publication_date", "content": citation.released.strftime("%Y/%m/%d")},
        {"name": "citation_language", "content": lang},
        {"name": "citation_publisher", "content": SITE_NAMES[lang]},
        {"name": "citation_public_url", "content": citation.url},
        {"name": "DC.title", "content": citation.title},
        {"name": "DC.creator", "content": AUTHORS[lang]},
        {"name": "DC.date", "content": citation.released.isoformat()},
        {"name": "DC.language", "content": lang},
        {"name": "DC.publisher", "content": SITE_NAMES[lang]},
        {"name": "DC.identifier", "content": citation.url},
        {"name": "DC.type", "content": "Text"},
        {"name": "DC.rights", "content": "CC BY 4.0"},
        {"name": "DC.hasVersion", "content": citation.release},
    ]


def cite_section(citation: PageCitation) -> str:
    """Markdown appended to a concept page: heading, one line of help, the three formats."""
    lang = citation.language
    t = lambda key: text(lang, key)  # noqa: E731
    intro = t("cite_page_intro").format(release=citation.release)
    lines = [
        "",
        f"## {t('cite_page')} {{ #cite-this-page data-search-exclude }}",
        "",
        intro,
        "",
        *cite_block(
            lambda accessed, italic: apa(citation, accessed, italic),
            lambda accessed: bibtex(citation, accessed),
            lambda accessed: csl_json(citation, accessed),
            lang,
            "cite-this-page",
        ),
    ]
    return "\n".join(lines)
