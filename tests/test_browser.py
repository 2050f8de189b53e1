"""Every page in a real browser: no console error, no foreign request, axe-clean in both
palettes; plus the language switch and per-language search."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.conftest import sitemap_paths

pytestmark = pytest.mark.browser

AXE_OPTIONS = {
    "resultTypes": ["violations"],
    "runOnly": {"type": "tag", "values": [
        "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
}
AXE = Axe()


def _violations(page) -> list[str]:
    result = AXE.run(page, options=AXE_OPTIONS)
    return [
        f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
        for v in result.response["violations"]
    ]


def _all_pages(site: Path) -> list[str]:
    return sitemap_paths(site)


@pytest.fixture(scope="module")
def context(browser):
    ctx = browser.new_context(color_scheme="light", viewport={"width": 412, "height": 915})
    yield ctx
    ctx.close()


def _scheme(page) -> str | None:
    return page.evaluate("document.body.getAttribute('data-md-color-scheme')")


def test_every_page_is_clean_in_both_palettes(site: Path, server: str, context) -> None:
    """One pass over every page: console, network and axe, in light then (toggled) dark."""
    host = urlsplit(server).netloc
    problems: list[str] = []
    for path in _all_pages(site):
        page = context.new_page()
        console: list[str] = []
        foreign: list[str] = []
        page.on("console", lambda m, c=console: c.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e, c=console: c.append(str(e)))
        page.on("request", lambda r, f=foreign: f.append(r.url)
                if urlsplit(r.url).netloc not in (host, "") else None)
        page.goto(server + path, wait_until="networkidle")
        assert _scheme(page) == "default", f"/{path} did not open in the light palette"
        problems += [f"/{path} light: {v}" for v in _violations(page)]
        # The reader's way to dark mode: Material's own palette toggle.
        page.click("form[data-md-component=palette] label:visible")
        page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
        problems += [f"/{path} dark: {v}" for v in _violations(page)]
        problems += [f"/{path}: console error: {text}" for text in console]
        problems += [f"/{path}: request to another host: {url}" for url in foreign]
        page.evaluate("localStorage.clear()")  # next page starts from the default palette
        page.close()
    assert problems == []


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


@pytest.mark.parametrize("query", ["atencion", "consultas", "pesos", "peso"])
def test_spanish_search_is_stemmed_accent_insensitive_and_spanish_only(
    server: str, context, query: str
) -> None:
    page = context.new_page()
    hits = _search(page, server, "es/", query)
    page.close()
    assert hits, f"no Spanish result for {query!r}"
    resolved = {urlsplit(server + "es/" + h).path for h in hits}
    assert all(p.startswith("/es/") for p in resolved), f"English results for {query!r}: {hits}"
