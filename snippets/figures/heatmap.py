"""Figure "attention-heatmap": self-attention weights over real tokens, with row sums."""

from __future__ import annotations

import functools
from collections.abc import Callable

from snippets.attention import AttentionExample, example
from snippets.figures._draw import Drawn, heatmap, new_figure
from snippets.figures._html import Table

NAME = "attention-heatmap"


@functools.cache
def data() -> AttentionExample:
    return example()  # the very numbers printed on the page


def build(t: Callable[..., str]) -> Drawn:
    ex = data()
    tokens = list(ex.tokens)
    fig = new_figure(4.6, 3.6)
    ax = fig.add_subplot()
    mesh = heatmap(ax, ex.weights, tokens, tokens, vmax=float(ex.weights.max()))
    ax.set_xlabel(t("key"))
    ax.set_ylabel(t("query"))
    for i, total in enumerate(ex.weights.sum(axis=1)):  # the row sums, outside the grid
        ax.text(len(tokens) + 0.2, i + 0.5, f"{total:.3f}", va="center", fontsize=7)
    ax.text(len(tokens) + 0.2, -0.3, "Σ", fontsize=8)
    fig.colorbar(mesh, ax=ax, shrink=0.8, pad=0.12).set_label(t("attention_weight"))
    table = Table(
        caption=t("heatmap.table"),
        headers=[t("query_key"), *tokens, t("heatmap.sum")],
        rows=[[tok, *map(float, row), float(row.sum())]
              for tok, row in zip(tokens, ex.weights, strict=True)],
    )
    return Drawn(fig, t("heatmap.title"), t("heatmap.alt"), t("heatmap.caption"), table)
