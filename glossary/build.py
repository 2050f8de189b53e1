"""Everything the build generates from the glossary, as {path under docs_dir: content}."""

from __future__ import annotations

import hashlib
import pickle
import sys
from dataclasses import dataclass, replace
from functools import cache
from importlib import metadata
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
from glossary.site import BIB_PATH, ENTRIES_DIR, REPO_ROOT, SCHEMA_PATH, Site
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


# What load_data reads, for the cache's key: these folders and files of the repository (the
# entries, the archive and the glossary's code; ui/'s strings) and these libraries.
DATA_SOURCES = ("glossary", "ui", "references.bib")
DATA_LIBRARIES = ("pybtex", "latexcodec", "PyYAML", "jsonschema")
DATA_CACHE = REPO_ROOT / ".cache" / "glossary"


def data_key(root: Path = REPO_ROOT) -> str:
    """A hash of every file under DATA_SOURCES, the libraries' versions and Python's."""
    digest = hashlib.sha256(sys.version.encode())
    for name in DATA_LIBRARIES:
        digest.update(f"\0{name} {metadata.version(name)}".encode())
    for source in DATA_SOURCES:
        path = root / source
        for file in sorted(path.rglob("*")) if path.is_dir() else [path]:
            if file.is_file() and "__pycache__" not in file.parts:
                digest.update(f"\0{file.relative_to(root)}\0".encode() + file.read_bytes())
    return digest.hexdigest()[:32]


@cache
def project_data() -> GlossaryData:
    """The project's glossary, loaded once per process (shared by both language builds) and
    kept in .cache/glossary/ by ``data_key``: a warm build parses no YAML or BibTeX. Invalid
    data is never stored, so it fails every build; a damaged entry is loaded again."""
    from tools.atomic import read_checked, write_checked

    path = DATA_CACHE / f"{data_key()}.pickle"
    stored = read_checked(path)
    if stored is not None:
        try:
            data = pickle.loads(stored)  # our own file, checksummed
            if isinstance(data, GlossaryData):
                return data
        except Exception:  # an unpicklable entry (its classes changed): loaded again
            pass
    data = load_data()
    write_checked(path, pickle.dumps(data))
    for old in DATA_CACHE.glob("*.pickle"):  # earlier versions of the data
        if old != path:
            old.unlink(missing_ok=True)
    return data


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
