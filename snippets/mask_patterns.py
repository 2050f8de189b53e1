"""Masks beyond causal: which entries of the attention matrix are computed at all.

Same convention as ``snippets.masks``: boolean, True = "this query may attend to this key".
Each pattern is a square (n, n) mask for self-attention over one sequence of n positions
(query i and key j both index positions 0..n-1).

Public API
----------
``prefix_lm_mask(n, prefix) -> (n, n) bool``
    Prefix-LM (T5's "prefix LM"): every position sees the whole prefix 0..prefix-1
    (bidirectional there), and the rest is causal.
``block_diagonal_mask(lengths, causal=True) -> (sum(lengths),) * 2 bool``
    Several sequences packed into one row: a position sees only its own sequence
    (causally if ``causal``), never a neighbour's.
``strided_mask(n, stride) -> (n, n) bool``
    Child et al.'s (2019) strided pattern: the union of a causal window of ``stride``
    keys and every key a multiple of ``stride`` positions back.
``bigbird_mask(n, window, num_global, num_random, seed=0) -> (n, n) bool``
    Zaheer et al.'s (2020) BigBird pattern (bidirectional): a window of ``window`` keys
    on each side, ``num_global`` global positions that see and are seen by all, and
    ``num_random`` random keys per query.
``zoo(n=12) -> dict[str, ndarray]``
    The patterns drawn side by side on the efficient-attention page.

Sections for pages: ``prefix_lm``, ``block_diagonal``, ``strided``.
Run: ``python -m snippets.mask_patterns``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path

if __package__ in (None, ""):  # run as `python snippets/mask_patterns.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np

from snippets.masks import _positive_int, causal_mask, sliding_window_mask


def _distance(n: int) -> np.ndarray:
    """(n, n) matrix of i - j."""
    positions = np.arange(n)
    return positions[:, None] - positions[None, :]


# --8<-- [start:prefix_lm]
def prefix_lm_mask(n: int, prefix: int) -> np.ndarray:
    """(n, n): keys 0..prefix-1 visible to every query; causal after the prefix."""
    n = _positive_int("n", n)
    if isinstance(prefix, bool) or not isinstance(prefix, int | np.integer) or not 0 <= prefix <= n:
        raise ValueError(f"prefix must be an integer in 0..n={n}, got {prefix!r}")
    mask = causal_mask(n)
    mask[:, :prefix] = True  # the prefix is read bidirectionally
    return mask
# --8<-- [end:prefix_lm]


# --8<-- [start:block_diagonal]
def block_diagonal_mask(lengths: Sequence[int], causal: bool = True) -> np.ndarray:
    """(L, L) with L = sum(lengths): packed sequences never attend to one another."""
    lengths = [_positive_int(f"lengths[{i}]", length) for i, length in enumerate(lengths)]
    if not lengths:
        raise ValueError("lengths must name at least one sequence, got []")
    segment = np.repeat(np.arange(len(lengths)), lengths)  # sequence id of each position
    mask = segment[:, None] == segment[None, :]
    return mask & causal_mask(len(segment)) if causal else mask
# --8<-- [end:block_diagonal]


# --8<-- [start:strided]
def strided_mask(n: int, stride: int) -> np.ndarray:
    """(n, n): the last ``stride`` keys, plus every key a multiple of ``stride`` back."""
    n, stride = _positive_int("n", n), _positive_int("stride", stride)
    distance = _distance(n)
    local = (distance >= 0) & (distance < stride)
    strided = (distance >= 0) & (distance % stride == 0)
    return local | strided
# --8<-- [end:strided]


def bigbird_mask(n: int, window: int, num_global: int, num_random: int,
                 seed: int = 0) -> np.ndarray:
    """(n, n) bidirectional: |i - j| <= window, global rows/columns, random keys."""
    n = _positive_int("n", n)
    for name, value in (("window", window), ("num_global", num_global),
                        ("num_random", num_random)):
        if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 0:
            raise ValueError(f"{name} must be an integer >= 0, got {value!r}")
    if num_global > n or num_random > n:
        raise ValueError(f"num_global={num_global} and num_random={num_random} must be <= n={n}")
    mask = np.abs(_distance(n)) <= window
    mask[:num_global, :] = True  # global positions see everything ...
    mask[:, :num_global] = True  # ... and everything sees them
    rng = np.random.default_rng(seed)
    for i in range(n):
        mask[i, rng.choice(n, size=num_random, replace=False)] = True
    return mask


def zoo(n: int = 12) -> dict[str, np.ndarray]:
    """The patterns of the side-by-side figure, each (n, n) except the cached chunk."""
    return {
        "causal_bottom_right": causal_mask(4, n, align="bottom-right"),  # last 4 of n
        "sliding_window": sliding_window_mask(n, n, window=4),
        "strided": strided_mask(n, stride=4),
        "bigbird": bigbird_mask(n, window=1, num_global=1, num_random=1, seed=1),
        "prefix_lm": prefix_lm_mask(n, prefix=5),
        "block_diagonal": block_diagonal_mask([5, 4, 3]),
    }


def print_example(out: Callable[..., object] = print, lang: str = "en") -> None:
    """Print each pattern of ``zoo(8)`` as rows of 1 and ·, with its count of allowed keys."""
    of = {"en": "of", "es": "de"}[lang]
    for name, mask in zoo(8).items():
        out(f"{name} ({int(mask.sum())} {of} {mask.size}):")
        for row in mask:
            out("  " + " ".join("1" if b else "·" for b in row))


if __name__ == "__main__":
    print_example()
