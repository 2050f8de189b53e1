"""MkDocs hook: reuse each page's Markdown -> HTML conversion and its search entries when
nothing they depend on changed (issue 13: warm build <= 5 s, one edited page <= 3 s).

Converting the Markdown (superfences, highlighting, markdown-exec running the build-time
code blocks) and Material's search indexing (an HTML parse of every page) were 60 % of a
warm build. Both are pure functions of inputs we can name, so their results are stored in
``.cache/pages/<lang>/`` under a hash of those inputs (d2lbook does the same per notebook):

* a page's conversion: its Markdown after every ``on_page_markdown`` hook, its src_uri and
  URL, the ``markdown_extensions`` and their configs, the link validation settings, the
  site's file list (links are resolved and validated against it), the installed packages
  and Python; and, for a page that executes code (``exec=``) or includes files
  (``--8<--``), the files it includes, its own file, and the project's code and data its
  blocks can reach: NARROW_SOURCES if they import only NARROW_IMPORTS (the concept pages:
  editing a glossary entry or tools/bench.py does not re-run them), else BROAD_SOURCES
  (data.md imports glossary). A page whose code opens a project file outside its sources
  fails the build, naming the file: a missed dependency never serves stale output.
  Editing a snippet re-runs the pages with code; a glossary page (no code) is reused.
* a page's search entries: its HTML after every ``on_page_content`` hook, its URL, table
  of contents, title, metadata and the search plugin's settings. On a miss Material indexes
  the page without its code blocks' highlighting spans (tools/search_spans.py: the same
  entries in a third of the time).
* the theme's templates compiled to Python code (Jinja's own bytecode cache: each entry
  holds a checksum of its template's source), under a hash of the installed packages (Jinja
  among them), Python and the environment's settings that change the compiled code.

A conversion stores everything ``Page.render`` sets (content, toc, title, anchor ids,
links to anchors) and the log records it emitted, which are replayed on reuse: a broken
link fails every strict build, not only the first. A damaged entry is reported (INFO) and
recomputed, never served. The hook wraps ``render`` of one page instance (as mkdocs-jupyter
does) and ``add_entry_from_context`` of this build's search index; if MkDocs' ``render``
ever sets an attribute this hook does not store, the build fails and names it.

State: only for the build in progress (reset in on_config). Entries no build used are
deleted after each full ``mkdocs build`` (kept while serving: an undone edit is a hit); a
``--quiet`` build, whose warnings MkDocs drops, stores none. ``AG_RENDER_CACHE=0`` turns the
cache off (tests compare).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import sys
import types
from collections.abc import Mapping
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

if TYPE_CHECKING:
    import jinja2

FORMAT = 4  # bump when what an entry holds changes (4: tools/atomic.py checksummed entries)
CACHE = Path(".cache", "pages")  # under the folder of mkdocs.yml
# What build-time code blocks import and read, under the folder of mkdocs.yml; checked while
# the code runs (_Opened) and, for what snippets import, by tests/test_build_caches.py.
NARROW_IMPORTS = ("snippets", "tools.page_code", "ui")
NARROW_SOURCES = ("snippets", "ui", "tools/__init__.py", "tools/page_code.py")
BROAD_SOURCES = ("snippets", "ui", "glossary", "notebooks", "tools", "references.bib",
                 "pyproject.toml")
# What Page.render sets, all stored; anything else it sets fails the build (see _check).
RENDERED = {"content", "toc", "_title_from_render", "present_anchor_ids", "links_to_anchors"}
_RUNS_CODE = re.compile(r"\bexec=|--8<--")
_INCLUDE = re.compile(r'--8<--\s+"([^":]+)')
_IMPORT = re.compile(r"^\s*(?:from|import)\s+([\w.]+)", re.MULTILINE)
# What Jinja's code generator reads of the environment, besides the template's source.
JINJA_SETTINGS = ("block_start_string", "block_end_string", "variable_start_string",
                  "variable_end_string", "comment_start_string", "comment_end_string",
                  "line_statement_prefix", "line_comment_prefix", "trim_blocks",
                  "lstrip_blocks", "newline_sequence", "keep_trailing_newline", "optimized",
                  "autoescape", "finalize", "is_async", "code_generator_class")
log = logging.getLogger("mkdocs.hooks.render_cache")


class _Build:
    """What one build computes once: the digests shared by every key, the keys used."""

    def __init__(self, config: MkDocsConfig) -> None:
        self.root = Path(config.config_file_path or ".").resolve().parent
        self.folder = self.root / CACHE / str(config.theme["language"])
        self.config = config
        self.used: set[str] = set()
        self._shared: str | None = None
        self._code: dict[tuple[str, ...], str] = {}
        self.templates: str | None = None  # the file name prefix of this build's templates

    def shared(self, files: Files) -> str:
        """Digest of what every page's conversion depends on besides its own Markdown."""
        if self._shared is None:
            config = self.config
            listing = sorted((f.src_uri, f.url, f.dest_uri, str(f.inclusion)) for f in files)
            self._shared = _digest([
                FORMAT, sys.version, _installed(), _stable(config.markdown_extensions),
                _stable(config.mdx_configs), _stable(dict(config.validation)),
                config.use_directory_urls, config.docs_dir, listing,
            ])
        return self._shared

    def sources(self, markdown: str) -> tuple[str, ...]:
        """The project files a page's code blocks can import or read (see the docstring)."""
        for name in _IMPORT.findall(markdown):
            top = name.split(".")[0]
            if not ((self.root / top).is_dir() or (self.root / f"{top}.py").is_file()):
                continue  # the standard library or an installed package
            if not any(name == n or name.startswith(n + ".") for n in NARROW_IMPORTS):
                return BROAD_SOURCES
        return NARROW_SOURCES

    def code(self, sources: tuple[str, ...]) -> str:
        """Digest of every file under ``sources``."""
        if sources not in self._code:
            paths = [p for name in sources for p in sorted(_files(self.root / name))]
            self._code[sources] = _digest([[str(p.relative_to(self.root)), _file_digest(p)]
                                           for p in paths])
        return self._code[sources]


