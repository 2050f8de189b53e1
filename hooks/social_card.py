"""MkDocs hook: the image a shared link shows (Open Graph / Twitter card), one per language.

Drawn at build time, never pasted: the site's name and description in the build's language
next to the attention weights the first concept page prints (``snippets.attention.example``),
drawn by the figures' own heat-map code. 1200 x 630 px PNG (the size link previews use; they
do not show SVG), written to ``assets/social-card.png`` of each language's site and named in
``overrides/partials/og.html``. PNG metadata is left out, so two builds write the same bytes.
The PNG is kept in .cache/social-card/ under a hash of what it is drawn from (``_key``): a
warm build neither draws it nor imports the drawing code.
"""

from __future__ import annotations

import hashlib
import textwrap
from importlib import metadata
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

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


def _key(root: Path, texts: tuple[str, ...]) -> str:
    """A hash of what the card is drawn from: its texts, this file, every file of snippets/
    (the example's code and the figures' drawing code, as snippets/figures/_cache.py keys
    figures) and the versions of the libraries that draw and encode it."""
    digest = hashlib.sha256("\0".join([*texts, *(metadata.version(name) for name in
                                        ("numpy", "matplotlib", "pillow"))]).encode())
    files = [Path(__file__), *sorted((root / "snippets").rglob("*"))]
    for path in files:
        if path.suffix in (".py", ".npz", ".json", ".yml") and "__pycache__" not in path.parts:
            digest.update(str(path).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:24]


def on_post_build(config: MkDocsConfig) -> None:
    from tools.atomic import read_checked, write_checked

    root = Path(config.config_file_path or ".").resolve().parent
    texts = (config.site_name, " ".join(config.site_description.split()))
    cached = root / CACHE / f"{_key(root, texts)}.png"
    png = read_checked(cached)  # None when missing or damaged: drawn again
    if png is None:
        import io

        buffer = io.BytesIO()
        draw(*texts).savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
        png = buffer.getvalue()
        write_checked(cached, png)
    target = Path(config.site_dir) / FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(png)
