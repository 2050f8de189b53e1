"""tools/postprocess.py compact_html: the templates' indentation goes, nothing a reader sees."""

from __future__ import annotations

import re

from tools.postprocess import compact_html

PAGE = ('<div>\n      <p>\n        Two   words\n      and more</p>\n    \n'
        '  <pre><code>x = 1\n    y = 2\n</code></pre>\n'
        '  <script>if (a) {\n    b()\n}</script>\n'
        '  <a href="/"\n     class="x">\n      Link\n    </a> <span>a b</span></div>')


def test_indentation_is_cut_to_the_line_break() -> None:
    assert compact_html(PAGE) == (
        '<div>\n<p>\nTwo   words\nand more</p>\n'
        '<pre><code>x = 1\n    y = 2\n</code></pre>\n'
        '<script>if (a) {\n    b()\n}</script>\n'
        '<a href="/"\nclass="x">\nLink\n</a> <span>a b</span></div>')


def test_the_text_a_browser_draws_is_unchanged() -> None:
    """Outside pre, code and script, a browser draws any run of whitespace as one space."""
    def drawn(html: str) -> str:
        verbatim = re.findall(r"<(pre|script)>.*?</\1>", html, re.DOTALL)
        text = re.sub(r"<(pre|script)>.*?</\1>", "\0", html, flags=re.DOTALL)
        return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", text)) + repr(verbatim)

    assert drawn(compact_html(PAGE)) == drawn(PAGE)
