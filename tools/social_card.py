"""The image a shared link shows (Open Graph / Twitter card), one per language.

Drawn at build time, never pasted: the site's name and description in the build's language
next to the attention weights the first concept page prints (``snippets.attention.example``),
drawn by the figures' own heat-map code. 1200 x 630 px PNG (the size link previews use; they
do not show SVG), written to ``assets/social-card.png`` of each language's site and named in
``overrides/partials/og.html``. PNG metadata is left out, so two builds write the same bytes.
The PNG is kept in .cache/social-card/ under a hash of what it is drawn from (``_key``): a
warm build neither draws it nor imports the drawing code. The pre-build (tools/prebuild.py)
draws it with the figures, from the texts the MkDocs configs set (``config_texts``), so the
pages' builds (hooks/social_card.py) never import matplotlib.
"""

from __future__ import annotations

import hashlib
import textwrap
from importlib import metadata
from pathlib import Path

FILE = "assets/social-card.png"
WIDTH, HEIGHT, DPI = 1200, 630, 100
INK = "#1a237e"  # Material's indigo 900: the site's primary colour, dark enough for text
CACHE = Path(".cache", "social-card")  # under the folder of mkdocs.yml


def draw(title: str, description: str):
    """The card (a matplotlib Figure): title and description on the left, the example's
    weights on the right."""
    import matplotlib
    from matplotlib.figure import Figure

    from snippets.attention import example
    from snippets.figures._draw import heatmap

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


def _key(texts: tuple[str, ...]) -> str:
    """A hash of what the card is drawn from: its texts, this file, the snippets it draws with
    and their libraries' versions (the figures' key, snippets/_figure_files.py), and the
    version of Pillow, which encodes the PNG."""
    from snippets._figure_files import sources_digest

    digest = hashlib.sha256("\0".join([*texts, sources_digest(), metadata.version("pillow")])
                            .encode() + b"\0" + Path(__file__).read_bytes())
    return digest.hexdigest()[:24]


def texts(site_name: str, site_description: str) -> tuple[str, str]:
    """What the card shows: the site's name and its description on one line."""
    return site_name, " ".join(site_description.split())


def config_texts(config_file: Path) -> tuple[str, str]:
    """``texts`` as the MkDocs config ``config_file`` sets them (with what it INHERITs), read
    without loading MkDocs (the pre-build draws the card before any MkDocs build is ready)."""
    from tools.prebuild import read_config

    config = read_config(config_file)
    return texts(config["site_name"], config["site_description"])


def cached_file(root: Path, card_texts: tuple[str, str]) -> Path:
    return root / CACHE / f"{_key(card_texts)}.png"


def png(root: Path, card_texts: tuple[str, str]) -> bytes:
    """The card's PNG, drawn unless kept from an earlier build (project folder ``root``)."""
    from tools.atomic import read_checked, write_checked

    cached = cached_file(root, card_texts)
    data = read_checked(cached)  # None when missing or damaged: drawn again
    if data is None:
        import io

        buffer = io.BytesIO()
        draw(*card_texts).savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
        data = buffer.getvalue()
        write_checked(cached, data)
    return data
