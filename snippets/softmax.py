"""Numerically stable softmax, with temperature and with a boolean mask.

Public API
----------
``softmax(x, axis=-1, temperature=1.0) -> ndarray``
    Same shape and floating dtype as ``x``; entries >= 0 summing to 1 along ``axis``.
``masked_softmax(scores, mask, temperature=1.0) -> ndarray``
    Softmax over the last axis of scores (..., m, n) restricted to the keys where the
    boolean ``mask`` (broadcastable to (..., m, n)) is True. Masked entries are exactly 0;
    a row whose keys are all masked gets all-zero weights (never NaN).
``example() -> SoftmaxExample`` / ``print_example()``
    The worked example shown on the pages.

Sections for pages (pymdownx.snippets): ``softmax``, ``masked_softmax``, ``example``.
Run: ``python -m snippets.softmax`` (or ``python snippets/softmax.py``).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as `python snippets/softmax.py`: make `snippets` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np
from numpy.typing import ArrayLike

from snippets._checks import as_float_array, check_mask, check_min_ndim, positive_scalar
from snippets.strings import labels


# --8<-- [start:softmax]
def softmax(x: ArrayLike, axis: int = -1, temperature: float = 1.0) -> np.ndarray:
    """Softmax of ``x`` along ``axis``: exp(x / T) normalised to sum to 1.

    Shapes: x (...) -> weights (...), same shape and floating dtype.
    Subtracting the maximum first leaves the result unchanged (softmax ignores a
    constant added to every entry) but keeps exp() from overflowing.
    """
    x = as_float_array("x", x)
    t = positive_scalar("temperature", temperature)
    z = x / x.dtype.type(t)  # dtype.type keeps float32 as float32
    z = z - z.max(axis=axis, keepdims=True)  # largest entry becomes exp(0) = 1
    e = np.exp(z)
    return e / e.sum(axis=axis, keepdims=True)
# --8<-- [end:softmax]


# --8<-- [start:masked_softmax]
def masked_softmax(scores: ArrayLike, mask: ArrayLike, temperature: float = 1.0) -> np.ndarray:
    """Softmax over the last axis, giving weight only where ``mask`` is True.

    Shapes: scores (..., m, n), mask broadcastable to (..., m, n) -> weights (..., m, n).
    A query whose keys are all masked gets a row of zeros (and so a zero output).
    """
    s = as_float_array("scores", scores)
    check_min_ndim("scores", s, 2, "(..., m, n)")
    allowed = np.broadcast_to(check_mask(mask, s.shape), s.shape)
    s = s / s.dtype.type(positive_scalar("temperature", temperature))
    row_max = np.max(s, axis=-1, keepdims=True, where=allowed, initial=-np.inf)
    row_max = np.where(np.isfinite(row_max), row_max, 0)  # all-masked row: any shift works
    e = np.exp(np.where(allowed, s - row_max, -np.inf))  # exp(-inf) = 0 exactly
    total = e.sum(axis=-1, keepdims=True)
    return np.divide(e, total, out=np.zeros_like(e), where=total > 0)
# --8<-- [end:masked_softmax]


@dataclass(frozen=True)
class SoftmaxExample:
    """Scores of one query over three keys, turned into weights at several temperatures."""

    tokens: tuple[str, ...]
    scores: np.ndarray  # (3,)
    temperatures: tuple[float, ...]
    weights: np.ndarray  # (len(temperatures), 3)
    large_scores: np.ndarray  # (3,) scores that would overflow a naive exp()
    large_weights: np.ndarray  # (3,)


# --8<-- [start:example]
def example() -> SoftmaxExample:
    """Turn the scores of the query "sat" over keys "the", "cat", "mat" into weights."""
    tokens = ("the", "cat", "mat")
    scores = np.array([2.0, 1.0, 0.1])
    temperatures = (0.5, 1.0, 2.0)
    weights = np.stack([softmax(scores, temperature=t) for t in temperatures])
    large = scores + 1000.0  # naive exp(1002) overflows; the stable softmax does not care
    return SoftmaxExample(tokens, scores, temperatures, weights, large, softmax(large))
# --8<-- [end:example]


def print_example(out: Callable[..., object] = print, lang: str = "en") -> None:
    """Print the worked example with ``out`` (pages pass markdown-exec's ``print``), its
    labels in ``lang`` ("en" or "es", the page's language)."""
    ex, text = example(), labels("softmax", lang)
    out(text["keys"], " ".join(ex.tokens))
    out("s =", np.array2string(ex.scores, precision=3, floatmode="fixed"))
    for t, w in zip(ex.temperatures, ex.weights, strict=True):
        row = np.array2string(w, precision=3, floatmode="fixed")
        out(f"T = {t:.1f}:  w = {row}  Σw = {w.sum():.3f}")
    big = np.array2string(ex.large_weights, precision=3, floatmode="fixed")
    out(f"s + 1000:  w = {big}")


if __name__ == "__main__":
    print_example()
