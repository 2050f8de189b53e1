"""Multi-head attention: h scaled dot-product attentions in parallel, in subspaces.

Each head projects the inputs to d_head = d_model / h dimensions, attends there, and
the heads' outputs are concatenated and mixed by W_o (Vaswani et al., 2017).

Public API
----------
``MultiHeadParams(w_q, w_k, w_v, w_o, num_heads)``
    w_q (d_model, d_model), w_k and w_v (d_kv, d_model), w_o (d_model, d_model);
    d_kv is the width of the key/value input (d_model for self-attention).
``init_params(d_model, num_heads, d_kv=None, name="mha") -> MultiHeadParams``
    Fixed random toy weights (deterministic).
``split_heads(x, num_heads)``: (..., L, d_model) -> (..., h, L, d_model / h).
``merge_heads(x)``: (..., h, L, d_head) -> (..., L, h * d_head).
``multi_head_attention(x_q, x_kv, params, mask=None) -> (output, weights)``
    x_q (..., m, d_model) gives queries, x_kv (..., n, d_kv) keys and values
    (pass the same array twice for self-attention, two different ones for
    cross-attention). ``mask`` broadcastable to (..., m, n), shared by every head
    (True = may attend). Returns output (..., m, d_model), weights (..., h, m, n).
``example() -> MultiHeadExample`` / ``print_example()``

Sections for pages: ``split_merge``, ``multi_head_attention``, ``example``.
Run: ``python -m snippets.multihead``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as `python snippets/multihead.py`: make `snippets` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np
from numpy.typing import ArrayLike

from snippets._checks import as_float_array, broadcast_batch, check_mask, check_min_ndim
from snippets.attention import scaled_dot_product_attention
from snippets.masks import causal_mask
from snippets.toy_data import SENTENCE, embed, projection


@dataclass(frozen=True)
class MultiHeadParams:
    """Projection weights of one multi-head attention layer."""

    w_q: np.ndarray  # (d_model, d_model)
    w_k: np.ndarray  # (d_kv, d_model)
    w_v: np.ndarray  # (d_kv, d_model)
    w_o: np.ndarray  # (d_model, d_model)
    num_heads: int

    def __post_init__(self) -> None:
        d_model = self.w_q.shape[-1]
        if self.num_heads < 1 or d_model % self.num_heads:
            raise ValueError(
                f"num_heads={self.num_heads} must be >= 1 and divide d_model={d_model}"
            )
        expected = {"w_q": (d_model, d_model), "w_o": (d_model, d_model)}
        d_kv = self.w_k.shape[0]
        expected |= {"w_k": (d_kv, d_model), "w_v": (d_kv, d_model)}
        for name, shape in expected.items():
            if getattr(self, name).shape != shape:
                raise ValueError(
                    f"{name} must have shape {shape}, got {getattr(self, name).shape}"
                )


def init_params(
    d_model: int, num_heads: int, d_kv: int | None = None, name: str = "mha"
) -> MultiHeadParams:
    """Deterministic toy weights for a layer with ``num_heads`` heads of width d_model/h."""
    d_kv = d_model if d_kv is None else d_kv
    return MultiHeadParams(
        w_q=projection(f"{name}.w_q", d_model, d_model),
        w_k=projection(f"{name}.w_k", d_kv, d_model),
        w_v=projection(f"{name}.w_v", d_kv, d_model),
        w_o=projection(f"{name}.w_o", d_model, d_model),
        num_heads=num_heads,
    )


# --8<-- [start:split_merge]
def split_heads(x: np.ndarray, num_heads: int) -> np.ndarray:
    """(..., L, d_model) -> (..., h, L, d_head) with d_head = d_model / h."""
    *batch, length, d_model = x.shape
    if num_heads < 1 or d_model % num_heads:
        raise ValueError(f"num_heads={num_heads} must divide d_model={d_model} (shape {x.shape})")
    x = x.reshape(*batch, length, num_heads, d_model // num_heads)
    return np.swapaxes(x, -3, -2)  # heads become a batch axis


def merge_heads(x: np.ndarray) -> np.ndarray:
    """(..., h, L, d_head) -> (..., L, h * d_head): concatenate the heads."""
    *batch, heads, length, d_head = x.shape
    return np.swapaxes(x, -3, -2).reshape(*batch, length, heads * d_head)
# --8<-- [end:split_merge]


# --8<-- [start:multi_head_attention]
def multi_head_attention(
    x_q: ArrayLike,
    x_kv: ArrayLike,
    params: MultiHeadParams,
    mask: ArrayLike | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Multi-head attention of x_q's positions over x_kv's positions.

    Shapes: x_q (..., m, d_model), x_kv (..., n, d_kv), mask broadcastable to
    (..., m, n) -> output (..., m, d_model), weights (..., h, m, n).
    """
    x_q, x_kv = as_float_array("x_q", x_q), as_float_array("x_kv", x_kv)
    check_min_ndim("x_q", x_q, 2, "(..., m, d_model)")
    check_min_ndim("x_kv", x_kv, 2, "(..., n, d_kv)")
    if x_q.shape[-1] != params.w_q.shape[0] or x_kv.shape[-1] != params.w_k.shape[0]:
        raise ValueError(
            f"x_q {x_q.shape} and x_kv {x_kv.shape} do not fit w_q {params.w_q.shape} "
            f"and w_k {params.w_k.shape}"
        )
    dtype = np.result_type(x_q, x_kv)  # float32 inputs keep float32 weights
    h = params.num_heads
    q = split_heads(x_q @ params.w_q.astype(dtype), h)  # (..., h, m, d_head)
    k = split_heads(x_kv @ params.w_k.astype(dtype), h)  # (..., h, n, d_head)
    v = split_heads(x_kv @ params.w_v.astype(dtype), h)
    if mask is not None:
        batch = broadcast_batch({"x_q": x_q.shape[:-2], "x_kv": x_kv.shape[:-2]})
        mask = check_mask(mask, (*batch, x_q.shape[-2], x_kv.shape[-2]))
        mask = np.expand_dims(mask, axis=-3)  # same mask for every head
    heads, weights = scaled_dot_product_attention(q, k, v, mask=mask)
    return merge_heads(heads) @ params.w_o.astype(dtype), weights
