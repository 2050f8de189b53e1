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
