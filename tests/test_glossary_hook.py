"""The MkDocs hook: wiring into both builds, and build failures on bad data (issue 5)."""

from __future__ import annotations

import importlib.util
import re
import shutil
import sys
from pathlib import Path
from types import ModuleType, SimpleNamespace

import pytest
import yaml
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, get_files

import glossary.build
from glossary.build import load_data
from glossary.site import ENTRIES_DIR, release_version, site_from_config

REPO_ROOT = Path(__file__).resolve().parents[1]
CONFIGS = {"en": REPO_ROOT / "mkdocs.yml", "es": REPO_ROOT / "mkdocs.es.yml"}


def load_hook() -> ModuleType:
    spec = importlib.util.spec_from_file_location("glossary_hook",
                                                  REPO_ROOT / "hooks/glossary_pages.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("language", ["en", "es"])
def test_mkdocs_loads_the_hook_and_it_generates_pages_and_exports(
    language: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO_ROOT)
    config = load_config(str(CONFIGS[language]), site_dir=str(tmp_path / "site"))
    assert hasattr(sys.modules["glossary"], "__path__")  # the package, not a hook module
    config = config.plugins.on_config(config)
    files = config.plugins.on_files(get_files(config), config=config)
    data = glossary.build.project_data()
    for entry in data.glossary.entries:
        page = files.get_file_from_path(f"glossary/{entry.slug}.md")
        assert page is not None, entry.slug
    for name in ("index.md", "glossary.json", "glossary.schema.json", "glossary.csv",
                 "glossary.tbx", "glossary.bib"):
        assert files.get_file_from_path(f"glossary/{name}") is not None, name
    key_page = files.get_file_from_path("glossary/key.md").content_string
    assert f"{config.site_url}glossary/key/" in key_page
    assert config.site_url.endswith("es/") == (language == "es")


def test_broken_data_fails_the_build_naming_file_and_field(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entries = tmp_path / "entries"
    shutil.copytree(ENTRIES_DIR, entries)
    path = entries / "cross-attention.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    del data["es"]["explanation"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    monkeypatch.setattr(glossary.build, "project_data", lambda: load_data(entries))
    hook = load_hook()
    expected = re.escape("field 'es.explanation': missing translation")
    with pytest.raises(PluginError, match=expected) as info:
        hook.on_files(Files([]), _config("en", "https://example.org/"))
    assert str(path) in str(info.value)


def test_a_hand_written_page_in_the_generated_place_is_an_error(monkeypatch) -> None:
    monkeypatch.chdir(REPO_ROOT)
    config = load_config(str(CONFIGS["en"]))
    config = config.plugins.on_config(config)
    clash = Files([File.generated(config, "glossary/softmax.md", content="# Softmax")])
    with pytest.raises(PluginError, match=re.escape("glossary/softmax.md exists")):
        load_hook().on_files(clash, config)


def _config(language: str, site_url: str, repository: str | None = "https://github.com/o/r"):
    languages = [{"lang": "en", "prefix": ""}, {"lang": "es", "prefix": "es/"}]
    extra = {"languages": languages, "repository": repository}
    return SimpleNamespace(theme={"language": language}, site_url=site_url, extra=extra)


def test_site_urls_come_from_the_config_of_either_build() -> None:
    english = site_from_config(_config("en", "https://example.org/docs/"))
    spanish = site_from_config(_config("es", "https://example.org/docs/es/"))
    assert english == spanish
    assert spanish.entry_url("key", "es") == "https://example.org/docs/es/glossary/key/"
    assert spanish.entry_url("key", "en") == "https://example.org/docs/glossary/key/"
    assert spanish.repository == "https://github.com/o/r"


def test_inconsistent_site_config_is_reported() -> None:
    with pytest.raises(ValueError, match="does not end with the prefix 'es/'"):
        site_from_config(_config("es", "https://example.org/"))
    with pytest.raises(ValueError, match=re.escape("extra.repository is not set")):
        site_from_config(_config("en", "https://example.org/", repository=None))


def test_missing_project_version_is_a_clear_error(tmp_path: Path) -> None:
    missing = tmp_path / "pyproject.toml"
    with pytest.raises(ValueError, match=re.escape(f"{missing}: cannot read [project] version")):
        release_version(missing)
