"""CITATION.cff: valid for cffconvert and consistent with the project (issue 5)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from glossary.site import AUTHOR, WORK_TITLE, release_version

REPO_ROOT = Path(__file__).resolve().parents[1]
CFF = REPO_ROOT / "CITATION.cff"


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose !ENV tags are irrelevant here."""


_ConfigLoader.add_constructor("!ENV", lambda loader, node: None)


def test_cffconvert_validates_the_citation_file() -> None:
    cffconvert = Path(sys.executable).parent / "cffconvert"
    result = subprocess.run(
        [str(cffconvert), "--validate", "-i", str(CFF)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "valid" in result.stdout


def test_citation_file_matches_the_project() -> None:
    citation = yaml.safe_load(CFF.read_text(encoding="utf-8"))
    assert citation["title"] == WORK_TITLE
    assert citation["authors"] == [{"name": AUTHOR}]
    assert citation["version"] == release_version()  # the version in pyproject.toml
    assert set(citation["license"]) == {"MIT", "CC-BY-4.0"}
    mkdocs = yaml.load((REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8"), _ConfigLoader)
    assert citation["repository-code"] == mkdocs["extra"]["repository"]


def test_zenodo_metadata_matches_the_citation_file() -> None:
    """A release archived on Zenodo gets a DOI with the same metadata as CITATION.cff."""
    import json

    citation = yaml.safe_load(CFF.read_text(encoding="utf-8"))
    zenodo = json.loads((REPO_ROOT / ".zenodo.json").read_text(encoding="utf-8"))
    assert zenodo["title"] == citation["title"]
    assert zenodo["version"] == citation["version"] == release_version()
    assert zenodo["publication_date"] == str(citation["date-released"])
    assert zenodo["creators"] == [{"name": author["name"]} for author in citation["authors"]]
    assert zenodo["keywords"] == citation["keywords"]
    assert zenodo["license"] == "cc-by-4.0" and "CC-BY-4.0" in citation["license"]
    assert citation["repository-code"] in {r["identifier"] for r in zenodo["related_identifiers"]}


def test_changelog_records_the_release_and_every_entry_version() -> None:
    """Each release is listed, and every entry at a version above 1.0 is named in it."""
    from glossary.build import project_data

    changelog = (REPO_ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## {release_version()} — " in changelog
    for entry in project_data().glossary.entries:
        if entry.version != "1.0":
            assert entry.slug in changelog, f"CHANGELOG.md does not name {entry.slug}"
