"""The live attention explorer (issues 7 and 8): build-time data, the static fallback, and
the browser script checked in Chromium against numpy on every page that embeds one."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path
from urllib.request import urlopen

import numpy as np
import pytest
from axe_playwright_python.sync_playwright import Axe

from snippets import explorer
from snippets.attention import example as self_example
from snippets.cross_attention import example as cross_example
from snippets.explorer import Settings, numpy_weights, reference_settings, ui_strings
from snippets.translator.checkpoint import load as load_translator
from snippets.translator.evaluate import cross_attention
from snippets.translator.train import example_pair
from tests.conftest import ROOT, luminance
from tests.test_browser import AXE_OPTIONS

JS = ROOT / "overrides" / "assets" / "javascripts" / "explorer.js"
CSS = ROOT / "overrides" / "assets" / "stylesheets" / "explorer.css"


def _explorer_pages() -> dict[str, tuple[str, str]]:
    """Page path -> (explorer kind, page language), read from the pages' own code, so that a
    new explorer is tested here without a list to update (the home page's typed explorer has
    tests of its own, in tests/test_ux_browser.py)."""
    pages = {}
    for source in sorted((ROOT / "docs").glob("*/*.md")):
        code = source.read_text("utf-8")
        for kind, lang in re.findall(r'render_explorer\("(\w+)", "(\w+)"', code):
            if kind != "typed":
                pages[("" if lang == "en" else f"{lang}/") + f"{source.stem}/"] = (kind, lang)
    return pages


PAGES = _explorer_pages()
# The static figure each kind of explorer stands for (its fallback, with the same numbers).
FIGURE = {"self": "attention-heatmap", "cross": "cross-attention",
          "learned": "translator-alignment"}


def test_every_explorer_on_the_site_is_checked_here() -> None:
    kinds = {kind for kind, _ in PAGES.values()}
    assert len(PAGES) >= 6 and kinds <= set(FIGURE), (
        f"explorers found in docs/: {PAGES}; a new kind needs its static figure in FIGURE")
ROOT_SEL = ".ag-explorer"


# --- build-time data -------------------------------------------------------------------

def test_default_settings_give_the_static_figures_weights() -> None:
    """With the page's default settings the explorer starts from the figure it replaces."""
    np.testing.assert_allclose(numpy_weights("self", Settings()), self_example().weights,
                               rtol=0, atol=1e-12)
    padded = numpy_weights("cross", Settings(masks=("padding",)))
    n = len(cross_example().source)
    np.testing.assert_allclose(padded[:, :n], cross_example().weights, rtol=0, atol=1e-12)
    assert np.all(padded[:, n:] == 0), "masked <pad> keys must get exactly zero weight"


def test_controls_change_the_reference_weights() -> None:
    """Each control matters: a check against numpy on constant weights would prove nothing."""
    for kind in explorer.KINDS:
        base = numpy_weights(kind, Settings())
        data = explorer.explorer_data(kind)
        changes = [Settings(temperature=0.5), Settings(scaled=False)]
        changes += [Settings(masks=tuple(data.masks))] if data.masks else []
        changes += [Settings(head=h) for h in range(1, data.q.shape[0])]
        for changed in changes:
            assert np.abs(numpy_weights(kind, changed) - base).max() > 1e-3, (kind, changed)
    assert explorer.explorer_data("learned").q.shape[0] == 2, "the learned explorer has 2 heads"


