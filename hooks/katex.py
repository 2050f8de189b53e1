"""Render math with KaTeX at build time, so readers download no math JavaScript.

pymdownx.arithmatex (generic mode) wraps math as ``<span class="arithmatex">\\(...\\)</span>``
and ``<div class="arithmatex">\\[...\\]</div>``; this hook replaces each with KaTeX's HTML +
MathML output (MathML keeps it readable by screen readers). KaTeX runs in an embedded V8
(mini-racer) from the vendored ``vendor/katex/katex.min.js``; its stylesheet and fonts are
served from the site itself and linked only on pages that contain math.

After each build (English, then Spanish: each site is self-contained) KaTeX's woff2 fonts are
cut down to the characters that build's formulas draw with them (a math page's fonts: 46-82 KB
before, about 20 KB after, hinting dropped). Which font draws a character is
decided as the browser decides it: KaTeX's own stylesheet is cascaded over the ``.katex-html``
tree (its font rules use only class, tag, descendant and child selectors; anything else fails
the build rather than guess), then each @font-face is picked by CSS font matching. Every subset
font also keeps the space, the no-break space and ``.notdef``, and its metrics; a font no
formula draws with is left whole (browsers never fetch it). Same input, same bytes: no
timestamp is written.
"""

from __future__ import annotations

import functools
import html
import io
import logging
import posixpath
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

log = logging.getLogger(f"mkdocs.hooks.{__name__}")
# fontTools' subsetter logs a dozen INFO lines per font; the build log needs none of them.
logging.getLogger("fontTools").setLevel(logging.WARNING)

KATEX_JS = Path(__file__).resolve().parent.parent / "vendor" / "katex" / "katex.min.js"
KATEX_CSS_URI = "assets/katex/katex.min.css"  # theme asset (overrides/), also its site path
ALWAYS_KEPT = " \u00a0"  # kept in every subset font: browsers take line metrics from the space

_INLINE = re.compile(r'<span class="arithmatex">\\\((.+?)\\\)</span>', re.DOTALL)
_DISPLAY = re.compile(r'<div class="arithmatex">\\\[(.+?)\\\]</div>', re.DOTALL)


@functools.cache
def _engine():
    from py_mini_racer import MiniRacer

    ctx = MiniRacer()
    ctx.eval(KATEX_JS.read_text(encoding="utf-8"))
    return ctx


@functools.lru_cache(maxsize=4096)
def render(tex: str, display: bool) -> str:
    """KaTeX HTML for one expression; raises ValueError with KaTeX's message on bad TeX."""
    try:
        return _engine().call(
            "katex.renderToString",
            tex,
            {"displayMode": display, "throwOnError": True, "output": "htmlAndMathml"},
        )
    except Exception as exc:  # mini-racer wraps the JS ParseError
        raise ValueError(f"KaTeX cannot render {tex!r}: {exc}") from exc


def render_math(content: str, where: str, rendered: set[str] | None = None) -> tuple[str, int]:
    """Replace every arithmatex placeholder in ``content``; returns (html, count).

    Each KaTeX output is also added to ``rendered`` when given (the fonts are subset to them).
    """
    count = 0

    def _sub(display: bool):
        def replace(match: re.Match[str]) -> str:
            nonlocal count
            count += 1
            tex = html.unescape(match.group(1)).strip()
            try:
                out = render(tex, display)
            except ValueError as exc:
                raise PluginError(f"{where}: {exc}") from exc
            if rendered is not None:
                rendered.add(out)
            return f'<div class="math-display">{out}</div>' if display else out

        return replace

    content = _DISPLAY.sub(_sub(True), content)
    content = _INLINE.sub(_sub(False), content)
    return content, count


# --- Which font draws which character: a tiny CSS cascade over KaTeX's stylesheet -----------

Compound = tuple[str | None, frozenset[str]]  # (tag or None, classes)
Style = tuple[tuple[str, ...], int, str]  # (font families, weight, "normal" | "italic")


@dataclass(frozen=True)
class Selector:
    """A selector read right to left: ``compounds[0]`` is the element itself."""

    compounds: tuple[Compound, ...]
    combinators: tuple[str, ...]  # combinators[k] joins compounds[k] to compounds[k + 1]

    @property
    def specificity(self) -> tuple[int, int]:
        return (sum(len(c) for _, c in self.compounds),
                sum(tag is not None for tag, _ in self.compounds))

    def matches(self, stack: tuple[Compound, ...], index: int, k: int = 0) -> bool:
        """Does ``compounds[k:]`` match ``stack[index]`` (stack: root first) and its ancestors?"""
        tag, classes = self.compounds[k]
        if (tag is not None and tag != stack[index][0]) or not classes <= stack[index][1]:
            return False
        if k + 1 == len(self.compounds):
            return True
        if self.combinators[k] == ">":
            return index > 0 and self.matches(stack, index - 1, k + 1)
        return any(self.matches(stack, i, k + 1) for i in range(index - 1, -1, -1))


