"""Figure "cross-attention": Spanish queries over English keys, as lines and as a heat map."""

from __future__ import annotations

import functools
from collections.abc import Callable

import numpy as np

from snippets.cross_attention import CrossAttentionExample, example
from snippets.figures._draw import Drawn, heatmap, new_figure
from snippets.figures._html import Table
from snippets.figures._style import FOREGROUND

NAME = "cross-attention"
MIN_DRAWN_WEIGHT = 0.02  # thinner lines would be invisible anyway


@functools.cache
def data() -> CrossAttentionExample:
    return example()


def _rows(count: int) -> np.ndarray:
    return np.linspace(0.0, 1.0, count)[::-1]  # first word at the top


def build(t: Callable[..., str], ex: CrossAttentionExample | None = None) -> Drawn:
    ex = ex if ex is not None else data()
    fig = new_figure(6.8, 3.4)
    lines, grid = fig.subplots(1, 2, width_ratios=[1, 1.15])
    y_target, y_source = _rows(len(ex.target)), _rows(len(ex.source))
    top = float(ex.weights.max())
    for i, j in zip(*np.nonzero(ex.weights >= MIN_DRAWN_WEIGHT), strict=True):
        w = float(ex.weights[i, j])
        lines.plot([0, 1], [y_target[i], y_source[j]], color=FOREGROUND,
                   lw=0.3 + 5 * w, alpha=0.25 + 0.75 * w / top, solid_capstyle="round")
    for y, word in zip(y_target, ex.target, strict=True):
        lines.text(-0.07, y, word, ha="right", va="center")
    for y, word in zip(y_source, ex.source, strict=True):
        lines.text(1.07, y, word, ha="left", va="center")
    lines.text(-0.04, 1.1, t("cross.target"), ha="right", va="bottom", fontweight="bold")
    lines.text(1.04, 1.1, t("cross.source"), ha="left", va="bottom", fontweight="bold")
    lines.set_xlim(-0.5, 1.5)
    lines.set_ylim(-0.05, 1.2)
    lines.axis("off")
    mesh = heatmap(grid, ex.weights, ex.target, ex.source, vmax=top)
    grid.set_xlabel(t("cross.source"))
    grid.set_ylabel(t("cross.target"))
    fig.colorbar(mesh, ax=grid, shrink=0.8).set_label(t("attention_weight"))
    table = Table(
        caption=t("cross.table"),
        headers=[t("query_key"), *ex.source],
        rows=[[word, *map(float, row)] for word, row in zip(ex.target, ex.weights, strict=True)],
    )
    return Drawn(fig, t("cross.title"), t("cross.alt"), t("cross.caption"), table)
