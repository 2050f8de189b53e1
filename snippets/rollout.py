"""Attention rollout and flow (Abnar and Zuidema, 2020); gradient-weighted relevance (Chefer).

Rollout follows information down a stack of self-attention layers: each layer's
head-averaged weights are mixed half and half with the identity (the residual
connection), and the layers are multiplied from the first upwards. Flow uses the same
mixed matrices as the capacities of a layered graph and computes maximum flows. Chefer et al. (2021,
"generic") weight each head's attention by its gradient, keep the positive part,
average over heads and accumulate R <- R + Ā R from R = I.

Public API
----------
``rollout(layers) -> ndarray``
    layers (L, n, n) or (L, h, n, n) self-attention weights, first layer first -> (n, n);
    rows sum to 1 when the input rows do.
``attention_flow(layers) -> ndarray``
    layers as for ``rollout`` -> (n, n): entry (i, j) is the maximum flow from input token j
    to position i of the last layer.
``gradient_weighted_relevance(layers, gradients) -> ndarray``
    layers and gradients (L, h, n, n) -> relevance (n, n).
``previous_token_stack(tokens, layers=3) -> ndarray`` and ``print_example()``
    The worked example: three layers of a head that looks at the previous token.

Sections for pages (pymdownx.snippets): ``rollout``, ``flow``, ``example``.
Run: ``python -m snippets.rollout``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from numpy.typing import ArrayLike

from snippets._checks import as_float_array

TOKENS = ("the", "cat", "sat", "on", "the", "mat")


def _stack(name: str, layers: ArrayLike) -> np.ndarray:
    """(L, n, n) or (L, h, n, n) as (L, h, n, n), with square, non-negative matrices."""
    given = as_float_array(name, layers)
    a = given[:, None] if given.ndim == 3 else given
    if a.ndim != 4 or a.shape[-1] != a.shape[-2] or a.shape[0] == 0:
        raise ValueError(f"{name} must have shape (L, n, n) or (L, h, n, n) with L >= 1, "
                         f"got shape {given.shape}")
    return a


# --8<-- [start:rollout]
def rollout(layers: ArrayLike) -> np.ndarray:
    """Ã = Â_L ... Â_2 Â_1 with Â_l = ½ mean_h(A_l) + ½ I.

    Shapes: layers (L, n, n) or (L, h, n, n), first layer first -> (n, n). Row i of the
    result distributes query i of the last layer over the input tokens.
    """
    a = _stack("layers", layers)
    if np.any(a < 0):
        raise ValueError(f"attention weights must be non-negative, got a minimum of {a.min():.3g}")
    n = a.shape[-1]
    result = np.eye(n)
    for layer in a:  # first layer first: each new layer multiplies from the left
        result = (0.5 * layer.mean(axis=0) + 0.5 * np.eye(n)) @ result
    return result
# --8<-- [end:rollout]


def _max_flow(capacity: np.ndarray, source: int, sink: int) -> float:
    """Edmonds-Karp: augment along shortest paths until none is left. capacity (N, N)."""
    residual = capacity.copy()
    total = 0.0
    while True:
        parent = np.full(len(residual), -1)
        parent[source] = source
        queue = [source]
        while queue and parent[sink] < 0:  # breadth-first search for an augmenting path
            u = queue.pop(0)
            for v in np.flatnonzero((residual[u] > 1e-12) & (parent < 0)):
                parent[v] = u
                queue.append(int(v))
        if parent[sink] < 0:
            return total
        path, v = [], sink
        while v != source:
            path.append((int(parent[v]), v))
            v = int(parent[v])
        push = min(residual[u, v] for u, v in path)
        for u, v in path:
            residual[u, v] -= push
            residual[v, u] += push
        total += push


# --8<-- [start:flow]
def attention_flow(layers: ArrayLike) -> np.ndarray:
    """Maximum flow from each input token to each position of the last layer.

    Shapes: layers (L, n, n) or (L, h, n, n), first layer first -> (n, n). Node (l, j) is
    token j after layer l (l = 0 is the input); the edge (l - 1, j) -> (l, i) has capacity
    Â_l[i, j] = ½ mean_h(A_l)[i, j] + ½ [i = j], the matrix that rollout multiplies.
    """
    a = _stack("layers", layers)
    if np.any(a < 0):
        raise ValueError(f"attention weights must be non-negative, got a minimum of {a.min():.3g}")
    n_layers, n = a.shape[0], a.shape[-1]
    capacity = np.zeros(((n_layers + 1) * n,) * 2)
    for layer, weights in enumerate(a, start=1):
        mixed = 0.5 * weights.mean(axis=0) + 0.5 * np.eye(n)
        below, above = (layer - 1) * n, layer * n
        capacity[below:below + n, above:above + n] = mixed.T  # from key j up to query i
    top = n_layers * n
    return np.array([[_max_flow(capacity, j, top + i) for j in range(n)] for i in range(n)])
# --8<-- [end:flow]


def gradient_weighted_relevance(layers: ArrayLike, gradients: ArrayLike) -> np.ndarray:
    """R_L, with R_0 = I and R_l = R_(l-1) + Ā_l R_(l-1), Ā_l = mean_h (∇A_l ⊙ A_l)⁺.

    Shapes: layers (L, h, n, n) attention weights, gradients (L, h, n, n) gradients of
    the explained output with respect to those weights -> (n, n).
    """
    a = _stack("layers", layers)
    g = _stack("gradients", gradients)
    if a.shape != g.shape:
        raise ValueError(f"layers and gradients must have the same shape, got {a.shape} "
                         f"and {g.shape}")
    n = a.shape[-1]
    relevance = np.eye(n)
    for weights, grads in zip(a, g, strict=True):
        mean = np.maximum(grads * weights, 0).mean(axis=0)  # positive part, then head mean
        relevance = relevance + mean @ relevance
    return relevance


def previous_token_stack(tokens: Sequence[str] = TOKENS, layers: int = 3) -> np.ndarray:
    """(layers, n, n): in every layer each token puts all its weight on the token before it
    (the first token, which has none, on itself)."""
    if layers < 1 or len(tokens) < 2:
        raise ValueError(f"need at least 1 layer and 2 tokens, got {layers} and {len(tokens)}")
    n = len(tokens)
    one = np.eye(n, k=-1)
    one[0, 0] = 1.0
    return np.repeat(one[None], layers, axis=0)


# --8<-- [start:example]
def print_example(out: Callable[..., object] = print) -> None:
    """Row "mat": the last layer's raw weights, the rollout and the flow through three layers."""
    stack = previous_token_stack()
    i = TOKENS.index("mat")
    rolled, flow = rollout(stack), attention_flow(stack)
    out(f"{'':<13}" + "".join(f"{t:>7}" for t in TOKENS))
    out(f"{'A_3 (mat)':<13}" + "".join(f"{w:>7.3f}" for w in stack[-1][i]))
    out(f"{'Ã (mat)':<13}" + "".join(f"{w:>7.3f}" for w in rolled[i]))
    out(f"{'F (mat)':<13}" + "".join(f"{w:>7.3f}" for w in flow[i]))
# --8<-- [end:example]


if __name__ == "__main__":
    print_example()
