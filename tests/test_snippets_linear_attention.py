"""Linear attention: loop oracle, recurrent = parallel causal form, what is lost and kept."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from snippets.attention import scaled_dot_product_attention
from snippets.linear_attention import (
    elu_feature_map,
    implied_weights,
    linear_attention,
    linear_attention_recurrent,
    performer_error,
    print_performer_error,
    random_feature_map,
)

FAST = settings(max_examples=50, deadline=None)


def loop_elu(x: float) -> float:
    return x + 1.0 if x > 0 else math.exp(x)


def loop_linear(q, k, v, causal: bool) -> list[list[float]]:
    """Oracle: o_i = sum_j phi(q_i)·phi(k_j) v_j / sum_j phi(q_i)·phi(k_j), with loops."""
    out = []
    for i, qi in enumerate(q):
        fq = [loop_elu(a) for a in qi]
        keys = range(i + 1) if causal else range(len(k))
        sims = {j: sum(a * loop_elu(b) for a, b in zip(fq, k[j], strict=True)) for j in keys}
        total = sum(sims.values())
        out.append([sum(sims[j] * v[j][c] for j in keys) / total for c in range(len(v[0]))])
    return out


@st.composite
def qkv(draw: st.DrawFn, square: bool = False):
    m = draw(st.integers(1, 6))
    n = m if square else draw(st.integers(1, 6))
    d_k, d_v = draw(st.integers(1, 4)), draw(st.integers(1, 3))
    floats = st.floats(-3, 3, width=32)
    return (draw(hnp.arrays(np.float64, (m, d_k), elements=floats)),
            draw(hnp.arrays(np.float64, (n, d_k), elements=floats)),
            draw(hnp.arrays(np.float64, (n, d_v), elements=floats)))


@given(qkv())
@FAST
def test_linear_attention_matches_loop_oracle(inputs) -> None:
    q, k, v = inputs
    np.testing.assert_allclose(linear_attention(q, k, v),
                               loop_linear(q.tolist(), k.tolist(), v.tolist(), False),
                               rtol=1e-9, atol=1e-9)


@given(qkv(square=True))
@FAST
def test_recurrent_causal_form_matches_loop_oracle_and_implied_weights(inputs) -> None:
    q, k, v = inputs
    got = linear_attention(q, k, v, causal=True)
    np.testing.assert_allclose(got, loop_linear(q.tolist(), k.tolist(), v.tolist(), True),
                               rtol=1e-9, atol=1e-9)
    # the implied weights are row-stochastic and causal, but never stored by the function
    w = implied_weights(q, k, causal=True)
    np.testing.assert_allclose(w.sum(axis=-1), 1.0)
    assert np.all(np.triu(w, 1) == 0.0) and np.all(w >= 0.0)
    np.testing.assert_allclose(w @ v, got, rtol=1e-9, atol=1e-9)


def test_batched_recurrent_form_matches_per_item() -> None:
    rng = np.random.default_rng(1)
    q, k, v = rng.normal(size=(3, 2, 5, 4))
    batched = linear_attention_recurrent(q, k, v)
    for b in range(2):
        np.testing.assert_allclose(batched[b], linear_attention_recurrent(q[b], k[b], v[b]))


def test_elu_feature_map_is_positive_and_continuous() -> None:
    x = np.linspace(-30, 5, 101)
    assert np.all(elu_feature_map(x) > 0)
    assert [elu_feature_map(np.array(t)).item() for t in (-1e-9, 0.0, 1e-9)] == \
        pytest.approx([1.0, 1.0, 1.0])


def test_random_features_approximate_softmax_better_with_more_features() -> None:
    errors = dict(performer_error())
    assert errors[1024] < errors[4] / 4  # unbiased estimator: error shrinks with r
    # the kernel estimate itself: E[phi(q)·phi(k)] = exp(q·k)
    rng = np.random.default_rng(5)
    q, k = 0.3 * rng.normal(size=(2, 8))
    phi = random_feature_map(8, 200_000, seed=2)
    assert float(phi(q) @ phi(k)) == pytest.approx(math.exp(q @ k), rel=0.02)


def test_softmax_attention_is_not_linear_attention() -> None:
    # what is lost: the weights are a different function of the scores (no exp, no sharpness)
    rng = np.random.default_rng(0)
    q, k, v = rng.normal(size=(3, 6, 4))
    exact, weights = scaled_dot_product_attention(4 * q, k, v)
    assert np.max(np.abs(linear_attention(4 * q, k, v) - exact)) > 0.1
    assert implied_weights(4 * q, k).max() < weights.max()


def test_printout(capsys: pytest.CaptureFixture[str]) -> None:
    print_performer_error(lang="es")
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["características", "r", "|error|", "medio"]
    assert [int(line.split()[0]) for line in lines[1:]] == [4, 16, 64, 256, 1024]


def test_errors_name_the_values() -> None:
    z = np.zeros
    with pytest.raises(ValueError, match=r"needs m == n: q has shape \(2, 3\)"):
        linear_attention(z((2, 3)), z((4, 3)), z((4, 2)), causal=True)
    with pytest.raises(ValueError, match="q and k must share d_k"):
        linear_attention(z((2, 3)), z((4, 2)), z((4, 2)))
    with pytest.raises(ValueError, match=r"expects vectors of size d=4, got shape \(2, 3\)"):
        linear_attention(z((2, 3)), z((4, 3)), z((4, 2)), feature_map=random_feature_map(4, 8))
    with pytest.raises(ValueError, match="num_features must be a positive integer, got 0"):
        random_feature_map(4, 0)
