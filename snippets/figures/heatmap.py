"""Figure "attention-heatmap": self-attention weights over real tokens, with row sums."""

from __future__ import annotations

import functools
from collections.abc import Callable

from snippets.attention import AttentionExample, example
from snippets.figures._draw import Drawn, heatmap, new_figure
from snippets.figures._html import Table

NAME = "attention-heatmap"
SUM_COLUMN_GAP = 0.15  # space between the grid and the row-sum column, in cell widths


@functools.cache
def data() -> AttentionExample:
    return example()  # the very numbers printed on the page


def build(t: Callable[..., str], ex: AttentionExample | None = None) -> Drawn:
    ex = ex if ex is not None else data()
    tokens = list(ex.tokens)
    n = len(tokens)
    fig = new_figure(4.6, 3.6)
    # "compressed" sizes the margins after the equal-aspect grid has shrunk; plain
    # "constrained" leaves a gap on one side and pushes the y label off the figure.
    fig.set_layout_engine("compressed")
    ax = fig.add_subplot()
    mesh = heatmap(ax, ex.weights, tokens, tokens, vmax=float(ex.weights.max()))
    # The row sums are one more column of the axes, headed "Σ" in the same row as the
    # key labels, so the layout reserves room for them and the header sits under them.
    sum_x = n + SUM_COLUMN_GAP + 0.5
    ax.set_xlim(0, sum_x + 0.5)
    ax.set_xticks([*(j + 0.5 for j in range(n)), sum_x], [*tokens, "Σ"])
    sigma = ax.get_xticklabels()[-1]
    sigma.set(rotation=0, ha="center", fontsize=10)
    for i, total in enumerate(ex.weights.sum(axis=1)):
        ax.text(sum_x, i + 0.5, f"{total:.3f}", ha="center", va="center", fontsize=7)
    ax.set_xlabel(t("key"), x=n / (2 * (sum_x + 0.5)))  # centred under the keys only
    ax.set_ylabel(t("query"))
    fig.colorbar(mesh, ax=ax, shrink=0.8, pad=0.04).set_label(t("attention_weight"))
    table = Table(
        caption=t("heatmap.table"),
        headers=[t("query_key"), *tokens, t("heatmap.sum")],
        rows=[[tok, *map(float, row), float(row.sum())]
              for tok, row in zip(tokens, ex.weights, strict=True)],
    )
    return Drawn(fig, t("heatmap.title"), t("heatmap.alt"), t("heatmap.caption"), table)
