"""glossary.json: the whole glossary as one JSON document (schema: glossary.schema.json)."""

from __future__ import annotations

import json
from typing import Any

from glossary.markup import to_plain_text
from glossary.model import LANGUAGES, STATUSES, Glossary, LanguageSection
from glossary.notation import notation
from glossary.references import Reference
from glossary.site import AUTHOR, LICENSE, WORK_TITLE, Site


def _plain_paragraphs(markdown: str) -> str:
    paragraphs = [p for p in markdown.split("\n\n") if p.strip()]
    return "\n\n".join(to_plain_text(p) for p in paragraphs)


def _section(section: LanguageSection, url: str) -> dict[str, Any]:
    terms = []
    for variant in section.terms:
        item: dict[str, Any] = {"term": variant.term, "status": variant.status}
        if variant.note:
            item["note"] = variant.note
        if variant.foreign:
            item["foreign"] = True
        terms.append(item)
    return {
        "terms": terms,
        "definition": to_plain_text(section.definition),
        "explanation": _plain_paragraphs(section.explanation),
        "explanation_markdown": section.explanation,
        "url": url,
    }


def glossary_document(glossary: Glossary, refs: dict[str, Reference], site: Site) -> dict:
    """The JSON document as Python data (validated against the schema in the tests)."""
    cited = sorted({key for entry in glossary.entries for key in entry.sources})
    return {
        "title": WORK_TITLE,
        "version": site.version,
        "license": LICENSE,
        "author": AUTHOR,
        "repository": site.repository,
        "languages": list(LANGUAGES),
        "statuses": list(STATUSES),
        "notation": {lang: notation()[lang]["text"] for lang in LANGUAGES},
        "entries": [
            {
                "slug": entry.slug,
                "version": entry.version,
                "created": entry.created.isoformat(),
                "updated": entry.updated.isoformat(),
                "formula": entry.formula or None,
                "related": list(entry.related),
                "sources": list(entry.sources),
                **{
                    lang: _section(entry.lang(lang), site.entry_url(entry.slug, lang))
                    for lang in LANGUAGES
                },
            }
            for entry in glossary.entries
        ],
        "references": {
            key: {
                "citation": refs[key].cite(),
                "reference": refs[key].text("en"),
                "url": refs[key].url,
            }
            for key in cited
        },
    }


def glossary_json(glossary: Glossary, refs: dict[str, Reference], site: Site) -> str:
    return json.dumps(glossary_document(glossary, refs, site), ensure_ascii=False, indent=2) + "\n"