def _payload(html: str) -> dict:
    raw = re.search(r'<script type="application/json" class="ag-explorer-data">(.*?)</script>',
                    html, re.DOTALL).group(1)
    return json.loads(raw)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_learned_data_reproduce_the_trained_models_weights(lang: str) -> None:
    """From the page's JSON alone, softmax(q·k/√d_k) per head gives the model's own weights."""
    saved, pair = load_translator(), example_pair()
    model = cross_attention(saved.params, saved.config, [pair])[0][:, :-1]  # figures drop <eos>
    payload = _payload(explorer.render_explorer("learned", lang, fallback=False))
    assert payload["queries"] == list(pair.target) and payload["keys"] == list(pair.source)
    q, k = np.array(payload["q"]), np.array(payload["k"])
    d_h = saved.config.d_model // saved.config.heads
    assert q.shape == (saved.config.heads, len(pair.target), d_h)
    assert k.shape == (saved.config.heads, len(pair.source), d_h)
    assert payload["masks"] == {}, "one phrase, no padding: nothing to mask"
    assert f"dₖ = {d_h}" in payload["strings"]["caption"]
    assert "{d}" in payload["strings"]["scaled"], "the browser fills in the shown data's d_k"
    scores = q @ k.transpose(0, 2, 1) / np.sqrt(d_h)
    e = np.exp(scores - scores.max(axis=-1, keepdims=True))
    np.testing.assert_allclose(e / e.sum(axis=-1, keepdims=True), model, rtol=0, atol=1e-6)
    for head in range(saved.config.heads):
        np.testing.assert_allclose(numpy_weights("learned", Settings(head=head)), model[head],
                                   rtol=0, atol=1e-6)


def test_the_heads_split_on_de_as_the_page_says() -> None:
    """The translator page points the reader at "de": one head reads "near", the other "the"."""
    data = explorer.explorer_data("learned")
    row = data.queries.index("de")
    picks = {data.keys[int(np.argmax(numpy_weights("learned", Settings(head=h))[row]))]
             for h in range(data.q.shape[0])}
    assert picks == {"near", "the"}, picks


def test_bad_arguments_raise_clear_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ValueError, match="unknown explorer kind 'encoder'"):
        explorer.render_explorer("encoder", "en")
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        explorer.render_explorer("self", "fr")
    with pytest.raises(ValueError, match=r"has no mask \['padding'\]"):
        numpy_weights("self", Settings(masks=("padding",)))
    with pytest.raises(ValueError, match="has 2 head\\(s\\); head index 2 is out of range"):
        numpy_weights("learned", Settings(head=2))
    spanish = {k: v for k, v in explorer.UI_STRINGS["es"].items() if k != "table.caption"}
    monkeypatch.setitem(explorer.UI_STRINGS, "es", spanish)
    with pytest.raises(ValueError, match=r"missing translation of UI string 'table.caption'.*'es'"):
        explorer.render_explorer("cross", "es")
    spanish = {k: v for k, v in explorer.UI_STRINGS["es"].items() if k != "head"}
    monkeypatch.setitem(explorer.UI_STRINGS, "es", spanish)
    with pytest.raises(ValueError, match=r"missing translation of UI string 'head'.*'es'"):
        explorer.render_explorer("learned", "es")


@pytest.mark.parametrize(("kind", "lang"), sorted(set(PAGES.values())))
def test_block_holds_the_static_figure_and_exact_data(kind: str, lang: str) -> None:
    html = explorer.render_explorer(kind, lang)
    assert html.startswith(f'<div class="ag-explorer" id="explorer-{kind}">')
    assert f'<figure class="ag-figure" id="fig-{FIGURE[kind]}">' in html
    assert "\n\n" not in html, "a blank line would let Markdown break the block"
    raw = re.search(r'<script type="application/json" class="ag-explorer-data">(.*?)</script>',
                    html, re.DOTALL).group(1)
    assert "<" not in raw, "markup characters inside <script> must be escaped"
    payload = _payload(html)
    data = explorer.explorer_data(kind)
    assert payload["q"] == data.q.tolist() and payload["k"] == data.k.tolist()  # bit-exact
    assert payload["queries"] == list(data.queries) and payload["keys"] == list(data.keys)
    assert payload["strings"]["controls"] == ui_strings(lang)["controls"]
    assert payload["temperatures"] == list(explorer.TEMPERATURES)
    assert payload["defaults"]["temperature"] in payload["temperatures"]  # a slider stop


def test_block_without_fallback_has_data_but_no_figure() -> None:
    """For a page that shows the static figure elsewhere: no second copy of its ids."""
    html = explorer.render_explorer("cross", "en", fallback=False)
    assert "<figure" not in html and 'id="fig-' not in html
    assert 'class="ag-explorer-data"' in html


