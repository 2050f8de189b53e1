"""The reader's experience in Chromium (issue 18): the home page's way in and its live
explorer, the explorer drawn like its static figure, preview-and-snap-back, announcements,
reset, and sentences typed by the reader checked against numpy. Both languages, light and
dark, a desktop and a 360 px phone viewport."""

from __future__ import annotations

import numpy as np
import pytest
from playwright.sync_api import expect

from snippets import explorer
from snippets.explorer import Settings, numpy_weights
from snippets.figures._style import CMAP
from snippets.toy_embedding import tokenize, typed_weights
from tests.conftest import luminance, nav_paths

pytestmark = pytest.mark.browser

ROOT_SEL = ".ag-explorer"
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 360, "height": 780}}
FIRST_VIEW_BUDGET_KB = 100


def _context(browser, viewport: str, scheme: str = "light"):
    phone = viewport == "phone"
    return browser.new_context(viewport=VIEWPORTS[viewport], color_scheme=scheme,
                               is_mobile=phone, has_touch=phone)


def _open(context, server: str, path: str, errors: list[str] | None = None):
    page = context.new_page()
    if errors is not None:
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server + path, wait_until="networkidle")
    page.locator(ROOT_SEL).first.scroll_into_view_if_needed()
    page.wait_for_selector(".ag-x", timeout=10_000)
    return page


def _hook(page, name: str):
    return page.eval_on_selector(ROOT_SEL, f"el => el.agExplorer.{name}()")


def _rgb(hex_colour: str) -> list[int]:
    return [int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)]


def _expected_fill(fraction: float) -> list[int]:
    # matplotlib's lookup: 256 entries, index floor(f * 256) clipped to 0..255
    index = min(max(int(np.floor(fraction * 256)), 0), 255)
    return [round(c * 255) for c in CMAP(index)[:3]]


# --- the home page: a way in --------------------------------------------------------------

@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize(("lang", "scheme"), [("", "light"), ("es/", "dark")])
def test_home_page_first_screen_offers_a_path_and_a_live_diagram(
        browser, server: str, viewport: str, lang: str, scheme: str) -> None:
    context = _context(browser, viewport, scheme)
    errors: list[str] = []
    page = context.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server + lang, wait_until="networkidle")
    page.wait_for_selector(".ag-x", timeout=10_000)  # loaded without scrolling
    height = VIEWPORTS[viewport]["height"]

    def on_first_screen(selector: str) -> bool:
        box = page.locator(selector).first.bounding_box()
        return box is not None and box["y"] + min(box["height"], 40) <= height

    # The learning path: Learn -> Run -> Cite, pointing into concepts, notebooks, glossary.
    path = page.locator(".ag-path a")
    hrefs = [path.nth(i).get_attribute("href") for i in range(path.count())]
    assert hrefs == ["attention-weights/", "notebooks/attention-weights/", "glossary/"], hrefs
    assert on_first_screen(".ag-path"), "the learning path is below the first screen"
    # The live diagram: the temperature and the query words can be used without scrolling.
    for selector in (".ag-x input[type=range]", ".ag-x [role=radio]"):
        assert on_first_screen(selector), f"{selector} is below the first screen ({viewport})"
    if viewport == "desktop":
        assert on_first_screen(".ag-x-heat"), "the heat map is below the first screen"
    # Playing with it: a tap or click on a query, then a lower temperature.
    page.locator(".ag-x [role=radio]").nth(2).click()
    assert _hook(page, "query") == 2
    page.locator(".ag-x input[type=range]").focus()
    page.keyboard.press("Home")
    assert page.locator(".ag-x output").text_content() == "0.1"
    expected = numpy_weights("typed", Settings(temperature=0.1), "es" if lang else "en")
    assert np.abs(np.array(_hook(page, "weights")) - expected).max() <= 1e-9
    # Links into every page of the nav (concepts, notebooks, reference), in the page body.
    body = page.locator("article a[href]")
    links = {body.nth(i).get_attribute("href") for i in range(body.count())}
    for target in nav_paths()[1:]:
        assert target in links, f"the home page does not link to {target}"
    assert errors == []
    context.close()


