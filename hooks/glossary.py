"""MkDocs hook: validate the glossary, then generate its pages and exports (issue 5).

The data (glossary/entries/*.yml + references.bib) is loaded and validated once per
process, so the Spanish build reuses what the English build checked. Any problem fails the
build with a PluginError whose message names the file and the field.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

HOOKS_DIR = Path(__file__).resolve().parent


def _glossary_package(submodule: str) -> ModuleType:
    """Import glossary.<submodule> from the repository's `glossary` package.

    MkDocs executes this file as a module named "glossary" (its file name): it registers it
    in sys.modules under that name and puts hooks/ first on sys.path, so a plain
    `import glossary.build` would find this hook instead of the package. Drop both shadows
    for the duration of the import.
    """
    shadow = sys.modules.get("glossary")
    if shadow is not None and not hasattr(shadow, "__path__"):  # a module, not the package
        del sys.modules["glossary"]
    saved_path = sys.path[:]
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HOOKS_DIR]
    try:
        return importlib.import_module(f"glossary.{submodule}")
    finally:
        sys.path[:] = saved_path


_build = _glossary_package("build")
_site = _glossary_package("site")


def _data():
    try:
        return _build.project_data()
    except ValueError as error:  # GlossaryError and bibliography errors
        raise PluginError(f"glossary: {error}") from error


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _data()  # fail before any page is rendered
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    language = str(config.theme["language"])
    try:
        site = _site.site_from_config(config)
    except ValueError as error:
        raise PluginError(f"glossary: {error}") from error
    data = _data()
    generated = {**_build.pages(data, site, language), **_build.exports(data, site)}
    for src_uri, content in generated.items():
        if files.get_file_from_path(src_uri) is not None:
            raise PluginError(
                f"glossary: {config.docs_dir}/{src_uri} exists, but the glossary generates "
                "that path; remove the file"
            )
        files.append(File.generated(config, src_uri, content=content))
    return files
