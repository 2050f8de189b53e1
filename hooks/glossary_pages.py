"""MkDocs hook: validate the glossary, then generate its pages and exports (issue 5).

The data (glossary/entries/*.yml + references.bib) is loaded and validated once per build, in
on_files (before any page is rendered; not also in on_config: hooks/live.py forgets the
``glossary`` package in between, and with it the loaded data).
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
    from glossary import site as glossary_site
    from ui import strings

    # The release of the whole work in every page's footer (issue 17): the number that
    # CITATION.cff, .zenodo.json and the exports carry.
    label = strings(str(config.theme["language"]), "site")["release"]
    release = glossary_site.release_version()
    config.copyright = f"{config.copyright or ''} {label} {release}.".strip()
    return config


def on_page_markdown(markdown: str, page, config: MkDocsConfig, files: Files) -> str:
    """Concept pages are citable too (issue 17): a "Cite this page" block and meta tags."""
    from glossary import page_citation
    from glossary import site as glossary_site

    if not page_citation.is_concept_page(page.file.src_uri):
        return markdown
    language = str(config.theme["language"])
    title = str(page.meta.get("title") or page.title or "")
    citation = page_citation.page_citation(
        page.file.src_uri, title, language, glossary_site.site_from_config(config)
    )
    page.meta["head_meta"] = [*page.meta.get("head_meta", []),
                              *page_citation.head_meta(citation)]
    return markdown + "\n" + page_citation.cite_section(citation)


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

