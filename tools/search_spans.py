"""Material's search index, fed each page without the code blocks' highlighting spans
(issue 13: 0.85 -> 0.3 s per language of a clean build).

Material's search plugin indexes a page by running ``html.parser`` over its HTML, and 70 %
of the tags on our pages are Pygments' ``<span class="kn">`` tokens inside ``<pre>``: one
parser event each, plus Material's bookkeeping, for nothing the index keeps (a span is not
one of the tags Material keeps, and inside ``<pre>`` it appends every text chunk as it
comes, so "a", "b" and "ab" give the same text; nor does a tag nested in a ``<pre>`` ever
end a section there). ``index_without_code_spans`` hands Material the page with those
spans removed, where that provably cannot change the index:

* only inside a ``<pre>`` whose whole content is text, complete character references
  (``&lt;``, so merged text unescapes as the pieces did), ``<code>...</code>`` and
  unnested spans with at most a class (not ``linenodiv``, which Material skips);
* and only on a page where no span carries ``data-search-exclude`` or ``linenodiv``:
  Material tracks skipped elements by tag name, so closing any span would end a skipped
  span's exclusion.

A block or page that does not fit is indexed as it is, and so is a ``<pre`` that does not
follow a ``>`` (Python-Markdown leaves ``<`` unescaped in attribute values). Not detected: a
quoted attribute value holding ``><pre><span>x</span></pre>``, whose spans would go (of the
values Material reads, only a heading's id could change; our ids are slugs). ``check``
indexes FIXTURE both ways and fails the build, naming Material, if its parser ever tells
them apart.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from mkdocs.exceptions import PluginError

# A <pre> start tag right after another tag ("<pre" inside a quoted attribute value is not
# one), not self-closing (html.parser would close it at once), and the block's content.
_PRE = re.compile(r"<pre(?<=><pre)((?:\s[^<>]*)?)(?<!/)>(.*?)</pre>", re.S)
_SPAN_TAG = re.compile(r'<span(?: class="[\w -]*")?>|</span>')
_NESTED = re.compile(r"<span[^>]*>[^<]*<(?!/span>)")  # a span holding anything but text
_PLAIN = re.compile(r"<code>[^<>]*+</code>|[^<>]*+")  # text in at most one <code>
_CUT_REFERENCE = re.compile(r"&(?!#?\w+;)")  # "&amp" + "</span>;" must not become "&amp;"
_SKIPPED_SPAN = re.compile(r"<span\b[^>]*(?:data-search-exclude|linenodiv)")

# What the highlighted blocks of our pages look like, and what Material must not lose: a
# heading in a nested block, an excluded block, a permalink, script and style, entities.
FIXTURE = """<h1 id="t">Title<a class="headerlink" href="#t">&para;</a></h1>
<p>Intro &amp; <code>x &lt; y</code></p><div><div><h2 id="a">Nested <em>A</em></h2>
<div class="highlight"><pre><span></span><code><span class="kn">import</span><span class="w">
</span><span class="n">np</span> <span class="o">&lt;</span>
<span class="s2">&quot;a&amp;b&quot;</span><span class="w">    </span>
</code></pre></div></div><p>after</p></div><pre>  <span>   </span>  </pre>
<div data-search-exclude><pre><code><span class="n">hidden</span></code></pre></div>
<script>var s = "<pre><span>x</span></pre>";</script><style>p { }</style>
<h3 id="b">B</h3><pre><code>plain <span class="k">def</span>  f():
    <span class="k">return</span>
</code></pre><p>end</p>"""


def without_code_spans(html: str) -> str:
    """``html`` with the spans removed from each ``<pre>`` where the index cannot tell."""
    if "<pre" not in html or _SKIPPED_SPAN.search(html):
        return html
    return _PRE.sub(_lean_block, html)


def _lean_block(match: re.Match[str]) -> str:
    body = match.group(2)
    if (_NESTED.search(body) or body.count("<span") != body.count("</span>")
            or _CUT_REFERENCE.search(body)):
        return match.group(0)
    lean = _SPAN_TAG.sub("", body)
    return f"<pre{match.group(1)}>{lean}</pre>" if _PLAIN.fullmatch(lean) else match.group(0)


def index_without_code_spans(add_entry: Callable[[Any], None], page: Any) -> None:
    """Material's ``add_entry_from_context(page)`` on the page without its code spans."""
    content = page.content
    page.content = without_code_spans(content)
    try:
        add_entry(page)
    finally:
        page.content = content


def sections(parser_class: type, html: str) -> list[tuple[Any, ...]]:
    """What Material's ``parser_class`` makes of ``html``: each section's id, title, text."""
    parser = parser_class()
    parser.feed(html)
    parser.close()
    return [(s.id, "".join(s.title), "".join(s.text), s.is_excluded()) for s in parser.data]


def check(parser_class: type) -> None:
    """Fail, naming Material, if its parser indexes FIXTURE differently without the spans."""
    if without_code_spans(FIXTURE) == FIXTURE:
        raise PluginError("tools/search_spans.py: no span removed from FIXTURE, so check() "
                          "proves nothing; fix FIXTURE")
    if sections(parser_class, without_code_spans(FIXTURE)) != sections(parser_class, FIXTURE):
        raise PluginError(
            "tools/search_spans.py: Material's search parser (material.plugins.search) now "
            "indexes code blocks differently without their highlighting spans; the search "
            "index would change. Update tools/search_spans.py or stop using it in "
            "hooks/render_cache.py")
