"""Figure "mask-zoo": six attention masks side by side, as matrices."""

from __future__ import annotations

import functools
from collections.abc import Callable

import numpy as np
from matplotlib.collections import PatchCollection
from matplotlib.patches import Patch, Rectangle

import snippets.figures.strings_matrix  # noqa: F401  (registers this figure's labels)
from snippets.figures._draw import Drawn, new_figure
from snippets.figures._html import Table
from snippets.figures._style import FOREGROUND, shade
from snippets.mask_patterns import zoo

NAME = "mask-zoo"


def _runs(mask: np.ndarray) -> list[Rectangle]:
    """One rectangle per run of allowed keys in a row: far fewer SVG paths than cells."""
    rects = []
    for i, row in enumerate(mask):
        edges = np.flatnonzero(np.diff(np.concatenate([[0], row.astype(int), [0]])))
        for start, stop in zip(edges[0::2], edges[1::2], strict=True):
            rects.append(Rectangle((start, i), stop - start, 1))
    return rects


@functools.cache
def data() -> dict[str, np.ndarray]:
    return zoo(12)


def build(t: Callable[..., str]) -> Drawn:
    patterns = data()
    fig = new_figure(6.6, 4.9)
    axes = fig.subplots(2, 3).ravel()
    allowed_color = shade(0.7)
    for ax, (key, mask) in zip(axes, patterns.items(), strict=True):
        m, n = mask.shape
        ax.add_collection(PatchCollection(_runs(mask), facecolor=allowed_color,
                                          edgecolor="none", clip_on=False))
        ax.hlines(np.arange(m + 1), 0, n, color=FOREGROUND, lw=0.3, alpha=0.4)
        ax.vlines(np.arange(n + 1), 0, m, color=FOREGROUND, lw=0.3, alpha=0.4)
        ax.set_xlim(0, n)
        ax.set_ylim(m, 0)  # row 0 at the top
        ax.set_aspect("equal")
        ax.set_title(t(f"zoo.{key}"), fontsize=8)
        ax.set_xticks([])
        ax.set_yticks([])
        for spine in ax.spines.values():
            spine.set_visible(False)
    axes[0].set_ylabel(t("query"))
    axes[3].set_ylabel(t("query"))
    for ax in axes[3:]:
        ax.set_xlabel(t("key"))
    fig.legend(handles=[Patch(facecolor=allowed_color, label=t("zoo.legend_allowed")),
                        Patch(facecolor="none", edgecolor=FOREGROUND, lw=0.5,
                              label=t("zoo.legend_masked"))],
               loc="outside lower center", ncols=2)
    table = Table(
        caption=t("zoo.table"),
        headers=[t("zoo.pattern"), t("zoo.allowed"), t("zoo.total")],
        rows=[[t(f"zoo.{key}"), int(mask.sum()), int(mask.size)]
              for key, mask in patterns.items()],
    )
    return Drawn(fig, t("zoo.title"), t("zoo.alt"), t("zoo.caption"), table)