@pytest.mark.parametrize("lang", ["", "es/"])
def test_home_page_first_view_is_at_most_100_kb(browser, server: str, lang: str) -> None:
    """Everything a first visit downloads, live explorer included, as tools.bench counts it."""
    context = _context(browser, "phone")
    page = context.new_page()
    page.goto(server + lang, wait_until="networkidle")
    page.wait_for_selector(".ag-x", timeout=10_000)
    page.wait_for_load_state("networkidle")
    total = page.evaluate(
        "() => performance.getEntriesByType('navigation')[0].transferSize +"
        " performance.getEntriesByType('resource').reduce((sum, r) => sum + r.transferSize, 0)")
    context.close()
    assert total / 1024 <= FIRST_VIEW_BUDGET_KB, f"/{lang}: first view {total / 1024:.1f} KB"


# --- the explorer draws like the static figure -------------------------------------------

@pytest.mark.parametrize(("path", "kind", "viewport", "scheme"), [
    ("attention-weights/", "self", "desktop", "light"),
    ("es/cross-attention/", "cross", "phone", "dark"),
    ("translator/", "learned", "phone", "light"),
    ("es/attention-weights/", "self", "desktop", "dark"),
])
def test_heat_map_has_the_figures_colours_values_sums_and_scale(
        browser, server: str, path: str, kind: str, viewport: str, scheme: str) -> None:
    context = _context(browser, viewport, scheme)
    page = _open(context, server, path)
    data = explorer.explorer_data(kind)
    expected = numpy_weights(kind, Settings(masks=data.default_masks))
    cells = page.eval_on_selector_all(
        ".ag-x-heat .ag-x-cell",
        "els => els.map(e => [getComputedStyle(e).fill, e.nextSibling.textContent])")
    m, n = expected.shape
    assert len(cells) == m * n
    vmax = expected.max()
    for (fill, text), w in zip(cells, expected.ravel(), strict=True):
        allowed = w > 0 or not data.default_masks
        if not allowed:
            assert text == ""
            continue
        assert text == f"{w:.2f}", (text, w)
        rgb = [int(c) for c in fill.removeprefix("rgb(").removesuffix(")").split(",")]
        assert rgb == _expected_fill(w / vmax), (fill, w)
    sums = page.locator(".ag-x-heat > text.ag-x-num").all_text_contents()
    assert [float(s) for s in sums] == pytest.approx(expected.sum(axis=1), abs=5e-4)
    ticks = page.locator(".ag-x-heat .ag-x-tick").all_text_contents()
    assert float(ticks[0]) == 0 and float(ticks[-1]) == pytest.approx(vmax, abs=5e-3)
    # The printed numbers stay readable on every cell colour: each in the end of the colour
    # map that contrasts more with its cell (at worst about 3.6:1 on viridis).
    ratio = page.evaluate("""() => {
      const lum = (c) => { const [r, g, b] = c.match(/[\\d.]+/g).slice(0, 3).map((v) => {
        v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
      return Math.min(...[...document.querySelectorAll('.ag-x-heat .ag-x-cell')]
        .filter((c) => c.nextSibling.textContent)
        .map((c) => { const a = lum(getComputedStyle(c).fill);
          const b = lum(getComputedStyle(c.nextSibling).fill);
          return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05); }));
    }""")
    assert ratio >= 3.5, f"cell text contrast {ratio:.2f} < 3.5"
    # Nothing sticks out of a phone screen.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= VIEWPORTS[viewport]["width"], f"page scrolls sideways: {width}px"
    context.close()


# --- hover previews, click commits, the live region speaks only then ----------------------

