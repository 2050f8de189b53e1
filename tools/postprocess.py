"""The one post-processor: runs over each language's build once MkDocs has finished it.

Every change made here to output MkDocs or Material already finished lives in this file, so a
Material or KaTeX upgrade (or a move to another generator) has one place to revisit. It runs
last in each language's MkDocs build (hooks/live.py calls ``postprocess_language``), in
this order:

1. Math: pymdownx.arithmatex's placeholders become KaTeX's HTML + MathML (no math JavaScript
   for readers; MathML keeps formulas readable by screen readers). KaTeX runs in an embedded
   V8 (mini-racer) from vendor/katex/katex.min.js. The search index was written before, so it
   holds the TeX source, not KaTeX's markup.
2. Material's scripts: four exact substitutions (see PATCHES).
3. KaTeX's woff2 fonts: each page gets, in a <style> of its own, only the fonts its formulas
   draw with, each cut down to the characters they draw with it (tools/katex_fonts.py);
   files are named by content hash, so pages with the same subset share it.
4. Stylesheets: the rules of Material's and KaTeX's stylesheets no page can use are dropped
   (tools/trim_css.py); the result gets a content-hashed name.

What steps 1 and 5 make of a page depends on that page alone: it is kept in .cache/postprocess/
by a hash of the page and of the code (``page_steps_cached``), so a build with one page edited
renders and compacts that page only.

Every substitution fails the build (PostprocessError, naming the file) when it does not match
exactly what it expects; none is skipped silently.
"""

from __future__ import annotations

import functools
import hashlib
import html
import json
import logging
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from tools import lazy_details, material_startup, trim_css
from tools.atomic import read_checked, write_atomically, write_checked
from tools.katex_fonts import publish_page_fonts

log = logging.getLogger(__name__)
logging.getLogger("fontTools").setLevel(logging.WARNING)  # a dozen INFO lines per font

ROOT = Path(__file__).resolve().parent.parent
KATEX_JS = ROOT / "vendor" / "katex" / "katex.min.js"
FONT_CACHE = ROOT / ".cache" / "fonts"  # subset fonts, by hash of the font and the characters
KATEX_CACHE = ROOT / ".cache" / "katex"  # rendered formulas (render_cached)
CSS_CACHE = ROOT / ".cache" / "css"  # trimmed stylesheets, by hash of everything trimming reads
PAGE_CACHE = ROOT / ".cache" / "postprocess"  # each page's own steps (page_steps_cached)
KATEX_OPTIONS = {"throwOnError": True, "output": "htmlAndMathml"}
_INLINE = re.compile(r'<span class="arithmatex">\\\((.+?)\\\)</span>', re.DOTALL)
_DISPLAY = re.compile(r'<div class="arithmatex">\\\[(.+?)\\\]</div>', re.DOTALL)
# KaTeX's MathML repeats the TeX source in an <annotation> no screen reader reads and no
# browser draws (1 KB gzip on a long page); the search index keeps the TeX.
_ANNOTATION = re.compile(
    r'<semantics>(.*)<annotation encoding="application/x-tex">[^<]*</annotation></semantics>',
    re.DOTALL)


class PostprocessError(ValueError):
    """A page or asset the post-processor cannot handle; the message names it."""


# --- 1. math ----------------------------------------------------------------------------------

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
        return _engine().call("katex.renderToString", tex, {"displayMode": display,
                                                             **KATEX_OPTIONS})
    except Exception as exc:  # mini-racer wraps the JS ParseError
        raise ValueError(f"KaTeX cannot render {tex!r}: {exc}") from exc


@functools.cache
def _katex_digest() -> str:
    """What a rendering depends on besides the TeX: KaTeX's code and our options."""
    return hashlib.sha256(KATEX_JS.read_bytes() + repr(sorted(KATEX_OPTIONS.items()))
                          .encode()).hexdigest()[:16]


def render_cached(tex: str, display: bool, cache: Path | None) -> str:
    """``render``, kept on disk in ``cache`` (one file per expression, keyed by KaTeX's code,
    the options and the TeX): a warm build, and the second language, start no JS engine.
    Bad TeX is never cached, so it fails every build."""
    if cache is None:
        return render(tex, display)
    key = hashlib.sha256(f"{_katex_digest()}\0{display:d}\0{tex}".encode()).hexdigest()[:32]
    path = cache / f"{key}.html"
    try:
        return path.read_bytes().decode("utf-8")  # bytes: no newline translation
    except FileNotFoundError:
        out = render(tex, display)
        write_atomically(path, out.encode())
        return out