_build: _Build | None = None
_evict = True


_HEADER = re.compile(r"^(Name|Version):[ \t]*(.*?)[ \t]*$", re.MULTILINE)


def _installed() -> list[tuple[str, str]]:
    """Every installed distribution and its version (numpy or Pygments change outputs). Read
    from the metadata's header lines: ``d.metadata`` parses whole files (10x slower)."""
    found = set()
    for dist in metadata.distributions():
        text = (dist.read_text("METADATA") or dist.read_text("PKG-INFO") or "")
        fields: dict[str, str] = {}
        for name, value in _HEADER.findall(text.replace("\r\n", "\n").partition("\n\n")[0]):
            fields.setdefault(name, value)
        found.add((fields.get("Name", ""), fields.get("Version", "")))
    return sorted(found)


def _files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    if not path.is_dir():
        return []
    return [p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts
            and ".ipynb_checkpoints" not in p.parts]


def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _stable(value: Any) -> Any:
    """``value`` as JSON-able data that is the same in every process (no memory addresses:
    markdown-exec puts functions in superfences' config). Unknown objects fail loudly."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, Mapping):  # dicts and MkDocs' Config objects
        return {str(k): _stable(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, (list, tuple)):
        return [_stable(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(json.dumps(_stable(v), sort_keys=True) for v in value)
    if callable(value) and hasattr(value, "__qualname__"):
        return f"{value.__module__}.{value.__qualname__}"
    if hasattr(value, "func") and hasattr(value, "keywords"):  # functools.partial
        return [_stable(value.func), _stable(value.args), _stable(value.keywords)]
    raise PluginError(f"hooks/render_cache.py: cannot key the Markdown configuration on a "
                      f"{type(value).__qualname__} ({value!r}); teach _stable() about it")


def _digest(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


# --- the entries on disk ---------------------------------------------------------------

def _load(folder: Path, key: str, where: str) -> Any:
    """The stored payload under ``key`` (which holds FORMAT), or None if there is none or it is
    damaged. An entry is the payload's JSON behind its checksum (tools/atomic.py)."""
    from tools.atomic import read_checked

    path = folder / f"{key}.json"
    body = read_checked(path)
    if body is None:
        if path.exists():
            log.info("render cache: %s is damaged (checksum); %s computed again", path, where)
        return None
    try:
        return json.loads(body)
    except ValueError as error:  # bad JSON or UTF-8 behind a good checksum: written by other code
        log.info("render cache: %s is unreadable (%s); %s computed again", path, error, where)
        return None


def _store(folder: Path, key: str, payload: Any) -> None:
    from tools.atomic import write_checked  # a parallel build never reads half an entry

    write_checked(folder / f"{key}.json", json.dumps(payload, ensure_ascii=False).encode())


# --- Page.render, cached ----------------------------------------------------------------

def _toc_data(items: Any) -> list[dict[str, Any]]:
    return [{**{k: v for k, v in vars(item).items() if k != "children"},
             "children": _toc_data(item.children)} for item in items]


