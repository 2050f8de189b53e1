"""Figure "dtw-path": the alignment heads' cross-attention (words × audio frames) with the
dynamic-time-warping path drawn over it and the true word intervals outlined."""

from __future__ import annotations

import functools
from collections.abc import Callable

import numpy as np
from matplotlib.patches import Rectangle

from snippets.dtw import TimestampExample, example
from snippets.figures._draw import Drawn, new_figure
from snippets.figures._html import Table
from snippets.figures._style import CMAP, FOREGROUND

NAME = "dtw-path"
TICK_SECONDS = 0.5  # one time label every half second


@functools.cache
def data() -> TimestampExample:
    return example()  # the very numbers printed on the page


def build(t: Callable[..., str]) -> Drawn:
    ex = data()
    m, n = ex.matrix.shape
    fig = new_figure(6.8, 2.4)
    ax = fig.add_subplot()
    # one embedded image instead of m·n SVG cells: the page stays light
    mesh = ax.imshow(ex.matrix, cmap=CMAP, extent=(0, n, m, 0), aspect="auto",
                     interpolation="nearest")
    for i, (a, b) in enumerate(ex.true_frames):  # where each word really is
        ax.add_patch(Rectangle((a, i), b - a, 1, fill=False, edgecolor=FOREGROUND, lw=0.8,
                               linestyle="--"))
    ax.plot(ex.path[:, 1] + 0.5, ex.path[:, 0] + 0.5, color=FOREGROUND, lw=1.6,
            label=t("dtw.path"))
    per_tick = round(TICK_SECONDS / ex.frame_seconds)
    ticks = np.arange(0, n + 1, per_tick)
    ax.set_xticks(ticks, [f"{x * ex.frame_seconds:.1f}" for x in ticks])
    ax.set_yticks(np.arange(m) + 0.5, ex.words)
    ax.tick_params(length=0)
    ax.set_xlim(0, n)
    ax.set_ylim(m, 0)  # first word at the top
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_xlabel(t("dtw.xlabel"))
    ax.set_ylabel(t("dtw.ylabel"))
    ax.legend(loc="lower right", bbox_to_anchor=(1.0, 1.0), ncols=2, handles=[
        ax.lines[0], Rectangle((0, 0), 1, 1, fill=False, edgecolor=FOREGROUND, linestyle="--",
                               label=t("dtw.true"))])
    fig.colorbar(mesh, ax=ax, shrink=0.9, pad=0.02).set_label(t("dtw.colour"))
    rows = [[word, a * ex.frame_seconds, b * ex.frame_seconds, float(s), float(e)]
            for word, (a, b), s, e in zip(ex.words, ex.true_frames, ex.starts, ex.ends,
                                          strict=True)]
    table = Table(caption=t("dtw.table"),
                  headers=[t("dtw.word"), t("dtw.true_start"), t("dtw.true_end"),
                           t("dtw.dtw_start"), t("dtw.dtw_end")],
                  rows=rows)
    heads = t("dtw.and").join(str(h) for h in ex.heads)
    return Drawn(fig, t("dtw.title"), t("dtw.alt", m=m, n=n, heads=heads),
                 t("dtw.caption", n=n, step=ex.frame_seconds, heads=heads), table)
