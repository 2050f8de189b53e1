"""Turn mkdocs-jupyter's HTML into a lean, accessible page of the site.

mkdocs-jupyter (nbconvert's "lab" template, as rendered: notebooks/html_export.py skips
nbconvert's BeautifulSoup pass) emits ~650 KB of inlined JupyterLab CSS, a MathJax loader, a
mermaid module script, its own clipboard widget, and the cell source twice (once
highlighted, once hidden for copying). ``clean`` keeps the cells and their outputs and
replaces the rest with what the site already has: Material's code blocks (palette-aware
colours, a translated copy button), Material's heading permalinks, and one small stylesheet
(overrides/assets/stylesheets/notebooks.css).

Every step checks that it found what it expects, so a change in mkdocs-jupyter's markup fails
the build with a ValueError instead of shipping a broken page.
"""

from __future__ import annotations

import base64
import html as html_lib
import posixpath
import re
from dataclasses import dataclass
from typing import Any

from ui import LANGUAGES, strings

# "Run it yourself", "Download the notebook", ... (ui/<lang>.yml, section "notebook_page")
UI: dict[str, dict[str, str]] = {lang: strings(lang, "notebook_page") for lang in LANGUAGES}

# The source repository (mkdocs.yml's repo_url; the build passes it in).
REPOSITORY = "https://github.com/attention-glossary/attention-glossary"

INK = "#808080"  # the notebooks' plot grey; on the site it becomes the page's text colour

_ASSETS = re.compile(r"<style[^>]*>.*?</style>|<script[^>]*>.*?</script>|<!--.*?-->", re.S)
_CLIPBOARD = re.compile(r'<div class="zeroclipboard-container">.*?</clipboard-copy>\s*</div>',
                        re.S)
_COPY_TEXT = re.compile(r'<div id="cell-\d+" class="clipboard-copy-txt">[^<]*</div>')
_TOOLBAR = re.compile(
    r'<div class="celltoolbar">(?:\s*<div class="button_container tags_button_container">'
    r'\s*<span class="tag-container">\s*<span class="cell-tag">[^<]*</span>\s*</span>\s*'
    r"</div>)*\s*</div>"
)
_COLLAPSER = re.compile(r'<div class="jp-Collapser[^"]*">\s*</div>')
_CELL_ID = re.compile(r' id="cell-id=[^"]*"')
_TEXT_OUTPUT = re.compile(r'(<div class="jp-RenderedText jp-OutputArea-output"[^>]*>)\s*<pre>')
_CODE = re.compile(r'<div class="highlight-ipynb hl-(\w+)\s*"><pre><span></span>(.*?)</pre></div>',
                   re.S)
# A code cell (its jp-Cell opening tag) tagged "helper" by notebooks/generate.py, then its
# highlighted source and the "# From snippets/<file>.py" header that starts it.
_CELL_OPEN = re.compile(r'<div class="jp-Cell jp-CodeCell[^"]*">')
_HELPER_PATH = re.compile(r'<span class="c1"># From (snippets/[\w/]+\.py):')
_HEADING = re.compile(
    r'<h([1-6]) id="[^"]*">(.*?)<a class="anchor-link" href="#[^"]*">&#182;</a></h\1>', re.S
)
_SVG_OUTPUT = re.compile(  # nbconvert 7 puts SVG outputs in an <img>
    r'<div class="jp-RenderedSVG jp-OutputArea-output ?" data-mime-type="image/svg\+xml">'
    r'\s*<img src="data:image/svg\+xml;base64,([A-Za-z0-9+/=\s]+)"\s*>'
)
_SVG_DIV = '<div class="jp-RenderedSVG jp-OutputArea-output" data-mime-type="image/svg+xml">'
_SVG_ID = re.compile(r'\sid="([^"]+)"')
_SVG_REFERENCE = re.compile(r'(url\(#|href="#)([^)"]+)')
_TAG = re.compile(r"<[^>]+>")
_LONG_NUMBER = re.compile(r"-?\d+\.\d{2,}")


def _short_number(match: re.Match[str]) -> str:
    text = f"{float(match.group(0)):.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _short_tag(match: re.Match[str]) -> str:
    # Coordinates to 0.1 pt, only inside tags: text such as "0.125" stays as drawn.
    return re.sub(r"\s*\n\s*", " ", _LONG_NUMBER.sub(_short_number, match.group(0)))


@dataclass(frozen=True)
class CleanPage:
    """The page body and its table of contents (MkDocs toc tokens)."""

    html: str
    toc: list[dict[str, Any]]