@pytest.mark.parametrize("path", PAGES)
def test_built_page_fetches_its_explorer_data_instead_of_embedding_them(site: Path,
                                                                        path: str) -> None:
    """The data (7.7 KB gzip on the translator page) are not in the page's first view: the
    block names a file, which holds exactly what render_explorer embeds."""
    kind, lang = PAGES[path]
    page = _page_html(site, path)
    assert 'class="ag-explorer-data"' not in page, f"/{path}: explorer data still inline"
    src = re.search(rf'<div class="ag-explorer" id="explorer-{kind}" data-src="([^"]+)">',
                    page).group(1)
    published = json.loads((site / path / src).resolve().read_text("utf-8"))
    assert published == _payload(explorer.render_explorer(kind, lang)), f"/{path}: {src}"


# --- the script and stylesheet ---------------------------------------------------------

def test_script_is_at_most_15_kb_gzipped() -> None:
    size = len(gzip.compress(JS.read_bytes(), compresslevel=9))
    assert size <= 15 * 1024, f"explorer.js is {size} bytes gzipped (budget 15 KB)"
    css = len(gzip.compress(CSS.read_bytes(), compresslevel=9))
    assert css <= 2 * 1024, f"explorer.css is {css} bytes gzipped: keep it small"


def test_no_hard_coded_colours() -> None:
    """Colours come from Material's variables, so the dark palette cannot get black on black."""
    for path in (JS, CSS):
        text = path.read_text("utf-8")
        found = re.findall(r"#[0-9a-fA-F]{3,8}\b|\brgba?\(|\bhsla?\(|\b(?:black|white)\b", text)
        assert found == [], f"{path.name}: hard-coded colours {found}"


# --- the built pages -------------------------------------------------------------------

def _page_html(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text("utf-8")


@pytest.mark.parametrize("path", PAGES)
def test_built_page_embeds_the_explorer_and_the_static_figure(site: Path, path: str) -> None:
    kind, _ = PAGES[path]
    page = _page_html(site, path)
    assert re.search(rf'<div class="ag-explorer" id="explorer-{kind}"( data-src="[^"]+")?>',
                     page), f"/{path}: no explorer block (paste the render_explorer block)"
    # Without JavaScript the static figure is what the reader gets (in the block or nearby).
    assert f'<figure class="ag-figure" id="fig-{FIGURE[kind]}">' in page
    # The block loads explorer.js itself (pages without an explorer never fetch it).
    assert "/assets/javascripts/explorer.js" in page, f"/{path}: no loader for explorer.js"
    ids = re.findall(r'\sid="([^"]+)"', page)
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert duplicates == [], f"/{path}: duplicate ids {duplicates} (figure rendered twice?)"


# --- in Chromium -----------------------------------------------------------------------

def _open(context, server: str, path: str, errors: list[str] | None = None):
    page = context.new_page()
    if errors is not None:
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server + path, wait_until="networkidle")
    if page.locator(ROOT_SEL).count() == 0:
        pytest.fail(f"/{path} has no explorer: paste the render_explorer block into the page")
    # explorer.js loads when an explorer nears the viewport, as it does for a reader scrolling
    page.locator(ROOT_SEL).first.scroll_into_view_if_needed()
    page.wait_for_selector(".ag-x", timeout=10_000)  # built by explorer.js
    return page


def _apply(page, settings: Settings, mask_names: list[str]) -> None:
    """Move the controls the way a reader would end up with them."""
    root = page.locator(ROOT_SEL)
    index = explorer.TEMPERATURES.index(settings.temperature)
    root.locator("input[type=range]").evaluate(
        "(el, v) => { el.value = v; el.dispatchEvent(new Event('input', {bubbles: true})); }",
        index)
    root.locator("input[data-name=scaled]").set_checked(settings.scaled)
    heads = root.locator("select[data-name=head]")
    if heads.count():
        heads.select_option(label=str(settings.head + 1))  # the reader sees heads 1, 2, ...
    for name in mask_names:
        root.locator(f"input[data-name={name}]").set_checked(name in settings.masks)


