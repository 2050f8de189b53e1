"""Render math with KaTeX at build time, so readers download no math JavaScript.

pymdownx.arithmatex (generic mode) wraps math as ``<span class="arithmatex">\\(...\\)</span>``
and ``<div class="arithmatex">\\[...\\]</div>``; this hook replaces each with KaTeX's HTML +
MathML output (MathML keeps it readable by screen readers). KaTeX runs in an embedded V8
(mini-racer) from the vendored ``vendor/katex/katex.min.js``; its stylesheet and fonts are
served from the site itself and linked only on pages that contain math.
"""

from __future__ import annotations

import functools
import html
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

KATEX_JS = Path(__file__).resolve().parent.parent / "vendor" / "katex" / "katex.min.js"

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


def render_math(content: str, where: str) -> tuple[str, int]:
    """Replace every arithmatex placeholder in ``content``; returns (html, count)."""
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
            return f'<div class="math-display">{out}</div>' if display else out

        return replace

    content = _DISPLAY.sub(_sub(True), content)
    content = _INLINE.sub(_sub(False), content)
    return content, count


def on_page_content(html_text: str, page: Page, config: MkDocsConfig, files) -> str:
    out, count = render_math(html_text, page.file.src_uri)
    if count:
        page.meta["has_math"] = True
    return out
