"""Shared fixtures: the built site, a local server, and Debian's Chromium via Playwright."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "site"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


# What the built site is made from, besides the Python code the build runs (site_code): a test
# that reads site/ refuses a site older than any of these.
SITE_DATA = ("docs", "snippets", "glossary", "notebooks", "overrides", "ui", "vendor/katex",
             "vendor/pyodide", "mkdocs.yml", "mkdocs.es.yml", "references.bib", "package-lock.json")


def _module_file(root: Path, name: str) -> Path | None:
    """The project file of module ``name`` (``tools.runtime``), or None if it is not ours."""
    path = root.joinpath(*name.split("."))
    for candidate in (path / "__init__.py", path.with_suffix(".py")):
        if candidate.is_file():
            return candidate
    return None


def mkdocs_config(root: Path = ROOT) -> dict:
    """mkdocs.yml as plain data (tools/prebuild.read_config), or {} when a test's bare project
    has none."""
    from tools.prebuild import read_config

    config_file = root / "mkdocs.yml"
    return read_config(config_file) if config_file.is_file() else {}


def nav_paths(root: Path = ROOT) -> list[str]:
    """The site path of every page in mkdocs.yml's nav ("attention-weights/", "glossary/",
    "notebooks/translator/"), the home page ("") first."""
    def walk(items: list) -> list[str]:
        found = []
        for item in items:
            values = item.values() if isinstance(item, dict) else [item]
            for value in values:
                found += walk(value) if isinstance(value, list) else [value]
        return found

    return [re.sub(r"\.(md|ipynb)$", "/", page).removesuffix("index/")
            for page in walk(mkdocs_config(root).get("nav", []))]


def site_code(root: Path = ROOT) -> set[Path]:
    """The project's Python files the build runs: the hooks mkdocs.yml names, tools/build.py and
    the modules the pages' code blocks import, and every project module those import, at any
    depth and inside functions (read, not run)."""
    import ast

    config = mkdocs_config(root)
    todo = [path for path in [*(root / hook for hook in config.get("hooks", [])),
                              root / "tools" / "build.py"] if path.is_file()]
    for page in (root / "docs").rglob("*.md"):  # build-time code blocks (markdown-exec)
        for name in re.findall(r"^\s*(?:from|import)\s+([\w.]+)", page.read_text("utf-8"),
                               re.MULTILINE):
            todo += filter(None, [_module_file(root, name)])
    found: set[Path] = set()
    while todo:
        path = todo.pop()
        if path in found:
            continue
        found.add(path)
        package = ".".join(path.relative_to(root).parent.parts)
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:  # from . import x / from .y import x
                    parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                    base = f"{parent}.{base}".strip(".")
                names = [base] + [f"{base}.{alias.name}" for alias in node.names]
            else:
                continue
            for name in names:
                parts = name.split(".")
                for end in range(1, len(parts) + 1):  # a package's __init__ runs too
                    module = _module_file(root, ".".join(parts[:end]))
                    if module is not None:
                        todo.append(module)
    return found


def newest_source(root: Path = ROOT) -> tuple[float, Path]:
    """(mtime, path) of the most recently changed source file of the site."""
    newest = (0.0, root)
    files = [*site_code(root)]
    for name in SITE_DATA:
        path = root / name
        files += path.rglob("*") if path.is_dir() else [path]
    for file in files:
        if file.is_file() and "__pycache__" not in file.parts:
            newest = max(newest, (file.stat().st_mtime, file))
    return newest


def luminance(rgb: list[float]) -> float:
    """WCAG relative luminance of an sRGB colour (channels 0-255; an alpha is ignored)."""
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ensure_site(root: Path = ROOT) -> Path:
    """The built site. `make test` builds it first; a bare `pytest` builds it if missing, and
    fails, naming the changed file, if it is older than its sources."""
    site = root / "site"
    pages = [site / "index.html", site / "es" / "index.html"]
    if not all(page.is_file() for page in pages):
        subprocess.run([sys.executable, "-m", "tools.build"], cwd=root, check=True)
    built = min(page.stat().st_mtime for page in pages)
    changed, source = newest_source(root)
    if changed > built:
        pytest.fail(f"site/ is older than its sources ({source.relative_to(root)} changed after "
                    "the last build): run `python -m tools.build` (or `make build`) first",
                    pytrace=False)
    return site


@pytest.fixture(scope="session")
def site() -> Path:
    return ensure_site()


def built_site_root(site_dir: Path) -> str:
    """The site_url the site was built with (SITE_URL or the local default), from the
    canonical link of the English home page."""
    found = re.search(r'<link rel="canonical" href="([^"]+)"',
                      (site_dir / "index.html").read_text("utf-8"))
    assert found, "site/index.html has no canonical link"
    return found.group(1)


def sitemap_paths(site_dir: Path) -> list[str]:
    """Every page path of both languages ('' for the English home, 'es/...' for Spanish)."""
    paths: list[str] = []
    for sitemap in (site_dir / "sitemap.xml", site_dir / "es" / "sitemap.xml"):
        for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap.read_text("utf-8")):
            paths.append(re.sub(r"^https?://[^/]+/", "", loc))
    return paths


@pytest.fixture(scope="session")
def server(site: Path) -> Iterator[str]:
    """Base URL of the built site served like a static host (gzip, per-language 404)."""
    from tools.serve import make_server

    httpd = make_server(site, port=0)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (no browser download)."""
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"{CHROMIUM} not found: install Debian's chromium "
                    "(`make test` does it when run as root)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def copy_project(dest: Path, *parts: str) -> Path:
    """Copy the named top-level parts of the project (e.g. 'docs') into ``dest``."""
    for part in parts:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, dest / part)
    return dest


def open_page(context, url: str):
    """A new page of ``context`` at ``url`` (network idle) and the list its console errors and
    uncaught exceptions go to, from before the page loads."""
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url, wait_until="networkidle")
    return page, errors