@pytest.mark.parametrize("path", ["cross-attention/", "es/attention-weights/"])
def test_hover_previews_and_snaps_back_and_only_choices_are_announced(
        browser, server: str, path: str) -> None:
    context = _context(browser, "desktop")
    page = _open(context, server, path)
    page.evaluate("""() => {
      window.agAnnounced = [];
      new MutationObserver(() => window.agAnnounced.push(
        document.querySelector('.ag-x-status').textContent))
        .observe(document.querySelector('.ag-x-status'), {childList: true, subtree: true,
                                                          characterData: true});
    }""")
    radios = page.locator(".ag-x [role=radio]")
    radios.nth(1).click()
    assert (_hook(page, "query"), _hook(page, "shown")) == (1, 1)
    announced = page.evaluate("window.agAnnounced.length")
    assert announced >= 1, "a click must be announced"
    status = page.locator(".ag-x-status").text_content()
    # Hover over another query (a token, then a heat-map row): previewed, not chosen.
    radios.nth(3).hover()
    assert (_hook(page, "query"), _hook(page, "shown")) == (1, 3)
    page.locator(".ag-x-heat g[data-q='4'] .ag-x-cell").nth(1).hover()
    assert (_hook(page, "query"), _hook(page, "shown")) == (1, 4)
    key_values = page.locator(".ag-x-keys .ag-x-value").all_text_contents()
    row = np.array(_hook(page, "weights"))[4]
    assert [float(v) for v in key_values] == pytest.approx(row.tolist(), abs=5e-4)
    # The pointer leaves: back to the chosen query.
    page.mouse.move(5, 5)
    assert (_hook(page, "query"), _hook(page, "shown")) == (1, 1)
    assert page.locator(".ag-x-status").text_content() == status
    assert page.evaluate("window.agAnnounced.length") == announced, "hover was announced"
    # Dragging the slider redraws but announces once, when it is let go.
    page.eval_on_selector(".ag-x input[type=range]", """el => {
      for (const v of [4, 3, 2]) { el.value = v; el.dispatchEvent(new Event('input')); }
    }""")
    assert page.evaluate("window.agAnnounced.length") == announced
    page.eval_on_selector(".ag-x input[type=range]",
                          "el => el.dispatchEvent(new Event('change'))")
    assert page.evaluate("window.agAnnounced.length") == announced + 1
    context.close()


@pytest.mark.parametrize("path", ["attention-weights/", "es/cross-attention/", "translator/"])
def test_reset_brings_back_the_pages_example(browser, server: str, path: str) -> None:
    context = _context(browser, "phone")
    page = _open(context, server, path)
    before = _hook(page, "weights")
    page.locator(".ag-x [role=radio]").nth(2).click()
    page.locator(".ag-x input[type=range]").focus()
    page.keyboard.press("End")
    page.locator(".ag-x input[data-name=scaled]").uncheck()
    if page.locator(".ag-x-typed input").count():
        page.locator(".ag-x-typed input").first.fill("one two three")
        page.locator(".ag-x-typed button").click()
    assert _hook(page, "weights") != before
    page.locator(".ag-x-reset").click()
    assert _hook(page, "weights") == before and _hook(page, "query") == 0
    assert page.locator(".ag-x output").text_content() == "1.0"
    assert page.locator(".ag-x input[data-name=scaled]").is_checked()
    context.close()


# --- your own sentence: the browser's toy embedding gives numpy's numbers ------------------

TYPED = [
    ("", "The cat sat on the mat; the dog sat."),
    ("es/", "¿Dónde está el pingüino? ¡Aquí está!"),
    ("attention-weights/", "attention is all you need"),
]


