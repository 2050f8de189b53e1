"""Drawing helpers shared by several figures."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import matplotlib
import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import QuadMesh
from matplotlib.figure import Figure

from snippets.figures._html import Table
from snippets.figures._style import CMAP, STYLE, text_on


@dataclass(frozen=True)
class Drawn:
    """Everything a figure contributes to the page, already in the page language."""

    figure: Figure
    title: str
    alt: str
    caption: str
    table: Table


def new_figure(width: float, height: float) -> Figure:
    """A Figure built without pyplot (no global backend), in the shared style."""
    with matplotlib.rc_context(STYLE):
        return Figure(figsize=(width, height), layout="constrained")


def heatmap(
    ax: Axes,
    matrix: np.ndarray,
    rows: Sequence[str],
    cols: Sequence[str],
    vmax: float,
    annotate: bool = True,
) -> QuadMesh:
    """Draw ``matrix`` (len(rows), len(cols)) as labelled cells, row 0 at the top.

    NaN cells are left empty (transparent): used for masked positions.
    """
    mesh = ax.pcolormesh(matrix, cmap=CMAP, vmin=0.0, vmax=vmax)
    mesh.set_clip_on(False)  # cells never leave the axes; saves a clip-path per cell
    ax.set_xticks(np.arange(len(cols)) + 0.5, cols, rotation=45, ha="right",
                  rotation_mode="anchor")
    ax.set_yticks(np.arange(len(rows)) + 0.5, rows)
    ax.tick_params(length=0)
    ax.set_xlim(0, len(cols))
    ax.set_ylim(len(rows), 0)  # row 0 at the top (idempotent, unlike invert_yaxis)
    ax.set_aspect("equal")
    for spine in ax.spines.values():
        spine.set_visible(False)
    if annotate:
        for (i, j), value in np.ndenumerate(matrix):
            if np.isnan(value):
                continue
            ax.text(j + 0.5, i + 0.5, f"{value:.2f}", ha="center", va="center",
                    fontsize=7, color=text_on(value / vmax))
    return mesh
