"""MkDocs hook: the notebooks of notebooks/ as pages of each language (issue 6).

* on_config: generate every notebook from notebooks/sources and snippets/, and start
  executing this build's language's notebooks in one kernel, in a background thread, so the
  kernel runs while MkDocs renders the other pages. Results are cached under
  .cache/notebooks/<lang>; only a changed notebook runs again.
* on_files: add ``notebooks/<name>.ipynb`` to the build, backed by the executed copy of this
  build's language; mkdocs-jupyter (``execute: false``) renders it.
* on_pre_page: wait for this page's notebook; a failing cell fails the build, naming it.
* on_page_content: turn mkdocs-jupyter's HTML into a lean page (see notebooks/page.py):
  no inlined JupyterLab CSS or scripts, Material's code blocks, neutral heading ids, a
  download button and a "run it yourself" note in the page language.
* on_post_build: publish each clean notebook (no outputs) next to its page for download.

Named notebook_pages.py, not notebooks.py: MkDocs registers a hook under its file name, which
would shadow the ``notebooks`` package that holds the sources.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from notebooks import page as notebook_page
from notebooks.cells import LANGS
from notebooks.execute import CACHE_ROOT, ExecutionCache, Job, start_in_background
from notebooks.generate import all_sources, build, serialise

CACHE = ExecutionCache(CACHE_ROOT / "notebooks")
PREFIX = "notebooks/"

_state: dict[str, object] = {}  # the hook module is loaded once for both builds


def _generate() -> dict[tuple[str, str], str]:
    """(lang, name) -> the clean notebook, generated from its source and snippets now."""
    try:
        return {(lang, source.name): serialise(build(source, lang))
                for source in all_sources() for lang in LANGS}
    except ValueError as error:
        raise PluginError(f"notebooks: {error}") from error


def _clean_texts() -> dict[tuple[str, str], str]:
    return _state["texts"]  # type: ignore[return-value]


class _DropAltTextWarning(logging.Filter):
    """nbconvert warns that SVG outputs have no alt text; page.py inlines them with a name."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "Alternative text is missing" not in record.getMessage()


_DROP_ALT_TEXT = _DropAltTextWarning()


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    language = str(config.theme["language"])
    jupyter = config.plugins.get("mkdocs-jupyter")
    if jupyter is not None:
        # One render cache per language: with a shared one, each build's on_post_build
        # evicts the other language's entries and every build renders everything again.
        jupyter.config["cache_dir"] = str(CACHE_ROOT / "mkdocs-jupyter" / language)
    logging.getLogger("traitlets").addFilter(_DROP_ALT_TEXT)  # nbconvert logs there
    # Regenerated for every build (80 ms), so a rebuild in the same process (mkdocs serve)
    # sees edited snippets; executed again only if something changed or the last run failed.
    texts = _state["texts"] = _generate()
    future = _state.get("future")
    failed = future is not None and future.done() and future.exception() is not None
    # Only this build's language: tools.build builds the two languages in parallel processes,
    # each with its own kernel and its own cache folder.
    mine = {key: text for key, text in texts.items() if key[0] == language}
    if future is None or failed or _state.get("executing") != mine:
        jobs = [Job(text, CACHE.target(lang, name)) for (lang, name), text in mine.items()]
        _state["future"] = start_in_background(CACHE, jobs)
        _state["executing"] = mine
    return config


@event_priority(50)  # before mkdocs-jupyter's on_files, which wraps .ipynb files as pages
def on_files(files: Files, config: MkDocsConfig) -> Files:
    lang = str(config.theme["language"])
    for (file_lang, name) in _clean_texts():
        if file_lang != lang:
            continue
        src_uri = f"{PREFIX}{name}.ipynb"
        if files.get_file_from_path(src_uri) is not None:
            raise PluginError(f"notebooks: {config.docs_dir}/{src_uri} exists, but the "
                              "notebooks hook generates that page; remove the file")
        # A real src_dir (not File.generated): mkdocs-jupyter wraps the File, and the wrapper
        # recomputes abs_src_path from src_dir + src_uri.
        files.append(File(src_uri, src_dir=str(CACHE.src_dir(lang)), dest_dir=config.site_dir,
                          use_directory_urls=config.use_directory_urls))
    return files


def _is_notebook(page: Page) -> bool:
    return page.file.src_uri.startswith(PREFIX) and page.file.src_uri.endswith(".ipynb")


@event_priority(50)  # mkdocs-jupyter reads the executed file in its own on_pre_page
def on_pre_page(page: Page, config: MkDocsConfig, files: Files) -> Page:
    if _is_notebook(page):
        lang = str(config.theme["language"])
        name = page.file.src_uri.removeprefix(PREFIX).removesuffix(".ipynb")
        job = Job(_clean_texts()[(lang, name)], CACHE.target(lang, name))
        future: Future[None] = _state["future"]  # type: ignore[assignment]
        try:
            CACHE.wait_for(job, future)
        except ValueError as error:  # a cell failed: so does the build
            raise PluginError(f"notebooks: {error}") from error
    return page


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if not _is_notebook(page):
        return html
    lang = str(config.theme["language"])
    name = page.file.src_uri.removeprefix(PREFIX).removesuffix(".ipynb")
    source = next(s for s in all_sources() if s.name == name)
    try:
        result = notebook_page.clean(
            html, lang=lang, name=name, heading_ids=source.heading_ids(),
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
    lang = str(config.theme["language"])
    for (file_lang, name), text in _clean_texts().items():
        if file_lang == lang:
            target = Path(config.site_dir) / PREFIX / name / f"{name}.ipynb"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, "utf-8")