@pytest.mark.parametrize(("path", "sentence"), TYPED)
def test_a_typed_sentence_gets_numpys_weights(browser, server: str, path: str,
                                              sentence: str) -> None:
    context = _context(browser, "desktop")
    errors: list[str] = []
    page = _open(context, server, path, errors)
    page.locator(".ag-x-typed input").first.fill(sentence)
    page.locator(".ag-x-typed button").click()
    tokens = tokenize(sentence)
    assert _hook(page, "tokens") == [list(tokens), list(tokens)]
    slider = page.locator(".ag-x input[type=range]")
    causal = page.locator(".ag-x input[data-name=causal]")
    scaled = page.locator(".ag-x input[data-name=scaled]")
    for t, is_scaled, is_causal in [(1.0, True, False), (0.3, False, False), (2.0, True, True)]:
        slider.evaluate("(el, v) => { el.value = v; el.dispatchEvent(new Event('input')); }",
                        explorer.TEMPERATURES.index(t))
        if scaled.is_visible():
            scaled.set_checked(is_scaled)
        else:
            is_scaled = True
        if causal.is_visible():
            causal.set_checked(is_causal)
        else:
            is_causal = False
        expected = typed_weights(tokens, tokens, t, is_scaled, is_causal)
        got = np.array(_hook(page, "weights"))
        assert got.shape == expected.shape
        assert np.abs(got - expected).max() <= 1e-12, (sentence, t, is_scaled, is_causal)
    assert "trigram" in page.locator(".ag-x figcaption").text_content()  # says how it embeds
    assert errors == []
    context.close()


def test_two_typed_sentences_give_numpys_cross_attention(browser, server: str) -> None:
    context = _context(browser, "phone")
    page = _open(context, server, "cross-attention/")
    fields = page.locator(".ag-x-typed input")
    assert fields.count() == 2
    queries, keys = "la atención cruzada lee otra oración", "cross attention reads another sentence"
    fields.nth(0).fill(queries)
    fields.nth(1).fill(keys)
    page.locator(".ag-x-typed button").click()
    q, k = tokenize(queries), tokenize(keys)
    assert _hook(page, "tokens") == [list(q), list(k)]
    page.locator(".ag-x input[data-name=padding]").set_checked(False)
    expected = typed_weights(q, k)
    assert np.abs(np.array(_hook(page, "weights")) - expected).max() <= 1e-12
    context.close()


@pytest.mark.parametrize("lang", ["", "es/"])
def test_bad_typed_input_says_what_to_do(browser, server: str, lang: str) -> None:
    context = _context(browser, "phone")
    page = _open(context, server, lang)
    before = _hook(page, "tokens")
    field = page.locator(".ag-x-typed input").first
    for text in ("   ", " ".join(["word"] * 13)):
        field.fill(text)
        page.locator(".ag-x-typed button").click()
        message = page.locator(".ag-x-error").text_content()
        assert "12" in message and message == page.locator("[role=alert]").text_content()
        assert field.get_attribute("aria-invalid") == "true"
        assert _hook(page, "tokens") == before, "bad input must leave the diagram as it was"
    context.close()


# --- found by its name ---------------------------------------------------------------------

@pytest.mark.parametrize(("lang", "query"), [("", "explorer"), ("es/", "explorador")])
def test_search_finds_the_explorer(browser, server: str, lang: str, query: str) -> None:
    context = _context(browser, "phone")  # the search button, as tests/test_browser.py
    page = context.new_page()
    page.goto(server + lang, wait_until="networkidle")
    page.click("label.md-header__button[for='__search']")
    page.locator("input.md-search__input").press_sequentially(query, delay=10)
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    hrefs = page.eval_on_selector_all(".md-search-result__item a",
                                      "els => els.map(e => e.getAttribute('href'))")
    for target in ("#explorer", "attention-weights/#explorer", "cross-attention/#explorer"):
        assert any(h.endswith(target) for h in hrefs), (target, hrefs)
    context.close()


# --- smaller things readers hit ------------------------------------------------------------

