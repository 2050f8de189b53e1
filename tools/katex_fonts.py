"""KaTeX's fonts, per page: each page with math gets the fonts its formulas draw, each subset
to the characters they draw *with that font*.

Which font draws a character is decided as the browser decides it: KaTeX's stylesheet is
cascaded over the ``.katex-html`` tree (its font rules use only class, tag, descendant and
child selectors; anything else raises ValueError rather than guess), then each @font-face is
picked by CSS font matching. Kept, rather than giving every font every character the page's
math uses, because that would cost readers: measured on 2026-12-05, the longest concept page's
fonts weigh 12.5 KB this way and 20 KB that way, a glossary entry's 4.5 and 5.9 KB; and the
site would need 1,573 subsets instead of 204, mostly of fonts no browser fetches.
"""

from __future__ import annotations

import functools
import html
import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

KATEX_CSS_URI = "assets/katex/katex.min.css"  # theme asset (overrides/), also its site path

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


class Stylesheet:
    """KaTeX's @font-face list and the rules that set fonts. Rules on ::before/::after are left
    out: they set no font, and tests check that the built stylesheet generates no text."""

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
            fonts = _font_declarations(block)
            for text in prelude.split(",") if fonts else ():
                if re.search(r"::?(before|after)$", text.strip()):
                    raise ValueError(f"KaTeX CSS: unsupported font on pseudo-element {text!r}")
                selector = _parse_selector(text)
                tag, classes = selector.compounds[0]
                key = min(classes) if classes else f"<{tag}>"
                self.rules.setdefault(key, []).append(Rule(selector, fonts, order))

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
    def cascade(self, stack: tuple[Compound, ...], parent: Style, inline: str) -> Style:
        """Computed (families, weight, style) of ``stack[-1]``."""
        tag, classes = stack[-1]
        candidates = [rule for key in (*classes, f"<{tag}>") for rule in self.rules.get(key, ())]
        winners: dict[str, tuple[tuple[int, int], int, object]] = {}
        for rule in candidates:
            if not rule.selector.matches(stack, len(stack) - 1):
                continue
            for name, value in rule.fonts.items():
                rank = (rule.selector.specificity, rule.order, value)
                if name not in winners or rank[:2] > winners[name][:2]:
                    winners[name] = rank
        values = {name: value for name, (_, _, value) in winners.items()}
        values.update(_font_declarations(inline))  # style="" beats every selector
        return (values.get("family", parent[0]), values.get("weight", parent[1]),  # type: ignore
                values.get("style", parent[2]))

    def face(self, family: str, weight: int, style: str) -> FontFace | None:
        """The @font-face CSS font matching picks: style first, then the nearest weight (KaTeX's
        faces and rules use only 400 and 700, where "nearest" is CSS's rule)."""
        faces = self.faces.get(family)
        if faces and not {weight, *(face.weight for face in faces)} <= {400, 700}:
            raise ValueError(f"KaTeX CSS: weight {weight} of {family}: only 400 and 700 handled")
        return min(faces, key=lambda face: (face.style != style, abs(face.weight - weight))
                   ) if faces else None


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
            style = sheet.cascade(tuple(stack), styles[-1],
                                  html.unescape(inline.group(1)) if inline else "")
            inside = ("katex-html" in stack[-1][1] or drawn[-1]) and tag != "svg"
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


def font_cmap(source: Path) -> frozenset[int]:
    """Code points a font file maps to glyphs."""
    from fontTools.ttLib import TTFont

    with TTFont(source, lazy=True) as font:
        return frozenset(font.getBestCmap())


# --- Each page gets the fonts its own formulas draw ---------------------------------------------