def render_math(content: str, where: str, rendered: set[str] | None = None,
                cache: Path | None = None) -> tuple[str, int]:
    """Replace every arithmatex placeholder in ``content``; returns (html, count).

    Each KaTeX output is also added to ``rendered`` when given (the fonts are subset to them).
    ``cache``: a folder keeping each rendering between builds (see ``render_cached``).
    """
    count = 0

    def _sub(display: bool):
        def replace(match: re.Match[str]) -> str:
            nonlocal count
            count += 1
            try:
                out = _ANNOTATION.sub(r"\1", render_cached(html.unescape(match.group(1)).strip(),
                                                        display, cache))
            except ValueError as exc:
                raise PostprocessError(f"{where}: {exc}") from exc
            if rendered is not None:
                rendered.add(out)
            return f'<div class="math-display">{out}</div>' if display else out
        return replace

    content = _DISPLAY.sub(_sub(True), content)
    return _INLINE.sub(_sub(False), content), count


# --- 2. Material's scripts ----------------------------------------------------------------------

@dataclass(frozen=True)
class Patch:
    glob: str
    pattern: re.Pattern[str]
    replacement: str
    purpose: str


# 1. Material fetches sitemap.xml next to every <link rel=alternate>, expecting language roots
#    (mkdocs-material#6582); ours are per-page hreflang links and our selector already leads
#    to the same page, so the query is narrowed to an attribute no element has.
# 2./3. The search index and the search worker (12 KB) load when search is first used, not
#    with every page; window.agLazyWorker is defined in site.js.
# 4. lunr skips the stemmer for a term with a wildcard, so "consultas" would never find
#    "consulta": each term is searched twice, stemmed and as a prefix.
PATCHES = (
    Patch("javascripts/bundle.*.min.js", re.compile(r'(\b\w{1,3})\("link\[rel=alternate\]"\)'),
          r'\1("link[rel=alternate][data-md-language-root]")',
          "language selector must not fetch per-page sitemaps"),
    Patch("javascripts/bundle.*.min.js",
          re.compile(r'([\w$]{1,3})\(location\.protocol!=="file:"\),([\w$]{1,3})\("search"\)'),
          r'\1(!1),\2("search")',
          "the search index must load when search is first opened, not with every page"),
    Patch("javascripts/bundle.*.min.js",
          re.compile(r"\(([\w$]{1,3}),([\w$]{1,3})=new Worker\(\1\)\)"),
          r"(\1,\2=window.agLazyWorker(\1))",
          "the search worker must start when search is first used, not with every page"),
    Patch("javascripts/workers/search.*.min.js", re.compile(r"\?(\w{1,3}):`\$\{\1\}\*`"),
          r"?\1:`${\1} ${\1}*`", "query terms must also be searched stemmed, not only as prefixes"),
)


# Material's search overlay has role="dialog" but no accessible name (axe: aria-dialog-name):
# name it, in the page's language, after the label Material gives its own search input.
SEARCH_DIALOG = re.compile(
    r'(<div class="md-search" data-md-component="search" role="dialog")>'
    r'(.{0,400}?<input [^>]*?class="md-search__input"[^>]*? aria-label="([^"]+)")', re.S)


def name_search_dialog(text: str, name: str) -> str:
    """``text`` with its search dialog named; pages without Material's search are kept."""
    if 'class="md-search"' not in text:
        return text
    return _once(SEARCH_DIALOG, r'\1 aria-label="\3">\2', text,
                 f"{name}: Material's search dialog changed; review name_search_dialog "
                 "(tools/postprocess.py)")


# Material's script is a plain <script> at the end of <body>: parser-blocking, it held back the
# first paint until it had downloaded (Lighthouse, mobile: first contentful paint 1.6 -> 1.2 s
# with it deferred). Deferred, it still runs before DOMContentLoaded, in document order with
# site.js (also deferred, mkdocs.yml), over the whole parsed page.
BUNDLE_TAG = re.compile(r'(<script src="[^"]*assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js")'
                        r"></script>")


