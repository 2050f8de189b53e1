"""Figure "multi-head": the weight matrices of four attention heads side by side."""

from __future__ import annotations

import functools
from collections.abc import Callable

import numpy as np

from snippets.figures._draw import Drawn, heatmap, new_figure
from snippets.figures._html import Table
from snippets.masks import causal_mask
from snippets.multihead import MultiHeadExample, example

NAME = "multi-head"


@functools.cache
def data() -> MultiHeadExample:
    return example()


def build(t: Callable[..., str]) -> Drawn:
    ex = data()
    tokens = list(ex.tokens)
    allowed = causal_mask(len(tokens))
    fig = new_figure(7.2, 2.3)
    axes = fig.subplots(1, len(ex.weights))
    for number, (ax, weights) in enumerate(zip(axes, ex.weights, strict=True), start=1):
        shown = np.where(allowed, weights, np.nan)  # masked cells stay empty
        mesh = heatmap(ax, shown, tokens, tokens, vmax=1.0, annotate=False)
        ax.set_title(t("heads.head", number=number))
        ax.set_xlabel(t("key"))
        if number > 1:
            ax.set_yticklabels([])
    axes[0].set_ylabel(t("query"))
    fig.colorbar(mesh, ax=list(axes), shrink=0.7).set_label(t("attention_weight"))
    table = Table(
        caption=t("heads.table"),
        headers=[t("heads.head_header"), t("query"), *tokens],
        rows=[[number, tokens[i], *map(float, row)]
              for number, weights in enumerate(ex.weights, start=1)
              for i, row in enumerate(weights)],
    )
    return Drawn(fig, t("heads.title"), t("heads.alt"), t("heads.caption"), table)