def _toc(data: list[dict[str, Any]]) -> list[AnchorLink]:
    items = []
    for fields in data:
        item = AnchorLink(fields["title"], fields["id"], fields["level"])
        for name, value in fields.items():
            if name != "children":
                setattr(item, name, value)
        item.children = _toc(fields["children"])
        items.append(item)
    return items


class _Records(logging.Handler):
    """Collects what is logged while a page converts (broken links, markdown-exec errors)."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[list[Any]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append([record.name, record.levelno, record.getMessage()])


def _render_key(build: _Build, page: Page, files: Files) -> str:
    markdown = page.markdown or ""
    parts: list[Any] = [build.shared(files), page.file.src_uri, page.url, markdown]
    if _RUNS_CODE.search(markdown):
        reads = [[str(path), _file_digest(path)] for path in _page_reads(build, page)
                 if path.is_file()]
        parts += [build.code(build.sources(markdown)), reads]
    return _digest(parts)


def _page_reads(build: _Build, page: Page) -> list[Path]:
    """Files besides its sources that a page with code reads: the included ones and its own
    source (tools/page_code.py reads it)."""
    own = page.file.abs_src_path
    named = sorted(set(_INCLUDE.findall(page.markdown or "")))
    return [build.root / name for name in named] + ([Path(own)] if own else [])


class _Opened:
    """The files opened while a page's code runs (an audit hook: one per process, kept in
    sys.modules because MkDocs loads this file anew for each build of ``mkdocs serve``)."""

    NAME = "_render_cache_opened"

    def __init__(self) -> None:
        self.paths: list[str] | None = None

    @classmethod
    def recorder(cls) -> _Opened:
        holder = sys.modules.get(cls.NAME)
        if holder is None:
            holder = types.ModuleType(cls.NAME)
            holder.opened = cls()  # type: ignore[attr-defined]
            opened = holder.opened  # type: ignore[attr-defined]

            def audit(event: str, args: tuple[Any, ...]) -> None:
                if event == "open" and opened.paths is not None and isinstance(args[0], str):
                    opened.paths.append(args[0])

            sys.addaudithook(audit)
            sys.modules[cls.NAME] = holder
        return holder.opened  # type: ignore[attr-defined]


def _check_reads(build: _Build, page: Page, opened: list[str]) -> None:
    """Fail if the page's code read a project file its key does not cover (stale output)."""
    allowed = ([build.root / name for name in build.sources(page.markdown or "")]
               + _page_reads(build, page))
    for name in dict.fromkeys(opened):
        path = Path(os.path.abspath(name))
        if build.root not in path.parents or path.relative_to(build.root).parts[0] in (
                ".venv", ".cache", ".git"):
            continue
        if path.parent.name == "__pycache__":  # x/__pycache__/m.cpython-311.pyc -> x/m.py
            path = path.parent.parent / (path.name.split(".")[0] + ".py")
        if not any(path == a or a in path.parents for a in allowed):
            raise PluginError(f"hooks/render_cache.py: the code of {page.file.src_uri} read "
                              f"{path.relative_to(build.root)}, which its cache key does not "
                              "cover; add it to its sources in this hook")


def _render(page: Page, config: MkDocsConfig, files: Files) -> None:
    """``Page.render``, or its stored result."""
    build = _build
    if build is None:
        raise PluginError("hooks/render_cache.py: a page rendered outside a build")
    key = _render_key(build, page, files)
    build.used.add(key)
    stored = _load(build.folder, key, f"the page {page.file.src_uri}")
    if stored is not None and _restore(page, stored, files):
        for name, level, message in stored["log"]:
            logging.getLogger(name).log(level, "%s", message)
        return
    before = dict(vars(page))
    records = _Records()
    loggers = [logging.getLogger("mkdocs"), logging.getLogger()]  # "mkdocs" does not propagate
    runs_code = bool(_RUNS_CODE.search(page.markdown or ""))
    opened = _Opened.recorder()
    for logger in loggers:
        logger.addHandler(records)
    opened.paths = [] if runs_code else None
    try:
        Page.render(page, config, files)
        paths = opened.paths or []
    finally:
        opened.paths = None
        for logger in loggers:
            logger.removeHandler(records)
    _check(page, before)
    if runs_code:
        _check_reads(build, page, paths)
    if not logging.getLogger("mkdocs").isEnabledFor(logging.WARNING):
        return  # `mkdocs build --quiet`: warnings were dropped, so the entry could not hold them
    _store(build.folder, key, {
        "content": page.content,
        "toc": _toc_data(page.toc),
        "title": page._title_from_render,
        "anchors": sorted(page.present_anchor_ids or ()),
        "links": None if page.links_to_anchors is None else {
            target.src_uri: links for target, links in page.links_to_anchors.items()},
        "log": records.records,
    })