def defer_bundle(text: str, name: str) -> str:
    """``text`` with Material's script deferred; pages without Material's header are kept."""
    if 'class="md-header' not in text:
        return text
    return _once(BUNDLE_TAG, r"\1 defer></script>", text,
                 f"{name}: Material's script tag changed; review defer_bundle "
                 "(tools/postprocess.py)")


def _once(pattern: re.Pattern[str], replacement: str, text: str, error: str) -> str:
    """``text`` with ``pattern`` replaced; PostprocessError(``error``, and the number of matches
    found) unless it matches exactly once: a change in third-party markup never passes
    silently."""
    replaced, count = pattern.subn(replacement, text)
    if count != 1:
        raise PostprocessError(f"{error} (expected one match, found {count})")
    return replaced


def apply(patch: Patch, text: str, name: str) -> str:
    """Return ``text`` patched; fail unless the pattern matches exactly once."""
    return _once(patch.pattern, patch.replacement, text,
                 f"{patch.purpose}: in {name}, Material's code changed; review this patch "
                 "(tools/postprocess.py)")


def _one(folder: Path, glob: str) -> Path:
    found = sorted(folder.glob(glob))
    if len(found) != 1:
        raise PostprocessError(f"expected one {glob} in {folder}, found {[p.name for p in found]}")
    return found[0]


# --- 5. bytes every page carries ---------------------------------------------------------------

def strip_line_comments(script: str, name: str) -> str:
    """``script`` without its whole-line ``//`` comments (a third of site.js gzipped, which
    every page loads). A template literal spanning lines could hold such a line as text, so
    one fails the build rather than be cut."""
    if any(line.count("`") % 2 for line in script.splitlines()):
        raise PostprocessError(f"{name}: a template literal spans lines; review "
                               "strip_line_comments (tools/postprocess.py)")
    return re.sub(r"^[ \t]*//.*\n", "", script, flags=re.MULTILINE)


_VERBATIM = re.compile(r"(<(pre|code|textarea|script|style)\b.*?</\2>)", re.DOTALL)
# Pygments' name and whitespace tokens: Material draws names in the code's own colour
# (tests/test_site_assets.py checks it) and whitespace not at all; ~1,000 spans a long page.
_PLAIN_TOKEN = re.compile(r'<span class="[nw]">([^<]*)</span>')


def compact_html(page: str) -> str:
    """``page`` with each run of whitespace that holds a line break cut to that line break
    (the templates' indentation, in text and between tags: HTML draws any such run as one
    space, or none), and the code blocks' name and whitespace tokens unwrapped: 1.2 KB gzip
    on a long page, nothing a reader sees. The contents of pre, code, textarea, script and
    style are otherwise kept as they are."""
    parts = _VERBATIM.split(page)  # [text, verbatim, its tag, text, ...]
    return "".join(re.sub(r"[ \t]*\n\s*", "\n", part) if i % 3 == 0
                   else _PLAIN_TOKEN.sub(r"\1", part) if parts[i + 1] == "pre" else part
                   for i, part in enumerate(parts) if i % 3 != 2)


# --- the whole pass -----------------------------------------------------------------------------

def _pages(root: Path, nested: Iterable[Path]) -> list[Path]:
    return [p for p in sorted(root.rglob("*.html"))
            if not any(p.is_relative_to(other) for other in nested)]


@dataclass(frozen=True)
class PageSteps:
    """A page after the steps that read only the page (math, search dialog, compaction): its
    HTML, the KaTeX outputs it holds (for its fonts) and what stylesheet trimming needs of it
    (trim_css.page_usage: the fonts' <style> adds no class, attribute or var())."""
    html: str
    formulas: frozenset[str]
    words: frozenset[str]
    reads: frozenset[str]


def page_steps(text: str, where: str) -> PageSteps:
    rendered: set[str] = set()
    out, _ = render_math(text, where, rendered, KATEX_CACHE)
    out = compact_html(defer_bundle(name_search_dialog(out, where), where))
    words, reads = trim_css.page_usage(out)
    return PageSteps(out, frozenset(rendered), frozenset(words), frozenset(reads))


