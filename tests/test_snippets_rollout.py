"""Attention rollout and gradient-weighted relevance against hand-computed cases."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from snippets.rollout import (
    TOKENS,
    attention_flow,
    gradient_weighted_relevance,
    previous_token_stack,
    print_example,
    rollout,
)
from snippets.softmax import softmax
from tests import oracle


def test_previous_token_heads_roll_out_to_binomial_weights(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # (½ I + ½ S)³ with S the shift: row "mat" gets C(3, k) / 8 on the k-th token back
    row = rollout(previous_token_stack())[TOKENS.index("mat")]
    np.testing.assert_allclose(row[::-1][:4], [math.comb(3, k) / 8 for k in range(4)])
    print_example()
    printed = capsys.readouterr().out
    assert "Ã (mat)        0.000  0.000  0.125  0.375  0.375  0.125" in printed
    # flow, by hand: "on" reaches "mat" by two edge-disjoint-enough paths of capacity ½ each
    # (its two out-edges carry ½ each), "sat" by the single path of three steps back
    assert "F (mat)        0.000  0.000  0.500  1.000  1.000  0.500" in printed


def min_cut(layers: np.ndarray, source: int, sink: int) -> float:
    """Independent oracle: the smallest cut of the layered graph, by trying every cut.

    Max-flow min-cut theorem: the maximum flow equals the capacity of the smallest set of
    edges whose removal separates the source from the sink. Plain Python, no numpy maths.
    """
    n_layers, n = len(layers), len(layers[0])
    nodes = [(layer, t) for layer in range(n_layers + 1) for t in range(n)]
    middle = [v for v in nodes if v not in ((0, source), (n_layers, sink))]
    best = math.inf
    for mask in range(2 ** len(middle)):
        side = {(0, source)} | {v for k, v in enumerate(middle) if mask >> k & 1}
        cut = 0.0
        for layer in range(1, n_layers + 1):
            for i in range(n):
                for j in range(n):
                    if (layer - 1, j) in side and (layer, i) not in side:
                        cut += 0.5 * layers[layer - 1][i][j] + 0.5 * (i == j)
        best = min(best, cut)
    return best


@settings(max_examples=15, deadline=None)
@given(hnp.arrays(np.float64, (2, 3, 3), elements=st.floats(-3, 3, width=64)))
def test_flow_equals_the_minimum_cut(scores: np.ndarray) -> None:
    layers = softmax(scores)
    flow = attention_flow(layers)
    nested = layers.tolist()
    for i in range(3):
        for j in range(3):
            assert flow[i, j] == pytest.approx(min_cut(nested, j, i), abs=1e-9)


@settings(max_examples=40, deadline=None)
@given(hnp.arrays(np.float64, (3, 2, 4, 4), elements=st.floats(-3, 3, width=64)))
def test_rollout_matches_a_loop_product_and_keeps_rows_stochastic(scores: np.ndarray) -> None:
    layers = softmax(scores)
    expected = np.eye(4).tolist()
    for layer in layers:  # plain-Python product, first layer first
        mixed = [[0.5 * sum(layer[h][i][j] for h in range(2)) / 2 + 0.5 * (i == j)
                  for j in range(4)] for i in range(4)]
        expected = oracle.matmul(mixed, expected)
    got = rollout(layers)
    np.testing.assert_allclose(got, expected, atol=1e-12)
    np.testing.assert_allclose(got.sum(axis=1), 1.0)


def test_relevance_with_unit_gradients_is_the_product_of_i_plus_a() -> None:
    a = softmax(np.arange(2 * 1 * 3 * 3, dtype=float).reshape(2, 1, 3, 3) % 4)
    got = gradient_weighted_relevance(a, np.ones_like(a))
    np.testing.assert_allclose(got, (np.eye(3) + a[1, 0]) @ (np.eye(3) + a[0, 0]))
    # negative gradient × weight products are dropped before the head average
    assert np.array_equal(gradient_weighted_relevance(a, -np.ones_like(a)), np.eye(3))


@pytest.mark.parametrize(("call", "message"), [
    (lambda: rollout(np.ones((2, 3, 4))), r"\(L, n, n\) or \(L, h, n, n\).*\(2, 3, 4\)"),
    (lambda: rollout(-np.ones((1, 2, 2))), r"non-negative"),
    (lambda: attention_flow(-np.ones((1, 2, 2))), r"non-negative"),
    (lambda: attention_flow(np.ones((2, 2))), r"\(L, n, n\) or \(L, h, n, n\).*\(2, 2\)"),
    (lambda: gradient_weighted_relevance(np.ones((1, 1, 2, 2)), np.ones((1, 2, 2, 2))),
     r"same shape.*\(1, 1, 2, 2\).*\(1, 2, 2, 2\)"),
    (lambda: previous_token_stack(("a",)), r"at least 1 layer and 2 tokens, got 3 and 1"),
])
def test_bad_input_is_named(call, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()
