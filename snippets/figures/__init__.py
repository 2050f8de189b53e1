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
(``_cache.py``).
Use from a page with markdown-exec::

    ```python exec="on" html="on"
    from snippets.figures import render
    print(render("attention-heatmap", "en"))
    ```
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

import matplotlib

from snippets.figures import (
    alignment_heads,
    cross_attention,
    dtw_path,
    heads,
    heatmap,
    image_queries,
    learned_queries,
    mask_zoo,
    masks,
    memory,
    position_distance,
    scaling,
    self_vs_cross,
    sinks,
    sparse,
    temperature,
    token_maps,
)
from snippets.figures._cache import on_disk
from snippets.figures._draw import Drawn
from snippets.figures._html import figure_html, plain
from snippets.figures._style import STYLE
from snippets.figures._svg import figure_to_svg
from snippets.figures.strings import translator

_MODULES = (heatmap, temperature, scaling, masks, self_vs_cross, cross_attention, image_queries,
            heads, memory, dtw_path, token_maps, learned_queries,
            sinks, sparse, alignment_heads,  # reading-attention page
            position_distance, mask_zoo)  # position and efficient-attention pages
_FIGURES: dict[str, ModuleType] = {module.NAME: module for module in _MODULES}


def available() -> list[str]:
    """Names accepted by ``render``."""
    return list(_FIGURES)


@on_disk  # between builds only: see _cache.py
def render(name: str, lang: str, data: object | None = None) -> str:
    """Draw figure ``name`` with labels in ``lang`` ("en" or "es"); return its HTML.

    ``data`` replaces the figure's own numbers (the figures of ``snippets.figures.inputs``
    take the reader's inputs in the browser); the drawing code is the same.
    """
    if name not in _FIGURES:
        raise ValueError(f"unknown figure {name!r} (language {lang!r}); available: {available()}")
    t: Callable[..., str] = translator(name, lang)
    with matplotlib.rc_context(STYLE):  # every artist is created inside the shared style
        module = _FIGURES[name]
        drawn: Drawn = module.build(t) if data is None else module.build(t, data)
    prefix = f"fig-{name}"
    svg = figure_to_svg(drawn.figure, prefix, plain(drawn.title), plain(drawn.alt))
    return figure_html(name, svg, drawn.caption, t("data_summary"), drawn.table)
