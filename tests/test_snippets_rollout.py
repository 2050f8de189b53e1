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
    assert "Ã (mat)        0.000  0.000  0.125  0.375  0.375  0.125" in capsys.readouterr().out


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
    (lambda: gradient_weighted_relevance(np.ones((1, 1, 2, 2)), np.ones((1, 2, 2, 2))),
     r"same shape.*\(1, 1, 2, 2\).*\(1, 2, 2, 2\)"),
    (lambda: previous_token_stack(("a",)), r"at least 1 layer and 2 tokens, got 3 and 1"),
])
def test_bad_input_is_named(call, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()