@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_language_switch_keeps_the_section_being_read_and_the_palette(
        browser, server: str, viewport: str) -> None:
    context = _context(browser, viewport)
    page = context.new_page()
    page.goto(server + "attention-weights/", wait_until="networkidle")
    page.click("form[data-md-component=palette] label:visible")  # dark, Material's own way
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
    # Read the "Temperature" section: scrolled there, no #anchor in the address.
    for _ in range(2):  # twice: images and Run buttons above may still change the layout
        page.eval_on_selector("#temperature", "el => { el.scrollIntoView(); scrollBy(0, 150); }")
        page.wait_for_timeout(300)
    assert "#" not in page.url
    page.click(".md-header__option .md-select button")
    page.click('a.md-select__link[hreflang="es"]')
    page.wait_for_function("location.pathname === '/es/attention-weights/'")
    assert page.url.endswith("/es/attention-weights/#temperature"), page.url
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate", "palette lost"
    # The section is in view (once late layout, such as lazy images, has settled).
    page.wait_for_function(
        "h => { const top = document.getElementById('temperature').getBoundingClientRect().top;"
        " return top >= 0 && top <= h / 2; }", arg=VIEWPORTS[viewport]["height"], timeout=5_000)
    # And back to English, still dark, still there.
    page.click(".md-header__option .md-select button")
    page.click('a.md-select__link[hreflang="en"]')
    page.wait_for_function("location.pathname === '/attention-weights/'")
    assert page.url.endswith("/attention-weights/#temperature"), page.url
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    # Not only through the selector: a Spanish page opened from a link or the address bar.
    page.goto(server + "es/glossary/", wait_until="networkidle")
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate", "palette lost"
    page.evaluate("localStorage.clear()")
    context.close()


@pytest.mark.parametrize(("lang", "query"), [("", "cross attention"), ("es/", "atencion cruzada"),
                                             ("", "softmax temperature")])
def test_search_never_calls_a_highlighted_word_missing(
        browser, server: str, lang: str, query: str) -> None:
    context = _context(browser, "phone")
    page = context.new_page()
    page.goto(server + lang, wait_until="networkidle")
    page.click("label.md-header__button[for='__search']")
    page.locator("input.md-search__input").press_sequentially(query, delay=10)
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    page.wait_for_timeout(300)
    contradictions = page.evaluate("""() => {
      const fold = (t) => t.normalize('NFD').replace(/\\p{M}/gu, '').toLowerCase().trim();
      const bad = [];
      for (const article of document.querySelectorAll('.md-search-result__item article')) {
        const marks = [...article.querySelectorAll('mark')].map((m) => fold(m.textContent));
        for (const del of article.querySelectorAll('.md-search-result__terms del')) {
          const word = fold(del.textContent);
          if (marks.some((m) => m.startsWith(word) || word.startsWith(m)))
            bad.push(`${word} in ${article.textContent.slice(0, 60)}`);
        }
      }
      return bad;
    }""")
    assert contradictions == []
    assert page.locator(".md-search-result__item mark").count() > 0
    context.close()


@pytest.mark.parametrize(("viewport", "scheme", "lang"), [
    ("desktop", "light", ""), ("phone", "dark", "es/")])
def test_citation_shows_its_reference_on_hover_and_focus(
        browser, server: str, viewport: str, scheme: str, lang: str) -> None:
    context = _context(browser, viewport, scheme)
    page = context.new_page()
    page.goto(server + lang + "attention-weights/", wait_until="networkidle")
    link = page.locator("article a[href$='references/#vaswani2017attention']").first
    url = page.url
    assert link.get_attribute("title") is None, "a title would be a second tooltip over ours"
    if viewport == "desktop":
        link.hover()
    else:
        link.focus()  # keyboard users (and a tap focuses it first)
    tip = page.locator(".ag-ref-tip[role=tooltip]")
    tip.wait_for(timeout=5_000)
    text = tip.text_content()
    assert "Vaswani, A." in text and "Attention Is All You Need" in text, text
    assert link.get_attribute("aria-describedby") == tip.get_attribute("id")
    assert page.url == url, "the reference must show without leaving the page"
    box, width = tip.bounding_box(), VIEWPORTS[viewport]["width"]
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, "tooltip off screen"
    page.keyboard.press("Escape")
    assert tip.count() == 0
    # Keyboard only: Tab moves focus onto a citation and the reference appears.
    link.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    assert page.locator(".ag-ref-tip").count() == 1
    context.close()


