"""Figure "sparse-normalisers": softmax, 1.5-entmax and sparsemax of the same scores."""

from __future__ import annotations

import functools
from collections.abc import Callable

import numpy as np

from snippets.figures._draw import Drawn, new_figure
from snippets.figures._html import Table
from snippets.figures._style import shade
from snippets.sparsemax import SparseExample, example

NAME = "sparse-normalisers"
SHADES = (0.3, 0.5, 0.7)  # mid-range colours: visible on light and dark pages


@functools.cache
def data() -> SparseExample:
    return example()  # the very numbers printed on the page


def build(t: Callable[..., str]) -> Drawn:
    ex = data()
    x = np.arange(len(ex.tokens))
    labels = [f"{tok}\n{s:.1f}" for tok, s in zip(ex.tokens, ex.scores, strict=True)]
    fig = new_figure(7.2, 2.6)
    axes = fig.subplots(1, len(ex.names), sharey=True)
    for ax, name, row, level in zip(axes, ex.names, ex.weights, SHADES, strict=True):
        ax.bar(x, row, 0.7, color=shade(level))  # one panel per normaliser: no colour code
        for j in np.flatnonzero(row == 0):  # exact zeros get a visible mark
            ax.text(x[j], 0.01, "0", ha="center", va="bottom", fontsize=8)
        ax.set_title(name)
        ax.set_xticks(x, labels, fontsize=7)
        ax.set_xlabel(t("sparse.xlabel"))
    axes[0].set_ylabel(t("attention_weight"))
    axes[0].set_ylim(0, 0.7)
    table = Table(
        caption=t("sparse.table"),
        headers=[t("sparse.normaliser"), *(f"{tok} ({s:.1f})"
                                           for tok, s in zip(ex.tokens, ex.scores, strict=True))],
        rows=[[name, *map(float, row)] for name, row in zip(ex.names, ex.weights, strict=True)],
    )
    return Drawn(fig, t("sparse.title"), t("sparse.alt"), t("sparse.caption"), table)
