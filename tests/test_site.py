"""Static checks on the built site: languages, hreflang, search, assets, strictness."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import ROOT, copy_project, ensure_site, sitemap_paths

LOCAL_ROOT = "http://127.0.0.1:8000/"  # site_url of local and test builds


def _html_files(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html"))


def _page_file(site: Path, path: str) -> Path:
    return site / path / "index.html" if path.endswith("/") or path in ("", "es/") else site / path


def test_every_page_has_the_right_lang_and_hreflang(site: Path) -> None:
    paths = sitemap_paths(site)
    assert paths, "the sitemaps list no page"
    for path in paths:
        html = _page_file(site, path).read_text("utf-8")
        lang = "es" if path.startswith("es/") else "en"
        assert f'<html lang="{lang}"' in html, f"{path}: wrong <html lang>"
        neutral = path.removeprefix("es/")
        links = dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)"', html))
        assert links == {
            "en": LOCAL_ROOT + neutral,
            "es": LOCAL_ROOT + "es/" + neutral,
            "x-default": LOCAL_ROOT + neutral,
        }, f"{path}: hreflang alternates {links}"
        for url in links.values():
            assert _page_file(site, url.removeprefix(LOCAL_ROOT)).is_file(), f"{path}: {url}"


def test_every_page_has_a_description_in_its_language(site: Path) -> None:
    for path in sitemap_paths(site):
        if path.startswith("es/"):
            continue
        en = _page_file(site, path).read_text("utf-8")
        es = _page_file(site, "es/" + path).read_text("utf-8")
        en_desc = re.search(r'<meta name="description" content="([^"]+)"', en)
        es_desc = re.search(r'<meta name="description" content="([^"]+)"', es)
        assert en_desc and es_desc, f"{path}: missing meta description"
        assert en_desc.group(1) != es_desc.group(1), f"{path}: same description in both languages"


def test_not_found_pages_speak_their_language(site: Path) -> None:
    en = (site / "404.html").read_text("utf-8")
    es = (site / "es" / "404.html").read_text("utf-8")
    assert '<html lang="en"' in en and "Page not found" in en
    assert '<html lang="es"' in es and "Página no encontrada" in es


def test_search_index_per_language(site: Path) -> None:
    en = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    es = json.loads((site / "es" / "search" / "search_index.json").read_text("utf-8"))
    assert en["config"]["lang"] == ["en"] and es["config"]["lang"] == ["es"]
    assert "stemmer" in es["config"]["pipeline"] and "trimmer" not in es["config"]["pipeline"]
    es_titles = {doc["title"] for doc in es["docs"]}
    en_titles = {doc["title"] for doc in en["docs"]}
    assert "Glosario de atención" in es_titles and "Attention Glossary" not in es_titles
    assert "Attention Glossary" in en_titles and "Glosario de atención" not in en_titles


def test_no_asset_is_loaded_from_another_host(site: Path) -> None:
    loaders = re.compile(
        r'<(?:script|img|iframe|source|audio|video)[^>]+src="(https?:)?//'
        r'|<link(?![^>]*rel="(?:alternate|canonical)")[^>]+href="(https?:)?//'
        r"|@import\s+url\((?:https?:)?//|url\((?:['\"])?(?:https?:)?//"
    )
    offenders = [
        str(path.relative_to(site))
        for path in [*_html_files(site), *site.rglob("*.css")]
        if loaders.search(path.read_text("utf-8", errors="replace"))
    ]
    assert offenders == []


def test_math_is_prerendered(site: Path) -> None:
    # The home page links its formula instead of typesetting it (its KaTeX fonts would push
    # the first view past 100 KB); the first concept page holds math.
    html = (site / "attention-weights" / "index.html").read_text("utf-8")
    assert 'class="katex"' in html and "<math" in html
    assert 'class="arithmatex"' not in html, "math left for the browser to render"
    assert "katex.min.js" not in html


def test_material_scripts_are_patched_in_both_languages(site: Path) -> None:
    bundles = sorted(site.rglob("javascripts/bundle.*.min.js"))
    workers = sorted(site.rglob("javascripts/workers/search.*.min.js"))
    assert len(bundles) == len(workers) == 2
    for bundle in bundles:
        text = bundle.read_text("utf-8")
        assert "link[rel=alternate][data-md-language-root]" in text
        assert re.search(r'\(!1\),[\w$]{1,3}\("search"\)', text), "index not loaded on demand"
        assert "=window.agLazyWorker(" in text, "search worker not started on demand"
    for worker in workers:
        assert re.search(r"`\$\{(\w+)\} \$\{\1\}\*`", worker.read_text("utf-8")), worker


def test_strict_build_fails_on_a_broken_link(tmp_path: Path) -> None:
    project = copy_project(tmp_path, "mkdocs.yml", "mkdocs.es.yml", "docs", "overrides",
                           "hooks", "vendor", "snippets", "references.bib", "pyproject.toml",
                           "glossary", "notebooks", "ui", "tools",
                           "CITATION.cff")  # concept-page citations read the release date
    page = project / "docs" / "en" / "index.md"
    page.write_text(page.read_text("utf-8") + "\n[broken](no-such-page.md)\n", "utf-8")
    # no --strict on the command line: the configuration's own `strict: true` must catch it
    # The figures drawn by the last build are reused (same snippets, same cache key): what is
    # tested here is link validation, not drawing, which took most of this test's minute.
    env = {**os.environ, "AG_FIGURE_CACHE": str(ROOT / ".cache" / "figures")}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", "mkdocs.yml"],
        cwd=project, capture_output=True, text=True, env=env,
    )
    assert result.returncode != 0
    assert "no-such-page.md" in result.stderr


def _digest(directory: Path) -> dict[str, str]:
    return {
        str(path.relative_to(directory)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(directory.rglob("*")) if path.is_file()
    }


@pytest.mark.slow
def test_two_builds_are_byte_identical(site: Path, tmp_path: Path) -> None:
    """A second build, drawing every figure anew (its own figure cache) and converting every
    page anew (no render cache), writes the same bytes as the build in site/ (one build fewer
    than building twice here)."""
    env = {**os.environ, "AG_FIGURE_CACHE": str(tmp_path / "figures"), "AG_RENDER_CACHE": "0"}
    subprocess.run([sys.executable, "-m", "tools.build", "--site-dir", str(tmp_path / "b")],
                   cwd=ROOT, check=True, capture_output=True, env=env)
    first, second = _digest(site), _digest(tmp_path / "b")
    differing = sorted(k for k in first if first[k] != second.get(k))
    assert first.keys() == second.keys()
    assert differing == []


def test_a_site_older_than_its_sources_is_refused(tmp_path: Path) -> None:
    for page in ("site/index.html", "site/es/index.html", "docs/en/index.md"):
        (tmp_path / page).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / page).write_text("x")
    os.utime(tmp_path / "docs/en/index.md", (2e9, 2e9))  # edited after the build
    with pytest.raises(pytest.fail.Exception, match=r"docs/en/index\.md changed after the last"):
        ensure_site(tmp_path)
    os.utime(tmp_path / "docs/en/index.md", (1e9, 1e9))
    assert ensure_site(tmp_path) == tmp_path / "site"


class _Accessibility(HTMLParser):
    """What axe would find on a glossary page that depends on the entry's content."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.problems: list[str] = []
        self._links: list[list] = []  # open <a href>: [has a name, href]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if "id" in a:
            self.ids.append(a["id"] or "")
        named = any(a.get(k) for k in ("aria-label", "aria-labelledby", "title"))
        if tag == "img" and a.get("alt") is None:
            self.problems.append(f"<img src={a.get('src')!r}> has no alt text")
        if tag == "img" and a.get("alt") and self._links:
            self._links[-1][0] = True
        if tag == "a" and "href" in a:
            self._links.append([named, a["href"]])

    def handle_data(self, data: str) -> None:
        if self._links and data.strip():
            self._links[-1][0] = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._links:
            named, href = self._links.pop()
            if not named:
                self.problems.append(f"link to {href!r} has no text")


