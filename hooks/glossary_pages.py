"""MkDocs hook: validate the glossary, then generate its pages and exports (issue 5).

The data (glossary/entries/*.yml + references.bib) is loaded and validated once per build process.
Named glossary_pages.py, not glossary.py: a hook's folder is put first on sys.path while it
loads, and a hooks/glossary.py would shadow the ``glossary`` package. Any problem fails the
build with a PluginError whose message names the file and the field.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files


def _data():
    from glossary import build

    try:
        return build.project_data()
    except ValueError as error:  # GlossaryError and bibliography errors
        raise PluginError(f"glossary: {error}") from error


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _data()  # fail before any page is rendered
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    from glossary import build
    from glossary import site as glossary_site

    language = str(config.theme["language"])
    try:
        site = glossary_site.site_from_config(config)
    except ValueError as error:
        raise PluginError(f"glossary: {error}") from error
    data = _data()
    generated = {**build.pages(data, site, language), **build.exports(data, site)}
    for src_uri, content in generated.items():
        if files.get_file_from_path(src_uri) is not None:
            raise PluginError(
                f"glossary: {config.docs_dir}/{src_uri} exists, but the glossary generates "
                "that path; remove the file"
            )
        files.append(File.generated(config, src_uri, content=content))
    return files
