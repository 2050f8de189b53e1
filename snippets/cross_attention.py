"""Cross-attention: queries from one sequence, keys and values from another.

In an encoder-decoder Transformer (Vaswani et al., 2017) each decoder position
(target sequence, m tokens) attends over the encoder's states (source sequence,
n tokens), so the weight matrix is m × n and m need not equal n. The two sequences
may even have different widths: the projections map both into a shared d_k.

Public API
----------
``cross_attention(target, source, w_q, w_k, w_v, mask=None) -> (output, weights)``
    target (..., m, d_t) gives the queries, source (..., n, d_s) gives keys and values;
    w_q (d_t, d_k), w_k (d_s, d_k), w_v (d_s, d_v). ``mask`` is boolean, broadcastable
    to (..., m, n), True = may attend; typically the source padding mask (batch, 1, n).
    Returns output (..., m, d_v) and weights (..., m, n); same edge cases as
    ``snippets.attention.scaled_dot_product_attention`` (all-masked row -> zeros).
``example() -> CrossAttentionExample`` / ``print_example()``
    English "the black cat sat on the mat" (n = 7) -> Spanish
    "el gato negro se sentó en la alfombra" (m = 8).

Sections for pages: ``cross_attention``, ``example``.
Run: ``python -m snippets.cross_attention``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as `python snippets/cross_attention.py`: import `snippets`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np
from numpy.typing import ArrayLike

from snippets._checks import as_float_array, check_min_ndim
from snippets.attention import scaled_dot_product_attention

SOURCE_EN: tuple[str, ...] = ("the", "black", "cat", "sat", "on", "the", "mat")
TARGET_ES: tuple[str, ...] = ("el", "gato", "negro", "se", "sentó", "en", "la", "alfombra")
# Which English word each Spanish word translates (used only to build the toy states).
GLOSS: dict[str, str] = {
    "el": "the", "gato": "cat", "negro": "black", "se": "sat",
    "sentó": "sat", "en": "on", "la": "the", "alfombra": "mat",
}  # fmt: skip


def _projection(name: str, w: ArrayLike, rows: int, layout: str) -> np.ndarray:
    w = as_float_array(name, w)
    if w.ndim != 2 or w.shape[0] != rows:
        raise ValueError(f"{name} must have shape {layout}, got shape {w.shape}")
    return w


# --8<-- [start:cross_attention]
def cross_attention(
    target: ArrayLike,
    source: ArrayLike,
    w_q: ArrayLike,
    w_k: ArrayLike,
    w_v: ArrayLike,
    mask: ArrayLike | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Each target position attends over the source sequence.

    Shapes: target (..., m, d_t), source (..., n, d_s), w_q (d_t, d_k), w_k (d_s, d_k),
    w_v (d_s, d_v), mask broadcastable to (..., m, n)
    -> output (..., m, d_v), weights (..., m, n).
    """
    target, source = as_float_array("target", target), as_float_array("source", source)
    check_min_ndim("target", target, 2, "(..., m, d_t)")
    check_min_ndim("source", source, 2, "(..., n, d_s)")
    d_t, d_s = target.shape[-1], source.shape[-1]
    w_q = _projection("w_q", w_q, d_t, f"(d_t={d_t}, d_k)")
    w_k = _projection("w_k", w_k, d_s, f"(d_s={d_s}, d_k)")
    w_v = _projection("w_v", w_v, d_s, f"(d_s={d_s}, d_v)")
    if w_q.shape[1] != w_k.shape[1]:
        raise ValueError(f"w_q {w_q.shape} and w_k {w_k.shape} must project to the same d_k")
    q = target @ w_q  # queries come from the target (e.g. the decoder)
    k, v = source @ w_k, source @ w_v  # keys and values come from the source (the encoder)
    return scaled_dot_product_attention(q, k, v, mask=mask)
# --8<-- [end:cross_attention]


def toy_states(tokens: tuple[str, ...], concepts: tuple[str, ...]) -> np.ndarray:
    """Hand-built states (len(tokens), len(concepts) + 2) for the worked example.

    A real model learns its states; here each word gets a one-hot "meaning" (its
    English gloss) plus a 2-D code of its relative position, so a Spanish word and
    its translation point the same way and nearby positions match a little better.
    """
    meaning = np.array([[3.0 * (c == GLOSS.get(t, t)) for c in concepts] for t in tokens])
    angle = np.pi * np.arange(len(tokens)) / (len(tokens) - 1)  # 0 … π along the sentence
    position = 1.5 * np.stack([np.cos(angle), np.sin(angle)], axis=1)
    return np.concatenate([meaning, position], axis=1)


@dataclass(frozen=True)
class CrossAttentionExample:
    """Spanish (target, m = 8) attending over English (source, n = 7)."""

    source: tuple[str, ...]
    target: tuple[str, ...]
    weights: np.ndarray  # (8, 7)
    alignment: tuple[tuple[str, str], ...]  # (target word, source word with the top weight)


# --8<-- [start:example]
def example() -> CrossAttentionExample:
    """Align "el gato negro se sentó en la alfombra" with "the black cat sat on the mat"."""
    concepts = tuple(dict.fromkeys(SOURCE_EN))  # distinct English words, in order
    source, target = toy_states(SOURCE_EN, concepts), toy_states(TARGET_ES, concepts)
    identity = np.eye(source.shape[1])  # the toy states are already in the shared space
    _, weights = cross_attention(target, source, identity, identity, identity)
    best = weights.argmax(axis=-1)
    alignment = tuple((t, SOURCE_EN[j]) for t, j in zip(TARGET_ES, best, strict=True))
    return CrossAttentionExample(SOURCE_EN, TARGET_ES, weights, alignment)


def print_example(out: Callable[..., object] = print) -> None:
    """Print the worked example with ``out`` (pages pass markdown-exec's ``print``)."""
    ex = example()
    out(" " * 9 + "".join(f"{s:>7}" for s in ex.source))
    for token, row in zip(ex.target, ex.weights, strict=True):
        out(f"{token:>8} " + "".join(f"{w:7.3f}" for w in row))
    out("  ".join(f"{t} → {s}" for t, s in ex.alignment))
# --8<-- [end:example]


if __name__ == "__main__":
    print_example()
