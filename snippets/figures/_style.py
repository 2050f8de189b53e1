"""Matplotlib settings shared by every figure: text as text, one sentinel foreground.

Foreground (text, axes, ticks, neutral lines) is drawn in ``FOREGROUND``, a colour
nothing else uses, and replaced by ``currentColor`` in the SVG, so the figure takes
the page's text colour in both the light and the dark palette. Data colours come
from ``CMAP`` (viridis), which reads on white and on near-black backgrounds.
"""

from __future__ import annotations

import matplotlib
from matplotlib.colors import Colormap, to_hex

FOREGROUND = "#010203"  # sentinel, rewritten to currentColor
CMAP: Colormap = matplotlib.colormaps["viridis"]

STYLE: dict[str, object] = {
    "svg.fonttype": "none",  # keep <text> elements: small, selectable, translatable
    "svg.hashsalt": "attention-glossary",  # deterministic ids
    "svg.image_inline": True,
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],  # ships with matplotlib: no font download
    "font.size": 9,
    "text.color": FOREGROUND,
    "axes.edgecolor": FOREGROUND,
    "axes.labelcolor": FOREGROUND,
    "axes.titlecolor": FOREGROUND,
    "axes.titlesize": 9,
    "axes.facecolor": "none",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "xtick.color": FOREGROUND,
    "ytick.color": FOREGROUND,
    "grid.color": FOREGROUND,
    "grid.alpha": 0.2,
    "legend.edgecolor": FOREGROUND,
    "legend.frameon": False,
    "legend.fontsize": 8,
    "patch.edgecolor": FOREGROUND,
    "hatch.color": FOREGROUND,
    "lines.color": FOREGROUND,
    "figure.facecolor": "none",
    "savefig.facecolor": "none",
    "savefig.edgecolor": "none",
    "savefig.transparent": True,
}


def shade(fraction: float) -> str:
    """A colour of the colormap, 0 = dark end, 1 = bright end, as an exact LUT entry."""
    return to_hex(CMAP(min(max(fraction, 0.0), 1.0)))


# Line colours that keep >= 3:1 contrast on white and on the dark palette: the page's
# text colour first, then the middle of viridis (its ends vanish on one background).
# Series also differ by line style, so colour is never the only cue.
SERIES: tuple[tuple[str, str], ...] = (
    (FOREGROUND, "-"),
    (shade(0.45), "--"),
    (shade(0.62), "-."),
)


def text_on(fraction: float) -> str:
    """Colormap colour that contrasts with the cell colour ``shade(fraction)``."""
    return shade(0.0) if fraction > 0.55 else shade(1.0)
