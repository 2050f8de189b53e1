"""Figures drawn at build time: inline, themable, bilingual SVG with a data table.

Public API
----------
``render(name: str, lang: str) -> str``
    One HTML block: ``<figure class="ag-figure" id="fig-<name>">`` with an inline SVG
    (role="img", <title> and <desc> in the page language, ids prefixed with
    ``fig-<name>``), a <figcaption>, and ``<details class="ag-figure-data">`` holding
    the numbers as a table (3 decimals). Unknown names or languages and missing
    translations raise ValueError naming the figure, the language and the key.
``available() -> list[str]``
    The figure names, in page order.

Numbers are computed once per process (functools.cache in each figure module); each
language's build draws its own labels. Between builds, drawn figures are kept on disk
(``_cache.py``), and a figure found there costs no import of the drawing code
(``_render.py``: the figure modules, numpy, matplotlib), which is imported on the first
figure really drawn.
Use from a page with markdown-exec::

    ```python exec="on" html="on"
    from snippets.figures import render
    print(render("attention-heatmap", "en"))
    ```
"""

from __future__ import annotations

from snippets.figures._cache import on_disk


def available() -> list[str]:
    """Names accepted by ``render`` (imports the figure modules)."""
    from snippets.figures._render import FIGURES

    return list(FIGURES)


@on_disk  # between builds only: see _cache.py
def render(name: str, lang: str, data: object | None = None) -> str:
    """Draw figure ``name`` with labels in ``lang`` ("en" or "es"); return its HTML.

    ``data`` replaces the figure's own numbers (the figures of ``snippets.figures.inputs``
    take the reader's inputs in the browser); the drawing code is the same.
    """
    # Imported here, not at the top: a build's pages import this package for figures that
    # _cache.py answers without drawing (about 0.3 s of imports saved per language and build).
    from snippets.figures._render import draw

    return draw(name, lang, data)