ALWAYS_KEPT = " \u00a0"  # browsers take line metrics from the space
SUBSET_OPTIONS = {  # part of the subset cache's key
    "flavor": "woff2", "layout_features": ["*"],
    "recalc_timestamp": False,  # head.modified stays the original's: reproducible bytes
    "hinting": False,  # most of what remained; high-density screens ignore it
    "name_IDs": [0, 1, 2],  # copyright, family, style (no version or tool strings)
}
_FACE = re.compile(r"@font-face\{[^{}]*?url\(\s*['\"]?(fonts/[\w-]+\.woff2)['\"]?\s*\)[^{}]*\}")
KATEX_LINK = re.compile(r'<link rel="stylesheet" href="([^"]*)assets/katex/katex\.min\.css">')


@functools.cache
def _sfnt(source: Path) -> bytes:
    """``source`` unpacked once per process from woff2 to plain sfnt bytes, which each subset
    parses lazily: a woff2's glyphs are rebuilt whole on every read (four times slower; the
    subsets are byte for byte the same)."""
    import io

    from fontTools.ttLib import TTFont

    font = TTFont(str(source), recalcBBoxes=False, recalcTimestamp=False)
    font.flavor = None
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def subset_woff2(source: Path, characters: Iterable[str]) -> bytes:
    """The woff2 font ``source`` reduced to ``characters`` (glyph 0 and metrics kept)."""
    import io

    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options(**SUBSET_OPTIONS)
    font = TTFont(io.BytesIO(_sfnt(source)), lazy=True, recalcBBoxes=False,
                  recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(char) for char in characters))
    subsetter.subset(font)
    out = io.BytesIO()
    subset.save_font(font, out, options)
    return out.getvalue()


def _characters_cached(formulas: set[str], sheet: Stylesheet, digest: str, fonts: dict[str, Path],
                       cache: Path) -> dict[str, dict[str, str]]:
    """Formula -> (font uri -> the characters it draws with that font), kept in ``cache`` by a
    hash of KaTeX's stylesheet, its fonts and this code (``digest``) and of each formula: a
    warm build walks no KaTeX markup."""
    import hashlib
    import json

    from tools.atomic import write_atomically

    path = cache / f"characters.{digest}.json"
    try:
        known = json.loads(path.read_bytes())
    except FileNotFoundError:
        known = {}
    key = {out: hashlib.sha256(out.encode()).hexdigest()[:24] for out in formulas}
    missing = sorted(out for out in formulas if key[out] not in known)
    if missing:
        cmap = functools.cache(lambda uri: font_cmap(fonts[uri]))
        for out in missing:
            known[key[out]] = {uri: "".join(sorted(chars)) for uri, chars
                               in sorted(characters_by_font([out], sheet, cmap).items())}
        write_atomically(path, json.dumps(known, sort_keys=True).encode())
    return {out: known[key[out]] for out in formulas}


PRELOADED = {"fonts/KaTeX_Main-Regular.woff2", "fonts/KaTeX_Math-Italic.woff2"}


