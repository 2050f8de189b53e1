"""Sparse normalisers: sparsemax and α-entmax, which can give weights of exactly 0.

Public API
----------
``sparsemax(scores, axis=-1) -> ndarray``
    Same shape as ``scores``; entries >= 0 summing to 1 along ``axis``, with exact zeros
    for low scores. It is the Euclidean projection of the scores onto the probability
    simplex (Martins and Astudillo, 2016).
``entmax(scores, alpha, axis=-1, iterations=60) -> ndarray``
    α-entmax (Peters, Niculae and Martins, 2019) by bisection: alpha = 2 is sparsemax,
    alpha -> 1 tends to the softmax; 1 < alpha <= 2 is accepted.
``example() -> SparseExample`` / ``print_example(out, lang)``
    The worked example shown on the reading-attention pages.

Sections for pages (pymdownx.snippets): ``sparsemax``, ``example``.
Run: ``python -m snippets.sparsemax``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from snippets._checks import as_float_array
from snippets.softmax import softmax


def _scores(scores: ArrayLike, axis: int) -> np.ndarray:
    """The scores as floats, with ``axis`` moved last; rejects an empty axis."""
    z = as_float_array("scores", scores)
    if z.ndim == 0:
        raise ValueError("scores must have at least one axis, got a scalar")
    if not -z.ndim <= axis < z.ndim:
        raise ValueError(f"axis {axis} is out of range for scores of shape {z.shape}")
    if z.shape[axis] == 0:
        raise ValueError(f"scores of shape {z.shape} have no entries along axis {axis}")
    return np.moveaxis(z, axis, -1)


# --8<-- [start:sparsemax]
def sparsemax(scores: ArrayLike, axis: int = -1) -> np.ndarray:
    """sparsemax(z) = argmin over distributions p of ||p - z||², along ``axis``.

    Shapes: scores (...) -> weights (...), same shape. The solution is
    p_j = max(z_j - τ, 0), with the threshold τ chosen so that the row sums to 1.
    Sorting the scores finds τ: the support is the k largest scores, for the
    largest k with 1 + k z_(k) > z_(1) + ... + z_(k).
    """
    z = _scores(scores, axis)
    ordered = -np.sort(-z, axis=-1)  # each row in decreasing order
    k = np.arange(1, z.shape[-1] + 1, dtype=z.dtype)
    cumulative = np.cumsum(ordered, axis=-1)
    in_support = 1 + k * ordered > cumulative  # true for the first k(z) entries only
    support = in_support.sum(axis=-1, keepdims=True)  # k(z) >= 1: the top score is always in
    tau = (np.take_along_axis(cumulative, support - 1, axis=-1) - 1) / support
    return np.moveaxis(np.maximum(z - tau, 0), -1, axis)
# --8<-- [end:sparsemax]


def entmax(scores: ArrayLike, alpha: float, axis: int = -1, iterations: int = 60) -> np.ndarray:
    """α-entmax along ``axis`` by bisection on its threshold τ.

    Shapes: scores (...) -> weights (...), same shape. The weights are
    p_j = max((α - 1) z_j - τ, 0) ** (1 / (α - 1)), with τ such that they sum to 1;
    each bisection step halves the interval that holds τ.
    """
    if not 1 < float(alpha) <= 2:
        raise ValueError(f"alpha must satisfy 1 < alpha <= 2, got {alpha!r}")
    if iterations < 1:
        raise ValueError(f"iterations must be at least 1, got {iterations!r}")
    z = _scores(scores, axis) * (alpha - 1)
    power = 1 / (alpha - 1)
    high = z.max(axis=-1, keepdims=True)  # τ = max gives all zeros: sum 0 < 1
    low = high - 1.0  # τ = max - 1 gives the top weight 1 ** power = 1: sum >= 1
    for _ in range(iterations):
        tau = (low + high) / 2
        total = (np.maximum(z - tau, 0) ** power).sum(axis=-1, keepdims=True)
        low = np.where(total >= 1, tau, low)
        high = np.where(total >= 1, high, tau)
    p = np.maximum(z - low, 0) ** power
    return np.moveaxis(p / p.sum(axis=-1, keepdims=True), -1, axis)


@dataclass(frozen=True)
class SparseExample:
    """One row of scores normalised three ways, and the sparsemax threshold."""

    tokens: tuple[str, ...]
    scores: np.ndarray  # (n,)
    names: tuple[str, ...]  # "softmax", "1.5-entmax", "sparsemax"
    weights: np.ndarray  # (3, n): one row per normaliser
    tau: float  # sparsemax threshold: weight_j = max(score_j - tau, 0)


# --8<-- [start:example]
def example() -> SparseExample:
    """The scores of the query "sat" over the six tokens of "the cat sat on the mat"."""
    tokens = ("the", "cat", "sat", "on", "the", "mat")
    scores = np.array([0.2, 2.0, 0.9, 1.5, 0.2, 1.7])
    weights = np.stack([softmax(scores), entmax(scores, alpha=1.5), sparsemax(scores)])
    p = weights[2]
    tau = float(np.mean(scores[p > 0]) - 1 / np.count_nonzero(p))  # Σ (z_j - τ) = 1 on the support
    return SparseExample(tokens, scores, ("softmax", "1.5-entmax", "sparsemax"), weights, tau)


LABELS = {"en": {"zeros": "zeros", "tau": "sparsemax threshold"},
          "es": {"zeros": "ceros", "tau": "umbral de la sparsemax"}}


def print_example(out: Callable[..., object] = print, lang: str = "en") -> None:
    """Print the worked example with ``out`` (pages pass markdown-exec's ``print``)."""
    if lang not in LABELS:
        raise ValueError(f"unknown language {lang!r}; expected one of {sorted(LABELS)}")
    t, ex = LABELS[lang], example()
    out(f"{'':<11}" + "".join(f"{tok:>7}" for tok in ex.tokens) + f"    Σ {t['zeros']:>7}")
    out(f"{'s':<11}" + "".join(f"{s:>7.3f}" for s in ex.scores))
    for name, row in zip(ex.names, ex.weights, strict=True):
        out(f"{name:<11}" + "".join(f"{w:>7.3f}" for w in row)
            + f"{row.sum():>7.3f}{np.count_nonzero(row == 0):>5}")
    out(f"{t['tau']} τ = {ex.tau:.3f}")
# --8<-- [end:example]


if __name__ == "__main__":
    print_example()
