"""Per-token cross-attention maps of a text-to-image model, and reweighting one token.

In a latent diffusion model (Rombach et al., 2022) the queries come from the image being
denoised, one per position of a latent grid, and the keys and values from the encoded
text prompt. Column j of the weight matrix, reshaped to the grid, is the "cross-attention
map" of token j. Prompt-to-Prompt (Hertz et al., 2023) edits an image by changing these
maps; one of its edits multiplies the map of one token by a constant c. This module builds
a small constructed example (an 8 × 8 grid, a five-token prompt) and shows both.

Public API
----------
``token_maps(weights, grid) -> (n, H, W)``
    weights (H·W, n): one row per latent position, one column per token -> one H × W map
    per token.
``reweight(weights, token, c) -> (H·W, n)``
    Column ``token`` multiplied by c, the other columns unchanged (rows no longer sum to 1
    when c != 1, as in Prompt-to-Prompt's reweighting).
``example() -> TokenMapExample`` / ``print_example(out, lang)``
    The prompt "a red ball on grass" over a grid with a ball and a strip of grass.

Sections for pages: ``reweight``, ``example``.
Run: ``python -m snippets.token_maps``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as `python snippets/token_maps.py`: import `snippets`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np
from numpy.typing import ArrayLike

from snippets._checks import as_float_array
from snippets.attention import scaled_dot_product_attention

PROMPT: tuple[str, ...] = ("a", "red", "ball", "on", "grass")
GRID = 8  # the latent grid is GRID × GRID; n_queries = 64
# What each latent position "is" in the constructed image: features (ball, grass, other).
FEATURES: tuple[str, ...] = ("ball", "grass", "other")
# What each token's key looks for, over the same features (the text encoder's job).
TOKEN_KEYS: dict[str, tuple[float, float, float]] = {
    "a": (0.0, 0.0, 1.0), "red": (2.5, 0.0, 0.0), "ball": (3.0, 0.0, 0.0),
    "on": (0.0, 0.5, 1.0), "grass": (0.0, 3.0, 0.0),
}  # fmt: skip
# What each token's value writes, over output channels (red, round, green).
CHANNELS: tuple[str, ...] = ("red", "round", "green")
TOKEN_VALUES: dict[str, tuple[float, float, float]] = {
    "a": (0.0, 0.0, 0.0), "red": (1.0, 0.0, 0.0), "ball": (0.0, 1.0, 0.0),
    "on": (0.0, 0.0, 0.0), "grass": (0.0, 0.0, 1.0),
}  # fmt: skip


def token_maps(weights: ArrayLike, grid: tuple[int, int]) -> np.ndarray:
    """One map per token: weights (H·W, n) -> (n, H, W)."""
    weights = as_float_array("weights", weights)
    h, w = grid
    if weights.ndim != 2 or weights.shape[0] != h * w:
        raise ValueError(f"weights must have shape (H·W={h * w}, n) for grid {grid}, "
                         f"got shape {weights.shape}")
    return weights.T.reshape(-1, h, w)


# --8<-- [start:reweight]
def reweight(weights: ArrayLike, token: int, c: float) -> np.ndarray:
    """Multiply the cross-attention map of one token by c; leave the others alone.

    Shapes: weights (..., m, n) -> (..., m, n). The output is then weights' @ V.
    """
    weights = as_float_array("weights", weights)
    if weights.ndim < 2 or not 0 <= token < weights.shape[-1]:
        raise ValueError(f"token must index the last axis of weights {weights.shape}, "
                         f"got token={token}")
    scaled = weights.copy()
    scaled[..., token] *= c  # rows no longer sum to 1 unless c == 1
    return scaled
# --8<-- [end:reweight]


@dataclass(frozen=True)
class TokenMapExample:
    """The prompt's tokens over the constructed latent grid, before and after an edit."""

    prompt: tuple[str, ...]
    regions: np.ndarray  # (GRID, GRID) index into FEATURES of each latent position
    weights: np.ndarray  # (64, 5): latent positions (queries) over tokens (keys)
    maps: np.ndarray  # (5, 8, 8)
    token: int  # the reweighted token ("red")
    factors: tuple[float, ...]  # the c values tried
    red: np.ndarray  # (len(factors), 8, 8): the "red" output channel after each edit


def _regions() -> np.ndarray:
    """A ball (disc) in the upper half, a strip of grass at the bottom, 'other' elsewhere."""
    rows, cols = np.mgrid[0:GRID, 0:GRID]
    regions = np.full((GRID, GRID), 2)
    regions[rows >= 6] = 1
    regions[(rows - 2.5) ** 2 + (cols - 3.5) ** 2 <= 4.5] = 0
    return regions


# --8<-- [start:example]
def example() -> TokenMapExample:
    """Latent positions attend over "a red ball on grass"; then "red" is reweighted."""
    regions = _regions()
    latents = np.eye(len(FEATURES))[regions.ravel()]  # (64, 3): queries from the image
    keys = np.array([TOKEN_KEYS[t] for t in PROMPT])  # (5, 3): keys from the text
    values = np.array([TOKEN_VALUES[t] for t in PROMPT])  # (5, 3): values from the text
    _, weights = scaled_dot_product_attention(latents, keys, values, scale=1.0)  # (64, 5)
    token, factors = PROMPT.index("red"), (0.0, 1.0, 2.0)
    red = np.stack([(reweight(weights, token, c) @ values)[:, 0].reshape(GRID, GRID)
                    for c in factors])
    return TokenMapExample(PROMPT, regions, weights, token_maps(weights, (GRID, GRID)),
                           token, factors, red)


LABELS = {
    "en": {"token": "token", "total": "Σ map", "ball": "mean on ball", "grass": "mean on grass",
           "red": "output written by “red”, mean on ball / on grass"},
    "es": {"token": "token", "total": "Σ mapa", "ball": "media en la pelota",
           "grass": "media en la hierba",
           "red": "salida escrita por «red», media en la pelota / en la hierba"},
}
# --8<-- [end:example]


def print_example(out: Callable[..., object] = print, lang: str = "en") -> None:
    """Print each token's map summary and the effect of reweighting "red", labels in ``lang``."""
    if lang not in LABELS:
        raise ValueError(f"unknown language {lang!r}; expected one of {sorted(LABELS)}")
    t, ex = LABELS[lang], example()
    ball, grass = ex.regions == 0, ex.regions == 1
    out(f"weights.shape = {ex.weights.shape}  maps.shape = {ex.maps.shape}")
    out(f"{t['token']:>7} {t['total']:>8} {t['ball']:>18} {t['grass']:>18}")
    for word, m in zip(ex.prompt, ex.maps, strict=True):
        out(f"{word:>7} {m.sum():8.2f} {m[ball].mean():18.3f} {m[grass].mean():18.3f}")
    out(t["red"])
    for c, red in zip(ex.factors, ex.red, strict=True):
        out(f"  c = {c:.1f}: {red[ball].mean():.3f} / {red[grass].mean():.3f}")


if __name__ == "__main__":
    print_example()
    print_example(lang="es")