def publish_page_fonts(katex: Path, pages: dict[Path, str], formulas: dict[Path, set[str]],
                       cache: Path) -> int:
    """Give every page with math the KaTeX fonts its own formulas draw, subset to the characters
    they draw with each (plus ALWAYS_KEPT); returns how many font files were published.

    KaTeX's stylesheet (``katex``/katex.min.css) loses its @font-face rules; each page gets them
    back in a ``<style>`` before the stylesheet's link, only for the fonts it uses, pointing at
    ``fonts/<name>.<hash of the subset>.woff2`` (pages with the same subset share the file).
    The whole fonts are removed. ``pages`` (path -> HTML) is updated in place.
    """
    import hashlib

    css = (katex / "katex.min.css").read_text("utf-8")
    faces = {uri: match.group(0) for match in _FACE.finditer(css) for uri in [match.group(1)]}
    sheet = Stylesheet(css, css_uri="katex.min.css")
    fonts = {f"fonts/{font.name}": font for font in sorted((katex / "fonts").glob("*.woff2"))}
    named = {face.uri for family in sheet.faces.values() for face in family}
    if PRELOADED - set(fonts):
        raise ValueError(f"KaTeX has no {sorted(PRELOADED - set(fonts))}: update PRELOADED")
    if named - set(fonts) or named != set(faces):
        raise ValueError(f"KaTeX's @font-face rules and fonts differ: {sorted(named ^ set(fonts))}"
                         f" / {sorted(named ^ set(faces))}")
    digest = hashlib.sha256(css.encode() + Path(__file__).read_bytes())  # and this cascade
    for uri, font in sorted(fonts.items()):
        digest.update(uri.encode() + b"\0" + font.read_bytes())
    drawn = _characters_cached(set().union(*formulas.values()), sheet,
                               digest.hexdigest()[:24], fonts, cache)
    needs: dict[Path, dict[str, str]] = {}  # page -> font uri -> characters
    for path, outputs in sorted(formulas.items()):
        used: dict[str, set[str]] = {}
        for out in outputs:
            for uri, chars in drawn[out].items():
                used.setdefault(uri, set(ALWAYS_KEPT)).update(chars)
        needs[path] = {uri: "".join(sorted(chars)) for uri, chars in sorted(used.items())}
    # Both languages are post-processed at once and need mostly the same subsets: one takes
    # them from the end of the list, so (through the cache) each is made about once.
    wanted = sorted({(uri, text) for need in needs.values() for uri, text in need.items()},
                    reverse=katex.parent.parent.name == "es")
    published = {(uri, text): _publish(fonts[uri], text, katex, cache) for uri, text in wanted}
    for path, need in needs.items():
        link = KATEX_LINK.search(pages[path])
        if link is None:
            raise ValueError(f"{path}: math found, but the page does not link KaTeX's "
                             "stylesheet (overrides/main.html)")
        urls = {uri: f"{link.group(1)}assets/katex/{published[uri, text]}"
                for uri, text in need.items()}
        rules = "".join(faces[uri].replace(uri, url) for uri, url in urls.items())
        # The two fonts nearly every formula draws, fetched with the stylesheet: arriving after
        # the first layout, they re-wrapped the paragraphs around inline math (a layout shift
        # of 0.04 on /cross-attention/ on a phone).
        preload = "".join(f'<link rel="preload" href="{url}" as="font" type="font/woff2" '
                          'crossorigin>' for uri, url in urls.items() if uri in PRELOADED)
        pages[path] = (f"{pages[path][:link.start()]}{preload}<style>{rules}</style>"
                       f"{pages[path][link.start():]}")
    (katex / "katex.min.css").write_text(_FACE.sub("", css), "utf-8")
    for font in fonts.values():
        font.unlink()
    return len(set(published.values()))


@functools.cache
def _subset_code() -> bytes:
    """What a subset depends on besides the font, the characters and SUBSET_OPTIONS: this
    file (subset_woff2) and the versions of fontTools and Brotli (woff2's compressor)."""
    from importlib import metadata

    versions = f"{metadata.version('fonttools')} {metadata.version('brotli')}"
    return Path(__file__).read_bytes() + versions.encode()


def _publish(font: Path, characters: str, katex: Path, cache: Path) -> str:
    """Subset ``font`` (cached by a hash of the font and the characters), write it under
    ``katex``/fonts/ named by its content hash; returns its path relative to ``katex``."""
    import hashlib

    from tools.atomic import write_atomically

    key = hashlib.sha256(font.read_bytes() + characters.encode() + _subset_code()
                         + repr(sorted(SUBSET_OPTIONS.items())).encode()).hexdigest()[:20]
    cached = cache / f"{font.stem}.{key}.woff2"
    if not cached.is_file():
        write_atomically(cached, subset_woff2(font, characters))
    data = cached.read_bytes()
    name = f"fonts/{font.stem}.{hashlib.sha256(data).hexdigest()[:10]}.woff2"
    (katex / name).write_bytes(data)
    return name
