"""Material's search index is the same when it reads a page without the code blocks'
highlighting spans (tools/search_spans.py, used by hooks/render_cache.py on every miss)."""

from __future__ import annotations

from types import SimpleNamespace

import markdown
import pytest
from material.plugins.search.plugin import Parser, SearchIndex
from mkdocs.exceptions import PluginError

from tools.search_spans import check, index_without_code_spans, sections, without_code_spans

# Real Pygments output in the shapes a page can hold: plain, with line numbers (a table whose
# numbers Material skips), in a nested block under a heading, excluded from search.
MARKDOWN = '''# Scores {#scores}

Text & more: `a < b`.

```python
def softmax(x: "np.ndarray") -> float:  # a & b < c
    return x / 2

```

## Line numbers {#lines}

```python linenums="1"
weights = [0.5, 0.5]
```

<div markdown><div markdown>
### Nested heading {#nested}

```text
   spaces   kept
```
</div></div>

After the nested block.

<div data-search-exclude markdown>
```python
hidden = True
```
</div>

#### Last {#last}

```python
print("<b>")
```
'''

EXTENSIONS = ["attr_list", "md_in_html", "pymdownx.superfences", "pymdownx.highlight",
              "toc"]
SITE = {"toc": {"permalink": True}, "pymdownx.highlight": {"pygments_lang_class": True}}
LINE_ANCHORS = {**SITE, "pymdownx.highlight": {"anchor_linenums": True, "line_spans": "__s"}}

# Blocks whose spans must stay: removing them would change the index. An unclosed span (it
# stays in the context Material tracks, so </pre> never closes the block), a reference cut by
# a span ("&amp" + ";" is not "&amp;"), an excluded span (closing any span ends it), line
# numbers (Material skips a linenodiv), a "<pre>" in a comment or an attribute value or
# self-closing (not a block at all).
KEPT = [
    '<p>a</p><pre><code><span class="n">x</span><span>open</code></pre>\n\n<p>b  c</p>',
    "<pre><code><span>&amp</span>;<span>&#6</span>0;</code></pre>",
    "<pre><span data-search-exclude>hidden<span>x</span>y</span></pre>",
    '<pre><span class="linenodiv">1</span>code</pre>',
    "<p>a<!-- <pre> --><span>b</span>\n\n<span>c</span></pre></p>",
    '<h1 id="t">T</h1><h2 id="<pre><span>x</span></pre>">A</h2>',
    "<p>a<pre/><span>b</span>\n\n<span>c</span></pre></p>",
]


def page_html(configs: dict = SITE) -> str:
    return markdown.markdown(MARKDOWN, extensions=EXTENSIONS, extension_configs=configs)


def test_a_page_is_indexed_as_material_indexes_it() -> None:
    html = page_html()
    lean = without_code_spans(html)
    assert lean.count("<span") < html.count("<span") / 4, "the code spans were not removed"
    assert 'class="linenodiv"' in html and "data-search-exclude" in html
    fresh = sections(Parser, html)
    assert [s[0] for s in fresh] == [None, "lines", "nested", "last"]
    assert 'softmax(x: "np.ndarray")' in fresh[0][2], "the code's text is indexed"
    assert "   spaces   kept" in fresh[2][2] and "hidden" not in str(fresh)
    assert sections(Parser, lean) == fresh


def test_line_anchors_nest_spans_and_are_left_alone() -> None:
    html = page_html(LINE_ANCHORS)
    assert 'id="__s-0-1"' in html
    assert without_code_spans(html) == html


@pytest.mark.parametrize("html", KEPT)
def test_blocks_the_spans_matter_in_are_left_alone(html: str) -> None:
    assert sections(Parser, without_code_spans(html)) == sections(Parser, html)
    assert without_code_spans(html) == html


def test_the_search_entries_are_materials() -> None:
    page = SimpleNamespace(content=page_html(), toc=[], url="scores/", title="Scores",
                           meta={"tags": ["attention"]})
    fresh, lean = SearchIndex(), SearchIndex()
    fresh.add_entry_from_context(page)
    index_without_code_spans(lean.add_entry_from_context, page)
    assert len(fresh.entries) == 4
    assert lean.entries == fresh.entries
    assert page.content == page_html(), "the page keeps its HTML"


def test_a_material_parser_that_reads_spans_fails_the_build() -> None:
    class SpanKeeping(Parser):  # as if Material started keeping spans in the index
        def __init__(self) -> None:
            super().__init__()
            self.keep.add("span")

    check(Parser)
    with pytest.raises(PluginError, match="Material's search parser"):
        check(SpanKeeping)
