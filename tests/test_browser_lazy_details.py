"""A collapsed block whose body loads when opened (tools/lazy_details.py, site.js), as a reader
meets it in Chromium, in both languages: opening it shows the build-time content, Material's
copy button copies it, a figure's data table is found by assistive technology and axe-clean,
the link leads to the content without JavaScript, and a failed fetch says so."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.conftest import open_page
from tools.page_code import setup_code, shown_sections

pytestmark = pytest.mark.browser

PAGE = "cross-attention-today"
TEXT = {  # language -> (page path, setup block summary start, figure table summary, error,
    #                    loading)
    "en": (f"{PAGE}/", "Imports and helpers", "Numbers behind the figure",
           "Could not load this content", "Loading…"),
    "es": (f"es/{PAGE}/", "Importaciones y funciones", "Datos de la figura",
           "No se pudo cargar este contenido", "Cargando…"),
}
LANGS = sorted(TEXT)


@pytest.fixture
def context(browser):
    ctx = browser.new_context(viewport={"width": 412, "height": 915},
                              permissions=["clipboard-read", "clipboard-write"])
    yield ctx
    ctx.close()


def _open(context, server: str, lang: str):
    return open_page(context, server + TEXT[lang][0])


def _block(page, summary: str):
    return page.locator("details[data-ag-lazy]", has=page.locator("summary", has_text=summary))


@pytest.mark.parametrize("lang", LANGS)
def test_setup_block_opens_with_the_build_time_code_and_copies_it(context, server: str,
                                                                  lang: str) -> None:
    page, errors = _open(context, server, lang)
    fragments = []
    page.on("request", lambda r: fragments.append(r.url) if "/fragments/" in r.url else None)
    block = _block(page, TEXT[lang][1])
    assert block.count() == 1
    assert fragments == [], "the block's body loaded before the reader opened it"
    block.locator("summary").click()
    code = block.locator("pre > code")
    expect(code).to_be_visible()
    expected = setup_code(shown_sections(PAGE, lang))
    assert code.text_content() == expected
    assert len(fragments) == 1 and block.get_attribute("aria-busy") is None
    assert block.locator(".ag-lazy-link").count() == 0
    # Material's copy button, as on every code block of the page, in the page's language.
    button = block.locator("pre > nav.md-code__nav > button.md-code__button[data-md-type=copy]")
    static = page.locator("article pre > nav button.md-code__button").first
    assert button.get_attribute("title") == static.get_attribute("title")
    button.click()
    expect(page.locator(".md-dialog")).to_be_visible()  # Material's "Copied to clipboard"
    assert page.evaluate("navigator.clipboard.readText()") == expected.rstrip()
    # Closing and opening again fetches nothing more.
    block.locator("summary").click()
    block.locator("summary").click()
    assert len(fragments) == 1 and code.count() == 1
    assert errors == []
    page.close()


@pytest.mark.parametrize("lang", LANGS)
def test_figure_table_opens_for_assistive_technology(context, server: str, lang: str) -> None:
    page, errors = _open(context, server, lang)
    blocks = _block(page, TEXT[lang][2])
    assert blocks.count() >= 3
    for i in range(blocks.count()):
        block = blocks.nth(i)
        block.scroll_into_view_if_needed()
        block.locator("summary").click()
        caption = block.locator("table > caption")
        expect(caption).to_be_visible()
        # The table, named by its caption, is in the accessibility tree once opened.
        expect(block.get_by_role("table", name=caption.text_content())).to_be_visible()
        assert block.locator(".md-typeset__scrollwrap > .md-typeset__table > table").count() == 1
        assert block.locator("td").count() > 0
    result = Axe().run(page, context="details[data-ag-lazy]", options={
        "resultTypes": ["violations"], "runOnly": {"type": "tag", "values": [
            "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}})
    violations = [f"{v['id']}: {[n['target'] for n in v['nodes'][:3]]}"
                  for v in result.response["violations"]]
    assert violations == [] and errors == []
    page.close()


@pytest.mark.parametrize("lang", LANGS)
def test_without_javascript_the_link_leads_to_the_content(browser, server: str,
                                                          lang: str) -> None:
    ctx = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 780})
    page = ctx.new_page()
    page.goto(server + TEXT[lang][0])
    block = _block(page, TEXT[lang][1])
    block.locator("summary").click()
    link = block.locator(".ag-lazy-link a")
    expect(link).to_be_visible()
    link.click()
    page.wait_for_url(re.compile(r"/assets/fragments/[0-9a-f]{12}\.html$"))
    assert page.locator("html").get_attribute("lang") == lang
    code = page.locator("#ag-fragment pre > code")
    assert code.text_content() == setup_code(shown_sections(PAGE, lang))
    assert page.title().startswith(TEXT[lang][1])
    # It looks like the site, fits a phone (the code scrolls, not the page), and leads back.
    assert page.evaluate("getComputedStyle(document.querySelector('pre > code'))"
                         ".backgroundColor") != "rgba(0, 0, 0, 0)", "the site's styles"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.locator("a", has_text="←").click()
    page.wait_for_url(server + TEXT[lang][0])
    ctx.close()


@pytest.mark.parametrize("lang", LANGS)
def test_a_failed_fetch_says_so_and_the_next_opening_retries(context, server: str,
                                                             lang: str) -> None:
    page, _ = _open(context, server, lang)
    page.route("**/assets/fragments/**", lambda route: route.fulfill(status=503, body=""))
    block = _block(page, TEXT[lang][1])
    block.locator("summary").click()
    error = block.locator(".ag-lazy-note[role=alert]")
    expect(error).to_contain_text(TEXT[lang][3])
    assert "503" in error.text_content()
    expect(block.locator(".ag-lazy-link a")).to_be_visible()  # the way to the content stays
    assert block.get_attribute("aria-busy") is None
    page.unroute("**/assets/fragments/**")
    block.locator("summary").click()  # closed
    block.locator("summary").click()  # opened again: fetched again
    expect(block.locator("pre > code")).to_be_visible()
    assert error.count() == 0
    page.close()


@pytest.mark.parametrize("lang", LANGS)
def test_while_loading_the_block_says_so_and_hides_the_link(context, server: str,
                                                            lang: str) -> None:
    page, _ = _open(context, server, lang)
    held = []
    page.route("**/assets/fragments/**", lambda route: held.append(route))  # held until released
    block = _block(page, TEXT[lang][1])
    block.locator("summary").click()
    expect(block.locator(".ag-lazy-note[role=status]")).to_have_text(TEXT[lang][4])
    expect(block.locator(".ag-lazy-link a")).to_be_hidden()  # a tap would leave the page
    assert block.get_attribute("aria-busy") == "true"
    page.wait_for_timeout(100)
    held[0].continue_()
    expect(block.locator("pre > code")).to_be_visible()
    assert block.locator(".ag-lazy-note").count() == 0
    assert block.get_attribute("aria-busy") is None
    page.close()


@pytest.mark.parametrize("lang", LANGS)
def test_offline_the_message_is_in_the_pages_language_only(context, server: str,
                                                            lang: str) -> None:
    """A network error (no HTTP status) and a module that cannot load both say so in the
    page's language, without the browser's own words ("Failed to fetch")."""
    page, _ = _open(context, server, lang)
    page.route("**/assets/fragments/**", lambda route: route.abort())
    block = _block(page, TEXT[lang][1])
    block.locator("summary").click()
    error = block.locator(".ag-lazy-note[role=alert]")
    expect(error).to_contain_text(TEXT[lang][3])
    assert "(" not in error.text_content() and "fetch" not in error.text_content().lower()
    page.close()
    fresh = context.new_page()
    fresh.route("**/site-deferred.js", lambda route: route.abort())
    fresh.goto(server + TEXT[lang][0], wait_until="networkidle")
    block = _block(fresh, TEXT[lang][1])
    block.locator("summary").click()
    expect(block.locator(".ag-lazy-note[role=alert]")).to_contain_text(TEXT[lang][3])
    expect(block.locator(".ag-lazy-link a")).to_be_visible()
    fresh.close()


def test_a_link_to_something_inside_a_closed_block_opens_it(context, server: str) -> None:
    """No body holds an id today; this one is given one (the page lists it, its file has it)."""
    page = context.new_page()

    def with_target(route):
        response = route.fetch()
        route.fulfill(response=response, body=response.text().replace(
            '<details class="example" data-ag-lazy>',
            '<details class="example" data-ag-lazy data-ag-ids="inside">', 1))

    def fragment_with_target(route):
        response = route.fetch()
        route.fulfill(response=response, body=response.text().replace(
            '<main id="ag-fragment">', '<main id="ag-fragment"><p id="inside">Inside</p>'))

    page.route(f"**/{PAGE}/", with_target)
    page.route("**/assets/fragments/**", fragment_with_target)
    page.goto(server + f"{PAGE}/#inside", wait_until="networkidle")
    block = _block(page, TEXT["en"][1])
    expect(page.locator("#inside")).to_be_in_viewport()
    assert block.get_attribute("open") is not None
    assert block.locator("pre > code").text_content() == setup_code(shown_sections(PAGE, "en"))
    page.close()
