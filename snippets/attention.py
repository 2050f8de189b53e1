"""Scaled dot-product attention (Vaswani et al., 2017), batched over leading dimensions.

Public API
----------
``scaled_dot_product_attention(q, k, v, mask=None, scale=None) -> (output, weights)``
    q (..., m, d_k), k (..., n, d_k), v (..., n, d_v); leading (batch, head, ...)
    dimensions broadcast. ``mask``: boolean, broadcastable to (..., m, n), True = "may
    attend" (PyTorch convention). ``scale`` defaults to 1/sqrt(d_k).
    Returns output (..., m, d_v) and weights (..., m, n); each row of weights is >= 0
    and sums to 1, except that a query whose keys are ALL masked gets all-zero weights
    and a zero output (never NaN). float32 inputs give float32 results; float64 works.
    Bad shapes, a mask that cannot broadcast, non-finite values or scale <= 0 raise
    ValueError naming the shapes or values.
``example() -> AttentionExample`` / ``print_example()``
    Self-attention over "the cat sat on the mat" with toy embeddings (d = 4).

Sections for pages: ``sdpa``, ``example``.
Run: ``python -m snippets.attention``.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as `python snippets/attention.py`: make `snippets` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np
from numpy.typing import ArrayLike

from snippets._checks import as_float_array, check_mask, check_qkv, positive_scalar
from snippets.softmax import masked_softmax, softmax
from snippets.toy_data import SENTENCE, embed, projection


# --8<-- [start:sdpa]
def scaled_dot_product_attention(
    q: ArrayLike,
    k: ArrayLike,
    v: ArrayLike,
    mask: ArrayLike | None = None,
    scale: float | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """softmax(q kᵀ · scale) v, with an optional boolean mask (True = may attend).

    Shapes: q (..., m, d_k), k (..., n, d_k), v (..., n, d_v), mask broadcastable
    to (..., m, n) -> output (..., m, d_v), weights (..., m, n).
    """
    q, k, v = (as_float_array(name, a) for name, a in (("q", q), ("k", k), ("v", v)))
    check_qkv(q, k, v)
    dtype = np.result_type(q, k, v)
    factor = 1.0 / math.sqrt(q.shape[-1]) if scale is None else positive_scalar("scale", scale)
    scores = (q @ np.swapaxes(k, -1, -2)) * dtype.type(factor)  # (..., m, n)
    if mask is None:
        weights = softmax(scores, axis=-1)
    else:
        weights = masked_softmax(scores, check_mask(mask, scores.shape))
    return weights @ v, weights  # each output row is a weighted average of v's rows
# --8<-- [end:sdpa]


@dataclass(frozen=True)
class AttentionExample:
    """Self-attention of "the cat sat on the mat" onto itself."""

    tokens: tuple[str, ...]
    weights: np.ndarray  # (6, 6): row i = how much token i attends to each token
    output: np.ndarray  # (6, 4)


# --8<-- [start:example]
def example() -> AttentionExample:
    """Self-attention over six tokens: queries, keys and values all come from x."""
    d = 4
    x = embed(SENTENCE, d)  # (6, 4) toy embeddings
    q, k, v = (x @ projection(name, d, d) for name in ("w_q", "w_k", "w_v"))
    output, weights = scaled_dot_product_attention(q, k, v)
    return AttentionExample(SENTENCE, weights, output)
# --8<-- [end:example]


def print_example(out: Callable[..., object] = print) -> None:
    """Print the worked example with ``out`` (pages pass markdown-exec's ``print``)."""
    ex = example()
    out(" " * 6 + "".join(f"{t:>7}" for t in ex.tokens) + "      Σ")
    for token, row in zip(ex.tokens, ex.weights, strict=True):
        out(f"{token:>5} " + "".join(f"{w:7.3f}" for w in row) + f"{row.sum():7.3f}")
    out("output[2] =", np.array2string(ex.output[2], precision=3, floatmode="fixed"))


if __name__ == "__main__":
    print_example()
