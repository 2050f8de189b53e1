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
``padded_example() -> PaddedExample`` / ``print_padded_example()``
    A batch of two pairs, the second ("the cat sat" -> "el gato se sentó") padded to
    n = 7 source and m = 8 target positions, with the source padding mask (2, 1, 7).
``multi_head_example() -> MultiHeadCrossExample`` / ``print_multi_head_example()``
    The pair of ``example`` through 4 heads of width 2 (``snippets.multihead``, identity
    projections, so each head sees two columns of the states): weights (4, 8, 7).

Sections for pages: ``cross_attention``, ``example``, ``padded_example``,
``multi_head_example``.
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
from snippets.masks import PAD, padding_mask
from snippets.multihead import MultiHeadParams, multi_head_attention

SOURCE_EN: tuple[str, ...] = ("the", "black", "cat", "sat", "on", "the", "mat")
TARGET_ES: tuple[str, ...] = ("el", "gato", "negro", "se", "sentó", "en", "la", "alfombra")
# Which English word each Spanish word translates (used only to build the toy states).
GLOSS: dict[str, str] = {
    "el": "the", "gato": "cat", "negro": "black", "se": "sat",
    "sentó": "sat", "en": "on", "la": "the", "alfombra": "mat",
}  # fmt: skip
# A shorter pair for the padding example: every word also appears in GLOSS / SOURCE_EN.
SHORT_EN: tuple[str, ...] = ("the", "cat", "sat")
SHORT_ES: tuple[str, ...] = ("el", "gato", "se", "sentó")


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
# --8<-- [end:example]


def print_example(out: Callable[..., object] = print) -> None:
    """Print the worked example with ``out`` (pages pass markdown-exec's ``print``)."""
    ex = example()
    out(" " * 9 + "".join(f"{s:>7}" for s in ex.source))
    for token, row in zip(ex.target, ex.weights, strict=True):
        out(f"{token:>8} " + "".join(f"{w:7.3f}" for w in row))
    out("  ".join(f"{t} → {s}" for t, s in ex.alignment))


@dataclass(frozen=True)
class PaddedExample:
    """Two translation pairs in one batch: sources padded to n = 7, targets to m = 8."""

    sources: tuple[tuple[str, ...], ...]  # (2, 7) English tokens, the second padded with PAD
    targets: tuple[tuple[str, ...], ...]  # (2, 8) Spanish tokens, the second padded with PAD
    mask: np.ndarray  # (2, 1, 7) source padding mask, True = may attend
    weights: np.ndarray  # (2, 8, 7) with the mask
    unmasked: np.ndarray  # (2, 8, 7) the same batch without any mask, for comparison


def _padded(tokens: tuple[str, ...], length: int) -> tuple[str, ...]:
    return (*tokens, *(PAD,) * (length - len(tokens)))


# --8<-- [start:padded_example]
def padded_states(
    tokens: tuple[str, ...], length: int, concepts: tuple[str, ...]
) -> np.ndarray:
    """Toy states of ``tokens`` followed by zero rows up to ``length``: (length, d)."""
    states = toy_states(tokens, concepts)
    return np.pad(states, ((0, length - len(tokens)), (0, 0)))  # a padding row is all zeros


def padded_example() -> PaddedExample:
    """Batch the worked example's pair with "the cat sat" -> "el gato se sentó"."""
    pairs = ((SOURCE_EN, TARGET_ES), (SHORT_EN, SHORT_ES))
    n = max(len(src) for src, _ in pairs)  # 7 source positions
    m = max(len(tgt) for _, tgt in pairs)  # 8 target positions
    concepts = tuple(dict.fromkeys(SOURCE_EN))
    source = np.stack([padded_states(src, n, concepts) for src, _ in pairs])  # (2, n, d)
    target = np.stack([padded_states(tgt, m, concepts) for _, tgt in pairs])  # (2, m, d)
    # Only the source padding mask, one row per sentence for all m queries. No causal mask
    # over the source: the encoder has read the whole sentence before the decoder starts.
    mask = padding_mask([len(src) for src, _ in pairs], n)  # (2, 1, n)
    identity = np.eye(source.shape[-1])
    _, weights = cross_attention(target, source, identity, identity, identity, mask=mask)
    _, unmasked = cross_attention(target, source, identity, identity, identity)  # mask=None
    return PaddedExample(
        sources=tuple(_padded(src, n) for src, _ in pairs),
        targets=tuple(_padded(tgt, m) for _, tgt in pairs),
        mask=mask, weights=weights, unmasked=unmasked,
    )