# --8<-- [end:multi_head_attention]


@dataclass(frozen=True)
class MultiHeadExample:
    """Causal self-attention over "the cat sat on the mat" with 4 heads."""

    tokens: tuple[str, ...]
    weights: np.ndarray  # (4, 6, 6): one weight matrix per head
    output: np.ndarray  # (6, 8)


# --8<-- [start:example]
def example() -> MultiHeadExample:
    """Four heads of width 2 (d_model = 8), each with its own weight matrix."""
    d_model, heads = 8, 4
    x = embed(SENTENCE, d_model)  # (6, 8)
    params = init_params(d_model, heads)
    mask = causal_mask(len(SENTENCE))  # a decoder-style layer: no peeking ahead
    output, weights = multi_head_attention(x, x, params, mask=mask)
    return MultiHeadExample(SENTENCE, weights, output)
# --8<-- [end:example]


def print_example(out: Callable[..., object] = print) -> None:
    """Print the worked example with ``out`` (pages pass markdown-exec's ``print``)."""
    ex = example()
    query = ex.tokens.index("mat")
    out(" " * 6 + "".join(f"{t:>7}" for t in ex.tokens))
    for head, w in enumerate(ex.weights, start=1):  # h1..h4, as the figure's panels
        out(f"h{head} {ex.tokens[query]:>3}" + "".join(f"{x:7.3f}" for x in w[query]))
    out("output.shape =", ex.output.shape, " weights.shape =", ex.weights.shape)


if __name__ == "__main__":
    print_example()
