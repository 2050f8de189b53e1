"""N learned queries summarise an input of any length; the contrast with early fusion.

DETR's object queries, the Perceiver's latent array, Flamingo's Perceiver Resampler and
BLIP-2's Q-Former share one pattern: a fixed number N of learned vectors are the queries
of a cross-attention whose keys and values come from the input. Whatever the input length
n, the output has N rows. Early fusion (as in LLaVA) instead projects every input vector
into the language model's embedding space and puts all n of them into its sequence.

Public API
----------
``learned_query_attention(queries, inputs, w_k, w_v, mask=None) -> (output, weights)``
    queries (N, d_k) are parameters, inputs (..., n, d_in), w_k (d_in, d_k),
    w_v (d_in, d_v) -> output (..., N, d_v), weights (..., N, n).
``early_fusion(visual, text, w_proj) -> (n + t, d_model)``
    visual (n, d_in) projected by w_proj (d_in, d_model) and put before text (t, d_model).
``score_count(N, n, t) -> (connector, with_queries, early)``
    Query-key scores: N·n in the connector's cross-attention; (N + t)² in one
    self-attention layer of a language model that reads the N outputs plus t text tokens
    (as BLIP-2 does); (n + t)² in one such layer with early fusion (n visual + t text).
``example() -> LearnedQueryExample`` / ``print_example(out, lang)``
    N = 4 queries over inputs of 3, 16, 64 and 256 vectors.

Sections for pages: ``learned_queries``, ``example``.
Run: ``python -m snippets.learned_queries``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as `python snippets/learned_queries.py`: import `snippets`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np
from numpy.typing import ArrayLike

from snippets._checks import as_float_array, check_min_ndim
from snippets.attention import scaled_dot_product_attention


def _matrix(name: str, w: ArrayLike, rows: int, layout: str) -> np.ndarray:
    w = as_float_array(name, w)
    if w.ndim != 2 or w.shape[0] != rows:
        raise ValueError(f"{name} must have shape {layout}, got shape {w.shape}")
    return w


# --8<-- [start:learned_queries]
def learned_query_attention(
    queries: ArrayLike,
    inputs: ArrayLike,
    w_k: ArrayLike,
    w_v: ArrayLike,
    mask: ArrayLike | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """N learned queries read an input of n vectors; the output has N rows for every n.

    Shapes: queries (N, d_k), inputs (..., n, d_in), w_k (d_in, d_k), w_v (d_in, d_v),
    mask broadcastable to (..., N, n) -> output (..., N, d_v), weights (..., N, n).
    """
    queries, inputs = as_float_array("queries", queries), as_float_array("inputs", inputs)
    check_min_ndim("inputs", inputs, 2, "(..., n, d_in)")
    if queries.ndim != 2:
        raise ValueError(f"queries must have shape (N, d_k), got shape {queries.shape}")
    d_in, d_k = inputs.shape[-1], queries.shape[-1]
    w_k = _matrix("w_k", w_k, d_in, f"(d_in={d_in}, d_k={d_k})")
    w_v = _matrix("w_v", w_v, d_in, f"(d_in={d_in}, d_v)")
    if w_k.shape[1] != d_k:
        raise ValueError(f"w_k {w_k.shape} must project to the queries' d_k={d_k}")
    # The queries are parameters, not computed from any input: the same N for every input.
    return scaled_dot_product_attention(queries, inputs @ w_k, inputs @ w_v, mask=mask)
# --8<-- [end:learned_queries]


def early_fusion(visual: ArrayLike, text: ArrayLike, w_proj: ArrayLike) -> np.ndarray:
    """Project the visual vectors into the text embedding space and prepend them.

    Shapes: visual (n, d_in), text (t, d_model), w_proj (d_in, d_model) -> (n + t, d_model).
    """
    visual, text = as_float_array("visual", visual), as_float_array("text", text)
    if visual.ndim != 2 or text.ndim != 2:
        raise ValueError(f"visual (n, d_in) and text (t, d_model) must be 2-D, got shapes "
                         f"{visual.shape} and {text.shape}")
    w_proj = _matrix("w_proj", w_proj, visual.shape[1], f"(d_in={visual.shape[1]}, d_model)")
    if w_proj.shape[1] != text.shape[1]:
        raise ValueError(f"w_proj {w_proj.shape} must map to the text width {text.shape[1]}")
    return np.concatenate([visual @ w_proj, text])


def score_count(num_queries: int, n: int, t: int) -> tuple[int, int, int]:
    """Scores per layer: (N·n in the connector, (N + t)² in the language model after it,
    (n + t)² in the language model with early fusion)."""
    for name, value in (("num_queries", num_queries), ("n", n), ("t", t)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError(f"{name} must be a non-negative integer, got {value!r}")
    return num_queries * n, (num_queries + t) ** 2, (n + t) ** 2


@dataclass(frozen=True)
class LearnedQueryExample:
    """Four learned queries over inputs of four different lengths."""

    lengths: tuple[int, ...]
    outputs: tuple[np.ndarray, ...]  # each (4, d_v)
    weights: tuple[np.ndarray, ...]  # each (4, n)
    shuffle_change: float  # max |output change| when the 256 inputs are shuffled
    fused_shapes: tuple[tuple[int, int], ...]  # early fusion: (n + t, d_model) per length
    text_tokens: int
    counts: tuple[tuple[int, int, int], ...]  # score_count per length


# --8<-- [start:example]
def example() -> LearnedQueryExample:
    """N = 4 learned queries (d_k = 8) over n = 3, 16, 64, 256 input vectors (d_in = 6)."""
    rng = np.random.default_rng(2023)
    num_queries, d_in, d_k, d_v, t = 4, 6, 8, 8, 12  # t: text tokens of the prompt
    queries = rng.normal(size=(num_queries, d_k))  # learned in training; random here
    w_k, w_v = rng.normal(size=(d_in, d_k)), rng.normal(size=(d_in, d_v))
    w_proj, text = rng.normal(size=(d_in, d_v)), rng.normal(size=(t, d_v))
    lengths = (3, 16, 64, 256)
    inputs = [rng.normal(size=(n, d_in)) for n in lengths]
    results = [learned_query_attention(queries, x, w_k, w_v) for x in inputs]
    shuffled, _ = learned_query_attention(queries, rng.permutation(inputs[-1]), w_k, w_v)
    return LearnedQueryExample(
        lengths=lengths,
        outputs=tuple(out for out, _ in results),
        weights=tuple(w for _, w in results),
        shuffle_change=round(float(np.abs(shuffled - results[-1][0]).max()), 12),  # float noise
        fused_shapes=tuple(early_fusion(x, text, w_proj).shape for x in inputs),
        text_tokens=t,
        counts=tuple(score_count(num_queries, n, t) for n in lengths),
    )


LABELS = {
    "en": {"out": "output", "fused": "early fusion", "scores": "scores per layer",
           "shuffle": "max |change| after shuffling the 256 inputs"},
    "es": {"out": "salida", "fused": "fusión temprana", "scores": "puntuaciones por capa",
           "shuffle": "máx. |cambio| al barajar las 256 entradas"},
}
# --8<-- [end:example]


THOUSANDS = {"en": ",", "es": "\u00a0"}  # Spanish (RAE): a no-break space, from five digits


def grouped(count: int, separator: str) -> str:
    """71,824 with separator ","; numbers under 10 000 are not grouped (5776)."""
    return f"{count:,}".replace(",", separator) if count >= 10_000 else str(count)


def print_example(out: Callable[..., object] = print, lang: str = "en") -> None:
    """Print output shapes and score counts per input length, labels in ``lang``."""
    if lang not in LABELS:
        raise ValueError(f"unknown language {lang!r}; expected one of {sorted(LABELS)}")
    t, ex = LABELS[lang], example()
    out(f"{'':>4} {t['out']:>8} {t['fused']:>16} | {t['scores']}")
    out(f"{'n':>4} {'(N, d_v)':>8} {'(n+t, d)':>16} | {'N·n':>7} {'(N+t)²':>7} {'(n+t)²':>7}")
    for n, o, fused, counts in zip(ex.lengths, ex.outputs, ex.fused_shapes, ex.counts,
                                   strict=True):
        out(f"{n:>4} {o.shape!s:>8} {fused!s:>16} | "
            + " ".join(f"{grouped(c, THOUSANDS[lang]):>7}" for c in counts))
    out(f"{t['shuffle']}: {ex.shuffle_change:.1e}")


if __name__ == "__main__":
    print_example()
    print_example(lang="es")
