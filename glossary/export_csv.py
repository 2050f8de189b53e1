"""glossary.csv: one row per entry, both languages side by side (UTF-8, RFC 4180 quoting).

glossary.tsv holds the same table for spreadsheet programs: tab-separated (so it does not
depend on whether the program's list separator is a comma or a semicolon) and UTF-8 with a
byte-order mark (so programs that otherwise assume a legacy encoding read the accents right).
"""

from __future__ import annotations

import csv
import io

from glossary.export_tbx import context_source
from glossary.markup import to_plain_text
from glossary.model import LANGUAGES, Entry, Glossary
from glossary.site import Site

LIST_SEPARATOR = " | "  # terms never contain "|" (checked by the loader)


def columns() -> list[str]:
    per_language = ["term", "pos", "gender", "admitted", "deprecated", "definition", "context",
                    "context_source", "url"]
    return (
        ["slug"]
        + [f"{field}_{lang}" for lang in LANGUAGES for field in per_language
           if not (field == "gender" and lang == "en")]  # English terms have no gender
        + ["subject", "formula", "related", "sources", "version", "created", "updated"]
    )


def _row(entry: Entry, site: Site) -> dict[str, str]:
    row = {"slug": entry.slug}
    for lang in LANGUAGES:
        section = entry.lang(lang)
        preferred = [v.term for v in section.with_status("preferred")]
        row[f"term_{lang}"] = LIST_SEPARATOR.join(preferred)
        # Part of speech and gender of each preferred term, in the order of term_xx.
        row[f"pos_{lang}"] = LIST_SEPARATOR.join(v.pos for v in section.with_status("preferred"))
        if lang != "en":
            row[f"gender_{lang}"] = LIST_SEPARATOR.join(
                v.gender for v in section.with_status("preferred"))
        context = section.context
        row[f"context_{lang}"] = context.text if context else ""
        row[f"context_source_{lang}"] = context_source(context, site, lang) if context else ""
        for status in ("admitted", "deprecated"):
            row[f"{status}_{lang}"] = LIST_SEPARATOR.join(
                v.term for v in section.with_status(status)
            )
        row[f"definition_{lang}"] = to_plain_text(section.definition)
        row[f"url_{lang}"] = site.entry_url(entry.slug, lang)
    row.update(
        subject=entry.subject,
        formula=entry.formula,
        related=LIST_SEPARATOR.join(entry.related),
        sources=LIST_SEPARATOR.join(entry.sources),
        version=entry.version,
        created=entry.created.isoformat(),
        updated=entry.updated.isoformat(),
    )
    return row


def glossary_csv(glossary: Glossary, site: Site, delimiter: str = ",") -> str:
    """The CSV text; the first preferred term of term_xx is the headword."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns(), lineterminator="\r\n",
                            delimiter=delimiter)
    writer.writeheader()
    for entry in glossary.entries:
        writer.writerow(_row(entry, site))
    return buffer.getvalue()


def glossary_tsv(glossary: Glossary, site: Site) -> bytes:
    """The same table, tab-separated, UTF-8 with a byte-order mark, for spreadsheets."""
    return glossary_csv(glossary, site, delimiter="\t").encode("utf-8-sig")