def test_glossary_pages_have_unique_ids_alt_text_and_named_links(site: Path) -> None:
    """The ~540 glossary pages are axe-checked in a browser by sample (tests/test_browser.py);
    these content-dependent rules are checked on every one."""
    paths = [p for p in sitemap_paths(site) if "glossary/" in p]
    assert len(paths) > 100, "expected every glossary entry and version in the sitemaps"
    problems = []
    for path in paths:
        checker = _Accessibility()
        checker.feed(_page_file(site, path).read_text("utf-8"))
        duplicates = sorted({i for i in checker.ids if checker.ids.count(i) > 1})
        problems += [f"/{path}: duplicate id {i!r}" for i in duplicates]
        problems += [f"/{path}: {p}" for p in checker.problems]
    assert problems == []


def test_search_dialog_is_named_in_the_pages_language(site: Path) -> None:
    """Material's search overlay is a dialog; screen readers announce it by its name."""
    from ui import strings

    for page, lang in (("index.html", "en"), ("es/index.html", "es"),
                       ("glossary/softmax/index.html", "en")):
        name = strings(lang, "theme")["search.placeholder"]  # the input's label, as Material
        html = (site / page).read_text("utf-8")
        assert f'role="dialog" aria-label="{name}"' in html, f"{page}: search dialog unnamed"