@dataclass(frozen=True)
class Rule:
    selector: Selector
    fonts: dict[str, object]  # "family" / "weight" / "style" -> value
    content: str  # characters generated by a ::before/::after rule, "" for normal rules
    order: int


@dataclass(frozen=True)
class FontFace:
    family: str
    weight: int
    style: str
    uri: str  # site path of the woff2 file


def _parse_selector(text: str) -> Selector:
    tokens = re.findall(r"\s*(>)?\s*([^\s>]+)", text.strip())
    compounds: list[Compound] = []
    for _, compound in tokens:
        match = re.fullmatch(r"([a-zA-Z][\w-]*)?((?:\.[\w-]+)*)", compound)
        if not match or not compound:
            raise ValueError(f"KaTeX CSS: unsupported selector {text!r} in a font rule")
        compounds.append((match.group(1), frozenset(match.group(2).split(".")[1:])))
    combinators = [">" if combinator else " " for combinator, _ in tokens[1:]]
    return Selector(tuple(reversed(compounds)), tuple(reversed(combinators)))


def _weight(value: str) -> int:
    named = {"normal": 400, "bold": 700}
    if value in named or value.isdigit():
        return named.get(value) or int(value)
    raise ValueError(f"KaTeX CSS: unsupported font-weight {value!r}")


def _style(value: str) -> str:
    if value not in ("normal", "italic", "oblique"):
        raise ValueError(f"KaTeX CSS: unsupported font-style {value!r}")
    return "normal" if value == "normal" else "italic"


def _families(value: str) -> tuple[str, ...]:
    return tuple(name.strip().strip("'\"") for name in value.split(","))


def _font_declarations(block: str) -> dict[str, object]:
    """The font-family/-weight/-style a declaration block sets (``font`` shorthand included)."""
    fonts: dict[str, object] = {}
    for declaration in block.split(";"):
        name, _, value = (part.strip() for part in declaration.partition(":"))
        name = name.lower()
        if name not in ("font", "font-family", "font-weight", "font-style") or value == "inherit":
            continue
        if "!important" in value:
            raise ValueError(f"KaTeX CSS: unsupported !important in {declaration!r}")
        if name == "font-family":
            fonts["family"] = _families(value)
        elif name == "font-weight":
            fonts["weight"] = _weight(value)
        elif name == "font-style":
            fonts["style"] = _style(value)
        elif name == "font":  # [style] [variant] [weight] size[/line-height] family, ...
            fonts.update(weight=400, style="normal")
            words = value.split()
            for i, word in enumerate(words):
                if word in ("italic", "oblique"):
                    fonts["style"] = _style(word)
                elif word == "bold" or word.isdigit():
                    fonts["weight"] = _weight(word)
                elif word not in ("normal", "small-caps"):
                    fonts["family"] = _families(" ".join(words[i + 1:]))
                    break
    return fonts


def _generated_text(block: str) -> str:
    """Characters a ``content:`` declaration shows (digits stand in for counters)."""
    match = re.search(r"(?:^|;)\s*content\s*:([^;]*)", block)
    if not match:
        return ""
    text = "".join(re.findall(r'"([^"]*)"', match.group(1)))
    return text + ("0123456789" if "counter(" in match.group(1) else "")


