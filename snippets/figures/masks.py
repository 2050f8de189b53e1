"""Figure "masks": causal mask, padding mask and their combination, side by side."""

from __future__ import annotations

import functools
from collections.abc import Callable

import numpy as np
from matplotlib.patches import Patch

from snippets.figures._draw import Drawn, new_figure
from snippets.figures._html import Table
from snippets.figures._style import CMAP, FOREGROUND, shade
from snippets.masks import MasksExample, example

NAME = "masks"


@functools.cache
def data() -> MasksExample:
    return example()


def build(t: Callable[..., str], ex: MasksExample | None = None) -> Drawn:
    ex = ex if ex is not None else data()
    tokens = list(ex.batch[1])  # "the cat sat" + three <pad>
    n = len(tokens)
    panels = {
        "masks.causal": ex.causal,
        "masks.padding": np.broadcast_to(ex.padding[1], (n, n)),
        "masks.combined": ex.combined[1],
    }
    fig = new_figure(6.6, 2.9)
    axes = fig.subplots(1, 3)
    allowed_color = shade(0.7)
    for ax, (key, mask) in zip(axes, panels.items(), strict=True):
        # allowed cells filled from the colormap, masked cells empty: only outlines
        filled = np.where(mask, 1.0, np.nan)
        ax.pcolormesh(filled, cmap=CMAP, vmin=0.0, vmax=1 / 0.7).set_clip_on(False)
        ax.hlines(np.arange(n + 1), 0, n, color=FOREGROUND, lw=0.4, alpha=0.5)
        ax.vlines(np.arange(n + 1), 0, n, color=FOREGROUND, lw=0.4, alpha=0.5)
        ax.set_title(t(key))
        ax.set_xticks(np.arange(n) + 0.5, tokens, rotation=60, ha="right",
                      rotation_mode="anchor", fontsize=7)
        ax.set_yticks(np.arange(n) + 0.5, tokens if ax is axes[0] else [], fontsize=7)
        ax.set_xlim(0, n)
        ax.set_ylim(n, 0)  # row 0 at the top
        ax.tick_params(length=0)
        ax.set_xlabel(t("key"))
        for spine in ax.spines.values():
            spine.set_visible(False)
    axes[0].set_ylabel(t("query"))
    fig.legend(handles=[Patch(facecolor=allowed_color, label=t("masks.allowed")),
                        Patch(facecolor="none", edgecolor=FOREGROUND, lw=0.5,
                              label=t("masks.masked"))],
               loc="outside lower center", ncols=2)
    table = Table(
        caption=t("masks.table"),
        headers=[t("query_key"), *tokens],
        rows=[[tok, *(int(b) for b in row)]
              for tok, row in zip(tokens, ex.combined[1], strict=True)],
    )
    return Drawn(fig, t("masks.title"), t("masks.alt"), t("masks.caption"), table)
