"""Figure "token-maps": the cross-attention map of each prompt token over an 8 × 8 latent
grid, and the output written by "red" after multiplying its map by c = 0, 1 and 2."""

from __future__ import annotations

import functools
from collections.abc import Callable

from matplotlib.axes import Axes

from snippets.figures._draw import Drawn, new_figure
from snippets.figures._html import Table
from snippets.figures._style import CMAP
from snippets.token_maps import TokenMapExample, example

NAME = "token-maps"


@functools.cache
def data() -> TokenMapExample:
    return example()  # the very numbers printed on the page


def _panel(ax: Axes, image, title: str, vmax: float):
    shown = ax.imshow(image, cmap=CMAP, vmin=0.0, vmax=vmax, interpolation="nearest")
    ax.set_title(title, fontsize=8)
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(False)
    return shown


def build(t: Callable[..., str]) -> Drawn:
    ex = data()
    columns = len(ex.prompt)
    fig = new_figure(6.8, 3.3)
    axes = fig.subplots(2, columns)
    top = float(ex.maps.max())
    for ax, word, image in zip(axes[0], ex.prompt, ex.maps, strict=True):
        shown = _panel(ax, image, t("maps.token", word=word), top)
    fig.colorbar(shown, ax=axes[0].tolist(), shrink=0.9, pad=0.02).set_label(
        t("attention_weight"))
    red_top = float(ex.red.max())
    for ax, c, image in zip(axes[1], ex.factors, ex.red, strict=False):
        shown = _panel(ax, image, t("maps.after", c=f"{c:.0f}"), red_top)
    for ax in axes[1, len(ex.factors):]:
        ax.axis("off")
    fig.colorbar(shown, ax=axes[1].tolist(), shrink=0.9, pad=0.02).set_label(t("maps.output"))
    ball, grass = ex.regions == 0, ex.regions == 1
    rows = [[t("maps.token", word=word), float(image.sum()), float(image[ball].mean()),
             float(image[grass].mean())] for word, image in zip(ex.prompt, ex.maps, strict=True)]
    rows += [[t("maps.after", c=f"{c:.0f}"), float(image.sum()), float(image[ball].mean()),
              float(image[grass].mean())] for c, image in zip(ex.factors, ex.red, strict=True)]
    table = Table(caption=t("maps.table"),
                  headers=[t("maps.row"), t("maps.sum"), t("maps.ball"), t("maps.grass")],
                  rows=rows)
    return Drawn(fig, t("maps.title"), t("maps.alt"), t("maps.caption"), table)