# Runs in the page: for each setting, move the slider and click the checkboxes that must
# change (as a reader would), then read the weights from the hook and from the table.
_SWEEP = """([settings, sel]) => settings.map(([index, checks, head]) => {
  const root = document.querySelector(sel);
  const slider = root.querySelector("input[type=range]");
  slider.value = index;
  slider.dispatchEvent(new Event("input", {bubbles: true}));
  for (const [name, on] of Object.entries(checks)) {
    const box = root.querySelector(`input[data-name=${name}]`);
    if (box.checked !== on) box.click();
  }
  const heads = root.querySelector("select[data-name=head]");
  if (heads && heads.value !== String(head)) {
    heads.value = String(head);
    heads.dispatchEvent(new Event("change", {bubbles: true}));
  }
  const table = [...root.querySelectorAll(".ag-x table tbody tr")].map(
    (row) => [...row.cells].slice(1).map((cell) => Number(cell.textContent)));
  return [root.agExplorer.weights(), table];
})"""


def _js_weights(page) -> np.ndarray:
    return np.array(page.eval_on_selector(ROOT_SEL, "el => el.agExplorer.weights()"))


@pytest.fixture(scope="module")
def context(browser):
    ctx = browser.new_context(color_scheme="light", viewport={"width": 412, "height": 915})
    yield ctx
    ctx.close()


@pytest.mark.browser
@pytest.mark.parametrize("path", PAGES)
def test_browser_weights_match_numpy(server: str, context, path: str) -> None:
    kind, _ = PAGES[path]
    errors: list[str] = []
    page = _open(context, server, path, errors)
    data = explorer.explorer_data(kind)
    masks = list(data.masks)
    heads = data.q.shape[0]
    # A head selector, with one option per head, only where there is a choice.
    d_k = data.q.shape[-1]
    assert f"dₖ = {d_k})" in page.locator(f"{ROOT_SEL} label[for$='-scaled']").text_content()
    options = page.locator(f"{ROOT_SEL} select[data-name=head] option").all_text_contents()
    assert options == ([str(h + 1) for h in range(heads)] if heads > 1 else []), options
    settings = reference_settings(kind)
    controls = [[explorer.TEMPERATURES.index(s.temperature),
                 {"scaled": s.scaled, **{name: name in s.masks for name in masks}}, s.head]
                for s in settings]
    results = page.evaluate(_SWEEP, [controls, ROOT_SEL])
    for s, (weights, table) in zip(settings, results, strict=True):
        expected = numpy_weights(kind, s)
        assert np.shape(weights) == expected.shape
        assert np.abs(np.array(weights) - expected).max() <= 1e-6, f"/{path} {s}"
        assert np.abs(np.array(table) - expected).max() <= 5e-4 + 1e-9, f"/{path} table {s}"
    # One setting through Playwright's own input events, too.
    _apply(page, settings[0], masks)  # differs from the last one in every control
    assert np.abs(_js_weights(page) - numpy_weights(kind, settings[0])).max() <= 1e-6
    assert page.eval_on_selector(ROOT_SEL, "el => el.agExplorer.head()") == settings[0].head
    page.close()
    assert errors == [], f"/{path}: console errors {errors}"


@pytest.mark.browser
@pytest.mark.parametrize("path", ["attention-weights/", "es/cross-attention/"])
def test_keyboard_moves_the_query_and_the_temperature(server: str, context, path: str) -> None:
    kind, lang = PAGES[path]
    m = len(explorer.explorer_data(kind).queries)
    page = _open(context, server, path)
    radios = page.locator(".ag-x [role=radio]")
    radios.first.focus()
    steps = [("ArrowDown", 1), ("ArrowRight", 2), ("ArrowUp", 1), ("End", m - 1),
             ("ArrowRight", 0), ("ArrowLeft", m - 1), ("Home", 0)]
    for key, expected in steps:
        page.keyboard.press(key)
        assert page.eval_on_selector(ROOT_SEL, "el => el.agExplorer.query()") == expected, key
        assert radios.nth(expected).get_attribute("aria-checked") == "true"
        assert radios.nth(expected).evaluate("el => el === document.activeElement"), key
        assert radios.nth(expected).get_attribute("tabindex") == "0"  # roving focus
    # The temperature slider answers the arrow keys too; the weights follow.
    page.locator(".ag-x input[type=range]").focus()
    page.keyboard.press("ArrowRight")
    assert page.locator(".ag-x output").text_content() == "1.5"
    expected = numpy_weights(kind, Settings(1.5, True, explorer.explorer_data(kind).default_masks))
    assert np.abs(_js_weights(page) - expected).max() <= 1e-6
    # The keys list shows the chosen query's row, in the page language's status sentence.
    row = expected[0]
    shown = page.locator(".ag-x-keys .ag-x-value").all_text_contents()
    assert [float(v) for v in shown] == pytest.approx(row.tolist(), abs=5e-4)
    assert f"{row.max():.3f}" in page.locator(".ag-x-status").text_content()
    assert ui_strings(lang)["status"].split("{")[0] in page.locator(".ag-x-status").text_content()
    page.close()