def relative_url(page_url: str, target: str) -> str:
    """URL of site path ``target`` relative to the page at ``page_url`` (directory URLs)."""
    base = posixpath.dirname(page_url) if not page_url.endswith("/") else page_url
    return posixpath.relpath(target, base.rstrip("/") or ".")


def _sub_all(pattern: re.Pattern[str], replacement: Any, text: str, what: str,
             minimum: int = 1) -> str:
    result, count = pattern.subn(replacement, text)
    if count < minimum:
        raise ValueError(f"expected at least {minimum} {what} in mkdocs-jupyter's HTML, "
                         f"found {count}: did its template change?")
    return result


def _strip_chrome(html: str) -> str:
    """Remove inlined CSS/JS and the JupyterLab widgets that the site replaces."""
    html = _sub_all(_ASSETS, "", html, "inlined <style>/<script> blocks")
    # Each pattern must match (a changed template fails the build instead of leaking widgets).
    html = _sub_all(_CLIPBOARD, "", html, "clipboard buttons")
    html = _sub_all(_COPY_TEXT, "", html, "clipboard texts")
    html = _sub_all(_TOOLBAR, "", html, "cell toolbars")
    html = _sub_all(_COLLAPSER, "", html, "cell collapsers")
    html = _sub_all(_CELL_ID, "", html, "cell ids")
    # the <pre> of a text output is what scrolls: a tab stop, to scroll it by keyboard
    html = _sub_all(_TEXT_OUTPUT, r'\1<pre tabindex="0">', html, "text outputs")
    leftovers = re.findall(r"<(?:style|script|link|clipboard-copy)\b[^>]*>", html)
    if leftovers:
        raise ValueError(f"unexpected elements left in the notebook HTML: {leftovers[:3]}")
    return html


def _code_blocks(html: str, lang: str) -> str:
    """nbconvert's highlighted cells as Material code blocks: the site's syntax colours, a
    translated copy button, and keyboard scrolling when a line is too wide (Material's JS).

    Cells tagged "helper" (plumbing such as input checks) are folded into a <details>. Code
    stays out of the search index (the same helpers appear in every notebook); the prose
    and the printed outputs are indexed.
    """
    helper_cells = {m.start() for m in _CELL_OPEN.finditer(html) if "celltag_helper" in m[0]}
    cell_starts = sorted(m.start() for m in _CELL_OPEN.finditer(html))

    def replace(match: re.Match[str]) -> str:
        block = (f'<div class="language-{match.group(1)} highlight" data-search-exclude>'
                 f"<pre><span></span><code>{match.group(2)}</code></pre></div>")
        owner = max((start for start in cell_starts if start < match.start()), default=-1)
        if owner not in helper_cells:
            return block
        path = _HELPER_PATH.match(match.group(2))
        if path is None:
            raise ValueError("a helper cell does not start with its '# From snippets/' header")
        summary = UI[lang]["helpers"].format(path=path.group(1))
        # Kept out of the search index too: a result should not open with helper plumbing.
        return (f'<details class="note ag-nb-helpers" data-search-exclude><summary>{summary}'
                f"</summary>{block}</details>")

    return _sub_all(_CODE, replace, html, "highlighted code cells")


def _clean_svg(encoded: str, prefix: str, label: str) -> str:
    """A matplotlib SVG (base64) inlined: unique ids, page colours, an accessible name.

    Inline rather than <img>, so that the notebook's grey becomes currentColor and follows
    the palette.
    """
    svg = base64.b64decode(encoded).decode("utf-8")
    svg = svg[svg.index("<svg"):]  # no XML declaration or DOCTYPE inside HTML
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.S)
    # matplotlib's <style>*{...}</style> would apply to the whole page once inlined
    svg = re.sub(r"<defs>\s*<style[^>]*>[^<]*</style>\s*</defs>", "", svg)
    referenced = {name for _, name in _SVG_REFERENCE.findall(svg)}
    svg = _SVG_ID.sub(
        lambda m: f' id="{prefix}-{m.group(1)}"' if m.group(1) in referenced else "", svg
    )
    svg = _SVG_REFERENCE.sub(
        lambda m: f"{m.group(1)}{prefix}-{m.group(2)}" if m.group(2) in referenced
        else m.group(0),
        svg,
    )
    svg = svg.replace(INK, "currentColor")
    svg = re.sub(r' transform="rotate\(-0 [^"]*\)"', "", svg)
    svg = re.sub(r"base64,[A-Za-z0-9+/=\s]+", lambda m: re.sub(r"\s", "", m.group(0)), svg)
    svg = _TAG.sub(_short_tag, svg)
    svg = re.sub(r">\s+<", "><", svg)
    return svg.replace(
        "<svg ",
        f'<svg role="img" aria-label="{html_lib.escape(label)}" class="ag-nb-svg" '
        'data-search-exclude stroke-linejoin="round" stroke-linecap="butt" ',
        1,
    )


