"""Figure "attention-sink": a head with nothing to attend to, its weights and what they move."""

from __future__ import annotations

import functools
from collections.abc import Callable

import numpy as np

from snippets.figures._draw import Drawn, heatmap, new_figure
from snippets.figures._html import Table
from snippets.sinks import SinkExample, noop_head
from snippets.value_norm import weighted_norms

NAME = "attention-sink"


@functools.cache
def data() -> tuple[SinkExample, np.ndarray]:
    ex = noop_head()  # the very numbers printed on the page
    return ex, weighted_norms(ex.weights, ex.values)


def build(t: Callable[..., str]) -> Drawn:
    ex, moved = data()
    tokens = list(ex.tokens)
    no_sink = ex.weights_no_sink.copy()
    no_sink[:, ex.sink] = np.nan  # masked key: drawn empty
    panels = [(ex.weights, t("sink.weights")), (moved, t("sink.moved")),
              (no_sink, t("sink.no_sink"))]
    fig = new_figure(7.4, 3.0)
    axes = fig.subplots(1, 3)
    top = float(max(np.nanmax(m) for m, _ in panels))
    for number, (ax, (matrix, title)) in enumerate(zip(axes, panels, strict=True)):
        mesh = heatmap(ax, matrix, tokens, tokens, vmax=top, annotate=False)
        ax.set_title(title)
        ax.set_xlabel(t("key"))
        if number:
            ax.set_yticklabels([])
    axes[0].set_ylabel(t("query"))
    fig.colorbar(mesh, ax=list(axes), shrink=0.7).set_label(t("sink.scale"))
    table = Table(
        caption=t("sink.table"),
        headers=[t("query"), t("sink.on_sep"), t("sink.moved_sep"), t("sink.norm"),
                 t("sink.norm_no_sink")],
        rows=[[tok, float(ex.weights[i, ex.sink]), float(moved[i, ex.sink]),
               float(np.linalg.norm(ex.outputs[i])),
               float(np.linalg.norm(ex.outputs_no_sink[i]))]
              for i, tok in enumerate(tokens)],
    )
    share = moved[tokens.index("sat")]
    values = {"weight": f"{ex.weights[3, ex.sink]:.2f}",
              "share": f"{100 * share[ex.sink] / share.sum():.0f}"}
    return Drawn(fig, t("sink.title"), t("sink.alt", **values), t("sink.caption"), table)
