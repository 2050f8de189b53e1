"""Multiply-adds of one attention layer, counted from the shapes (no timing).

Public API
----------
``softmax_attention_macs(m, n, d_k, d_v) -> int``
    q kᵀ (m · n · d_k) plus the weighted sum of the values (m · n · d_v).
``linear_attention_macs(m, n, d_k, d_v) -> int``
    phi(K)ᵀ V (n · d_k · d_v) plus phi(Q) times that sum (m · d_k · d_v), with a feature
    map that keeps the width d_k; the normalizer adds m · d_k + n · d_k.
``example(lengths, d, cross_queries) -> list[CostRow]`` / ``print_example(out, lang)``
    Self-attention (m = n), cross-attention with m fixed, and linear attention, for
    growing n: the counts behind the scaling that ``make bench`` times.

Sections for pages: ``macs``, ``example``.
Run: ``python -m snippets.complexity``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as `python snippets/complexity.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from snippets.masks import _positive_int


# --8<-- [start:macs]
def softmax_attention_macs(m: int, n: int, d_k: int, d_v: int) -> int:
    """Scores (m, n) from d_k-long dot products, then (m, n) weights times (n, d_v) values."""
    m, n, d_k, d_v = (_positive_int(name, v) for name, v in
                      (("m", m), ("n", n), ("d_k", d_k), ("d_v", d_v)))
    return m * n * d_k + m * n * d_v


def linear_attention_macs(m: int, n: int, d_k: int, d_v: int) -> int:
    """phi(K)^T V once (n, d_k, d_v), then each query reads it (m, d_k, d_v), plus norms."""
    m, n, d_k, d_v = (_positive_int(name, v) for name, v in
                      (("m", m), ("n", n), ("d_k", d_k), ("d_v", d_v)))
    return n * d_k * d_v + m * d_k * d_v + n * d_k + m * d_k
# --8<-- [end:macs]


@dataclass(frozen=True)
class CostRow:
    n: int
    self_attention: int  # m = n
    cross_attention: int  # m = cross_queries
    linear_attention: int  # m = n


# --8<-- [start:example]
def example(lengths: tuple[int, ...] = (1024, 2048, 4096, 8192), d: int = 64,
            cross_queries: int = 256) -> list[CostRow]:
    """Counts for one head of width d at each length n."""
    return [CostRow(n, softmax_attention_macs(n, n, d, d),
                    softmax_attention_macs(cross_queries, n, d, d),
                    linear_attention_macs(n, n, d, d)) for n in lengths]


def print_example(out: Callable[..., object] = print, lang: str = "en") -> None:
    """Print millions of multiply-adds, and the factor from the previous length."""
    title, *heads = {"en": ("millions of multiply-adds, one head, d = 64", "n",
                            "self-attention", "cross, m = 256", "linear"),
                     "es": ("millones de multiplicaciones y sumas, una cabeza, d = 64", "n",
                            "autoatención", "cruzada, m = 256", "lineal")}[lang]
    out(title)
    out(f"{heads[0]:>5} {heads[1]:>20} {heads[2]:>20} {heads[3]:>14}")
    previous = None
    for row in example():
        cells = []
        for name in ("self_attention", "cross_attention", "linear_attention"):
            value = getattr(row, name)
            factor = "" if previous is None else f" ×{value / getattr(previous, name):.0f}"
            cells.append(f"{value / 1e6:.0f}{factor}")
        out(f"{row.n:>5} {cells[0]:>20} {cells[1]:>20} {cells[2]:>14}")
        previous = row
# --8<-- [end:example]


if __name__ == "__main__":
    print_example()
