"""Grouped-query attention (Ainslie et al., 2023) and multi-query attention (Shazeer, 2019).

Several query heads share one key/value head: h_q query heads are split into h_kv groups
of h_q / h_kv consecutive heads, and every head of group g attends to key/value head g.
h_kv = h_q is ordinary multi-head attention; h_kv = 1 is multi-query attention (MQA).
Only the keys and values shrink, so the key-value cache shrinks by h_q / h_kv.

Public API
----------
``grouped_query_attention(q, k, v, mask=None, scale=None) -> (output, weights)``
    q (..., h_q, m, d_k), k (..., h_kv, n, d_k), v (..., h_kv, n, d_v); h_q must be a
    multiple of h_kv; query head g uses key/value head g // (h_q // h_kv). ``mask`` and
    ``scale`` as in ``scaled_dot_product_attention`` (boolean, True = may attend,
    broadcastable to (..., h_q, m, n)). Returns output (..., h_q, m, d_v) and weights
    (..., h_q, m, n). Non-divisible head counts raise ValueError naming them.
``example() -> GroupedQueryExample`` / ``print_example(out, lang)``
    Eight query heads over "the cat sat on the mat" with 8, 2 and 1 key/value heads.

Sections for pages: ``gqa``, ``example``.
Run: ``python -m snippets.grouped_query``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as `python snippets/grouped_query.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np
from numpy.typing import ArrayLike

from snippets._checks import as_float_array, check_min_ndim
from snippets.attention import scaled_dot_product_attention
from snippets.masks import causal_mask
from snippets.toy_data import SENTENCE, embed, projection


# --8<-- [start:gqa]
def grouped_query_attention(
    q: ArrayLike,
    k: ArrayLike,
    v: ArrayLike,
    mask: ArrayLike | None = None,
    scale: float | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Attention where each group of h_q / h_kv query heads shares one key/value head.

    Shapes: q (..., h_q, m, d_k), k (..., h_kv, n, d_k), v (..., h_kv, n, d_v),
    mask broadcastable to (..., h_q, m, n) -> output (..., h_q, m, d_v),
    weights (..., h_q, m, n).
    """
    q, k, v = (as_float_array(name, a) for name, a in (("q", q), ("k", k), ("v", v)))
    check_min_ndim("q", q, 3, "(..., h_q, m, d_k)")
    check_min_ndim("k", k, 3, "(..., h_kv, n, d_k)")
    check_min_ndim("v", v, 3, "(..., h_kv, n, d_v)")
    h_q, h_kv = q.shape[-3], k.shape[-3]
    if v.shape[-3] != h_kv:
        raise ValueError(f"k and v must have the same number of heads: k has shape {k.shape}, "
                         f"v has shape {v.shape}")
    if h_q % h_kv:
        raise ValueError(f"the number of query heads h_q={h_q} must be a multiple of the "
                         f"number of key/value heads h_kv={h_kv}")
    group = h_q // h_kv
    # head g of the queries reads key/value head g // group: repeat each kv head `group`
    # times along the head axis (a view-like copy; real kernels index instead of copying)
    k, v = np.repeat(k, group, axis=-3), np.repeat(v, group, axis=-3)
    return scaled_dot_product_attention(q, k, v, mask=mask, scale=scale)
# --8<-- [end:gqa]


@dataclass(frozen=True)
class GroupedQueryExample:
    """Causal self-attention with 8 query heads and h_kv in (8, 2, 1)."""

    tokens: tuple[str, ...]
    kv_heads: tuple[int, ...]
    weights: tuple[np.ndarray, ...]  # one (8, 6, 6) array per entry of kv_heads
    kv_values: tuple[int, ...]  # numbers stored in k and v for each entry of kv_heads


# --8<-- [start:example]
def example() -> GroupedQueryExample:
    """d_model = 16, 8 query heads of width 2; keys and values with 8, 2 or 1 heads."""
    d_model, h_q, d_head = 16, 8, 2
    x = embed(SENTENCE, d_model)  # (6, 16)
    n = len(SENTENCE)
    q = (x @ projection("gqa.w_q", d_model, h_q * d_head)).reshape(n, h_q, d_head)
    q = q.swapaxes(0, 1)  # (8, 6, 2)
    weights, stored = [], []
    for h_kv in (8, 2, 1):
        k = (x @ projection(f"gqa.w_k{h_kv}", d_model, h_kv * d_head))
        v = (x @ projection(f"gqa.w_v{h_kv}", d_model, h_kv * d_head))
        k, v = (a.reshape(n, h_kv, d_head).swapaxes(0, 1) for a in (k, v))  # (h_kv, 6, 2)
        _, w = grouped_query_attention(q, k, v, mask=causal_mask(n))
        weights.append(w)
        stored.append(k.size + v.size)
    return GroupedQueryExample(SENTENCE, (8, 2, 1), tuple(weights), tuple(stored))


def print_example(out: Callable[..., object] = print, lang: str = "en") -> None:
    """Print, for each h_kv, the group size, the numbers cached and who reads which head."""
    ex = example()
    labels = {"en": ("h_kv", "group", "numbers in K and V", "kv head read by query heads 0-7"),
              "es": ("h_kv", "grupo", "números en K y V",
                     "cabeza de K y V leída por las cabezas de consulta 0-7")}
    h, group, stored, read = labels[lang]
    out(f"{h:>4} | {group:>5} | {stored:>18} | {read}")
    for h_kv, size in zip(ex.kv_heads, ex.kv_values, strict=True):
        size_q = 8 // h_kv
        reads = " ".join(str(g // size_q) for g in range(8))
        out(f"{h_kv:>4} | {size_q:>5} | {size:>18} | {reads}")
# --8<-- [end:example]


if __name__ == "__main__":
    print_example()
