"""An independent reference implementation in plain Python: lists, loops, math.exp.

It shares no code with ``snippets`` (no NumPy maths at all: NumPy is used only to
turn arrays into nested lists and back), so agreement between the two is evidence
that both are right rather than that one function equals itself.
Convention: mask entries True = may attend; a row with nothing allowed gets zeros.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

import numpy as np

Matrix = list[list[float]]


def softmax_row(row: Sequence[float], allowed: Sequence[bool] | None = None,
                temperature: float = 1.0) -> list[float]:
    """Softmax of one row over the allowed entries; zeros if nothing is allowed."""
    allowed = [True] * len(row) if allowed is None else list(allowed)
    kept = [x / temperature for x, ok in zip(row, allowed, strict=True) if ok]
    if not kept:
        return [0.0] * len(row)
    top = max(kept)
    exps = [math.exp(x / temperature - top) if ok else 0.0
            for x, ok in zip(row, allowed, strict=True)]
    total = sum(exps)
    return [e / total for e in exps]


def matmul(a: Matrix, b: Matrix) -> Matrix:
    """(p, r) x (r, s) -> (p, s) with three loops."""
    return [[sum(a[i][t] * b[t][j] for t in range(len(b))) for j in range(len(b[0]))]
            for i in range(len(a))]


def transpose(a: Matrix) -> Matrix:
    return [list(col) for col in zip(*a, strict=True)]


def attention_2d(q: Matrix, k: Matrix, v: Matrix, mask: list[list[bool]] | None = None,
                 scale: float | None = None) -> tuple[Matrix, Matrix]:
    """One (m, d_k) x (n, d_k) x (n, d_v) attention: returns (output, weights)."""
    d_k = len(q[0])
    scale = 1.0 / math.sqrt(d_k) if scale is None else scale
    weights = []
    for i, qi in enumerate(q):
        scores = [scale * sum(a * b for a, b in zip(qi, kj, strict=True)) for kj in k]
        weights.append(softmax_row(scores, None if mask is None else mask[i]))
    output = [[sum(w * v[j][c] for j, w in enumerate(row)) for c in range(len(v[0]))]
              for row in weights]
    return output, weights


def attention(q: np.ndarray, k: np.ndarray, v: np.ndarray, mask: np.ndarray | None = None,
              scale: float | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Batched wrapper: loops over every index of the broadcast batch shape."""
    batch = np.broadcast_shapes(q.shape[:-2], k.shape[:-2], v.shape[:-2])
    m, n = q.shape[-2], k.shape[-2]
    if mask is not None:
        batch = np.broadcast_shapes(batch, np.shape(mask)[:-2])
        mask = np.broadcast_to(mask, (*batch, m, n))
    q, k, v = (np.broadcast_to(a, (*batch, *a.shape[-2:])) for a in (q, k, v))
    out = np.zeros((*batch, m, v.shape[-1]))
    weights = np.zeros((*batch, m, n))
    for index in itertools.product(*(range(s) for s in batch)):
        o, w = attention_2d(q[index].tolist(), k[index].tolist(), v[index].tolist(),
                            None if mask is None else mask[index].tolist(), scale)
        out[index], weights[index] = o, w
    return out, weights


def additive_scores_2d(q: Matrix, k: Matrix, w_q: Matrix, w_k: Matrix,
                       v_a: list[float]) -> Matrix:
    """Bahdanau scores v_a · tanh(q_i W_q + k_j W_k) for every (i, j)."""
    qw, kw = matmul(q, w_q), matmul(k, w_k)
    return [[sum(v * math.tanh(a + b) for v, a, b in zip(v_a, qi, kj, strict=True))
             for kj in kw] for qi in qw]


def multi_head_2d(x_q: Matrix, x_kv: Matrix, w_q: Matrix, w_k: Matrix, w_v: Matrix,
                  w_o: Matrix, heads: int, mask: list[list[bool]] | None = None
                  ) -> tuple[Matrix, list[Matrix]]:
    """Multi-head attention by slicing projected columns per head (no reshapes)."""
    q, k, v = matmul(x_q, w_q), matmul(x_kv, w_k), matmul(x_kv, w_v)
    width = len(q[0]) // heads
    concat: Matrix = [[] for _ in q]
    all_weights = []
    for h in range(heads):
        cols = slice(h * width, (h + 1) * width)
        o, w = attention_2d([r[cols] for r in q], [r[cols] for r in k], [r[cols] for r in v],
                            mask)
        for row, part in zip(concat, o, strict=True):
            row.extend(part)
        all_weights.append(w)
    return matmul(concat, w_o), all_weights


# Random inputs for the property tests (shared by several test files) -------------------

def attention_inputs(dtype: type = np.float64, max_len: int = 6, max_dim: int = 4):
    """Hypothesis strategy: (q, k, v, mask) with broadcastable batch dims, m != n allowed.

    The mask is None or boolean with one of the shapes (m, n), (*batch, m, n) or
    (*batch, 1, n) (a key padding mask); rows may be fully masked.
    """
    from hypothesis import strategies as st
    from hypothesis.extra import numpy as hnp

    @st.composite
    def build(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray | None]:
        batch = draw(hnp.array_shapes(min_dims=0, max_dims=2, min_side=1, max_side=3))
        m, n = draw(st.integers(1, max_len)), draw(st.integers(1, max_len))
        d_k, d_v = draw(st.integers(1, max_dim)), draw(st.integers(1, max_dim))
        # keys/values may share one batch entry across a batch axis (size 1 broadcasts)
        kv_batch = tuple(draw(st.sampled_from([s, 1])) for s in batch)
        elements = st.floats(-3, 3, allow_nan=False, width=32)
        q = draw(hnp.arrays(dtype, (*batch, m, d_k), elements=elements))
        k = draw(hnp.arrays(dtype, (*kv_batch, n, d_k), elements=elements))
        v = draw(hnp.arrays(dtype, (*kv_batch, n, d_v), elements=elements))
        mask_shape = draw(st.sampled_from([None, (m, n), (*batch, m, n), (*batch, 1, n)]))
        mask = None if mask_shape is None else draw(hnp.arrays(np.bool_, mask_shape))
        return q, k, v, mask

    return build()
