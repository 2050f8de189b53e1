"""Figures, formulas and tables on a 360 px phone, in both languages and both palettes.

Every figure of every built page (found in the built HTML, not listed here) must be drawn so
that its smallest text is at least 11 CSS px: the test loads the figure file the reader sees,
draws it at the width the page gives it, and measures each <text> after every transform. Wide
formulas and tables must scroll inside the page, never the page itself, and show that they
scroll. On a desktop, figures fit their column. One browser, one context per viewport and
palette, each page opened once per context.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import ensure_site, sitemap_paths

pytestmark = pytest.mark.browser

MIN_TEXT_PX = 11
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def _pages_with(marker: str) -> list[str]:
    site = ensure_site()
    return [path for path in sitemap_paths(site)
            if marker in (site / path / "index.html").read_text("utf-8")]


def _one_glossary_page_of_each_kind(paths: list[str]) -> list[str]:
    """Glossary entries share one template, and so do their archived versions: keep the
    first entry and the first version of each language."""
    kept, seen = [], set()
    for path in paths:
        kind = re.fullmatch(r"(es/)?glossary/[^/]+/([^/]+/)?", path)
        key = kind and (kind.group(1), bool(kind.group(2)))
        if key in seen:
            continue
        if key:
            seen.add(key)
        kept.append(path)
    return kept


FIGURE_PAGES = _pages_with('class="ag-figure-img"')
# Pages with display math or tables (one glossary entry and one version per language stand
# for all).
SCROLL_PAGES = _one_glossary_page_of_each_kind(sorted(
    set(_pages_with('class="math-display"')) | set(_pages_with("<table>"))))

# Draw the <img>'s own SVG file inline at the width the <img> has on the page, and return
# the smallest rendered font size (CSS px) over all its <text> elements.
SMALLEST_TEXT = """async (img) => {
  const source = await (await fetch(img.currentSrc || img.src)).text();
  const svg = new DOMParser().parseFromString(source, "image/svg+xml").documentElement;
  const box = document.createElement("div");
  box.style.cssText = "position:absolute; left:0; top:0; visibility:hidden";
  const width = img.getBoundingClientRect().width;
  svg.setAttribute("width", width);
  svg.removeAttribute("height");
  box.appendChild(document.importNode(svg, true));
  document.body.appendChild(box);
  let smallest = Infinity, count = 0;
  for (const text of box.querySelectorAll("text")) {
    if (!text.textContent.trim()) continue;
    const m = text.getScreenCTM();
    const scale = Math.sqrt(Math.abs(m.a * m.d - m.b * m.c));
    const px = parseFloat(getComputedStyle(text).fontSize) * scale;
    smallest = Math.min(smallest, px);
    count++;
  }
  box.remove();
  return {width, smallest, count};
}"""


@pytest.fixture(scope="module", params=["light", "dark"])
def phone(browser, request):
    ctx = browser.new_context(viewport=PHONE, color_scheme=request.param, is_mobile=True,
                              has_touch=True)
    yield ctx, request.param
    ctx.close()


def _open(ctx, url: str):
    page = ctx.new_page()
    page.goto(url, wait_until="load")  # site.js has run; figures are awaited one by one
    return page


def test_every_figure_reads_on_a_phone(server: str, phone) -> None:
    ctx, scheme = phone
    assert len(FIGURE_PAGES) >= 2, "no built page with figures: did the build change?"
    scheme_attr = "slate" if scheme == "dark" else "default"
    problems, measured = [], 0
    for path in FIGURE_PAGES:
        page = _open(ctx, server + path)
        # Material's bundle applies the palette that matches the system's (after the first
        # paint: tools/material_startup.py)
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", scheme_attr,
                                                       timeout=10_000)
        assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"], \
            f"/{path}: the page itself scrolls sideways on a phone"
        # the one of each pair that the palette shows (Material hides the other)
        images = [img for img in page.query_selector_all(".ag-figure-img")
                  if img.evaluate("e => e.checkVisibility()")]
        for img in images:
            ident = img.evaluate("e => e.closest('figure').id")
            img.scroll_into_view_if_needed()
            img.evaluate("e => e.decode()")
            result = img.evaluate(SMALLEST_TEXT)
            if not img.evaluate("e => e.isConnected && e.checkVisibility()"):
                continue  # the live explorer took the static figure's place (its own tests)
            measured += 1
            if result["count"] == 0:
                problems.append(f"/{path} #{ident}: no text found in its SVG")
            elif result["smallest"] < MIN_TEXT_PX - 0.01:
                problems.append(f"/{path} #{ident} ({scheme}): smallest text "
                                f"{result['smallest']:.1f} px at {result['width']:.0f} px wide")
            frame = img.evaluate("e => { const f = e.closest('.ag-figure-frame');"
                                 " return f && [f.scrollWidth, f.clientWidth,"
                                 " f.getAttribute('tabindex')]; }")
            if frame is None:
                problems.append(f"/{path} #{ident}: figure is not in a scrolling frame")
            elif frame[0] > frame[1] + 1 and frame[2] != "0":
                problems.append(f"/{path} #{ident}: scrolls but cannot be reached by keyboard")
        page.close()
    assert measured >= len(FIGURE_PAGES), "fewer visible figures than pages with figures"
    assert problems == [], '\n'.join(problems)


# Each element of a selector that overflows sideways once the reader scrolls to it (formulas
# far away are not laid out yet), with its scroll cue styles. One call per page: the browser
# scrolls to each element, and gives it up to 5 s (a busy 2-core machine) to be rendered and
# marked focusable by site.js.
SCROLL_CUES = """async (selector) => {
  const frame = () => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  const wide = e => e.scrollWidth > e.clientWidth + 1;
  const cues = [];
  for (const e of document.querySelectorAll(selector)) {
    e.scrollIntoView({block: "center"});
    await frame();
    const started = performance.now();
    while (wide(e) && e.getAttribute("tabindex") !== "0" && performance.now() - started < 5000) {
      await new Promise(done => setTimeout(done, 50));
    }
    if (!wide(e)) continue;
    const style = getComputedStyle(e);
    cues.push({text: e.textContent.trim().slice(0, 40), overflow: style.overflowX,
               image: style.backgroundImage, attachment: style.backgroundAttachment,
               tabindex: e.getAttribute("tabindex")});
  }
  return cues;
}"""


def test_wide_formulas_and_tables_show_that_they_scroll(server: str, phone) -> None:
    ctx, scheme = phone
    problems, wide = [], 0
    for path in SCROLL_PAGES:
        page = _open(ctx, server + path)
        for cue in page.evaluate(SCROLL_CUES, ".math-display, .md-typeset__scrollwrap"):
            wide += 1
            where = f"/{path} ({scheme}) {cue['text']!r}"
            if cue["overflow"] not in ("auto", "scroll"):
                problems.append(f"{where}: cut off instead of scrolling")
            # the edge shadows: gradients fixed to the box, covers that move with the content
            if cue["image"].count("gradient") < 4 or not re.search(
                    r"local.*scroll|scroll.*local", cue["attachment"]):
                problems.append(f"{where}: scrolls with no visible cue")
            if cue["tabindex"] != "0":
                problems.append(f"{where}: scrolls but cannot be reached by keyboard")
        page.close()
    assert wide > 0, "no wide formula or table on a phone: the check would be vacuous"
    assert problems == []


def test_figures_fit_their_column_on_a_desktop(server: str, browser) -> None:
    ctx = browser.new_context(viewport=DESKTOP)
    problems = []
    for path in FIGURE_PAGES:
        page = _open(ctx, server + path)
        overflowing = page.eval_on_selector_all(
            ".ag-figure-frame", "els => els.filter(f => f.scrollWidth > f.clientWidth + 1)"
            ".map(f => f.closest('figure').id)")
        problems += [f"/{path} #{ident}: scrolls on a desktop" for ident in overflowing]
        page.close()
    ctx.close()
    assert problems == []


@pytest.mark.parametrize("path", ["", "es/cross-attention/", "glossary/",
                                  "es/notebooks/attention-weights/"])
def test_without_javascript_a_page_does_not_scroll_sideways_on_a_phone(
        browser, server: str, path: str) -> None:
    """What a reader without JavaScript sees, and every reader until Material's script has
    started (it loads after the first paint): the closed language list stuck out past the
    right edge."""
    ctx = browser.new_context(viewport=PHONE, java_script_enabled=False, is_mobile=True,
                              has_touch=True)
    page = ctx.new_page()
    page.goto(server + path)
    assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"], path
    ctx.close()
