"""MkDocs hook: an explorer's data leave the page's HTML for a file fetched when it is needed.

``snippets.explorer.render_explorer`` embeds each explorer's data (tokens, queries and keys at
round-trip precision, colour map, interface strings) as ``<script type="application/json">``:
what notebooks and tests read. On the site those bytes sat in the first view of every page
with an explorer (7.7 KB gzip on the translator page), although the explorer script itself
loads only when an explorer nears the viewport. So this hook writes each block's JSON (when
larger than INLINE_MAX_GZIP) to
``assets/explorer/<kind>.<hash>.json`` and leaves its URL in the block's ``data-src``;
``explorer.js`` fetches it together with its stylesheet. Without JavaScript nothing changes:
the static figure was always what such a reader sees.

Content-hashed names: a changed explorer gets a new URL, two builds write the same bytes, and
the two languages (whose strings differ) never share a file.
"""

from __future__ import annotations

import gzip
import hashlib
import posixpath
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

DATA_DIR = "assets/explorer"
# Smaller data stay inline: a request of its own costs headers and the page's shared gzip
# context, and saves nothing when the explorer is in the first screen (the home page's).
INLINE_MAX_GZIP = 2048
_BLOCK = re.compile(
    r'<div class="ag-explorer" id="explorer-(?P<kind>[\w-]+)">(?P<static>.*?)'
    r'<script type="application/json" class="ag-explorer-data">(?P<json>.*?)</script></div>',
    re.DOTALL)


def externalize(content: str, page_url: str, where: str, site_dir: Path) -> str:
    """Move each explorer block's JSON in ``content`` to a file under ``site_dir``."""

    def replace(match: re.Match[str]) -> str:
        kind, data = match.group("kind"), match.group("json")
        if not data.strip():
            raise PluginError(f"{where}: explorer {kind!r} has an empty data block")
        if len(gzip.compress(data.encode(), 9)) <= INLINE_MAX_GZIP:
            return match.group(0)
        digest = hashlib.sha256(data.encode()).hexdigest()[:10]
        path = posixpath.join(DATA_DIR, f"{kind}.{digest}.json")
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(data, "utf-8")
        src = get_relative_url(path, page_url)
        return (f'<div class="ag-explorer" id="explorer-{kind}" data-src="{src}">'
                f'{match.group("static")}</div>')

    blocks = content.count('class="ag-explorer-data"')
    result, matched = _BLOCK.subn(replace, content)
    if matched != blocks:
        raise PluginError(f"{where}: {blocks - matched} explorer block(s) not in the form "
                          "snippets/explorer.py writes; their data would stay inline")
    return result


def on_page_content(html_text: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return externalize(html_text, page.url, page.file.src_uri, Path(config.site_dir))
