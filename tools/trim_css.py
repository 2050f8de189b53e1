"""Drop the rules of Material's and KaTeX's stylesheets that no page can use.

Material ships one stylesheet for every feature it has (blog, versions, annotations, mermaid,
social cards, a dozen admonition types, ...): 22.6 KB gzip, a fifth of a page's first view,
and render-blocking (KaTeX's: 3.4 KB on every page with math, most of it for commands the site
never uses). tools/postprocess.py calls ``trim`` once per language site: it keeps a selector
only if every class it names
occurs in the built HTML (``class="..."``) or anywhere in the site's JavaScript (Material's
bundle adds classes at run time; any word of the scripts counts as used, which errs on the
side of keeping). It then drops custom properties (``--md-...``) that nothing reads with
``var()`` any more (mostly inline SVG icons of unused features), and publishes the result under
a new content-hashed name so a browser never pairs a page with a stale copy.

Attributes only templates write are treated like classes: ``[dir=rtl]`` (the site is
left-to-right; Material's script only reads ``dir``) and Material's palette attributes
``[data-md-color-primary=red]`` and the like (its script copies them from the palette's inputs
in the page): a selector naming a value no page carries is dropped (the 19 unused primary and
accent colours were 1.3 KB of the palette's 2 KB gzip). Comments and runs of whitespace are
dropped too (the site's own extra.css is written readable).

Other selectors without classes (elements, other attributes, ids) are always kept; so are
@font-face, @keyframes and every other at-rule but @media/@supports, which are filtered inside.

Every page links Material's palette.css and then the site's extra.css, and math pages then
KaTeX's (its @font-face rules already moved into each page: tools/katex_fonts.py); once
trimmed, the three are published as one file, in that order (the same cascade), and the
palette's and KaTeX's links are dropped: one response less per page, two per math page, 0.4 KB
of a first view each (a response's headers count 300 bytes in the browser's transfer size, and
each file's gzip stream starts afresh). A page without math gets KaTeX's 1.1 KB gzip too, once:
the same file then serves every page from the browser's cache.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import re
from collections.abc import Iterable
from pathlib import Path

import tinycss2

from tools.katex_fonts import KATEX_LINK  # where each page links KaTeX's stylesheet

log = logging.getLogger(__name__)

STYLESHEET = re.compile(r"main\.[0-9a-f]{8}\.min\.css")
_CLASS_ATTR = re.compile(r'\sclass=\\?"([^"\\]*)')  # also inside JSON (search index)
_INLINE_SCRIPT = re.compile(r"<script[^>]*>(.*?)</script>", re.DOTALL)
_WORD = re.compile(r"[A-Za-z_][\w-]*")
_SELECTOR_CLASS = re.compile(r"\.(-?[A-Za-z_][\w-]*)")
_NEGATION = re.compile(r":not\([^()]*\)")  # .a:not(.b) applies whether or not .b is used
_VAR_USE = re.compile(r"var\(\s*(--[\w-]+)")
_TEMPLATE_ATTR = re.compile(r"""\[\s*(dir|data-md-color-[\w-]+)\s*=\s*["']?([\w-]+)["']?\s*\]""")
_TEMPLATE_ATTR_IN_HTML = re.compile(r'\s(dir|data-md-color-[\w-]+)="([\w-]+)"')
_GROUPING = ("media", "supports", "container", "layer")


def used_words(html_pages: Iterable[str], scripts: Iterable[str]) -> set[str]:
    """Every class in the pages (and the search index), every word of every script."""
    words: set[str] = set()
    for page in html_pages:
        for match in _CLASS_ATTR.finditer(page):
            words.update(match.group(1).split())
        words.update(f"[{name}={value}]" for name, value in _TEMPLATE_ATTR_IN_HTML.findall(page))
        for match in _INLINE_SCRIPT.finditer(page):
            words.update(_WORD.findall(match.group(1)))
    for script in scripts:
        words.update(_WORD.findall(script))
    return words


def page_usage(page: str) -> tuple[set[str], set[str]]:
    """What one page can use (``used_words``) and the custom properties it reads; both are
    all ``trim`` needs of a page, so tools/postprocess.py keeps them with its cached pages."""
    return used_words([page], []), set(_VAR_USE.findall(page))


def _names(selector: str) -> list[str]:
    """The classes and template attributes (as ``[name=value]``) a selector requires."""
    return _SELECTOR_CLASS.findall(selector) + [
        f"[{name}={value}]" for name, value in _TEMPLATE_ATTR.findall(selector)]


def _selectors_kept(prelude: str, used: set[str]) -> list[str]:
    # a comma inside :is()/:not() would split a selector; fall back to keeping the whole rule
    if "," in "".join(re.findall(r"\([^()]*\)", prelude)):
        names = _names(prelude)
        return [prelude] if any(name in used for name in names) or not names else []
    return [s for s in prelude.split(",") if all(n in used for n in _names(_NEGATION.sub("", s)))]


def _compact(tokens: list) -> str:
    """``tokens`` serialized without comments, each run of whitespace one space."""
    kept = [" " if t.type == "whitespace" else t for t in tokens if t.type != "comment"]
    return "".join(t if isinstance(t, str) else tinycss2.serialize([t]) for t in kept).strip()


def _rules(nodes: list, used: set[str]) -> list[str]:
    kept: list[str] = []
    for node in nodes:
        if node.type == "qualified-rule":
            selectors = _selectors_kept(_compact(node.prelude), used)
            if selectors:
                kept.append(",".join(" ".join(s.split()) for s in selectors)
                            + "{" + _compact(node.content) + "}")
        elif node.type == "at-rule" and node.lower_at_keyword in _GROUPING and node.content:
            inner = _rules(tinycss2.parse_rule_list(node.content, skip_comments=True,
                                                    skip_whitespace=True), used)
            if inner:
                kept.append(f"@{node.at_keyword} {_compact(node.prelude)}"
                            "{" + "".join(inner) + "}")
        elif node.type == "at-rule":
            kept.append(f"@{node.at_keyword} {_compact(node.prelude)}".strip()
                        + (";" if node.content is None else "{" + _compact(node.content) + "}"))
        elif node.type == "error":
            raise ValueError(f"trim_css: cannot parse the stylesheet: {node.message}")
    return kept


def _drop_unread_properties(css: str, read_elsewhere: set[str]) -> str:
    """Remove ``--name: value;`` declarations that no var(--name) reads, until none is left."""
    while True:
        read = set(_VAR_USE.findall(css)) | read_elsewhere
        declared = set(re.findall(r"[{;](--[\w-]+):", css))
        unread = declared - read
        if not unread:
            return css
        pattern = re.compile(r"(?<=[{;])(?:" + "|".join(map(re.escape, sorted(unread)))
                             + r"):(?:[^;}\"']|\"[^\"]*\"|'[^']*')*;?")
        css = pattern.sub("", css)
        css = re.sub(r"[^{}]+\{\}", "", css)  # rules left empty


def purge(css: str, used: set[str], read_elsewhere: set[str] = frozenset()) -> str:
    """The stylesheet without rules for unused classes or unread custom properties.

    ``read_elsewhere``: the custom properties (``--x``) other CSS, scripts and pages read.
    """
    nodes = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return _drop_unread_properties("".join(_rules(nodes, used)), set(read_elsewhere))


# (folder, file name) of each stylesheet trimmed after the build. Material's sheets have a
# hash in their names; KaTeX's is linked only by math pages (overrides/main.html); extra.css
# is the site's own (overrides/assets/stylesheets/).
SHEETS = (
    ("assets/stylesheets", STYLESHEET),
    ("assets/stylesheets", re.compile(r"palette\.[0-9a-f]{8}\.min\.css")),
    ("assets/stylesheets", re.compile(r"extra\.css")),
    ("assets/katex", re.compile(r"katex\.min\.css")),
)


def _find(site: Path, folder: str, pattern: re.Pattern[str]) -> Path:
    found = [p for p in (site / folder).glob("*.css") if pattern.fullmatch(p.name)]
    if len(found) != 1:
        raise ValueError(f"trim_css: expected one {pattern.pattern} in {site / folder}, "
                          f"found {[p.name for p in found]}")
    return found[0]


@functools.cache
def _purge_code() -> bytes:
    """What ``purge`` gives besides its inputs depends on: this file and tinycss2's version."""
    from importlib import metadata

    return Path(__file__).read_bytes() + metadata.version("tinycss2").encode()


def purge_cached(css: str, used: set[str], read_elsewhere: set[str], cache: Path | None) -> str:
    """``purge``, kept in ``cache`` by a hash of all three inputs (a warm build, or one with an
    edited paragraph, parses no CSS)."""
    if cache is None:
        return purge(css, used, read_elsewhere)
    digest = hashlib.sha256(_purge_code())
    for part in (css, "\0".join(sorted(used)), "\0".join(sorted(read_elsewhere))):
        digest.update(part.encode() + b"\1")
    path = cache / f"{digest.hexdigest()[:32]}.css"
    try:
        return path.read_bytes().decode("utf-8")  # bytes: no newline translation
    except FileNotFoundError:
        from tools.atomic import write_atomically

        trimmed = purge(css, used, read_elsewhere)
        write_atomically(path, trimmed.encode())
        return trimmed


def trim(site: Path, pages: dict[Path, str], cache: Path | None = None,
         usage: dict[Path, tuple[set[str], set[str]]] | None = None) -> dict[str, str]:
    """Trim the stylesheets of one language site whose rendered ``pages`` are given (path ->
    html, not yet written); returns old -> new stylesheet file name, for the pages' links.
    ``cache``: a folder keeping each trimmed stylesheet between builds (``purge_cached``);
    ``usage``: each page's ``page_usage``, when the caller kept it (else computed here)."""
    sheets = [_find(site, folder, pattern) for folder, pattern in SHEETS]
    scripts = [p.read_text("utf-8") for p in sorted((site / "assets").rglob("*.js"))]
    index = [p.read_text("utf-8") for p in sorted(site.glob("search/*.json"))]
    usage = {p: page_usage(t) for p, t in pages.items()} if usage is None else usage
    used = used_words(index, scripts).union(*(words for words, _ in usage.values()))
    stylesheets = {p: p.read_text("utf-8") for p in sorted((site / "assets").rglob("*.css"))}
    read = {p: set(_VAR_USE.findall(text)) for p, text in stylesheets.items()}
    # scripts and pages may read var(--x) too
    read_outside = set(_VAR_USE.findall("\n".join(scripts))).union(*(v for _, v in usage.values()))
    renamed: dict[str, str] = {}
    for sheet in sheets:
        original = stylesheets[sheet]
        others = read_outside.union(*(names for path, names in read.items() if path != sheet))
        css = purge_cached(original, used, others, cache)
        stem = sheet.name.split(".", 1)[0]  # "main", "katex"
        name = f"{stem}.{hashlib.sha256(css.encode()).hexdigest()[:8]}.min.css"
        (sheet.parent / name).write_text(css, "utf-8")  # same folder: relative font URLs hold
        sheet.unlink()
        Path(f"{sheet}.map").unlink(missing_ok=True)  # maps the original, not this file
        renamed[sheet.name] = name
        log.info("%s: %.1f KB -> %.1f KB (unused rules dropped)", sheet.name,
                 len(original) / 1024, len(css) / 1024)
    merge_palette_into_extra(site, pages, renamed)
    return renamed


# A page's link to the palette and, right after it, to extra.css (the prefix is the same).
_PALETTE_THEN_EXTRA = re.compile(
    r'<link rel="stylesheet" href="([^"]*)assets/stylesheets/(palette\.[0-9a-f]{8}\.min\.css)">'
    r'(\s*<link rel="stylesheet" href="\1assets/stylesheets/extra\.css">)')


def merge_palette_into_extra(site: Path, pages: dict[Path, str], renamed: dict[str, str]) -> None:
    """Publish the trimmed palette, extra and KaTeX stylesheets as one (see the module's
    docstring): ``pages`` lose their palette and KaTeX links (changed in place), ``renamed``
    maps extra.css to the merged file. A page linking the palette without extra.css right after
    it fails."""
    folder = site / "assets" / "stylesheets"
    [palette] = [old for old in renamed if old.startswith("palette.")]
    parts = [folder / renamed.pop(palette), folder / renamed["extra.css"]]
    if "katex.min.css" in renamed:
        parts.append(site / "assets" / "katex" / renamed.pop("katex.min.css"))
    css = "".join(part.read_text("utf-8") for part in parts)
    name = f"extra.{hashlib.sha256(css.encode()).hexdigest()[:8]}.min.css"
    for part in parts:
        part.unlink()
    (folder / name).write_text(css, "utf-8")
    renamed["extra.css"] = name
    for path, text in pages.items():
        merged, count = _PALETTE_THEN_EXTRA.subn(r"\3", text)
        if count != text.count(f"/{palette}\""):
            raise ValueError(f"trim_css: {path} links {palette} without extra.css right after "
                             "it; they are published as one file (merge_palette_into_extra)")
        pages[path] = KATEX_LINK.sub("", merged)
