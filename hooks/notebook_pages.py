"""MkDocs hook: the notebooks of notebooks/ as pages of each language (issue 6).

* on_config: make sure this language's executed notebooks in .cache/notebooks are current
  (``execute_changed``: milliseconds while no file they are generated from has changed).
  Under ``mkdocs serve`` an edited source or snippet is executed here, before any page is
  rendered (no thread). Under tools.build, the pre-build executes them while this build
  starts: on_pre_page waits for them before the first notebook page. It also makes
  mkdocs-jupyter convert without nbconvert's BeautifulSoup pass (notebooks/html_export.py).
* on_files: add ``notebooks/<name>.ipynb`` to the build, backed by the executed copy of this
  build's language; mkdocs-jupyter (``execute: false``) renders it.
* on_page_content: turn mkdocs-jupyter's HTML into a lean page (see notebooks/page.py):
  no inlined JupyterLab CSS or scripts, Material's code blocks, neutral heading ids, a
  download button and a "run it yourself" note in the page language.
* on_post_build: publish each clean notebook (no outputs) next to its page for download,
  under its file name in this language, with a link back to the page and the licence line
  under its title (notebooks/download.py: JupyterLite gets the same file).

Named notebook_pages.py, not notebooks.py: MkDocs registers a hook under its file name, which
would shadow the ``notebooks`` package that holds the sources.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

PREFIX = "notebooks/"
# Project modules are imported inside the functions, so that each build under `make live`
# uses the edited ones (hooks/live.py forgets them before every build).


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    from notebooks import html_export
    from notebooks.execute import CACHE_ROOT
    from snippets._figure_files import PREBUILD_RUNNING

    language = str(config.theme["language"])
    jupyter = config.plugins.get("mkdocs-jupyter")
    if jupyter is not None:
        # One render cache per language: with a shared one, each build's on_post_build
        # evicts the other language's entries and every build renders everything again.
        # Its key holds the notebook and the plugin's settings only: the folder names the
        # conversion's FORMAT and the versions behind it; other folders are stale.
        caches, current = CACHE_ROOT / "mkdocs-jupyter", html_export.cache_folder()
        for stale in caches.glob("*"):
            if stale.name != current:  # the other language's build may be deleting it too
                shutil.rmtree(stale, ignore_errors=True)
        jupyter.config["cache_dir"] = str(caches / current / language)
        html_export.install(jupyter)  # converts without nbconvert's BeautifulSoup pass
    if not os.environ.get(PREBUILD_RUNNING):  # else the pre-build runs them (on_pre_page)
        _execute(language)
    return config


def _execute(language: str) -> None:
    from notebooks.execute import execute_changed

    try:
        execute_changed(_cache(), [language])
    except ValueError as error:  # a cell failed: so does the build
        raise PluginError(f"notebooks: {error}") from error


@event_priority(50)  # before mkdocs-jupyter's on_pre_page, which reads the executed notebook
def on_pre_page(page: Page, config: MkDocsConfig, files: Files) -> Page:
    """Beside a running pre-build (tools/build.py), wait until it has executed the notebooks."""
    from snippets._figure_files import PREBUILD_RUNNING, await_prebuild

    if _is_notebook(page) and os.environ.get(PREBUILD_RUNNING):
        language = str(config.theme["language"])
        await_prebuild(_cache().all_current_file(language))
        _execute(language)  # milliseconds, unless the pre-build stopped before running them
    return page


@event_priority(50)  # before mkdocs-jupyter's on_files, which wraps .ipynb files as pages
def on_files(files: Files, config: MkDocsConfig) -> Files:
    from notebooks.generate import all_sources

    lang = str(config.theme["language"])
    for source in all_sources():
        src_uri = f"{PREFIX}{source.name}.ipynb"
        if files.get_file_from_path(src_uri) is not None:
            raise PluginError(f"notebooks: {config.docs_dir}/{src_uri} exists, but the "
                              "notebooks hook generates that page; remove the file")
        # A real src_dir (not File.generated): mkdocs-jupyter wraps the File, and the wrapper
        # recomputes abs_src_path from src_dir + src_uri.
        files.append(File(src_uri, src_dir=str(_cache().src_dir(lang)),
                          dest_dir=config.site_dir, use_directory_urls=config.use_directory_urls))
    return files


def _cache():
    from notebooks.execute import NOTEBOOK_CACHE

    return NOTEBOOK_CACHE


def _is_notebook(page: Page) -> bool:
    return page.file.src_uri.startswith(PREFIX) and page.file.src_uri.endswith(".ipynb")


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if not _is_notebook(page):
        return html
    from notebooks import download
    from notebooks import page as notebook_page
    from notebooks.generate import all_sources

    lang = str(config.theme["language"])
    name = page.file.src_uri.removeprefix(PREFIX).removesuffix(".ipynb")
    source = next(s for s in all_sources() if s.name == name)
    try:
        result = notebook_page.clean(
            html, lang=lang, file=download.file_name(source, lang),
            heading_ids=source.heading_ids(),
            stylesheet=notebook_page.relative_url(page.url, "assets/stylesheets/notebooks.css"),
            permalink_title=config.extra.get("ui", {}).get("permalink_title", "¶"),
            repository=config.repo_url or notebook_page.REPOSITORY,
        )
    except ValueError as error:
        raise PluginError(f"notebooks: {page.file.src_uri} ({lang}): {error}") from error
    page.toc = get_toc(result.toc)
    page.meta["description"] = source.description[lang]
    # Nav and <title>: say it is a notebook ("Notebook: ...", "Cuaderno: ...").
    page.title = notebook_page.UI[lang]["title"].format(title=page.title)
    return result.html


def on_post_build(config: MkDocsConfig) -> None:
    from notebooks import download
    from notebooks.generate import all_sources

    lang = str(config.theme["language"])
    try:
        for source in all_sources():
            target = Path(config.site_dir) / PREFIX / source.name / download.file_name(source, lang)
            target.parent.mkdir(parents=True, exist_ok=True)
            text = download.texts(config.extra["site_root"])[lang, source.name]
            target.write_text(text, "utf-8")
    except ValueError as error:
        raise PluginError(f"notebooks: {error}") from error