class Stylesheet:
    """KaTeX's @font-face list and the rules that set fonts or generate text."""

    def __init__(self, css: str, css_uri: str = KATEX_CSS_URI) -> None:
        css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
        self.faces: dict[str, list[FontFace]] = {}
        self.rules: dict[str, list[Rule]] = {}  # by a class (or tag) the element must have
        for order, (prelude, block) in enumerate(re.findall(r"([^{}]+)\{([^{}]*)\}", css)):
            prelude = prelude.strip()
            if prelude == "@font-face":
                self._add_face(block, css_uri)
                continue
            if prelude.startswith("@"):
                raise ValueError(f"KaTeX CSS: unsupported at-rule {prelude!r}")
            fonts, content = _font_declarations(block), _generated_text(block)
            for text in prelude.split(","):
                pseudo = re.search(r"::?(before|after)$", text.strip())
                if not (fonts or (pseudo and content)):
                    continue
                if pseudo and fonts:
                    raise ValueError(f"KaTeX CSS: unsupported font on pseudo-element {text!r}")
                selector = _parse_selector(text.strip()[: pseudo.start()] if pseudo else text)
                tag, classes = selector.compounds[0]
                key = min(classes) if classes else f"<{tag}>"
                rule = Rule(selector, fonts, content if pseudo else "", order)
                self.rules.setdefault(key, []).append(rule)

    def _add_face(self, block: str, css_uri: str) -> None:
        fields = dict(re.findall(r"(font-family|font-weight|font-style)\s*:\s*([^;]+)", block))
        url = re.search(r"url\(\s*['\"]?([^'\")]+\.woff2)['\"]?\s*\)", block)
        if not url or "font-family" not in fields:
            raise ValueError(f"KaTeX CSS: @font-face without family or woff2 source: {block!r}")
        uri = posixpath.normpath(posixpath.join(posixpath.dirname(css_uri), url.group(1)))
        face = FontFace(_families(fields["font-family"])[0],
                        _weight(fields.get("font-weight", "normal").strip()),
                        _style(fields.get("font-style", "normal").strip()), uri)
        self.faces.setdefault(face.family, []).append(face)

    @functools.lru_cache(maxsize=65536)  # noqa: B019 (one sheet per build; KaTeX repeats)
    def cascade(self, stack: tuple[Compound, ...], parent: Style,
                inline: str) -> tuple[Style, str]:
        """Computed (families, weight, style) of ``stack[-1]``, and its generated text."""
        tag, classes = stack[-1]
        candidates = [rule for key in (*classes, f"<{tag}>") for rule in self.rules.get(key, ())]
        winners: dict[str, tuple[tuple[int, int], int, object]] = {}
        generated = ""
        for rule in candidates:
            if not rule.selector.matches(stack, len(stack) - 1):
                continue
            generated += rule.content
            for name, value in rule.fonts.items():
                rank = (rule.selector.specificity, rule.order, value)
                if name not in winners or rank[:2] > winners[name][:2]:
                    winners[name] = rank
        values = {name: value for name, (_, _, value) in winners.items()}
        values.update(_font_declarations(inline))  # style="" beats every selector
        style: Style = (values.get("family", parent[0]), values.get("weight", parent[1]),
                        values.get("style", parent[2]))  # type: ignore[assignment]
        return style, generated

    def face(self, family: str, weight: int, style: str) -> FontFace | None:
        """The @font-face CSS font matching picks (style first, then nearest weight)."""
        faces = self.faces.get(family)
        if not faces:
            return None

        def distance(face: FontFace) -> tuple[int, int, int]:
            w = face.weight
            if 400 <= weight <= 500:  # weight up to 500, then lighter, then heavier
                order = (0, w - weight) if weight <= w <= 500 else (
                    (1, weight - w) if w < weight else (2, w - weight))
            elif weight < 400:
                order = (0, weight - w) if w <= weight else (1, w - weight)
            else:
                order = (0, w - weight) if w >= weight else (1, weight - w)
            return (face.style != style, *order)

        return min(faces, key=distance)


_TOKEN = re.compile(r"<(/?)([a-zA-Z][\w-]*)([^>]*?)(/?)>|([^<]+)")
_CLASS = re.compile(r'\sclass="([^"]*)"')
_STYLE = re.compile(r'\sstyle="([^"]*font[^"]*)"')  # only inline styles that may set fonts
_MATHML = re.compile(r'<span class="katex-mathml">.*?</math></span>', re.DOTALL)
_VOID = frozenset({"br", "hr", "img", "wbr", "input", "meta", "link", "col", "area"})


def text_runs(output: str, sheet: Stylesheet) -> list[tuple[Style, str]]:
    """(computed font, text) of every piece of text drawn inside ``.katex-html``.

    KaTeX's serializer writes well-formed, double-quoted markup, so a regex tokenizer is enough
    (and ten times faster than html.parser). The hidden MathML copy is skipped.
    """
    stack: list[Compound] = []
    styles: list[Style] = [((), 400, "normal")]
    drawn = [False]  # inside .katex-html and outside <svg>
    runs: list[tuple[Style, str]] = []
    for match in _TOKEN.finditer(_MATHML.sub("", output)):
        closing, tag, attributes, self_closing, text = match.groups()
        if text is not None:
            if drawn[-1]:
                runs.append((styles[-1], html.unescape(text)))
        elif closing:
            while stack:  # also closes elements left open inside it
                styles.pop()
                drawn.pop()
                if stack.pop()[0] == tag:
                    break
        else:
            classes = _CLASS.search(attributes)
            inline = _STYLE.search(attributes)
            stack.append((tag, frozenset(html.unescape(classes.group(1)).split())
                          if classes else frozenset()))
            style, generated = sheet.cascade(tuple(stack), styles[-1],
                                             html.unescape(inline.group(1)) if inline else "")
            inside = ("katex-html" in stack[-1][1] or drawn[-1]) and tag != "svg"
            if inside and generated:
                runs.append((style, generated))
            if self_closing or tag in _VOID:
                stack.pop()
            else:
                styles.append(style)
                drawn.append(inside)
    return runs


