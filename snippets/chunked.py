"""Memory-efficient attention: keys in chunks, with an online softmax.

Plain attention builds the whole (..., m, n) weight matrix. Here the keys and values
are read ``chunk_size`` at a time; a running maximum, a running denominator and a
running weighted sum of values are updated per chunk and rescaled whenever the
maximum grows (the "online softmax" of Milakov & Gimelshein, 2018, also used by
Rabe & Staats, 2021, and by FlashAttention, Dao et al., 2022). Only (..., m, chunk_size)
scores exist at any moment, and the result equals full attention up to rounding.

Public API
----------
``chunked_attention(q, k, v, mask=None, chunk_size=512) -> output``
    Same inputs, mask convention and edge cases as
    ``snippets.attention.scaled_dot_product_attention`` (a query with every key
    masked gets a zero output), but returns only the output (..., m, d_v): the
    weights are never stored. Memory for scores: O(m · chunk_size) instead of O(m · n).
    The default chunk of 512 keys is wide enough for the matrix products to run at
    full BLAS speed (much smaller chunks are slower; see tools/bench_attention.py).
``example() -> ChunkedExample`` / ``print_example()``

Sections for pages: ``chunked``, ``example``.
Run: ``python -m snippets.chunked``.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as `python snippets/chunked.py`: make `snippets` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np
from numpy.typing import ArrayLike

from snippets._checks import as_float_array, check_mask, check_qkv
from snippets.attention import scaled_dot_product_attention
from snippets.strings import labels
from snippets.toy_data import SENTENCE, embed, projection


def _chunk_size(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 1:
        raise ValueError(f"chunk_size must be a positive integer, got {value!r}")
    return int(value)


# --8<-- [start:chunked]
def chunked_attention(
    q: ArrayLike,
    k: ArrayLike,
    v: ArrayLike,
    mask: ArrayLike | None = None,
    chunk_size: int = 512,
) -> np.ndarray:
    """Scaled dot-product attention computed over key chunks with an online softmax.

    Shapes: q (..., m, d_k), k (..., n, d_k), v (..., n, d_v), mask broadcastable
    to (..., m, n) -> output (..., m, d_v).
    """
    q, k, v = (as_float_array(name, a) for name, a in (("q", q), ("k", k), ("v", v)))
    batch = check_qkv(q, k, v)
    chunk_size = _chunk_size(chunk_size)
    m, n = q.shape[-2], k.shape[-2]
    if mask is not None:  # a broadcast view: costs no memory
        mask = np.broadcast_to(check_mask(mask, (*batch, m, n)), (*batch, m, n))
    dtype = np.result_type(q, k, v)
    q = q * dtype.type(1.0 / math.sqrt(q.shape[-1]))  # scale m×d queries, not m×n scores
    running_max = np.full((*batch, m, 1), -np.inf, dtype=dtype)
    denominator = np.zeros((*batch, m, 1), dtype=dtype)
    weighted_sum = np.zeros((*batch, m, v.shape[-1]), dtype=dtype)
    for start in range(0, n, chunk_size):
        keys = slice(start, start + chunk_size)
        scores = q @ np.swapaxes(k[..., keys, :], -1, -2)  # (..., m, c): the only big array
        allowed = True if mask is None else mask[..., keys]
        chunk_max = np.max(scores, axis=-1, keepdims=True, where=allowed, initial=-np.inf)
        new_max = np.maximum(running_max, chunk_max)
        shift = np.where(np.isfinite(new_max), new_max, 0)  # rows with nothing allowed yet
        rescale = np.exp(running_max - shift)  # shrink what was summed with the old maximum
        scores -= shift
        if mask is not None:
            np.copyto(scores, -np.inf, where=~allowed)  # exp(-inf) = 0: masked keys vanish
        np.exp(scores, out=scores)  # in place: no second (..., m, c) array
        denominator = denominator * rescale + scores.sum(axis=-1, keepdims=True)
        weighted_sum = weighted_sum * rescale + scores @ v[..., keys, :]
        running_max = new_max
    out = np.zeros_like(weighted_sum)
    return np.divide(weighted_sum, denominator, out=out, where=denominator > 0)
# --8<-- [end:chunked]


@dataclass(frozen=True)
class ChunkedExample:
    """Chunked and full attention on the same six tokens."""

    tokens: tuple[str, ...]
    chunk_size: int
    chunked_output: np.ndarray  # (6, 4)
    full_output: np.ndarray  # (6, 4)
    max_abs_difference: float
    full_score_entries: int  # m · n numbers held at once by full attention
    chunk_score_entries: int  # m · chunk_size numbers held at once by the chunked version


# --8<-- [start:example]
def example() -> ChunkedExample:
    """Self-attention over "the cat sat on the mat", keys read 4 at a time (4 + 2)."""
    d, chunk = 4, 4
    x = embed(SENTENCE, d)
    q, k, v = (x @ projection(name, d, d) for name in ("w_q", "w_k", "w_v"))
    chunked = chunked_attention(q, k, v, chunk_size=chunk)
    full, _ = scaled_dot_product_attention(q, k, v)
    m = n = len(SENTENCE)
    diff = float(np.max(np.abs(chunked - full)))
    return ChunkedExample(SENTENCE, chunk, chunked, full, diff, m * n, m * chunk)
# --8<-- [end:example]


def print_example(out: Callable[..., object] = print, lang: str = "en") -> None:
    """Print the worked example with ``out`` (pages pass markdown-exec's ``print``), its
    labels in ``lang`` ("en" or "es", the page's language)."""
    ex, text = example(), labels("chunked", lang)
    out("chunked[2] =", np.array2string(ex.chunked_output[2], precision=3, floatmode="fixed"))
    out("full[2]    =", np.array2string(ex.full_output[2], precision=3, floatmode="fixed"))
    out(f"{text['max_difference']} = {ex.max_abs_difference:.1e}")
    out(text["held"].format(chunked=ex.chunk_score_entries, full=ex.full_score_entries))


if __name__ == "__main__":
    print_example()
