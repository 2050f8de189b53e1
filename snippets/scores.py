"""Attention scores: how well each query matches each key, before the softmax.

All functions return scores of shape (..., m, n): one per (query, key) pair, with
m queries, n keys and any leading batch dimensions broadcast.

Public API
----------
``dot_scores(q, k)``
    q (..., m, d_k), k (..., n, d_k) -> q · k for every pair.
``scaled_dot_scores(q, k, scale=None)``
    Same, times ``scale`` (default 1/sqrt(d_k), as in Vaswani et al., 2017).
``additive_scores(q, k, w_q, w_k, v_a)``
    Additive (Bahdanau) scores vᵀ tanh(W_q q + W_k k); q (..., m, d_q), k (..., n, d_k),
    w_q (d_q, d_a), w_k (d_k, d_a), v_a (d_a,). Queries and keys may differ in width.
``multiplicative_scores(q, k, w)``
    Multiplicative (Luong "general") scores qᵀ W k; q (..., m, d_q), w (d_q, d_k),
    k (..., n, d_k).
``example() -> ScoresExample`` / ``print_example()``

Sections for pages: ``dot``, ``scaled_dot``, ``additive``, ``multiplicative``, ``example``.
Run: ``python -m snippets.scores``.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as `python snippets/scores.py`: make `snippets` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np
from numpy.typing import ArrayLike

from snippets._checks import as_float_array, broadcast_batch, check_min_ndim, positive_scalar
from snippets.strings import labels
from snippets.toy_data import SENTENCE, embed, projection


def _queries_keys(q: ArrayLike, k: ArrayLike, same_width: bool) -> tuple[np.ndarray, np.ndarray]:
    q, k = as_float_array("q", q), as_float_array("k", k)
    check_min_ndim("q", q, 2, "(..., m, d_q)")
    check_min_ndim("k", k, 2, "(..., n, d_k)")
    if same_width and q.shape[-1] != k.shape[-1]:
        raise ValueError(
            f"q and k must share d_k (last axis): q has shape {q.shape}, k has shape {k.shape}"
        )
    broadcast_batch({"q": q.shape[:-2], "k": k.shape[:-2]})
    return q, k


def _weight(name: str, w: ArrayLike, shape: tuple[int | None, ...], layout: str) -> np.ndarray:
    w = as_float_array(name, w)
    fits = w.ndim == len(shape) and all(
        want is None or want == got for want, got in zip(shape, w.shape, strict=True)
    )
    if not fits:
        raise ValueError(f"{name} must have shape {layout}, got shape {w.shape}")
    return w


# --8<-- [start:dot]
def dot_scores(q: ArrayLike, k: ArrayLike) -> np.ndarray:
    """Dot-product scores: q (..., m, d_k), k (..., n, d_k) -> (..., m, n)."""
    q, k = _queries_keys(q, k, same_width=True)
    return q @ np.swapaxes(k, -1, -2)  # (..., m, d_k) @ (..., d_k, n)
# --8<-- [end:dot]


# --8<-- [start:scaled_dot]
def scaled_dot_scores(q: ArrayLike, k: ArrayLike, scale: float | None = None) -> np.ndarray:
    """Scaled dot-product scores (q · k) * scale, scale = 1/sqrt(d_k) by default.

    Shapes: q (..., m, d_k), k (..., n, d_k) -> (..., m, n).
    """
    scores = dot_scores(q, k)
    d_k = np.shape(q)[-1]
    factor = 1.0 / math.sqrt(d_k) if scale is None else positive_scalar("scale", scale)
    return scores * scores.dtype.type(factor)  # a float32 factor keeps float32 scores
# --8<-- [end:scaled_dot]


# --8<-- [start:additive]
def additive_scores(
    q: ArrayLike, k: ArrayLike, w_q: ArrayLike, w_k: ArrayLike, v_a: ArrayLike
) -> np.ndarray:
    """Additive (Bahdanau) scores tanh(q W_q + k W_k) v_a.

    Shapes: q (..., m, d_q), k (..., n, d_k), w_q (d_q, d_a), w_k (d_k, d_a), v_a (d_a,)
    -> (..., m, n).
    """
    q, k = _queries_keys(q, k, same_width=False)
    w_q = _weight("w_q", w_q, (q.shape[-1], None), f"(d_q={q.shape[-1]}, d_a)")
    d_a = w_q.shape[1]
    w_k = _weight("w_k", w_k, (k.shape[-1], d_a), f"(d_k={k.shape[-1]}, d_a={d_a})")
    v_a = _weight("v_a", v_a, (d_a,), f"(d_a={d_a},)")
    hidden = np.tanh((q @ w_q)[..., :, None, :] + (k @ w_k)[..., None, :, :])  # (..., m, n, d_a)
    return hidden @ v_a
# --8<-- [end:additive]


# --8<-- [start:multiplicative]
def multiplicative_scores(q: ArrayLike, k: ArrayLike, w: ArrayLike) -> np.ndarray:
    """Multiplicative (Luong "general") scores q W kᵀ.

    Shapes: q (..., m, d_q), w (d_q, d_k), k (..., n, d_k) -> (..., m, n).
    """
    q, k = _queries_keys(q, k, same_width=False)
    w = _weight("w", w, (q.shape[-1], k.shape[-1]), f"(d_q={q.shape[-1]}, d_k={k.shape[-1]})")
    return (q @ w) @ np.swapaxes(k, -1, -2)
# --8<-- [end:multiplicative]


@dataclass(frozen=True)
class ScoresExample:
    """Scores of the query "sat" against every token of "the cat sat on the mat"."""

    query: str
    keys: tuple[str, ...]
    scores: dict[str, np.ndarray]  # scoring function name -> (n,) scores


# --8<-- [start:example]
def example() -> ScoresExample:
    """Score the query "sat" against each token with four scoring functions."""
    d = 4
    x = embed(SENTENCE, d)  # (6, 4): one toy vector per token
    q = x[2:3]  # the query is "sat": shape (1, 4)
    scores = {
        "dot": dot_scores(q, x),
        "scaled_dot": scaled_dot_scores(q, x),
        "additive": additive_scores(
            q, x, projection("w_q", d, 3), projection("w_k", d, 3), projection("v_a", 3, 1)[:, 0]
        ),
        "multiplicative": multiplicative_scores(q, x, projection("w", d, d)),
    }
    return ScoresExample("sat", SENTENCE, {name: s[0] for name, s in scores.items()})


def print_example(out: Callable[..., object] = print, lang: str = "en") -> None:
    """Print the worked example with ``out`` (pages pass markdown-exec's ``print``), its
    labels in ``lang`` ("en" or "es", the page's language)."""
    ex, text = example(), labels("scores", lang)
    width = max(16, max(len(text[name]) for name in ex.scores) + 2)  # the row-name column
    out(f"q = {ex.query}")
    out(" " * width + "".join(f"{t:>8}" for t in ex.keys))
    for name, row in ex.scores.items():
        out(f"{text[name]:<{width}}" + "".join(f"{s:8.3f}" for s in row))
# --8<-- [end:example]


if __name__ == "__main__":
    print_example()