# --8<-- [end:padded_example]


def print_padded_example(out: Callable[..., object] = print) -> None:
    """Print the padded pair with ``out`` (pages pass markdown-exec's ``print``)."""
    ex = padded_example()
    b = 1  # the short pair: "the cat sat" + 4 × <pad>
    length = int(ex.mask[b, 0].sum())
    out("mask.shape =", ex.mask.shape, " weights.shape =", ex.weights.shape)
    out("mask[1, 0] =", " ".join(str(int(allowed)) for allowed in ex.mask[b, 0]))
    out(" " * 9 + "".join(f"{s:>7}" for s in ex.sources[b]) + "      Σ")
    words = [t for t in ex.targets[b] if t != PAD]  # padded target rows are never used
    for token, row in zip(words, ex.weights[b, : len(words)], strict=True):
        out(f"{token:>8} " + "".join(f"{w:7.3f}" for w in row) + f"{row.sum():7.3f}")
    leaked = ex.unmasked[b, : len(words), length:].sum(axis=-1)  # weight on <pad>, no mask
    pads = "  ".join(f"{t} {w:.3f}" for t, w in zip(words, leaked, strict=True))
    out("mask=None → Σ <pad>:", pads)


@dataclass(frozen=True)
class MultiHeadCrossExample:
    """The worked example's pair through four attention heads."""

    source: tuple[str, ...]
    target: tuple[str, ...]
    weights: np.ndarray  # (4, 8, 7): one m × n weight matrix per head
    output: np.ndarray  # (8, 8)
    # (8, 4): each head's top source word per target word; None where the row is flat
    choices: tuple[tuple[str | None, ...], ...]


# --8<-- [start:multi_head_example]
def multi_head_example() -> MultiHeadCrossExample:
    """Spanish queries, English keys and values, h = 4 heads of width 2 (d_model = 8)."""
    concepts = tuple(dict.fromkeys(SOURCE_EN))  # the, black, cat, sat, on, mat
    source, target = toy_states(SOURCE_EN, concepts), toy_states(TARGET_ES, concepts)
    # Identity projections, as in the one-head example: head r then sees only columns
    # 2r-1 and 2r of the states, i.e. h1 "the"/"black", h2 "cat"/"sat", h3 "on"/"mat",
    # h4 the position code.
    identity = np.eye(target.shape[-1])
    params = MultiHeadParams(identity, identity, identity, identity, num_heads=4)
    # x_q = target, x_kv = source; no mask: nothing is padded, the whole source is visible.
    output, weights = multi_head_attention(target, source, params)  # weights (h, m, n)
    flat = np.ptp(weights, axis=-1) < 1e-9  # (h, m): equal scores, no preferred word
    best = weights.argmax(axis=-1)  # (h, m): first source position with the top weight
    choices = tuple(
        tuple(None if flat[r, i] else SOURCE_EN[best[r, i]] for r in range(len(weights)))
        for i in range(len(TARGET_ES))
    )
    return MultiHeadCrossExample(SOURCE_EN, TARGET_ES, weights, output, choices)
# --8<-- [end:multi_head_example]


def print_multi_head_example(out: Callable[..., object] = print) -> None:
    """Print each head's top source word and weight per target word ("—": flat row)."""
    ex = multi_head_example()
    out("weights.shape =", ex.weights.shape, " output.shape =", ex.output.shape)
    heads = range(1, len(ex.weights) + 1)  # h1…h4: numbered from 1, as on the pages
    out(" " * 10 + "".join(f"{f'h{r}':>13}" for r in heads))
    for i, (token, words) in enumerate(zip(ex.target, ex.choices, strict=True)):
        cells = "".join(f"{word or '—':>7} {w[i].max():.3f}"
                        for word, w in zip(words, ex.weights, strict=True))
        out(f"{token:>8}  {cells}")


if __name__ == "__main__":
    print_example()
    print()
    print_padded_example()
    print()
    print_multi_head_example()
