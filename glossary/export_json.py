"""glossary.json: the whole glossary as one JSON document (schema: glossary.schema.json)."""

from __future__ import annotations

import json
from typing import Any

from glossary.markup import to_plain_text
from glossary.model import LANGUAGES, STATUSES, Entry, Glossary, LanguageSection
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
        if variant.pos:
            item["pos"] = variant.pos
        if variant.gender:
            item["gender"] = variant.gender
        terms.append(item)
    document: dict[str, Any] = {
        "terms": terms,
        "definition": to_plain_text(section.definition),
        "explanation": _plain_paragraphs(section.explanation),
        "explanation_markdown": section.explanation,
        "url": url,
    }
    if section.context:
        document["context"] = {"text": section.context.text, "source": section.context.source}
    return document


def _entry_extras(entry: Entry) -> dict[str, Any]:
    """Subject field and version history, when the entry has them."""
    extras: dict[str, Any] = {}
    if entry.subject:
        extras["subject"] = entry.subject
    if entry.history:
        extras["history"] = [
            {"version": line.version, "date": line.date.isoformat(), **line.changes}
            for line in entry.history
        ]
    return extras


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
                **_entry_extras(entry),
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