def _headings_and_figures(html: str, heading_ids: list[str], lang: str,
                          permalink_title: str) -> tuple[str, list[tuple[int, str, str]]]:
    """Neutral heading ids and Material permalinks; figures named after their section."""
    headings: list[tuple[int, str, str]] = []
    figures = 0
    section = ""

    def replace(match: re.Match[str]) -> str:
        nonlocal figures, section
        if match.group(0).startswith("<h"):
            level, inner = int(match.group(1)), match.group(2).strip()
            if len(headings) >= len(heading_ids):
                raise ValueError(f"more headings than the {len(heading_ids)} ids of the source")
            heading_id = heading_ids[len(headings)]
            section = html_lib.unescape(_TAG.sub("", inner))
            headings.append((level, heading_id, section))
            return (f'<h{level} id="{heading_id}">{inner}<a class="headerlink" '
                    f'href="#{heading_id}" title="{html_lib.escape(permalink_title)}">¶</a>'
                    f"</h{level}>")
        figures += 1
        label = UI[lang]["figure"].format(n=figures, section=section)
        return _SVG_DIV + _clean_svg(match.group(3), f"nb-fig-{figures}", label)

    pattern = re.compile(f"{_HEADING.pattern}|{_SVG_OUTPUT.pattern}", re.S)
    html = pattern.sub(replace, html)
    if len(headings) != len(heading_ids):
        raise ValueError(f"found {len(headings)} headings, the source has {len(heading_ids)} ids")
    return html, headings


def _toc(headings: list[tuple[int, str, str]]) -> list[dict[str, Any]]:
    """Nested MkDocs toc tokens from (level, id, name) in document order."""
    root: list[dict[str, Any]] = []
    stack: list[dict[str, Any]] = []
    for level, heading_id, name in headings:
        token = {"level": level, "id": heading_id, "name": html_lib.escape(name),
                 "children": []}
        while stack and stack[-1]["level"] >= level:
            stack.pop()
        (stack[-1]["children"] if stack else root).append(token)
        stack.append(token)
    return root


def run_box(lang: str, file: str, repository: str = REPOSITORY) -> str:
    """The download button and the "run it yourself" note, in ``lang``.

    ``file`` is the notebook's file name in ``lang`` (notebooks/download.py), served next to
    the page under that name. The button does not repeat it: a long Spanish title would make
    an unbreakable label on a phone; the note names it in its ``jupyter notebook`` command.
    """
    ui = UI[lang]
    file = html_lib.escape(file)
    return (
        '<div class="admonition tip ag-nb-run">'
        f'<p class="admonition-title">{ui["run_title"]}</p>'
        f'<p><a class="md-button md-button--primary" href="{file}" download="{file}">'
        f"{ui['download']}</a></p>"
        f"<p>{ui['run_text'].format(file=file, repository=repository)}</p></div>"
    )


def _exclude_setup_notes(html: str, lang: str) -> str:
    """Keep the notes on the setup and helper cells out of the search index: a search result
    for a notebook should open with what it teaches, not with its plumbing."""
    from notebooks.sources._common import HELPERS_NOTE, SETUP_NOTE

    for note in (SETUP_NOTE, HELPERS_NOTE):
        opening = re.escape(html_lib.escape(note.text(lang)[:25], quote=False))
        html = re.sub(
            r'<div class="jp-Cell jp-MarkdownCell jp-Notebook-cell"(?=>\s*<div class="jp-Cell-'
            r'inputWrapper">\s*<div class="jp-InputArea[^>]*>\s*<div [^>]*>\s*<p>'
            + opening + ")",
            '<div class="jp-Cell jp-MarkdownCell jp-Notebook-cell" data-search-exclude', html)
    return html


def clean(html: str, *, lang: str, file: str, heading_ids: list[str], stylesheet: str,
          permalink_title: str, repository: str = REPOSITORY) -> CleanPage:
    """The page body of a notebook in ``lang``, and its table of contents; ``file`` is the
    name the page offers it for download under."""
    if lang not in UI:
        raise ValueError(f"no notebook page strings for language {lang!r}")
    html = _exclude_setup_notes(_code_blocks(_strip_chrome(html), lang), lang)
    html, headings = _headings_and_figures(html, heading_ids, lang, permalink_title)
    html = html.replace("</h1>", "</h1>" + run_box(lang, file, repository), 1)
    html = f'<link rel="stylesheet" href="{stylesheet}">\n' + html
    return CleanPage(html, _toc(headings))
