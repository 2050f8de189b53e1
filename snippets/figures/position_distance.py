"""Figure "position-distance": RoPE's score, ALiBi's biases and learned relative terms
as functions of the distance i − j."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

import snippets.figures.strings_matrix  # noqa: F401  (registers this figure's labels)
from snippets.figures._draw import Drawn, new_figure
from snippets.figures._html import Table
from snippets.figures._style import SERIES, shade
from snippets.position import alibi_slopes, relative_position_index, rotary_embedding, t5_bucket

NAME = "position-distance"
D, CLIP, HEADS = 128, 8, 8
TABLE_DISTANCES = (0, 1, 2, 4, 8, 16, 32, 64, 128, 200)


@dataclass(frozen=True)
class PositionCurves:
    distance: np.ndarray  # (R,) 0..200
    rope: np.ndarray  # (R,) score of all-ones q and k at distance r, divided by d
    alibi: np.ndarray  # (HEADS, R) bias of each head
    slopes: np.ndarray  # (HEADS,)
    t5: np.ndarray  # (R,) bucket of a key r positions back
    shaw: np.ndarray  # (R,) Shaw et al.'s clipped distance min(r, CLIP) for a key r back


@functools.cache
def data() -> PositionCurves:
    r = np.arange(0, 201)
    ones = np.ones((1, D))
    q0 = rotary_embedding(ones, [0])[0]  # the query at position 0 ...
    keys = rotary_embedding(np.ones((r.size, D)), -r)  # ... keys r positions before it
    rope = keys @ q0 / D  # by the relative property, any pair (i, i - r) gives the same
    slopes = alibi_slopes(HEADS)
    alibi = -slopes[:, None] * r[None, :]
    t5 = t5_bucket(-r)  # j - i = -r
    shaw = CLIP - relative_position_index(r.size, 1, CLIP)[:, 0]  # query r, key 0
    return PositionCurves(r, rope, alibi, slopes, t5, shaw)


def build(t: Callable[..., str]) -> Drawn:
    c = data()
    fig = new_figure(6.8, 2.6)
    rope_ax, alibi_ax, index_ax = fig.subplots(1, 3)
    colour, style = SERIES[0]
    rope_ax.plot(c.distance, c.rope, color=colour, ls=style, lw=1)
    rope_ax.set_ylabel(t("position.rope"))
    rope_ax.set_title(t("position.rope_panel"))
    near = c.distance <= 20
    for h, (slope, line) in enumerate(zip(c.slopes, c.alibi, strict=True)):
        alibi_ax.plot(c.distance[near], line[near], color=shade(0.15 + 0.6 * h / (HEADS - 1)),
                      ls=SERIES[h % len(SERIES)][1], lw=1)
        if h in (0, HEADS - 1):
            label = f"{t('position.head', h=h + 1)}: 1/{round(1 / slope)}"
            alibi_ax.annotate(label, (20, line[20]), xytext=(-2, 3 if h == 0 else -9),
                              textcoords="offset points", ha="right", fontsize=7)
    alibi_ax.set_ylabel(t("position.alibi"))
    alibi_ax.set_title(t("position.alibi_panel"))
    (t5_colour, t5_style), (shaw_colour, shaw_style) = SERIES[0], SERIES[1]
    index_ax.step(c.distance, c.t5, where="post", color=t5_colour, ls=t5_style,
                  label=t("position.t5"))
    index_ax.step(c.distance, c.shaw, where="post", color=shaw_colour, ls=shaw_style,
                  label=t("position.shaw", clip=CLIP))
    index_ax.set_ylabel(t("position.index"))
    index_ax.set_title(t("position.learned_panel"))
    index_ax.legend(loc="lower right", fontsize=7, handlelength=1.5)
    for ax in (rope_ax, alibi_ax, index_ax):
        ax.set_xlabel(t("position.distance"))
        ax.grid(True)
    rows = [[int(r), float(c.rope[r]), float(c.alibi[0, r]), float(c.alibi[-1, r]),
             int(c.t5[r]), int(c.shaw[r])] for r in TABLE_DISTANCES]
    table = Table(
        caption=t("position.table"),
        headers=["i − j", t("position.rope"), f"{t('position.alibi')}, {t('position.head', h=1)}",
                 f"{t('position.alibi')}, {t('position.head', h=HEADS)}", t("position.t5"),
                 t("position.shaw", clip=CLIP)],
        rows=rows,
    )
    return Drawn(fig, t("position.title"), t("position.alt", d=D, clip=CLIP),
                 t("position.caption", d=D, clip=CLIP), table)
