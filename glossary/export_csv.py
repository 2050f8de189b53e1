"""glossary.csv: one row per entry, both languages side by side (UTF-8, RFC 4180 quoting)."""

from __future__ import annotations

import csv
import io

from glossary.markup import to_plain_text
from glossary.model import LANGUAGES, Entry, Glossary
from glossary.site import Site

LIST_SEPARATOR = " | "  # terms never contain "|" (checked by the loader)


def columns() -> list[str]:
    per_language = ["term", "admitted", "deprecated", "definition", "url"]
    return (
        ["slug"]
        + [f"{field}_{lang}" for lang in LANGUAGES for field in per_language]
        + ["formula", "related", "sources", "version", "created", "updated"]
    )


def _row(entry: Entry, site: Site) -> dict[str, str]:
    row = {"slug": entry.slug}
    for lang in LANGUAGES:
        section = entry.lang(lang)
        preferred = [v.term for v in section.with_status("preferred")]
        row[f"term_{lang}"] = LIST_SEPARATOR.join(preferred)
        for status in ("admitted", "deprecated"):
            row[f"{status}_{lang}"] = LIST_SEPARATOR.join(
                v.term for v in section.with_status(status)
            )
        row[f"definition_{lang}"] = to_plain_text(section.definition)
        row[f"url_{lang}"] = site.entry_url(entry.slug, lang)
    row.update(
        formula=entry.formula,
        related=LIST_SEPARATOR.join(entry.related),
        sources=LIST_SEPARATOR.join(entry.sources),
        version=entry.version,
        created=entry.created.isoformat(),
        updated=entry.updated.isoformat(),
    )
    return row


def glossary_csv(glossary: Glossary, site: Site) -> str:
    """The CSV text; the first preferred term of term_xx is the headword."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns(), lineterminator="\r\n")
    writer.writeheader()
    for entry in glossary.entries:
        writer.writerow(_row(entry, site))
    return buffer.getvalue()
