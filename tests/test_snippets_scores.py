"""Scoring functions: worked example against the oracle, shapes, batching, errors."""

from __future__ import annotations

import math

import numpy as np
import pytest

from snippets.scores import (
    additive_scores,
    dot_scores,
    example,
    multiplicative_scores,
    print_example,
    scaled_dot_scores,
)
from snippets.toy_data import SENTENCE, embed, projection
from tests import oracle


def test_example_matches_oracle_and_printout(capsys: pytest.CaptureFixture[str]) -> None:
    x = embed(SENTENCE, 4).tolist()
    q = [x[2]]  # "sat"
    dot = oracle.matmul(q, oracle.transpose(x))[0]
    general = oracle.matmul(oracle.matmul(q, projection("w", 4, 4).tolist()), oracle.transpose(x))
    additive = oracle.additive_scores_2d(q, x, projection("w_q", 4, 3).tolist(),
                                         projection("w_k", 4, 3).tolist(),
                                         projection("v_a", 3, 1)[:, 0].tolist())
    ex = example()
    assert ex.query == "sat" and ex.keys == SENTENCE
    np.testing.assert_allclose(ex.scores["dot"], dot, atol=1e-12)
    np.testing.assert_allclose(ex.scores["scaled_dot"], np.array(dot) / 2.0, atol=1e-12)
    np.testing.assert_allclose(ex.scores["multiplicative"], general[0], atol=1e-12)
    np.testing.assert_allclose(ex.scores["additive"], additive[0], atol=1e-12)
    print_example()
    lines = capsys.readouterr().out.splitlines()
    assert lines[2].split() == ["dot", *(f"{s:.3f}" for s in dot)]
    # a vector matches itself best under the plain dot product
    assert int(np.argmax(ex.scores["dot"])) == SENTENCE.index("sat")


def test_batched_shapes_with_m_different_from_n() -> None:
    rng = np.random.default_rng(0)
    q, k = rng.normal(size=(2, 3, 4)), rng.normal(size=(2, 5, 4))
    assert dot_scores(q, k).shape == (2, 3, 5)
    np.testing.assert_allclose(scaled_dot_scores(q, k), dot_scores(q, k) / 2.0)
    np.testing.assert_allclose(scaled_dot_scores(q, k, scale=0.1), dot_scores(q, k) * 0.1)
    w = rng.normal(size=(4, 6))
    k6 = rng.normal(size=(5, 6))  # multiplicative scores allow d_q != d_k
    got = multiplicative_scores(q, k6, w)
    assert got.shape == (2, 3, 5)
    np.testing.assert_allclose(got[1], oracle.matmul(oracle.matmul(q[1].tolist(), w.tolist()),
                                                     oracle.transpose(k6.tolist())), atol=1e-12)
    w_q, w_k, v_a = rng.normal(size=(4, 7)), rng.normal(size=(6, 7)), rng.normal(size=7)
    add = additive_scores(q, k6, w_q, w_k, v_a)
    assert add.shape == (2, 3, 5)
    np.testing.assert_allclose(add[0], oracle.additive_scores_2d(
        q[0].tolist(), k6.tolist(), w_q.tolist(), w_k.tolist(), v_a.tolist()), atol=1e-12)


def test_float32_scores_stay_float32() -> None:
    q = np.ones((3, 16), np.float32)
    assert scaled_dot_scores(q, q).dtype == np.float32
    assert dot_scores(q, q).dtype == np.float32
    assert scaled_dot_scores(q, q)[0, 0] == pytest.approx(16 / 4)


def test_errors_name_the_shapes() -> None:
    q, k = np.zeros((3, 4)), np.zeros((5, 2))
    with pytest.raises(ValueError, match=r"q has shape \(3, 4\), k has shape \(5, 2\)"):
        dot_scores(q, k)
    with pytest.raises(ValueError, match=r"w must have shape \(d_q=3, d_k=2\), got shape \(2, 2\)"):
        multiplicative_scores(np.zeros((1, 3)), k, np.zeros((2, 2)))
    with pytest.raises(ValueError, match=r"w_k must have shape \(d_k=2, d_a=7\), got shape \(2, 6"):
        additive_scores(q, k, np.zeros((4, 7)), np.zeros((2, 6)), np.zeros(7))
    with pytest.raises(ValueError, match=r"v_a must have shape \(d_a=7,\), got shape \(6,\)"):
        additive_scores(q, k, np.zeros((4, 7)), np.zeros((2, 7)), np.zeros(6))
    with pytest.raises(ValueError, match=r"batch dimensions do not broadcast: q \(2,\), k \(3,\)"):
        dot_scores(np.zeros((2, 1, 4)), np.zeros((3, 1, 4)))
    with pytest.raises(ValueError, match="scale must be a finite number > 0, got -1"):
        scaled_dot_scores(q, q, scale=-1)
    with pytest.raises(ValueError, match=r"k \(shape \(1, 1\)\) contains 1 non-finite"):
        dot_scores(np.zeros((1, 1)), np.array([[math.inf]]))
