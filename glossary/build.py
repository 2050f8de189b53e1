"""Everything the build generates from the glossary, as {path under docs_dir: content}."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from pybtex.database import BibliographyData

from glossary.contexts import pages_linking_entries
from glossary.export_bib import glossary_bib
from glossary.export_csv import glossary_csv, glossary_tsv
from glossary.export_json import glossary_json
from glossary.export_tbx import glossary_tbx
from glossary.loader import load_glossary
from glossary.model import Glossary
from glossary.pages import entry_page, index_page, version_page
from glossary.references import Reference, load_bibliography, references
from glossary.site import BIB_PATH, ENTRIES_DIR, SCHEMA_PATH, Site
from glossary.versions import load_archive


@dataclass(frozen=True)
class GlossaryData:
    glossary: Glossary
    bibliography: BibliographyData
    references: dict[str, Reference]


def load_data(entries_dir: Path = ENTRIES_DIR, bib_path: Path = BIB_PATH) -> GlossaryData:
    """Parse the bibliography, load + validate every entry and its archived versions.

    The archive is the folder `archive` next to `entries_dir` (raises ValueError).
    """
    bibliography = load_bibliography(bib_path)
    keys = set(bibliography.entries.keys())
    glossary = load_glossary(entries_dir, keys)
    archived = load_archive(entries_dir.parent / "archive", glossary, keys)
    glossary = replace(glossary, archived=archived)
    return GlossaryData(glossary, bibliography, references(bibliography))


@cache
def project_data() -> GlossaryData:
    """The project's glossary, loaded once per process (shared by both language builds)."""
    return load_data()


def exports(data: GlossaryData, site: Site) -> dict[str, str | bytes]:
    """The downloadable files; identical in every language build."""
    return {
        "glossary/glossary.json": glossary_json(data.glossary, data.references, site),
        "glossary/glossary.schema.json": SCHEMA_PATH.read_text(encoding="utf-8"),
        "glossary/glossary.csv": glossary_csv(data.glossary, site),
        "glossary/glossary.tsv": glossary_tsv(data.glossary, site),
        "glossary/glossary.tbx": glossary_tbx(data.glossary, site),
        "glossary/glossary.bib": glossary_bib(data.glossary, data.bibliography, site),
    }


def pages(data: GlossaryData, site: Site, language: str) -> dict[str, str]:
    """The Markdown pages of one language: every entry, each published version, the index."""
    linking = pages_linking_entries(language)  # reads every concept page: once, not per entry
    generated = {
        f"glossary/{entry.slug}.md": entry_page(
            entry, data.glossary, data.references, site, language, linking
        )
        for entry in data.glossary.entries
    }
    for entry in data.glossary.entries:
        for line in entry.history:
            shown = data.glossary.archived.get(entry.slug, {}).get(line.version, entry)
            generated[f"glossary/{entry.slug}/{line.version}.md"] = version_page(
                shown, entry, data.glossary, data.references, site, language
            )
    generated["glossary/index.md"] = index_page(data.glossary, site, language)
    return generated
