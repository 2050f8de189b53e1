"""Pages in a real browser: no console error, no foreign request, axe-clean in both palettes;
plus the language switch and per-language search.

Every hand-written page and notebook page of both languages is checked. The ~540 glossary
pages come from one template (glossary/pages.py), so a sample stands for them: each
language's index, its longest and shortest entry, and the oldest archived version of the
entry with the most versions. What varies with an entry's content and can be read from the
HTML (ids, alt text, link text, foreign hosts) is checked on every page by tests/test_site.py.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.conftest import ensure_site, sitemap_paths

GLOSSARY_PAGE = re.compile(r"(es/)?glossary/.+/")

pytestmark = pytest.mark.browser

AXE_OPTIONS = {
    "resultTypes": ["violations"],
    "runOnly": {"type": "tag", "values": [
        "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
}
AXE = Axe()


def _violations(page, options: dict) -> list[str]:
    result = AXE.run(page, options=options)
    return [
        f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
        for v in result.response["violations"]
    ]


# The dark palette changes colours only: re-check the colour rules there.
AXE_DARK_OPTIONS = {
    "resultTypes": ["violations"],
    "runOnly": {"type": "rule", "values": ["color-contrast", "link-in-text-block"]},
}


def browser_sample(site: Path) -> list[str]:
    """Every page except glossary entries and versions, plus the sample described above."""
    paths = sitemap_paths(site)
    kept = [p for p in paths if not GLOSSARY_PAGE.fullmatch(p)]
    for lang in ("", "es/"):
        entries = [p for p in paths if re.fullmatch(lang + r"glossary/[^/]+/", p)]
        versions = [p for p in paths if re.fullmatch(lang + r"glossary/[^/]+/[^/]+/", p)]
        assert entries and versions, f"no glossary entries or versions for {lang or 'en/'}"
        size = {p: (site / p / "index.html").stat().st_size for p in entries}
        most_versions = max(entries, key=lambda e: sum(v.startswith(e) for v in versions))
        kept += [max(entries, key=size.get), min(entries, key=size.get),
                 min(v for v in versions if v.startswith(most_versions))]
    return list(dict.fromkeys(kept))


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    # One test per built page (both languages), so a failure names the page and
    # pytest-xdist can spread the pages over the cores.
    if "page_path" in metafunc.fixturenames:
        paths = browser_sample(ensure_site())
        metafunc.parametrize("page_path", paths, ids=[f"/{p}" for p in paths])


@pytest.fixture(scope="module")
def context(browser):
    ctx = browser.new_context(color_scheme="light", viewport={"width": 412, "height": 915})
    yield ctx
    ctx.close()


# Material (code blocks) and site.js (formulas, tables, tabs) make a block that overflows
# sideways focusable from resize observers, which a busy machine may run after the load.
SCROLL_MARKS_SETTLED = """() => [...document.querySelectorAll(
  'pre > code, .math-display, .md-typeset__scrollwrap, .tabbed-labels')].every(
  e => e.scrollWidth <= e.clientWidth + 1 || e.hasAttribute('tabindex'))"""


def _let_scroll_marks_settle(page) -> None:
    """Wait up to 10 s for those marks; if they never come, axe reports the block."""
    try:
        page.wait_for_function(SCROLL_MARKS_SETTLED, timeout=10_000)
    except PlaywrightTimeout:
        pass


def _scheme(page) -> str | None:
    return page.evaluate("document.body.getAttribute('data-md-color-scheme')")


def test_page_is_clean_in_both_palettes(server: str, context, page_path: str) -> None:
    """Console, network and axe, in light then (toggled) dark."""
    host = urlsplit(server).netloc
    page = context.new_page()
    console: list[str] = []
    foreign: list[str] = []
    page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: console.append(str(e)))
    page.on("request", lambda r: foreign.append(r.url)
            if urlsplit(r.url).netloc not in (host, "") else None)
    try:
        page.goto(server + page_path, wait_until="networkidle")
        assert _scheme(page) == "default", "the page did not open in the light palette"
        _let_scroll_marks_settle(page)
        problems = [f"light: {v}" for v in _violations(page, AXE_OPTIONS)]
        # The reader's way to dark mode: Material's own palette toggle.
        page.click("form[data-md-component=palette] label:visible")
        page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
        problems += [f"dark: {v}" for v in _violations(page, AXE_DARK_OPTIONS)]
        problems += [f"console error: {text}" for text in console]
        problems += [f"request to another host: {url}" for url in foreign]
        assert problems == []
    finally:
        page.evaluate("localStorage.clear()")  # the next page starts from the default palette
        page.close()


def test_language_switch_keeps_page_and_anchor(server: str, context) -> None:
    page = context.new_page()
    page.goto(server + "#how-it-is-made", wait_until="networkidle")
    page.click(".md-header__option .md-select button")
    page.click('a.md-select__link[hreflang="es"]')
    page.wait_for_url("**/es/#how-it-is-made")
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.locator("#how-it-is-made").is_visible()
    page.click(".md-header__option .md-select button")
    page.click('a.md-select__link[hreflang="en"]')
    page.wait_for_url(lambda url: urlsplit(url).path == "/" and url.endswith("#how-it-is-made"))
    assert page.locator("html").get_attribute("lang") == "en"
    page.close()


def _search(page, server: str, path: str, query: str) -> list[str]:
    page.goto(server + path, wait_until="networkidle")
    page.click("label.md-header__button[for='__search']")
    page.locator("input.md-search__input").press_sequentially(query, delay=10)
    page.wait_for_selector(".md-search-result__item", timeout=10000)
    return page.eval_on_selector_all(
        ".md-search-result__item a", "els => els.map(e => e.getAttribute('href'))")


# "temperaturas" and "mascaras" never occur on the site: only stemming and accent folding find them
@pytest.mark.parametrize(
    "query", ["atencion", "consultas", "pesos", "peso", "temperaturas", "mascaras"])
def test_spanish_search_is_stemmed_accent_insensitive_and_spanish_only(
    server: str, context, query: str
) -> None:
    page = context.new_page()
    hits = _search(page, server, "es/", query)
    page.close()
    assert hits, f"no Spanish result for {query!r}"
    resolved = {urlsplit(server + "es/" + h).path for h in hits}
    assert all(p.startswith("/es/") for p in resolved), f"English results for {query!r}: {hits}"


# Terms with a stop word: Material adds a wildcard to each query word, so "de" once matched
# every word starting with "de" and buried the entry (mkdocs*.yml: stop words separate words).
@pytest.mark.parametrize(("path", "query", "entry"), [
    ("es/", "peso de atención", "attention-weight"),
    ("es/", "entropía de la atención", "attention-entropy"),
    ("es/", "cabeza de atención", "attention-head"),
    ("", "Attend-and-Excite", "attend-and-excite"),
])
def test_a_glossary_term_finds_its_own_entry_first(
    server: str, context, path: str, query: str, entry: str
) -> None:
    page = context.new_page()
    page.goto(server + path, wait_until="networkidle")
    page.click("label.md-header__button[for='__search']")
    page.fill("input.md-search__input", query)  # one input event: no results for a prefix
    page.wait_for_selector(".md-search-result__item", timeout=10000)
    page.wait_for_timeout(500)
    first = page.locator(".md-search-result__item > a").first.get_attribute("href")
    page.close()
    assert urlsplit(first).path == f"/{path}glossary/{entry}/", (
        f"{query!r}: the first result is {first}, not the entry")


@pytest.mark.browser
def test_spanish_not_found_page_on_a_host_with_one_404(site, context) -> None:
    """GitHub Pages serves the root 404.html for every missing address; a Spanish one must
    still end on the Spanish not-found page, and an English one stay on the English page."""
    import threading

    from tools.serve import make_server

    httpd = make_server(site, port=0, root_404_only=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    try:
        page = context.new_page()
        page.goto(base + "es/no-existe/")
        page.wait_for_url(base + "es/404.html", timeout=10_000)
        assert page.locator("html").get_attribute("lang") == "es"
        assert "Página no encontrada" in page.locator("h1").inner_text()
        page.goto(base + "no-such-page/")
        page.wait_for_load_state("load")
        assert page.url == base + "no-such-page/"
        assert page.locator("html").get_attribute("lang") == "en"
        page.close()
    finally:
        httpd.shutdown()