@functools.cache
def _steps_digest() -> str:
    """What ``page_steps`` reads besides the page: its code (every module of tools/, so a step
    added from another module is covered too), KaTeX's code and options, Python's version."""
    digest = hashlib.sha256(f"{_katex_digest()}\0{sys.version}".encode())
    for code in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(code.name.encode() + b"\0" + code.read_bytes())
    return digest.hexdigest()


def page_steps_cached(text: str, where: str, folder: Path | None, used: set[str]) -> PageSteps:
    """``page_steps``, kept in ``folder`` by a hash of the page and ``_steps_digest``: in a
    build with one page edited, the others are read back, not recomputed. A damaged entry is
    computed again; a failure is never stored. Adds each entry's name to ``used``."""
    if folder is None:
        return page_steps(text, where)
    name = hashlib.sha256(f"{_steps_digest()}\0{text}".encode()).hexdigest()[:32] + ".json"
    used.add(name)
    stored = read_checked(folder / name)
    if stored is not None:
        try:
            fields = json.loads(stored)
            return PageSteps(fields["html"], *(frozenset(fields[k])
                                               for k in ("formulas", "words", "reads")))
        except (ValueError, KeyError, TypeError):
            log.info("post-processing cache: %s is damaged; computed again", folder / name)
    steps = page_steps(text, where)
    write_checked(folder / name, json.dumps(
        {"html": steps.html, **{k: sorted(getattr(steps, k)) for k in
                                ("formulas", "words", "reads")}}).encode())
    return steps


def postprocess_language(root: Path, nested: Iterable[Path] = (), preview: bool = False,
                         cache: Path | None = PAGE_CACHE) -> None:
    """Post-process one language site at ``root`` (``nested``: other sites inside it).
    ``preview`` (the writer's loop): math and script patches only, fonts and stylesheets whole.
    ``cache``: a folder for each page's own steps, one subfolder per site (None: no cache).
    """
    nested = list(nested)
    pages = {path: path.read_text("utf-8") for path in _pages(root, nested)}
    originals = dict(pages)
    folder = cache / root.name if cache else None
    used: set[str] = set()
    # Both languages are post-processed at once and hold mostly the same formulas: Spanish
    # starts from the last page, so (through KATEX_CACHE) each formula is rendered about once.
    order = sorted(pages, reverse=root.name == "es")
    done = {path: page_steps_cached(pages[path], str(path.relative_to(root)), folder, used)
            for path in order}
    steps = {path: done[path] for path in pages}
    pages = {path: step.html for path, step in steps.items()}
    formulas = {path: set(step.formulas) for path, step in steps.items() if step.formulas}
    for patch in PATCHES:
        target = _one(root / "assets", patch.glob)
        target.write_text(apply(patch, target.read_text("utf-8"), target.name), "utf-8")
    script = root / "assets" / "javascripts" / "site.js"
    script.write_text(strip_line_comments(script.read_text("utf-8"), script.name), "utf-8")
    for stale in folder.glob("*.json") if folder else ():  # entries no page uses any more
        if stale.name not in used:
            stale.unlink(missing_ok=True)
    if preview:
        _write_changed(pages, originals)
        return
    try:
        count = publish_page_fonts(root / "assets" / "katex", pages, formulas, FONT_CACHE)
    except ValueError as exc:
        raise PostprocessError(str(exc)) from exc
    log.info("%s: %d pages with math, %d KaTeX font subsets", root, len(formulas), count)
    usage = {path: (set(step.words), set(step.reads)) for path, step in steps.items()}
    renamed = trim_css.trim(root, pages, CSS_CACHE, usage)
    for path, text in pages.items():
        for old, new in renamed.items():
            text = text.replace(f"/{old}\"", f"/{new}\"")
        pages[path] = text
    lazy_details.defer_closed_details(root, pages)  # after trimming: it reads the bodies
    material_startup.apply(root, pages)  # last: it folds the tags the steps above left
    _write_changed(pages, originals)


def _write_changed(pages: dict[Path, str], originals: dict[Path, str]) -> None:
    """Write the pages that changed, as new files: a page may be a hard link into a cache
    (the runtime stage links its files into site/runtime/). (Not truncated in place either:
    ext4 then writes the file to disk when it is closed.)"""
    for path, text in pages.items():
        if text != originals[path]:
            path.unlink()
            path.write_text(text, "utf-8")
