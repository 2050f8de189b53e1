"""Figure "alignment-heads": the translator's cross-attention heads and their gradient-weighted
relevance, against the gold links."""

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
    """Source and target words, gold links, and the example's maps (H + 1, T, S): each head's
    weights, then the gradient-weighted relevance, normalised to sum 1 per row."""
    from snippets.relevance import cross_attention_relevance
    from snippets.translator.checkpoint import load
    from snippets.translator.evaluate import cross_attention
    from snippets.translator.train import example_pair

    saved, pair = load(), example_pair()
    weights = cross_attention(saved.params, saved.config, [pair])[0][:, : len(pair.target)]
    _, relevance = cross_attention_relevance(saved.params, saved.config, [pair])[0]
    shares = relevance / relevance.sum(axis=1, keepdims=True)
    maps = np.concatenate([weights, shares[None]])
    return pair.source, pair.target, pair.alignment, maps, translator_report()


NAME = "alignment-heads"


def build(t: Callable[..., str]) -> Drawn:
    source, target, gold, weights, report = data()
    fig = new_figure(7.6, 3.2)
    axes = fig.subplots(1, len(weights))
    heads = len(weights) - 1  # the last map is the relevance
    for h, (ax, w) in enumerate(zip(axes, weights, strict=True)):
        mesh = heatmap(ax, w, target, source, vmax=1.0, annotate=False)
        for row, col in enumerate(gold if h < heads else ()):  # gold links, on the heads
            ax.add_patch(Rectangle((col + 0.08, row + 0.08), 0.84, 0.84, fill=False, lw=1.0,
                                   ec=text_on(float(w[row, col]))))
        aer = f"{report.aer[h if h < heads else -1]:.3f}"
        title = t("align.head", number=h + 1, aer=aer) if h < heads else t("align.relevance",
                                                                             aer=aer)
        ax.set_title(title, fontsize=8)
        if h:
            ax.set_yticklabels([])
    axes[len(axes) // 2].set_xlabel(t("cross.source"))  # one label under the middle panel
    axes[0].set_ylabel(t("cross.target"))
    fig.colorbar(mesh, ax=list(axes), shrink=0.7).set_label(t("align.scale"))
    names = [t("align.head_name", number=h + 1) for h in range(heads)]
    table = Table(
        caption=t("align.table", phrases=report.phrases, words=report.words, de=report.de_rows),
        headers=[t("align.which"), "AER", t("align.de_near"), t("align.de_next")],
        rows=[[name, float(aer), int(near), int(nxt)] for name, aer, near, nxt in zip(
            [*names, t("align.mean"), t("align.relevance_name")], report.aer,
            report.de_on_near, report.de_on_next, strict=True)],
    )
    return Drawn(fig, t("align.title"), t("align.alt"), t("align.caption"), table)