@pytest.mark.browser
def test_pointer_selects_a_query_in_both_views(server: str, context) -> None:
    page = _open(context, server, "cross-attention/")
    query = "el => el.agExplorer.query()"
    page.locator(".ag-x-heat g[data-q='3'] rect:not(.ag-x-hit)").nth(2).click()  # a cell
    assert page.eval_on_selector(ROOT_SEL, query) == 3
    page.locator(".ag-x-lines text[data-q='5']").click()
    assert page.eval_on_selector(ROOT_SEL, query) == 5
    assert page.locator(".ag-x-lines .ag-x-on").get_attribute("data-q") == "5"
    page.close()


def _violations(page) -> list[str]:
    """axe on the explorer only: tests/test_browser.py checks every whole page."""
    result = Axe().run(page, context=ROOT_SEL, options=AXE_OPTIONS)
    return [f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
            for v in result.response["violations"]]


def _contrast(page, selector: str, prop: str) -> float:
    """Contrast of an element's colour property against the page background (alpha blended)."""
    colours = page.evaluate(
        """([sel, prop]) => {
          const parse = (s) => s.match(/[\\d.]+/g).map(Number);
          const fg = parse(getComputedStyle(document.querySelector(sel))[prop]);
          const bg = parse(getComputedStyle(document.body).backgroundColor);
          return [fg, bg];
        }""", [selector, prop])
    fg, bg = colours
    alpha = fg[3] if len(fg) > 3 else 1.0
    blended = [alpha * f + (1 - alpha) * b for f, b in zip(fg[:3], bg[:3], strict=True)]
    light, dark = sorted((luminance(blended), luminance(bg)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.browser
# One page per kind, both languages; tests/test_browser.py runs axe on every whole page.
@pytest.mark.parametrize("path", ["attention-weights/", "es/cross-attention/", "translator/"])
def test_axe_clean_readable_and_quiet_in_both_palettes(server: str, context, path: str) -> None:
    errors: list[str] = []
    page = _open(context, server, path, errors)
    page.locator(".ag-x details summary").click()  # the live table is checked too
    problems: list[str] = []
    for palette in ("light", "dark"):
        if palette == "dark":
            page.click("form[data-md-component=palette] label:visible")
            page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
        problems += [f"{palette}: {v}" for v in _violations(page)]
        # (The heat map's cells take the figures' colour map, their numbers the contrasting
        # end of it: tests/test_ux_browser.py checks those.)
        for selector, prop in ((".ag-x-lines .ag-x-on line", "stroke"),
                               (".ag-x-heat .ag-x-frame", "stroke"),
                               (".ag-x-lines text", "fill")):
            ratio = _contrast(page, selector, prop)
            if ratio < 3:
                problems.append(f"{palette}: {selector} {prop} contrast {ratio:.2f} < 3")
    page.evaluate("localStorage.clear()")
    page.close()
    assert problems == [], problems
    assert errors == [], errors


@pytest.mark.browser
def test_reduced_motion_turns_transitions_off(browser, server: str) -> None:
    durations = {}
    for motion in ("no-preference", "reduce"):
        ctx = browser.new_context(reduced_motion=motion)
        page = _open(ctx, server, "attention-weights/")
        durations[motion] = page.eval_on_selector_all(
            ".ag-x line, .ag-x-heat rect, .ag-x-bar",
            "els => [...new Set(els.map(e => getComputedStyle(e).transitionDuration))]")
        ctx.close()
    moving = [d for ds in durations["no-preference"] for d in ds.split(", ")]
    assert moving and "0s" not in moving, durations
    assert durations["reduce"] == ["0s"], durations


@pytest.mark.browser
@pytest.mark.parametrize("path", ["es/attention-weights/", "cross-attention/"])
def test_without_javascript_the_static_figure_shows(browser, server: str, path: str) -> None:
    kind, _ = PAGES[path]
    with urlopen(server + path) as response:  # what a crawler or a no-JS reader receives
        html = response.read().decode("utf-8")
    assert f'<figure class="ag-figure" id="fig-{FIGURE[kind]}">' in html
    ctx = browser.new_context(java_script_enabled=False)
    page = ctx.new_page()
    page.goto(server + path)
    # the site shows each figure as a light and a dark <img> (hooks/figures.py); no JS: light
    assert page.locator(f"#fig-{FIGURE[kind]} img[src$='#only-light']").is_visible()
    assert page.locator(f"#fig-{FIGURE[kind]} img[src$='#only-dark']").is_hidden()
    assert page.locator(".ag-x").count() == 0
    ctx.close()
    # With JavaScript the live figure takes the place of the static one in its block.
    ctx = browser.new_context()
    page = _open(ctx, server, path)
    assert page.locator(".ag-x").is_visible()
    fallback = page.locator(f"{ROOT_SEL} > figure:not(.ag-x)")
    assert all(fallback.nth(i).is_hidden() for i in range(fallback.count()))
    ctx.close()


@pytest.mark.browser
def test_pages_without_an_explorer_load_nothing_more(server: str, context) -> None:
    errors: list[str] = []
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server + "glossary/", wait_until="networkidle")
    assert not any(url.endswith("explorer.js") for url in requests), "explorer.js loaded in vain"
    assert not any(url.endswith("explorer.css") for url in requests)
    assert errors == []
    page.close()


# The home page's typed explorer is drawn after the page shows; extra.css reserves a little
# less than its drawn height so the text below does not jump (Lighthouse measured a layout
# shift of 0.47 on a phone without it). If the explorer grows, shrinks or wraps differently,
# these numbers go stale: the test says by how much.
@pytest.mark.browser
@pytest.mark.parametrize("width", [360, 412, 1280])
@pytest.mark.parametrize("lang", ["en", "es"])
def test_home_reserves_the_explorers_height_so_nothing_jumps(
    browser, server: str, lang: str, width: int
) -> None:
    ctx = browser.new_context(viewport={"width": width, "height": 823}, is_mobile=width < 700)
    page = ctx.new_page()
    page.add_init_script(  # each shift with what moved (element, by how many px down)
        "window.__shift = 0; window.__moved = []; new PerformanceObserver(list => {"
        " for (const e of list.getEntries()) if (!e.hadRecentInput) { window.__shift += e.value;"
        " window.__moved.push(e.value.toFixed(3) + ' at ' + Math.round(e.startTime) + ' ms: '"
        " + e.sources.map(s => (s.node?.id || s.node?.className || s.node?.nodeName) + ' '"
        " + Math.round(s.currentRect.y - s.previousRect.y) + ' px').join(', ')); } })"
        ".observe({type: 'layout-shift', buffered: true});")
    page.goto(server + ("es/" if lang == "es" else ""), wait_until="networkidle")
    page.locator("#explorer-typed .ag-x").wait_for()
    page.wait_for_timeout(500)
    drawn, reserved = page.evaluate(
        "(el => [el.getBoundingClientRect().height, parseFloat(getComputedStyle(el).minHeight)])"
        "(document.getElementById('explorer-typed'))")
    shift, moved = page.evaluate("[window.__shift, window.__moved]")
    ctx.close()
    assert drawn - 100 <= reserved <= drawn, (
        f"{lang} at {width}px: extra.css reserves {reserved:.0f}px, the explorer is "
        f"{drawn:.0f}px tall; update the min-height of #explorer-typed")
    # Web Vitals' "good" layout shift is below 0.1; without the reserved height it was 0.18 to
    # 0.47. Idle, the page shifts by 0.001 (the header's language menu when Material starts;
    # the explorer's last 8 px are gone too); once, on a loaded machine, by 0.073 (what moved
    # is printed).
    assert shift < 0.1, f"{lang} at {width}px: the home page shifts by {shift:.3f}: {moved}"
