"""KaTeX at build time (tools/postprocess.py, tools/katex_fonts.py): bad TeX fails the build;
each page's own subset fonts still draw every character of its formulas."""

from __future__ import annotations

import functools
import hashlib
import io
import re
from pathlib import Path

import lxml.html
import pytest
from fontTools.ttLib import TTFont

from tests.conftest import ROOT
from tools.katex_fonts import Stylesheet, characters_by_font, font_cmap, subset_woff2
from tools.postprocess import PostprocessError, render_math

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


def test_bad_tex_fails_the_build_naming_the_page() -> None:
    page = '<p>See <span class="arithmatex">\\(\\frac{1}{\\)</span>.</p>'
    with pytest.raises(PostprocessError, match=r"en/attention-weights\.md: KaTeX cannot render"):
        render_math(page, "en/attention-weights.md")


def test_math_is_rendered_and_recorded_for_font_subsetting() -> None:
    rendered: set[str] = set()
    out, count = render_math('<span class="arithmatex">\\(x^2\\)</span>', "index.md", rendered)
    assert count == 1 and 'class="katex"' in out and "<math" in out
    assert "<annotation" not in out, "KaTeX's TeX annotation is dead weight in every page"
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


def _page_fonts(page: Path) -> dict[tuple[str, int, str], Path]:
    """(family, weight, style) -> font file of each @font-face in the page's own <style>."""
    faces = {}
    for block in re.findall(r"@font-face\{([^}]*)\}", page.read_text("utf-8")):
        fields = dict(re.findall(r"(font-family|font-style|font-weight|src):([^;]+)", block))
        url = re.match(r"url\(([^)]+)\)", fields["src"]).group(1)
        key = (fields["font-family"], int(fields["font-weight"]), fields["font-style"])
        faces[key] = (page.parent / url).resolve()
    return faces


def _math_pages(site: Path) -> list[Path]:
    return sorted(page for page in site.rglob("*.html")
                  if "runtime" not in page.relative_to(site).parts
                  and 'class="katex"' in page.read_text("utf-8"))


def test_each_page_has_fonts_for_every_character_of_its_formulas(site: Path) -> None:
    """Each page declares its own subset fonts: named by content hash (so pages with the same
    subset share one file), woff2, and together holding every character its formulas show
    that KaTeX's fonts have; the whole fonts are not published."""
    original = set().union(*(_cmap(path) for path in ORIGINAL_FONTS.glob("*.woff2")))
    pages = _math_pages(site)
    assert len(pages) > 100, "too few pages with math: did the build render it?"
    published = set()
    for page in pages:
        fonts = _page_fonts(page)
        assert fonts, f"{page}: math but no @font-face of its own"
        shown = set()
        for drawn in lxml.html.parse(page).getroot().find_class("katex-html"):
            shown |= {ord(char) for char in drawn.text_content()}
        missing = (shown & original) - set().union(*(_cmap(path) for path in fonts.values()))
        assert not missing, f"{page}: its fonts lack {''.join(map(chr, sorted(missing)))!r}"
        published |= set(fonts.values())
    for font in sorted(published):
        digest = hashlib.sha256(font.read_bytes()).hexdigest()[:10]
        assert font.name.endswith(f".{digest}.woff2"), f"{font.name}: not named by its content"
    for build in LANGUAGES.values():
        folder = (site / build / "assets" / "katex" / "fonts").resolve()
        assert set(folder.iterdir()) == {p for p in published if p.parent == folder}, \
            f"{folder}: fonts no page uses are published (or whole fonts were left)"
    main = [p for p in published if p.name.startswith("KaTeX_Main-Regular.")]
    assert max(p.stat().st_size for p in main) < (ORIGINAL_FONTS / "KaTeX_Main-Regular.woff2"
                                                  ).stat().st_size / 2


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_katex_stylesheet_has_no_fonts_and_draws_no_generated_text(site: Path, lang: str) -> None:
    """The fonts are declared per page; text KaTeX's stylesheet would generate (::before,
    ::after) is not in any page's formulas, so no subset would hold it."""
    # KaTeX's rules are published last in the site's one extra stylesheet (tools/trim_css.py)
    (css,) = (site / LANGUAGES[lang] / "assets" / "stylesheets").glob("extra.*.min.css")
    text = css.read_text("utf-8")
    katex = text[text.index(".katex"):]
    assert "@font-face" not in text
    assert not re.findall(r'content:\s*"[^"]', katex), f"{css.name} generates text"
    assert not list((site / LANGUAGES[lang] / "assets" / "katex").glob("*.css"))


# Pages the browser check visits (every math page would take minutes): the long concept pages,
# the glossary index and one entry.
BROWSER_PAGES = ("attention-weights/", "cross-attention-today/", "reading-attention/",
                 "glossary/", "glossary/attention-weight/")


@pytest.mark.browser
@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_each_font_keeps_the_characters_the_browser_draws_with_it(
        site: Path, server: str, browser, lang: str) -> None:
    """Chromium's own cascade decides which @font-face draws each character of a page's
    formulas; that page's file for that face must have the character."""
    lost = set()
    for path in BROWSER_PAGES:
        url = ("es/" if lang == "es" else "") + path
        page = browser.new_page()
        try:
            page.goto(server + url)
            runs = page.evaluate(
                """() => {
                  const runs = [];
                  for (const el of document.querySelectorAll(".katex-html, .katex-html *")) {
                    if (el.closest("svg")) continue;
                    const text = [...el.childNodes].filter(n => n.nodeType === 3)
                      .map(n => n.textContent).join("");
                    if (!text) continue;
                    const s = getComputedStyle(el);
                    runs.push([s.fontFamily, s.fontWeight, s.fontStyle, text]);
                  }
                  return runs;
                }""")
        finally:
            page.close()
        assert runs, f"{url}: no formula text found"
        fonts = _page_fonts(site / url / "index.html")
        for family_list, weight, style, text in runs:
            family = family_list.split(",")[0].strip().strip('"')
            key = (family, int(weight), "normal" if style == "normal" else "italic")
            if key not in FACES:
                continue
            wanted = {ord(char) for char in text} & _cmap(ORIGINAL_FONTS / FACES[key])
            have = _cmap(fonts[key]) if key in fonts else frozenset()
            lost |= {(url, FACES[key], chr(code)) for code in wanted - have}
    assert not lost, f"{lang}: characters drawn with a font the page lacks them in: {lost}"


def test_no_page_shows_unrendered_tex(site: Path) -> None:
    """A formula Markdown did not hand to KaTeX (display math in a list item without a blank
    line before it, say) reaches the reader as raw $$ ... $$."""
    hidden = re.compile(r"<(pre|code|script|style|textarea|annotation)\b.*?</\1>", re.DOTALL)
    raw = re.compile(r"\$\$|\\\(|\\\)|\\\[|\\\]|\\(?:frac|sum|left|right|mathbf|text)\b")
    shown = []
    for page in sorted(site.rglob("*.html")):
        if "runtime" in page.relative_to(site).parts:
            continue
        text = re.sub(r"<[^>]+>", " ", hidden.sub(" ", page.read_text("utf-8")))
        shown += [f"{page.relative_to(site)}: {text[max(0, m.start() - 40):m.end() + 40]!r}"
                  for m in raw.finditer(text)]
    assert shown == [], "\n".join(shown[:10])