def test_citation_tooltip_can_be_hovered_and_stays_in_the_window(browser, server: str) -> None:
    """WCAG 1.4.13: the pointer can move from the link onto the tooltip without losing it; a
    link on the window's last line shows its tooltip above, not below the window."""
    context = _context(browser, "desktop", "light")
    page = context.new_page()
    page.goto(server + "es/cross-attention-today/", wait_until="networkidle")
    link = page.locator("article a[href*='references/#']").nth(5)
    height = VIEWPORTS["desktop"]["height"]
    # Scroll so that the link sits on the window's last line.
    page.evaluate("([link, h]) => window.scrollBy(0, link.getBoundingClientRect().bottom - h + 4)",
                  [link.element_handle(), height])
    link.hover()
    tip = page.locator(".ag-ref-tip[role=tooltip]")
    tip.wait_for(timeout=5_000)
    box, near = tip.bounding_box(), link.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= height, (box, near)
    assert box["y"] + box["height"] <= near["y"], "the tooltip should sit above the link"
    page.mouse.move(near["x"] + 4, near["y"] - 3)  # crossing the gap
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=4)
    page.wait_for_timeout(500)
    assert tip.count() == 1, "the tooltip closed while the pointer moved onto it"
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] + 200)
    expect(tip).to_have_count(0)
    context.close()


@pytest.mark.parametrize("lang", ["", "es/"])
def test_home_without_javascript_says_where_the_static_figure_is(
        browser, server: str, lang: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + lang)
    note = page.locator(".ag-explorer-nojs")
    assert note.is_visible()
    note.locator("a").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/{lang}attention-weights/#worked-example")
    assert page.locator("#fig-attention-heatmap img").first.is_visible()
    context.close()


@pytest.mark.parametrize("path", ["attention-weights/", "es/glossary/"])
def test_materials_script_loads_after_the_first_paint_and_still_starts(
        browser, server: str, path: str) -> None:
    """Fetched with the page, Material's script held back the first paint of long pages on a
    slow phone connection (tools/material_startup.py): it is requested after that paint, and
    its search, palette toggle and code-copy buttons still work."""
    context = _context(browser, "phone")
    errors: list[str] = []
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server + path, wait_until="networkidle")
    paint, requested = page.evaluate("""() => [
        performance.getEntriesByName("first-contentful-paint")[0].startTime,
        performance.getEntriesByType("resource")
          .find((r) => /\\/bundle\\.[0-9a-f]{8}\\.min\\.js$/.test(r.name)).startTime]""")
    assert requested >= paint, f"/{path}: Material's script requested before the first paint"
    expect(page.locator("html")).to_have_class("js-focus-visible js")
    if path == "attention-weights/":
        expect(page.locator(".md-clipboard").first).to_be_attached()
    scheme = page.evaluate("document.body.dataset.mdColorScheme")
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    expect(page.locator("body")).not_to_have_attribute("data-md-color-scheme", scheme)
    expect(page.locator("body")).not_to_have_attribute("data-md-color-switching", "")
    page.keyboard.press("/")
    expect(page.locator(".md-search__input")).to_be_focused()
    assert errors == []
    context.close()


def _contrast(foreground: str, background: str) -> float:
    """WCAG contrast of two opaque CSS rgb() colours."""
    def rgb(colour: str) -> list[float]:
        return [float(v) for v in colour[colour.index("(") + 1:-1].split(",")]
    high, low = sorted((luminance(rgb(foreground)), luminance(rgb(background))), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["", "es/attention-weights/"])
def test_buttons_stay_readable_when_hovered_or_focused(
        browser, server: str, path: str, scheme: str) -> None:
    """The home page's path buttons and the Run / Edit buttons: a hovered or focused button is
    filled, and its label must stay readable on the fill (it was blue on blue in the dark)."""
    context = _context(browser, "desktop", scheme)
    page = context.new_page()
    page.goto(server + path, wait_until="networkidle")
    button = page.locator(".ag-path .md-button:not(.md-button--primary), .ag-run-bar .md-button"
                          ).first
    button.scroll_into_view_if_needed()
    for state in ("hover", "focus"):
        button.hover() if state == "hover" else (page.mouse.move(0, 0), button.focus())
        page.wait_for_timeout(400)  # Material's colour transition
        colour, fill = button.evaluate(
            "e => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor]")
        assert _contrast(colour, fill) >= 4.5, f"{state}: {colour} on {fill}"
    context.close()
