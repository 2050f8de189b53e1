"""MkDocs hook: the image a shared link shows (Open Graph / Twitter card), one per language.

Drawn at build time, never pasted: the site's name and description in the build's language
next to the attention weights the first concept page prints (``snippets.attention.example``),
drawn by the figures' own heat-map code. 1200 x 630 px PNG (the size link previews use; they
do not show SVG), written to ``assets/social-card.png`` of each language's site and named in
``overrides/partials/og.html``. PNG metadata is left out, so two builds write the same bytes.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import matplotlib
from matplotlib.figure import Figure
from mkdocs.config.defaults import MkDocsConfig

from snippets.attention import example
from snippets.figures._draw import heatmap

FILE = "assets/social-card.png"
WIDTH, HEIGHT, DPI = 1200, 630, 100
INK = "#1a237e"  # Material's indigo 900: the site's primary colour, dark enough for text


def draw(title: str, description: str) -> Figure:
    """The card: title and description on the left, the example's weights on the right."""
    ex = example()
    tokens = list(ex.tokens)
    with matplotlib.rc_context({"font.family": "DejaVu Sans", "text.color": INK,
                                "xtick.color": INK, "ytick.color": INK}):
        fig = Figure(figsize=(WIDTH / DPI, HEIGHT / DPI), dpi=DPI, facecolor="white")
        fig.text(0.05, 0.80, title, fontsize=36, fontweight="bold", va="top")
        fig.text(0.05, 0.62, textwrap.fill(description, 36), fontsize=18, va="top",
                 linespacing=1.5)
        # cells without numbers: a link preview is too small to read them
        ax = fig.add_axes((0.66, 0.16, 0.30, 0.70))
        heatmap(ax, ex.weights, tokens, tokens, vmax=float(ex.weights.max()), annotate=False)
        for label in (*ax.get_xticklabels(), *ax.get_yticklabels()):
            label.set_fontsize(15)
    return fig


def on_post_build(config: MkDocsConfig) -> None:
    target = Path(config.site_dir) / FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    fig = draw(config.site_name, " ".join(config.site_description.split()))
    fig.savefig(target, format="png", dpi=DPI, metadata={"Software": None})