def _check(page: Page, before: dict[str, Any]) -> None:
    """Fail if ``Page.render`` set something this cache would not restore."""
    changed = {name for name, value in vars(page).items()
               if name not in before or before[name] is not value}
    if changed - RENDERED:
        raise PluginError(f"hooks/render_cache.py: MkDocs' Page.render now sets "
                          f"{sorted(changed - RENDERED)}, which the render cache does not "
                          "store; update RENDERED and the entry format")


def _restore(page: Page, stored: dict[str, Any], files: Files) -> bool:
    """Set what Page.render would have set; False if the entry does not fit this build."""
    links = None
    if stored["links"] is not None:
        links = {}
        for src_uri, anchors in stored["links"].items():
            target = files.get_file_from_path(src_uri)
            if target is None:
                return False
            links[target] = anchors
    page.content = stored["content"]
    page.toc = TableOfContents(_toc(stored["toc"]))
    page._title_from_render = stored["title"]
    page.present_anchor_ids = set(stored["anchors"])
    if links is not None:
        page.links_to_anchors = links
    return True


# --- Material's search index, cached -----------------------------------------------------

def _wrap_search(build: _Build, config: MkDocsConfig) -> None:
    plugin = config.plugins.get("material/search")  # MkDocs' own search is left alone
    if plugin is None or not plugin.config.enabled:
        return
    index = getattr(plugin, "search_index", None)
    if index is None or not hasattr(index, "add_entry_from_context"):
        raise PluginError("hooks/render_cache.py: Material's search plugin has no "
                          "search_index.add_entry_from_context any more; update the hook")
    from material.plugins.search.plugin import Parser

    from tools import search_spans

    search_spans.check(Parser)  # Material still indexes a page alike without its code spans
    fresh = index.add_entry_from_context
    settings = _stable({k: v for k, v in index.config.items()})

    def add_entry_from_context(page: Page) -> None:
        meta = {k: page.meta.get(k) for k in ("title", "tags", "search")}
        key = "search-" + _digest([FORMAT, settings, page.url, page.title, _stable(meta),
                                   _toc_data(page.toc), page.content])
        build.used.add(key)
        stored = _load(build.folder, key, f"the search entries of {page.file.src_uri}")
        if stored is not None:
            index.entries.extend(stored)
            return
        start = len(index.entries)
        search_spans.index_without_code_spans(fresh, page)  # 3x faster, the same entries
        _store(build.folder, key, index.entries[start:])

    index.add_entry_from_context = add_entry_from_context


# --- events ------------------------------------------------------------------------------

def _enabled() -> bool:
    return os.environ.get("AG_RENDER_CACHE", "1") != "0"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _build
    _build = _Build(config) if _enabled() else None
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    if _build is not None:
        _wrap_search(_build, config)  # the search plugin made this build's index in on_config


@event_priority(-100)  # last: after every filter is added
def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    from jinja2 import FileSystemBytecodeCache

    if _build is not None:
        # How a filter or test is called (with the context or not) is compiled in.
        calls = [[name, str(getattr(function, "jinja_pass_arg", None))]
                 for kind in (env.filters, env.tests) for name, function in sorted(kind.items())]
        _build.templates = "jinja-" + _digest([
            FORMAT, sys.version, _installed(), sorted(env.extensions), calls,
            [_stable(getattr(env, name)) for name in JINJA_SETTINGS]])[:32]
        _build.folder.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = FileSystemBytecodeCache(str(_build.folder),
                                                     f"{_build.templates}-%s.cache")
    return env


@event_priority(-100)  # last: whatever Markdown the other hooks return is what is converted
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if _build is not None and "render" not in vars(page):  # mkdocs-jupyter renders its own
        page.render = lambda config, files: _render(page, config, files)  # type: ignore
    return markdown


def on_startup(command: str, dirty: bool) -> None:
    global _evict
    # The process's mode, not a build's state. Under `mkdocs serve` a writer undoes an edit
    # and expects the page back at once; --dirty would skip pages and evict their entries.
    _evict = command == "build" and not dirty


@event_priority(-100)
def on_post_build(config: MkDocsConfig) -> None:
    """Delete the entries this build did not use (after a full `mkdocs build` only)."""
    global _build
    build, _build = _build, None
    if build is None or not _evict or not build.folder.is_dir():
        return
    for path in build.folder.iterdir():
        stale = (path.stem not in build.used if path.suffix == ".json"  # a page's entries
                 else path.suffix == ".cache" and not path.stem.startswith(f"{build.templates}-"))
        if stale:
            path.unlink(missing_ok=True)
