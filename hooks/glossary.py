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
_page_citation = _glossary_package("page_citation")


def _data():
    try:
        return _build.project_data()
    except ValueError as error:  # GlossaryError and bibliography errors
        raise PluginError(f"glossary: {error}") from error


RELEASE_LABEL = {"en": "Release", "es": "Edición"}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _data()  # fail before any page is rendered
    # The release of the whole work, in every page's footer (issue 17): the number that
    # CITATION.cff, .zenodo.json and the exports carry.
    label = RELEASE_LABEL.get(str(config.theme["language"]), "Release")
    config.copyright = f"{config.copyright or ''} {label} {_site.release_version()}.".strip()
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


def on_page_markdown(markdown: str, page, config: MkDocsConfig, files: Files) -> str:
    """Concept pages are citable too (issue 17): a "Cite this page" block and meta tags."""
    if not _page_citation.is_concept_page(page.file.src_uri):
        return markdown
    language = str(config.theme["language"])
    title = str(page.meta.get("title") or page.title or "")
    citation = _page_citation.page_citation(
        page.file.src_uri, title, language, _site.site_from_config(config)
    )
    page.meta["head_meta"] = [*page.meta.get("head_meta", []),
                              *_page_citation.head_meta(citation)]
    return markdown + "\n" + _page_citation.cite_section(citation)
