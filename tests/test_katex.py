"""KaTeX at build time (tools/postprocess.py): bad TeX fails the build; the subset fonts still
draw every formula."""

from __future__ import annotations

import functools
import io
import re
from pathlib import Path

import lxml.html
import pytest
from fontTools.ttLib import TTFont

from tests.conftest import ROOT
from tools.katex_fonts import Stylesheet, characters_by_font, font_cmap
from tools.postprocess import PostprocessError, render_math, subset_woff2

THEME = ROOT / "overrides"
ORIGINAL_FONTS = THEME / "assets" / "katex" / "fonts"
# (family, weight, style) -> font file name, from KaTeX's @font-face rules
FACES = {(family, int(weight), style): name for family, style, weight, name in re.findall(
    r"@font-face\{[^}]*?font-family:(\w+);font-style:(\w+);font-weight:(\d+);"
    r"src:url\(fonts/([\w-]+\.woff2)\)",
    (THEME / "assets" / "katex" / "katex.min.css").read_text("utf-8"))}
LANGUAGES = {"en": Path(), "es": Path("es")}


@functools.cache
def _cmap(font: Path | bytes) -> frozenset[int]:
    with TTFont(io.BytesIO(font) if isinstance(font, bytes) else font) as opened:
        assert opened.flavor == "woff2", f"{font}: not woff2"
        return frozenset(opened.getBestCmap())


def _katex_fragments(build: Path) -> set[str]:
    """Every distinct ``<span class="katex">`` of one language build (not the nested /es/)."""
    fragments = set()
    for page in build.rglob("*.html"):
        if build.name != "es" and page.relative_to(build).parts[0] == "es":
            continue
        for element in lxml.html.parse(page).xpath('//span[@class="katex"]'):
            fragments.add(lxml.html.tostring(element, encoding="unicode", with_tail=False))
    return fragments


def test_bad_tex_fails_the_build_naming_the_page() -> None:
    page = '<p>See <span class="arithmatex">\\(\\frac{1}{\\)</span>.</p>'
    with pytest.raises(PostprocessError, match=r"en/attention-weights\.md: KaTeX cannot render"):
        render_math(page, "en/attention-weights.md")


def test_math_is_rendered_and_recorded_for_font_subsetting() -> None:
    rendered: set[str] = set()
    out, count = render_math('<span class="arithmatex">\\(x^2\\)</span>', "index.md", rendered)
    assert count == 1 and 'class="katex"' in out and "<math" in out
    assert rendered == {out}
    sheet = Stylesheet((THEME / "assets" / "katex" / "katex.min.css").read_text("utf-8"),
                       css_uri="katex.min.css")
    used = characters_by_font(rendered, sheet, lambda uri: font_cmap(THEME / "assets/katex" / uri))
    # x in KaTeX's math italic, 2 in its roman; the hidden MathML copy counts for nothing
    assert used == {"fonts/KaTeX_Math-Italic.woff2": {"x"}, "fonts/KaTeX_Main-Regular.woff2": {"2"}}


def test_subsetting_is_reproducible_and_keeps_what_was_asked() -> None:
    source = ORIGINAL_FONTS / "KaTeX_Math-Italic.woff2"
    first, second = (subset_woff2(source, "xyzα ") for _ in range(2))
    assert first == second, "two subsettings of the same font differ"
    assert len(first) < source.stat().st_size / 2
    assert {ord(c) for c in "xyzα "} <= _cmap(first) and ord("q") not in _cmap(first)
    with TTFont(io.BytesIO(first)) as subset, TTFont(source) as original:
        assert subset["head"].modified == original["head"].modified, "build time leaked in"
        assert subset["hhea"].ascent == original["hhea"].ascent, "line metrics changed"


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_built_fonts_are_woff2_and_cover_every_formula_character(site: Path, lang: str) -> None:
    build = site / LANGUAGES[lang]
    fonts = build / "assets" / "katex" / "fonts"
    built = {path.name: _cmap(path) for path in sorted(fonts.glob("*.woff2"))}
    assert set(built) == {path.name for path in ORIGINAL_FONTS.glob("*.woff2")}
    original = set().union(*(_cmap(path) for path in ORIGINAL_FONTS.glob("*.woff2")))
    shown = set()
    for fragment in _katex_fragments(build):
        for drawn in lxml.html.fromstring(fragment).find_class("katex-html"):
            shown |= {ord(char) for char in drawn.text_content()}
    assert shown, f"{lang}: no formula found in the built site"
    missing = (shown & original) - set().union(*built.values())
    assert not missing, f"{lang}: KaTeX fonts lost {''.join(map(chr, sorted(missing)))!r}"
    main = "KaTeX_Main-Regular.woff2"
    assert (fonts / main).stat().st_size < (ORIGINAL_FONTS / main).stat().st_size / 2, \
        f"{lang}: {main} was not subset"


@pytest.mark.browser
@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_each_font_keeps_the_characters_the_browser_draws_with_it(
        site: Path, server: str, browser, lang: str) -> None:
    """Chromium's own cascade decides which @font-face draws each character of every formula."""
    build = site / LANGUAGES[lang]
    fragments = sorted(_katex_fragments(build))
    page = browser.new_page()
    try:
        page.goto(server + ("es/" if lang == "es" else ""))  # a page linking KaTeX's CSS
        runs = page.evaluate(
            """fragments => {
              const article = document.querySelector("article");
              article.innerHTML = fragments.join(" ");
              const runs = [];
              for (const el of article.querySelectorAll(".katex-html, .katex-html *")) {
                if (el.closest("svg")) continue;
                const text = [...el.childNodes].filter(n => n.nodeType === 3)
                  .map(n => n.textContent).join("");
                if (!text) continue;
                const s = getComputedStyle(el);
                runs.push([s.fontFamily, s.fontWeight, s.fontStyle, text]);
              }
              return runs;
            }""", fragments)
    finally:
        page.close()
    assert runs, f"{lang}: no formula text found"
    fonts = build / "assets" / "katex" / "fonts"
    lost = set()
    for family_list, weight, style, text in runs:
        family = family_list.split(",")[0].strip().strip('"')
        name = FACES.get((family, int(weight), "normal" if style == "normal" else "italic"))
        if name is None:
            continue
        wanted = {ord(char) for char in text} & _cmap(ORIGINAL_FONTS / name)
        lost |= {(name, chr(code)) for code in wanted - _cmap(fonts / name)}
    assert not lost, f"{lang}: characters drawn with a font that no longer has them: {lost}"
