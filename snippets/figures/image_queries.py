"""Figure "image-queries": word queries and object queries attending over image patches.

A synthetic 48 × 48 RGB image (red disc, blue square, green triangle on a grey
background) is cut into 8 × 8 patches of 6 × 6 pixels. Each patch becomes a feature
vector computed from its pixels; six queries built in the same feature space attend
over the 64 patches with ``snippets.cross_attention.cross_attention`` (m = 6, n = 64).
Nothing is trained: the queries are set by hand to show the mechanism of image
captioning (Xu et al., 2015: words over regions) and DETR (Carion et al., 2020:
object queries over image features), not to reproduce those models.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.image import AxesImage
from matplotlib.patches import Circle, Polygon, Rectangle

from snippets.cross_attention import cross_attention
from snippets.figures._draw import Drawn, new_figure
from snippets.figures._html import Table
from snippets.figures._style import CMAP, shade

NAME = "image-queries"

SIZE, PATCH = 48, 6  # pixels per side of the image and of a patch
GRID = SIZE // PATCH  # 8 × 8 patches
BACKGROUND = (0.90, 0.90, 0.87)
# The three objects, in pixel units (x = column, y = row), with their colours.
DISC = {"centre": (13.0, 14.0), "radius": 9.0, "rgb": (0.85, 0.15, 0.15)}
SQUARE = {"corner": (28.0, 5.0), "side": 15.0, "rgb": (0.15, 0.35, 0.85)}
TRIANGLE = {"vertices": ((8.0, 44.0), (40.0, 44.0), (24.0, 26.0)), "rgb": (0.15, 0.60, 0.20)}
OBJECTS = ("disc", "square", "triangle")  # label k + 1 in ``ImageQueriesExample.labels``

# Word queries: the chroma of a pure colour, the object the word names in this image.
WORDS = (("red", (1.0, 0.0, 0.0), "disc"),
         ("blue", (0.0, 0.0, 1.0), "square"),
         ("green", (0.0, 1.0, 0.0), "triangle"))
# Object queries: each prefers one area (row, column in patch units) and non-background
# patches, standing in for DETR's learned queries.
OBJECT_QUERY_AREAS = ((2.0, 2.0), (2.0, 5.0), (5.5, 3.5))
CHROMA_GAIN = 3.0  # puts colour on the same scale as the other features
WORD_GAIN, OBJECT_GAIN = 4.0, 10.0  # query lengths: larger = sharper weights
TOP = 3  # patches listed per query in the table


@dataclass(frozen=True)
class ImageQueriesExample:
    """Six queries (m = 6) over the 64 patches (n = 64) of a synthetic image."""

    image: np.ndarray  # (48, 48, 3) RGB in [0, 1]
    labels: np.ndarray  # (48, 48) int: 0 background, k + 1 = OBJECTS[k]
    features: np.ndarray  # (64, 12) one row per patch, row-major over the 8 × 8 grid
    queries: np.ndarray  # (6, 12): three word queries, then three object queries
    weights: np.ndarray  # (6, 64) attention weights, each row sums to 1
    target: tuple[int, ...]  # (6,) index in OBJECTS of the object each query finds


def draw_image() -> tuple[np.ndarray, np.ndarray]:
    """The synthetic image (48, 48, 3) and its object labels (48, 48), from geometry."""
    rows, cols = np.mgrid[0:SIZE, 0:SIZE] + 0.5  # pixel centres
    (cx, cy), radius = DISC["centre"], DISC["radius"]
    disc = (cols - cx) ** 2 + (rows - cy) ** 2 <= radius**2
    (x0, y0), side = SQUARE["corner"], SQUARE["side"]
    square = (cols >= x0) & (cols < x0 + side) & (rows >= y0) & (rows < y0 + side)
    corners = TRIANGLE["vertices"]
    # inside the triangle = on the same side of its three edges
    sides = np.stack([(b[0] - a[0]) * (rows - a[1]) - (b[1] - a[1]) * (cols - a[0])
                      for a, b in zip(corners, corners[1:] + corners[:1], strict=True)])
    triangle = np.all(sides >= 0, axis=0) | np.all(sides <= 0, axis=0)
    image = np.empty((SIZE, SIZE, 3))
    image[...] = BACKGROUND
    labels = np.zeros((SIZE, SIZE), dtype=int)
    for k, (mask, spec) in enumerate(zip((disc, square, triangle), (DISC, SQUARE, TRIANGLE),
                                         strict=True)):
        image[mask] = spec["rgb"]
        labels[mask] = k + 1
    return image, labels


def to_patches(array: np.ndarray) -> np.ndarray:
    """(48, 48, ...) -> (64, 36, ...): the pixels of each 6 × 6 patch, row-major."""
    rest = array.shape[2:]
    blocks = array.reshape(GRID, PATCH, GRID, PATCH, *rest).swapaxes(1, 2)
    return blocks.reshape(GRID * GRID, PATCH * PATCH, *rest)


def chroma(rgb: np.ndarray) -> np.ndarray:
    """Colour minus its grey level (..., 3): zero for the grey background."""
    return CHROMA_GAIN * (rgb - rgb.mean(axis=-1, keepdims=True))


def position_code(row: np.ndarray | float, col: np.ndarray | float) -> np.ndarray:
    """Sine code (..., 8) of a patch position: dot products peak where positions match.

    Two frequencies per axis, as in the sine positional encodings that DETR adds to
    the image features.
    """
    row, col = np.asarray(row, dtype=float), np.asarray(col, dtype=float)
    parts = []
    for omega in (np.pi / 8, np.pi / 4):
        parts += [np.cos(omega * row), np.sin(omega * row),
                  np.cos(omega * col), np.sin(omega * col)]
    return np.stack(parts, axis=-1) / 2


def patch_features(image: np.ndarray) -> np.ndarray:
    """Features (64, 12) computed from the pixels: chroma (3), objectness (1), position (8)."""
    pixels = to_patches(image)  # (64, 36, 3)
    border = np.concatenate([image[0], image[-1], image[:, 0], image[:, -1]])
    background = np.median(border, axis=0)  # estimated, not read from BACKGROUND
    objectness = (np.abs(pixels - background).max(axis=-1) > 0.1).mean(axis=1)
    rows, cols = np.divmod(np.arange(GRID * GRID), GRID)
    return np.concatenate([chroma(pixels).mean(axis=1), objectness[:, None],
                           position_code(rows, cols)], axis=1)


def word_query(rgb: tuple[float, float, float]) -> np.ndarray:
    """(12,) a colour word: the chroma of the pure colour, nothing about position."""
    return WORD_GAIN * np.concatenate([chroma(np.array(rgb)), np.zeros(1 + 8)])


def object_query(row: float, col: float) -> np.ndarray:
    """(12,) an object query: "something unlike the background, near (row, col)"."""
    return OBJECT_GAIN * np.concatenate([np.zeros(3), np.ones(1), position_code(row, col)])


def object_shares(weights: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """(m, 3): the weight each query puts on the patches that touch each object."""
    touches = np.stack([(to_patches(labels) == k + 1).any(axis=1)
                        for k in range(len(OBJECTS))])  # (3, 64)
    return weights @ touches.T


@functools.cache
def data() -> ImageQueriesExample:
    image, labels = draw_image()
    features = patch_features(image)
    queries = np.stack([*(word_query(rgb) for _, rgb, _ in WORDS),
                        *(object_query(r, c) for r, c in OBJECT_QUERY_AREAS)])
    identity = np.eye(features.shape[1])  # queries and features already share one space
    _, weights = cross_attention(queries, features, identity, identity, identity)
    shares = object_shares(weights, labels)
    target = (*(OBJECTS.index(obj) for _, _, obj in WORDS),
              *(int(k) for k in shares[len(WORDS):].argmax(axis=1)))
    return ImageQueriesExample(image, labels, features, queries, weights, target)


def _outline(ax: Axes, dx: float, dy: float) -> None:
    """Object outlines in patch units, shifted by (dx, dy): dark under light, so they
    read on every cell colour."""
    cell = 1 / PATCH
    (cx, cy), radius = DISC["centre"], DISC["radius"]
    (x0, y0), side = SQUARE["corner"], SQUARE["side"]
    vertices = np.array(TRIANGLE["vertices"]) * cell + (dx, dy)
    for color, width in ((shade(0.0), 2.0), (shade(1.0), 0.8)):
        style = {"fill": False, "edgecolor": color, "lw": width}
        ax.add_patch(Circle((cx * cell + dx, cy * cell + dy), radius * cell, **style))
        ax.add_patch(Rectangle((x0 * cell + dx, y0 * cell + dy), side * cell, side * cell,
                               **style))
        ax.add_patch(Polygon(vertices, closed=True, **style))


def _draw_image(ax: Axes, image: np.ndarray, t: Callable[..., str]) -> None:
    # the pixels as they are: nearest neighbour, no smoothing across patch borders
    ax.imshow(image, extent=(0, GRID, GRID, 0), interpolation="nearest")
    inner = np.arange(1, GRID, dtype=float)  # patch borders as one path, NaN-separated
    ends, steps = np.tile([0.0, GRID, np.nan], len(inner)), np.repeat(inner, 3)
    ax.plot(np.concatenate([ends, steps]), np.concatenate([steps, ends]),
            color=shade(0.0), lw=0.4, alpha=0.6)
    ticks = np.arange(GRID) + 0.5
    ax.set_xticks(ticks, [str(c) for c in range(GRID)])
    ax.set_yticks(ticks, [str(r) for r in range(GRID)])
    ax.tick_params(length=0, labelsize=7, pad=2)
    ax.set_xlim(0, GRID)
    ax.set_ylim(GRID, 0)  # patch row 0 at the top, as in the image
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_title(t("images.image", grid=GRID))
    ax.set_xlabel(t("images.column"))
    ax.set_ylabel(t("images.row"))


def _query_label(t: Callable[..., str], index: int) -> str:
    """The full name of query ``index`` (table rows)."""
    if index < len(WORDS):
        return t("images.word", word=t(f"images.{WORDS[index][0]}"))
    return t("images.object_query", number=index - len(WORDS) + 1)


def _panel_title(t: Callable[..., str], index: int) -> str:
    """The short name drawn above a map; the row heading says what kind of query it is."""
    if index < len(WORDS):
        return t(f"images.{WORDS[index][0]}")
    return t("images.query_number", number=index - len(WORDS) + 1)


# Layout in inches, set by hand: constrained layout over seven panels and their
# labels cost more than the whole drawing, and these sizes never change.
WIDTH, HEIGHT = 7.2, 3.25
IMAGE_BOX = (0.42, 0.42, 2.45)  # left, bottom, side
UNIT = 0.12  # inches per patch in the six maps
GAP, HEADING = 1.5, 3.0  # between maps, above each row of maps (patch units)
ROW_GAP = 0.8
CANVAS_LEFT = 3.1


def _draw_maps(
    ax: Axes, weights: np.ndarray, vmax: float, t: Callable[..., str]
) -> tuple[AxesImage, float, float]:
    """The six weight maps (6, 64) in one axes, words on top, object queries below.

    Returns the last map (for the colour bar) and the axes' width and height in patch units.
    """
    columns = len(WORDS)
    row_height = HEADING + GRID
    for i, row in enumerate(weights):
        r, c = divmod(i, columns)
        dx, dy = c * (GRID + GAP), r * (row_height + ROW_GAP) + HEADING
        shown = ax.imshow(row.reshape(GRID, GRID), cmap=CMAP, vmin=0.0, vmax=vmax,
                          extent=(dx, dx + GRID, dy + GRID, dy), interpolation="nearest")
        _outline(ax, dx, dy)
        ax.text(dx + GRID / 2, dy - 0.35, _panel_title(t, i), ha="center", va="bottom",
                fontsize=8)
    width = columns * GRID + (columns - 1) * GAP
    for r, key in enumerate(("images.words_heading", "images.objects_heading")):
        ax.text(width / 2, r * (row_height + ROW_GAP), t(key), ha="center", va="top",
                fontsize=8, fontweight="bold")
    ax.set_xlim(0, width)
    ax.set_ylim(2 * row_height + ROW_GAP, 0)
    ax.axis("off")
    return shown, width, 2 * row_height + ROW_GAP


def build(t: Callable[..., str]) -> Drawn:
    ex = data()
    m = len(ex.queries)
    fig = new_figure(WIDTH, HEIGHT)
    fig.set_layout_engine("none")
    left, bottom, side = IMAGE_BOX
    _draw_image(fig.add_axes((left / WIDTH, bottom / HEIGHT, side / WIDTH, side / HEIGHT)),
                ex.image, t)
    maps = fig.add_axes((0, 0, 1, 1))  # placed below, once its size in patch units is known
    shown, width, height = _draw_maps(maps, ex.weights, float(ex.weights.max()), t)
    canvas_bottom = bottom  # the lower maps end level with the image
    maps.set_position((CANVAS_LEFT / WIDTH, canvas_bottom / HEIGHT,
                       width * UNIT / WIDTH, height * UNIT / HEIGHT))
    bar_left = CANVAS_LEFT + width * UNIT + 0.15
    bar_height = (height - HEADING) * UNIT  # from the lower maps to the top of the upper ones
    bar = fig.add_axes((bar_left / WIDTH, canvas_bottom / HEIGHT, 0.1 / WIDTH,
                        bar_height / HEIGHT))
    colorbar = fig.colorbar(shown, cax=bar)
    ticks = np.arange(0.0, float(ex.weights.max()) + 1e-9, 0.05)
    colorbar.set_ticks(ticks, labels=[f"{v:.2f}" for v in ticks])
    colorbar.set_label(t("attention_weight"))

    shares = object_shares(ex.weights, ex.labels)
    rows = []
    for i, row in enumerate(ex.weights):
        best = np.argsort(-row, kind="stable")[:TOP]  # ties keep row-major order
        cells = [c for j in best for c in (f"({j // GRID}, {j % GRID})", float(row[j]))]
        target = ex.target[i]
        rows.append([_query_label(t, i), *cells, t(f"images.{OBJECTS[target]}"),
                     float(shares[i, target])])
    headers = [t("query"),
               *(h for rank in range(1, TOP + 1)
                 for h in (t("images.patch", rank=rank), t("images.weight", rank=rank))),
               t("images.object"), t("images.share")]
    table = Table(caption=t("images.table", top=TOP), headers=headers, rows=rows)
    percent = [round(100 * float(shares[i, ex.target[i]])) for i in range(m)]
    by_word = {word: percent[i] for i, (word, _, _) in enumerate(WORDS)}
    alt = t("images.alt", **by_word, low=min(percent[len(WORDS):]),
            high=max(percent[len(WORDS):]))
    caption = t("images.caption", m=m, n=GRID * GRID, size=SIZE, grid=GRID, patch=PATCH)
    return Drawn(fig, t("images.title"), alt, caption, table)
