"""MkDocs hook: publish each inline figure as two lazily loaded SVG files (light, dark).

``snippets.figures.render`` returns a figure as inline SVG drawn in ``currentColor``, which is
what notebooks and tests use. On the site, inline SVG makes a concept page heavy (a third of
its HTML) and slow (thousands of DOM nodes parsed before the first paint), although most
figures sit far below the fold. So this hook moves every ``<svg class="ag-figure-svg">`` of a
page into files and puts in its place two ``<img loading="lazy">``: one drawn in the light
palette's text colour, one in the dark palette's. Material's own ``#only-light`` /
``#only-dark`` rules hide the one that does not match the reader's palette, and the browser
fetches neither until the figure nears the viewport (a hidden lazy image is never fetched).
Without JavaScript the light one shows. The SVG's <title> and <desc> become the alt text.

Files are named by content hash (``figures/fig-<name>.<hash>.<scheme>.svg``), so a figure
drawn identically on two pages is written once, a changed figure gets a new URL, and two
builds of one commit write the same bytes.
"""

from __future__ import annotations

import hashlib
import html
import math
import posixpath
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

FIGURE_DIR = "figures"
# The palettes' body text colours (Material's --md-default-fg-color in each scheme): a
# figure's foreground is currentColor, which an <img> cannot inherit from the page.
SCHEMES = {
    "light": "rgba(0, 0, 0, 0.87)",
    "dark": "hsla(225, 15%, 90%, 0.82)",
}

_SVG = re.compile(r'<svg [^>]*class="ag-figure-svg"[^>]*>.*?</svg>', re.DOTALL)
_ROOT = re.compile(r"<svg [^>]*>")
_VIEWBOX = re.compile(r'viewBox="0 0 ([\d.]+) ([\d.]+)"')
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.DOTALL)
_DESC = re.compile(r"<desc[^>]*>(.*?)</desc>", re.DOTALL)
_FONT_SIZE = re.compile(r"font-size:\s*([\d.]+)px")
# On a phone a figure is drawn at least this wide (in a frame that scrolls sideways), so
# that its smallest text is at least PHONE_MIN_TEXT_PX CSS pixels (extra.css uses it).
PHONE_MIN_TEXT_PX = 11


def _standalone(svg: str, colour: str, width: str, height: str) -> str:
    """The inline SVG as a file: a fixed size, the palette's text colour, no ARIA."""
    root = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'viewBox="0 0 {width} {height}" width="{width}pt" height="{height}pt" '
        f'style="color: {colour}" stroke-linejoin="round" stroke-linecap="butt">'
    )
    return root + svg[_ROOT.match(svg).end():]


def _light_and_dark(svg: str, name: str, alt: str, width: str, height: str, page_url: str,
                    site_dir: Path, attrs: str = "") -> list[str]:
    """Write ``svg`` as one file per palette (named by content hash) and return the two lazy
    <img> tags that show them; ``attrs`` are extra attributes of each <img>."""
    digest = hashlib.sha256(svg.encode()).hexdigest()[:10]
    images = []
    for scheme, colour in SCHEMES.items():
        path = posixpath.join(FIGURE_DIR, f"{name}.{digest}.{scheme}.svg")
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_standalone(svg, colour, width, height), "utf-8")
        # width/height give the aspect ratio before the file arrives (no layout shift)
        images.append(
            f'<img{attrs} src="{get_relative_url(path, page_url)}#only-{scheme}" alt="{alt}" '
            f'width="{round(float(width) * 4 / 3)}" height="{round(float(height) * 4 / 3)}" '
            'loading="lazy" decoding="async">'
        )
    return images


def externalize(content: str, page_url: str, where: str, site_dir: Path) -> str:
    """Replace each figure SVG in ``content`` by two lazy <img>, written under ``site_dir``
    (emptied by MkDocs before any page is rendered; a figure on two pages is one file)."""

    def replace(match: re.Match[str]) -> str:
        svg = match.group(0)
        root = _ROOT.match(svg).group(0)
        size, title, desc = _VIEWBOX.search(root), _TITLE.search(svg), _DESC.search(svg)
        ident = re.search(r'aria-labelledby="(fig-[\w-]+?)-title"', root)
        if not (size and title and desc and ident):
            raise PluginError(f"{where}: a figure SVG lacks its viewBox, <title>, <desc> or id "
                              f"(starts {svg[:160]!r})")
        width, height = size.groups()
        alt = html.escape(f"{html.unescape(title.group(1))}. {html.unescape(desc.group(1))}")
        images = _light_and_dark(svg, ident.group(1), alt, width, height, page_url, site_dir,
                                 ' class="ag-figure-img"')
        fonts = [float(size) for size in _FONT_SIZE.findall(svg)] or [PHONE_MIN_TEXT_PX]
        read_width = math.ceil(PHONE_MIN_TEXT_PX * float(width) / min(fonts))
        return (f'<div class="ag-figure-frame" style="--ag-read-width: {read_width}px">'
                + "".join(images) + "</div>")

    return _SVG.sub(replace, content)


# A notebook page's figures (notebooks/page.py inlines each SVG output, drawn in
# currentColor, as <svg class="ag-nb-svg" aria-label="...">): the same treatment, so that
# they leave the page's first view too (18 KB raw per training-curve figure).
_NB_SVG = re.compile(r'<svg role="img" aria-label="([^"]*)" class="ag-nb-svg"[^>]*>.*?</svg>',
                     re.DOTALL)


def externalize_notebook(content: str, page_url: str, where: str, site_dir: Path) -> str:
    """Replace each notebook figure SVG by ``<div class="ag-nb-svg">`` holding two lazy
    <img> (light, dark), written under ``site_dir``; its aria-label becomes the alt text."""

    def replace(match: re.Match[str]) -> str:
        svg, label = match.group(0), match.group(1)
        size = _VIEWBOX.search(_ROOT.match(svg).group(0))
        if not size or not label:
            raise PluginError(f"{where}: a notebook figure SVG lacks its viewBox or label "
                              f"(starts {svg[:160]!r})")
        width, height = size.groups()
        images = _light_and_dark(svg, "nb-fig", label, width, height, page_url, site_dir)
        return '<div class="ag-nb-svg" data-search-exclude>' + "".join(images) + "</div>"

    return _NB_SVG.sub(replace, content)


def on_page_content(html_text: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    site_dir, where = Path(config.site_dir), page.file.src_uri
    html_text = externalize_notebook(html_text, page.url, where, site_dir)
    return externalize(html_text, page.url, where, site_dir)
