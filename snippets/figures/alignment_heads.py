"""Figure "alignment-heads": each cross-attention head of the translator against gold links."""

from __future__ import annotations

import functools
from collections.abc import Callable

import numpy as np
from matplotlib.patches import Rectangle

from snippets.alignment_error import AlignmentReport, translator_report
from snippets.figures._draw import Drawn, heatmap, new_figure
from snippets.figures._html import Table
from snippets.figures._style import text_on


@functools.cache
def data() -> tuple[tuple[str, ...], tuple[str, ...], tuple[int, ...], np.ndarray,
                    AlignmentReport]:
    """Source and target words, gold links and per-head weights (H, T, S) of the example."""
    from snippets.translator.checkpoint import load
    from snippets.translator.evaluate import cross_attention
    from snippets.translator.train import example_pair

    saved, pair = load(), example_pair()
    weights = cross_attention(saved.params, saved.config, [pair])[0][:, : len(pair.target)]
    return pair.source, pair.target, pair.alignment, weights, translator_report()


NAME = "alignment-heads"


def build(t: Callable[..., str]) -> Drawn:
    source, target, gold, weights, report = data()
    fig = new_figure(6.8, 3.3)
    axes = fig.subplots(1, len(weights))
    for h, (ax, w) in enumerate(zip(axes, weights, strict=True)):
        mesh = heatmap(ax, w, target, source, vmax=1.0, annotate=False)
        for row, col in enumerate(gold):  # outline the gold links
            ax.add_patch(Rectangle((col + 0.08, row + 0.08), 0.84, 0.84, fill=False, lw=1.0,
                                   ec=text_on(float(w[row, col]))))
        ax.set_title(t("align.head", number=h + 1, aer=f"{report.aer[h]:.3f}"))
        ax.set_xlabel(t("cross.source"))
        if h:
            ax.set_yticklabels([])
    axes[0].set_ylabel(t("cross.target"))
    fig.colorbar(mesh, ax=list(axes), shrink=0.7).set_label(t("attention_weight"))
    names = [t("align.head_name", number=h + 1) for h in range(len(weights))]
    table = Table(
        caption=t("align.table", phrases=report.phrases, words=report.words, de=report.de_rows),
        headers=[t("align.which"), "AER", t("align.de_near"), t("align.de_next")],
        rows=[[name, float(aer), int(near), int(nxt)] for name, aer, near, nxt in zip(
            [*names, t("align.mean")], report.aer, report.de_on_near, report.de_on_next,
            strict=True)],
    )
    return Drawn(fig, t("align.title"), t("align.alt"), t("align.caption"), table)
