"""MkDocs hook: the in-browser runtime on the site (issue 14), entered via hooks/runtime.py.

* Runnable examples: every executed ``python exec="on"`` fence of a page whose code uses
  only ``snippets`` gets markers (on_page_markdown); the finished HTML wraps its output
  with Run and Edit buttons (on_page_content); the code goes to ``examples.json`` next to
  the page. Nothing of the runtime loads with the page: a one-line module script imports
  run.js on the first click, which fetches the code.
* Notebook pages: a "Run in your browser" box that opens the page's notebook in
  JupyterLite (``runtime/lite``): the file the page's download button serves, under the
  same name in the page's language (notebooks/download.py), in the notebooks app whose
  interface is in that language (``runtime.LITE_APPS``).
* Every page: a Content-Security-Policy <meta> allowing only the site's own origin, with
  the hashes of the page's inline scripts (on_post_page).
* English build (it owns site/): links the cached runtime stage (``tools/runtime.py``)
  into ``site/runtime/<version>/`` (a hash of everything published there, so a host and
  the service worker ``run-sw.js`` may cache it for good), adds the ``snippets`` package
  as a wheel listed in the Pyodide lock (built from the same source as this build's
  outputs), and the notebooks.

The browser code is overrides/assets/javascripts/run.js and run-worker.js.
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import json
import os
import re
import shutil
import zipfile
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from tools import runtime
from ui import strings

ROOT = Path(__file__).resolve().parent.parent
RUNTIME_DIR = "runtime"
SNIPPETS_DIST = "attention-glossary-snippets"
EXAMPLES_FILE = "examples.json"  # next to each page with runnable examples: their code

# Fences markdown-exec runs. Only code that imports nothing but the snippets package (and
# the standard library) runs in the browser; the explorers are already interactive.
_FENCE = re.compile(
    r'^(?P<indent>[ \t]*)```python (?P<opts>[^\n]*exec="on"[^\n]*)\n'
    r"(?P<code>.*?)\n(?P=indent)```[ \t]*$",
    re.M | re.S)
_FOREIGN_IMPORT = re.compile(r"^\s*(?:from|import)\s+(?!snippets\b|collections\b)(\w+)", re.M)
_MARK = re.compile(r"<!--ag-run (\d+)-->(.*?)<!--/ag-run \1-->", re.S)
_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)

_sources: dict[str, list[tuple[str, str]]] = {}  # page src_uri -> [(code, "text" | "html")]


def _lang(config: MkDocsConfig) -> str:
    return str(config.theme["language"])


def _runnable(code: str) -> bool:
    return "render_explorer" not in code and _FOREIGN_IMPORT.search(code) is None


# Figures the reader can redraw from their own inputs (snippets/figures/inputs.py): the
# figure's block, or the explorer showing those numbers -> (figure, inputs function).
_LIVE_FIGURE = re.compile(r'render\("(softmax-temperature|masks)", "(\w+)"\)\)\s*$')
_LIVE_EXPLORER = re.compile(r'render_explorer\("(self|cross)", "(\w+)"\)\)\s*$')
LIVE = {"softmax-temperature": "temperature", "masks": "masks",
        "self": ("attention-heatmap", "heatmap"), "cross": ("cross-attention", "cross")}

def live_code(code: str) -> tuple[str, str] | None:
    """(code with the figure's inputs spelled out, kind) for a figure the reader can redraw."""
    import inspect

    from snippets.figures import inputs

    figure, explorer = _LIVE_FIGURE.search(code), _LIVE_EXPLORER.search(code)
    if figure:
        name, lang = figure.groups()
        function, kind = LIVE[name], "html"  # an unedited run redraws the page's figure
    elif explorer:
        (name, function), lang = LIVE[explorer.group(1)], explorer.group(2)  # type: ignore[misc]
        kind = "live"  # the explorer's numbers as a static figure: nothing to compare with
    else:
        return None
    parameters = inspect.signature(getattr(inputs, function)).parameters.values()
    arguments = ", ".join(f"{p.name}={p.default!r}" for p in parameters)
    return (f"from snippets.figures import render\n"
            f"from snippets.figures.inputs import {function}\n\n"
            f"{strings(lang, 'runtime')['inputs_note']}\n"
            f"data = {function}({arguments})\n"
            f'print(render("{name}", "{lang}", data=data))'), kind


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    found: list[tuple[str, str]] = []

    def mark(match: re.Match[str]) -> str:
        indent, code = match["indent"], match["code"]
        code = "\n".join(line.removeprefix(indent) for line in code.split("\n"))
        live = live_code(code)
        if live is not None:
            found.append(live)
        elif _runnable(code):
            found.append((code, "html" if 'html="on"' in match["opts"] else "text"))
        else:
            return match.group(0)
        n = len(found) - 1
        return f"{indent}<!--ag-run {n}-->\n\n{match.group(0)}\n\n{indent}<!--/ag-run {n}-->"

    markdown = _FENCE.sub(mark, markdown)
    _sources[page.file.src_uri] = found
    return markdown


def _controls(lang: str) -> str:
    ui = strings(lang, "runtime")
    return (
        '<p class="ag-run-bar">'
        f'<button type="button" class="md-button ag-run-go">{ui["run"]}</button> '
        f'<button type="button" class="md-button ag-run-edit" aria-expanded="false">'
        f'{ui["edit"]}</button></p>'
    )


def _bootstrap(page: Page, config: MkDocsConfig) -> str:
    """The only script a page with examples gets: run.js loads on the first click. Once the
    reader has pressed Run on this site, its service worker (registered by that click)
    controls later pages: there run.js starts Python when the page has loaded (run.js warm)."""
    run_js = get_relative_url("assets/javascripts/run.js", page.url)
    base = _runtime_url(page, config)
    return ('<script type="module">addEventListener("click",e=>{const b=e.target.closest('
            f'".ag-run button");b&&import("./{run_js}").then(m=>m.click(b,"{base}"))}});'
            'navigator.serviceWorker?.controller&&addEventListener("load",()=>'
            f'import("./{run_js}").then(m=>m.warm("{base}")))'
            "</script>")


def _runtime_url(page: Page, config: MkDocsConfig) -> str:
    """site/runtime/<version>/ relative to the page (Spanish pages live one folder deeper)."""
    up = "../" if _lang(config) != "en" else ""
    return (up + get_relative_url(f"{RUNTIME_DIR}/", page.url).rstrip("/") + "/"
            + runtime_version(config.extra["site_root"]) + "/")


@lru_cache(maxsize=1)
def _stage() -> Path:
    try:
        return runtime.ensure(quiet=True)
    except runtime.RuntimeError_ as error:
        raise PluginError(f"runtime stage: {error}") from error


@lru_cache(maxsize=2)
def runtime_version(site_root: str) -> str:
    """The published runtime's folder name: a hash of all it holds (the stage's inputs, the
    snippets wheel, the notebooks, which link to their pages under ``site_root``). A new
    build with other content gets another URL, so its files can be cached as immutable."""
    digest = hashlib.sha256(_stage().name.encode())
    digest.update(snippets_wheel()[0].encode())
    for key, text in sorted(_notebooks(site_root).items()):
        digest.update(repr(key).encode() + text.encode())
    return digest.hexdigest()[:12]


def on_page_content(content: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    lang = _lang(config)
    sources = _sources.get(page.file.src_uri, [])
    seen: list[int] = []

    def wrap(match: re.Match[str]) -> str:
        n = int(match.group(1))
        seen.append(n)
        kind = sources[n][1]
        return (f'<div class="ag-run" data-ag-run="{kind}" data-ag-n="{n}">{match.group(2)}'
                f"{_controls(lang)}</div>")

    content = _MARK.sub(wrap, content)
    if len(seen) != len(sources):
        raise PluginError(f"{page.file.src_uri}: {len(sources)} runnable examples marked, "
                          f"{len(seen)} found in the HTML (a marker was lost)")
    if sources:
        content += _bootstrap(page, config)
        # The code is fetched on the first click, not sent with every view of the page.
        folder = Path(config.site_dir, page.file.dest_path).parent
        folder.mkdir(parents=True, exist_ok=True)
        (folder / EXAMPLES_FILE).write_text(
            json.dumps([code for code, _ in sources], ensure_ascii=False), "utf-8")
    if page.file.src_uri.startswith("notebooks/") and page.file.src_uri.endswith(".ipynb"):
        content = _notebook_box(content, page, config)
    return content


def _notebook_box(content: str, page: Page, config: MkDocsConfig) -> str:
    lang = _lang(config)
    name = page.file.src_uri.removeprefix("notebooks/").removesuffix(".ipynb")
    file = lite_file_names()[(lang, name)]  # the download button's name too
    app = runtime.LITE_APPS[lang][0]
    url = f"{_runtime_url(page, config)}lite/{app}/index.html?path={file}"
    ui = strings(lang, "runtime")
    box = (f'<div class="admonition example ag-nb-lite"><p class="admonition-title">'
           f'{ui["nb_title"]}</p><p>{html.escape(ui["nb_text"].format(file=file))}</p>'
           f'<p><a class="md-button md-button--primary" href="{url}">{ui["nb_button"]}</a></p>'
           "</div>")
    anchor = '<div class="admonition tip ag-nb-run">'
    if anchor not in content:
        raise PluginError(f"{page.file.src_uri}: no {anchor!r} to put the JupyterLite box "
                          "before (notebooks/page.py changed?)")
    return content.replace(anchor, box + anchor, 1)


# --- Content-Security-Policy -------------------------------------------------------------

def csp(html_text: str, extra_script: str = "") -> str:
    """The policy for one page: own origin only; inline scripts allowed by their hash."""
    hashes = []
    for match in _INLINE_SCRIPT.finditer(html_text):
        attrs = match["attrs"]
        if "src=" in attrs or re.search(r'type="(?!module|text/javascript)', attrs):
            continue  # external files are 'self'; JSON data blocks are not executed
        digest = base64.b64encode(hashlib.sha256(match["body"].encode()).digest()).decode()
        hashes.append(f"'sha256-{digest}'")
    scripts = " ".join(["'self'", "'wasm-unsafe-eval'", *sorted(set(hashes)), extra_script])
    return ("default-src 'self'; "
            f"script-src {scripts.strip()}; "
            "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
            "connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; "
            "form-action 'self'")


def add_csp(html_text: str, extra_script: str = "") -> str:
    meta = f'<meta http-equiv="Content-Security-Policy" content="{csp(html_text, extra_script)}">'
    head = re.search(r"<head[^>]*>(\s*<meta charset=[^>]*>)?", html_text)
    if head is None:
        raise ValueError("no <head> to put the Content-Security-Policy in")
    return html_text[:head.end()] + meta + html_text[head.end():]


def on_pre_build(config: MkDocsConfig) -> None:
    runtime_version.cache_clear()  # `make live`: notebook sources or snippets may have changed


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return add_csp(output)


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    return add_csp(output) if template_name.endswith(".html") else output  # 404.html


# --- Publishing the runtime ----------------------------------------------------------------

def _notebooks(site_root: str) -> dict[tuple[str, str], str]:
    """(lang, notebook) -> the file a reader downloads from its page (notebooks/download.py)."""
    from notebooks import download

    try:
        return download.texts(site_root)
    except ValueError as error:
        raise PluginError(f"notebooks: {error}") from error


def lite_file_names() -> dict[tuple[str, str], str]:
    """(lang, notebook) -> its JupyterLite file name: the name its page's download button
    gives it, from its title in that language (one function for both: notebooks/download.py)."""
    from notebooks import download
    from notebooks.generate import all_sources

    try:
        return download.file_names(all_sources())
    except ValueError as error:
        raise PluginError(f"notebooks: {error}") from error


def snippets_wheel() -> tuple[str, bytes]:
    """The snippets package as a pure-Python wheel (deterministic bytes)."""
    files = sorted(p for p in (ROOT / "snippets").rglob("*")
                   if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc")
    digest = hashlib.sha256()
    for path in files:
        digest.update(str(path.relative_to(ROOT)).encode() + path.read_bytes())
    ver = f"0.1.0+g{digest.hexdigest()[:10]}"
    dist = f"attention_glossary_snippets-{ver}"
    info = f"{dist}.dist-info"
    meta = {
        f"{info}/METADATA": (f"Metadata-Version: 2.1\nName: {SNIPPETS_DIST}\nVersion: {ver}\n"
                             "License: MIT\nRequires-Dist: numpy\n"),
        f"{info}/WHEEL": ("Wheel-Version: 1.0\nGenerator: tools.runtime_site\n"
                          "Root-Is-Purelib: true\nTag: py3-none-any\n"),
        f"{info}/top_level.txt": "snippets\n",
    }
    buffer = io.BytesIO()
    record = []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as wheel:
        def add(arcname: str, data: bytes) -> None:
            entry = zipfile.ZipInfo(arcname, date_time=(2020, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            wheel.writestr(entry, data)
            sha = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            record.append(f"{arcname},sha256={sha},{len(data)}")
        for path in files:
            add(str(path.relative_to(ROOT)), path.read_bytes())
        for arcname, text in meta.items():
            add(arcname, text.encode())
        add(f"{info}/RECORD", ("\n".join([*record, f"{info}/RECORD,,"]) + "\n").encode())
    return f"{dist}-py3-none-any.whl", buffer.getvalue()


def _link_tree(source: Path, target: Path) -> None:
    """Hard-link (or copy) every file: the stage's 50 MB appear in site/ in milliseconds."""
    for path in source.rglob("*"):
        dest = target / path.relative_to(source)
        if path.is_dir():
            dest.mkdir(parents=True, exist_ok=True)
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(path, dest)
        except OSError:
            shutil.copy2(path, dest)


def _write(path: Path, data: str | bytes) -> None:
    """Write a fresh file (never through a hard link into the stage's cache)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    if isinstance(data, str):
        path.write_text(data, "utf-8")
    else:
        path.write_bytes(data)


def _contents_listing(files: dict[str, str]) -> dict:
    """JupyterLite's api/contents/all.json (jupyter_server's directory model)."""
    stamp = datetime.fromtimestamp(int(os.environ.get("SOURCE_DATE_EPOCH", "0")), UTC)
    when = stamp.isoformat().replace("+00:00", "Z")
    entries = [{"name": name, "path": name, "type": "notebook", "format": None,
                "mimetype": None, "content": None, "writable": True, "created": when,
                "last_modified": when, "size": len(text.encode())}
               for name, text in sorted(files.items())]
    return {"name": "", "path": "", "type": "directory", "format": "json", "mimetype": None,
            "content": entries, "writable": True, "created": when, "last_modified": when,
            "size": None}


def publish(site_dir: Path, site_root: str) -> None:
    stage = _stage()
    shutil.rmtree(site_dir / RUNTIME_DIR, ignore_errors=True)
    target = site_dir / RUNTIME_DIR / runtime_version(site_root)
    _link_tree(stage, target)
    pyodide = target / "pyodide"
    name, wheel = snippets_wheel()
    _write(pyodide / name, wheel)
    lock = json.loads((pyodide / "pyodide-lock.base.json").read_text("utf-8"))
    lock["packages"][SNIPPETS_DIST] = {
        "name": SNIPPETS_DIST, "version": name.split("-")[1], "file_name": name,
        "install_dir": "site", "sha256": hashlib.sha256(wheel).hexdigest(),
        "package_type": "package", "imports": ["snippets"], "depends": ["numpy"],
        "unvendored_tests": False, "shared_library": False,
    }
    _write(pyodide / "pyodide-lock.json", json.dumps(lock, sort_keys=True))
    (pyodide / "pyodide-lock.base.json").unlink()
    lite = target / "lite"
    names = lite_file_names()
    files = {names[key]: text for key, text in _notebooks(site_root).items()}
    for file, text in files.items():
        _write(lite / "files" / file, text)
    _write(lite / "api" / "contents" / "all.json", json.dumps(_contents_listing(files)))
    for page in lite.rglob("*.html"):
        # JupyterLab validates its settings with ajv, which compiles each schema with
        # new Function(). Without 'unsafe-eval' (tried on JupyterLite 0.6.4) the plugin
        # @jupyterlab/apputils-extension:settings fails to activate with an EvalError: no
        # menus, no settings, no language (tests/test_runtime.py sees no menu bar). Still
        # nothing from another origin; the site's own pages do not get it.
        _write(page, add_csp(_with_icon(page, lite), extra_script="'unsafe-eval'"))


def _with_icon(page: Path, lite: Path) -> str:
    """The page's HTML with a favicon link. JupyterLite's pages have none, so the browser
    asked for /favicon.ico (a 404 in the console: the site's icon is assets/favicon.svg);
    Notebook 7 then swaps this link's icon while the kernel is busy."""
    text = page.read_text("utf-8")
    if re.search(r'<link[^>]+rel="[^"]*icon', text):
        return text
    name = "favicon-notebook.ico" if page.parent.name.startswith("notebooks") else "favicon.ico"
    icon = lite / "static" / "favicons" / name
    if not icon.is_file():
        raise PluginError(f"JupyterLite build: {icon} missing (its pages link to it)")
    href = os.path.relpath(icon, page.parent).replace(os.sep, "/")
    return text.replace("</head>", f'<link rel="icon" href="{href}"></head>', 1)


SERVICE_WORKER = "run-sw.js"  # overrides/run-sw.js; run.js registers the one at the site's root


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """One service worker for the whole site: the Spanish build (site/es/) publishes none."""
    if _lang(config) != "en":
        worker = files.get_file_from_path(SERVICE_WORKER)
        if worker is not None:
            files.remove(worker)
    return files


def on_post_build(config: MkDocsConfig) -> None:
    if _lang(config) == "en":  # the English build owns site/ (Spanish is site/es/)
        publish(Path(config.site_dir), config.extra["site_root"])