def characters_by_font(rendered: Iterable[str], sheet: Stylesheet,
                       cmap: Callable[[str], frozenset[int]]) -> dict[str, set[str]]:
    """Font uri -> the characters the KaTeX outputs ``rendered`` draw with that font.

    ``cmap(uri)`` (code points of the full font) settles fallback: a character goes down the
    element's font-family list to the first KaTeX font that has it; a non-KaTeX family ends the
    search (the browser draws it with a system font, as it does without subsetting).
    """
    used: dict[str, set[str]] = {}
    for output in rendered:
        for (families, weight, style), text in text_runs(output, sheet):
            for char in set(text):
                for family in families:
                    face = sheet.face(family, weight, style)
                    if face is None:
                        break
                    if ord(char) in cmap(face.uri):
                        used.setdefault(face.uri, set()).add(char)
                        break
    return used


def subset_woff2(source: Path, characters: Iterable[str]) -> bytes:
    """The woff2 font ``source`` reduced to ``characters`` (glyph 0 and metrics kept)."""
    from fontTools import subset

    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.recalc_timestamp = False  # head.modified stays the original's: reproducible bytes
    # Hinting instructions were most of what remained (~2 KB a font, ~10 KB a math page);
    # browsers on high-density and non-Windows screens ignore them, as web font services do.
    options.hinting = False
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(char) for char in characters))
    subsetter.subset(font)
    out = io.BytesIO()
    subset.save_font(font, out, options)
    return out.getvalue()


def font_cmap(source: Path) -> frozenset[int]:
    """Code points a font file maps to glyphs."""
    from fontTools.ttLib import TTFont

    with TTFont(source, lazy=True) as font:
        return frozenset(font.getBestCmap())


# --- Build hooks ------------------------------------------------------------------------------

_rendered: set[str] = set()  # distinct KaTeX outputs of the current build
_assets: dict[str, File] = {}  # KaTeX stylesheet and fonts of the current build, by site path


def on_pre_build(config: MkDocsConfig) -> None:
    _rendered.clear()
    _assets.clear()


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for file in files:
        if file.src_uri == KATEX_CSS_URI or (
                file.src_uri.startswith(posixpath.dirname(KATEX_CSS_URI) + "/")
                and file.src_uri.endswith(".woff2")):
            _assets[file.src_uri] = file
    return files


def on_page_content(html_text: str, page: Page, config: MkDocsConfig, files) -> str:
    # Only note that the page has math (its template links KaTeX's stylesheet): the math is
    # rendered in on_post_page, after the search plugin has indexed the page, so the index
    # holds the TeX source ("s_{ij}") instead of KaTeX's markup flattened into "sijs_{ij}sij",
    # and the indexer does not parse ~100 KB of KaTeX spans per page.
    if _INLINE.search(html_text) or _DISPLAY.search(html_text):
        page.meta["has_math"] = True
    return html_text


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    out, count = render_math(output, page.file.src_uri, _rendered)
    if count and not page.meta.get("has_math"):
        raise PluginError(f"{page.file.src_uri}: math found only after the page was rendered")
    return out


def on_post_build(config: MkDocsConfig) -> None:
    """Rewrite this build's copies of KaTeX's fonts with only the characters it draws."""
    css = _assets.get(KATEX_CSS_URI)
    if css is None:
        return
    start = time.perf_counter()
    fonts = {uri: Path(file.abs_src_path) for uri, file in _assets.items() if uri != css.src_uri}
    try:
        sheet = Stylesheet(Path(css.abs_src_path).read_text("utf-8"))
        missing = {face.uri for faces in sheet.faces.values() for face in faces} - set(fonts)
        if missing:
            raise ValueError(f"@font-face names fonts that are not in the theme: {sorted(missing)}")
        cmaps = functools.cache(lambda uri: font_cmap(fonts[uri]))
        used = characters_by_font(_rendered, sheet, cmaps)
    except ValueError as exc:
        raise PluginError(f"{KATEX_CSS_URI}: {exc}") from exc
    for uri, characters in sorted(used.items()):  # fonts nothing is drawn with stay whole
        data = subset_woff2(fonts[uri], characters | set(ALWAYS_KEPT))
        Path(_assets[uri].abs_dest_path).write_bytes(data)
    log.info("KaTeX fonts: %d of %d subset to this build's characters in %.2f s",
             len(used), len(fonts), time.perf_counter() - start)
