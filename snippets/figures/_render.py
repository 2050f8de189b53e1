"""Draw one figure: the figure modules by name, and the shared steps around their ``build``.

Behind ``snippets.figures.render`` and ``available`` (see the package's docstring): ``render``
imports this module only when a figure must really be drawn, as it imports the figure
modules, and with them numpy and matplotlib.
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
from snippets.figures._draw import Drawn
from snippets.figures._html import figure_html, plain
from snippets.figures._style import STYLE
from snippets.figures._svg import figure_to_svg
from snippets.figures.strings import translator

_MODULES = (heatmap, temperature, scaling, masks, self_vs_cross, cross_attention, image_queries,
            heads, memory, dtw_path, token_maps, learned_queries,
            sinks, sparse, alignment_heads,  # reading-attention page
            position_distance, mask_zoo)  # position and efficient-attention pages
FIGURES: dict[str, ModuleType] = {module.NAME: module for module in _MODULES}


def draw(name: str, lang: str, data: object | None = None) -> str:
    """Figure ``name`` with labels in ``lang``, drawn from ``data`` if given; its HTML."""
    if name not in FIGURES:
        raise ValueError(f"unknown figure {name!r} (language {lang!r}); "
                         f"available: {list(FIGURES)}")
    t: Callable[..., str] = translator(name, lang)
    with matplotlib.rc_context(STYLE):  # every artist is created inside the shared style
        module = FIGURES[name]
        drawn: Drawn = module.build(t) if data is None else module.build(t, data)
    prefix = f"fig-{name}"
    svg = figure_to_svg(drawn.figure, prefix, plain(drawn.title), plain(drawn.alt))
    return figure_html(name, svg, drawn.caption, t("data_summary"), drawn.table)
