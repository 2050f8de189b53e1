"""scaled_dot_product_attention: worked example, oracle agreement, properties, edges, errors."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from snippets.attention import example, print_example, scaled_dot_product_attention
from snippets.toy_data import SENTENCE, embed, projection
from tests import oracle

FAST = settings(max_examples=60, deadline=None)


def allowed_of(mask: np.ndarray | None, shape: tuple[int, ...]) -> np.ndarray:
    return np.ones(shape, bool) if mask is None else np.broadcast_to(mask, shape)


def test_example_matches_oracle_and_printout(capsys: pytest.CaptureFixture[str]) -> None:
    x = embed(SENTENCE, 4)
    q, k, v = (x @ projection(name, 4, 4) for name in ("w_q", "w_k", "w_v"))
    out, weights = oracle.attention_2d(q.tolist(), k.tolist(), v.tolist())
    ex = example()
    assert ex.tokens == ("the", "cat", "sat", "on", "the", "mat")
    np.testing.assert_allclose(ex.weights, weights, atol=1e-9)
    np.testing.assert_allclose(ex.output, out, atol=1e-9)
    # both "the" tokens have the same embedding, so their rows and columns coincide
    np.testing.assert_allclose(ex.weights[0], ex.weights[4])
    print_example()
    printed = capsys.readouterr().out.splitlines()
    assert printed[3].split() == ["sat", *(f"{w:.3f}" for w in weights[2]), "1.000"]
    assert printed[-1].startswith("output[2] = [" + f"{out[2][0]:.3f}")


@FAST
@given(oracle.attention_inputs())
def test_agrees_with_plain_python_oracle(inputs) -> None:
    q, k, v, mask = inputs
    out, w = scaled_dot_product_attention(q, k, v, mask=mask)
    want_out, want_w = oracle.attention(q, k, v, mask)
    assert out.shape == want_out.shape and w.shape == want_w.shape
    np.testing.assert_allclose(w, want_w, atol=1e-6)
    np.testing.assert_allclose(out, want_out, atol=1e-6)


@FAST
@given(oracle.attention_inputs())
def test_weights_are_distributions_and_masked_entries_exactly_zero(inputs) -> None:
    q, k, v, mask = inputs
    _, w = scaled_dot_product_attention(q, k, v, mask=mask)
    allowed = allowed_of(mask, w.shape)
    assert np.all(w >= 0)
    assert np.all(w[~allowed] == 0.0)
    expected_sums = np.where(allowed.any(axis=-1), 1.0, 0.0)
    np.testing.assert_allclose(w.sum(axis=-1), expected_sums, atol=1e-12)


@FAST
@given(oracle.attention_inputs(), st.data())
def test_shifting_every_key_by_one_vector_changes_nothing(inputs, data) -> None:
    # k_j + u adds q_i · u to every score of row i: a constant per row, which softmax ignores
    q, k, v, mask = inputs
    u = data.draw(st.lists(st.floats(-3, 3), min_size=k.shape[-1], max_size=k.shape[-1]))
    out, w = scaled_dot_product_attention(q, k, v, mask=mask)
    out2, w2 = scaled_dot_product_attention(q, k + np.array(u), v, mask=mask)
    np.testing.assert_allclose(w2, w, atol=1e-9)
    np.testing.assert_allclose(out2, out, atol=1e-9)


@FAST
@given(oracle.attention_inputs(), st.randoms(use_true_random=False))
def test_permuting_keys_and_values_together_keeps_the_output(inputs, rnd) -> None:
    q, k, v, mask = inputs
    perm = list(range(k.shape[-2]))
    rnd.shuffle(perm)
    out, w = scaled_dot_product_attention(q, k, v, mask=mask)
    pmask = None if mask is None else mask[..., perm]
    out2, w2 = scaled_dot_product_attention(q, k[..., perm, :], v[..., perm, :], mask=pmask)
    np.testing.assert_allclose(out2, out, atol=1e-12)
    np.testing.assert_allclose(w2, w[..., perm], atol=1e-12)


@FAST
@given(oracle.attention_inputs())
def test_outputs_are_convex_combinations_of_attended_values(inputs) -> None:
    q, k, v, mask = inputs
    out, w = scaled_dot_product_attention(q, k, v, mask=mask)
    allowed = allowed_of(mask, w.shape)
    vb = np.broadcast_to(v, (*w.shape[:-2], *v.shape[-2:]))  # (..., n, d_v)
    for index in np.ndindex(w.shape[:-1]):  # every query
        row_ok = allowed[index]
        if not row_ok.any():
            np.testing.assert_array_equal(out[index], 0.0)
            continue
        attended = vb[index[:-1]][row_ok]  # (keys allowed, d_v)
        assert np.all(out[index] >= attended.min(axis=0) - 1e-12)
        assert np.all(out[index] <= attended.max(axis=0) + 1e-12)


def test_m_different_from_n_and_heads_batch() -> None:
    rng = np.random.default_rng(0)
    q, k, v = rng.normal(size=(2, 8, 3, 16)), rng.normal(size=(2, 8, 5, 16)), rng.normal(
        size=(2, 8, 5, 7))
    out, w = scaled_dot_product_attention(q, k, v)
    assert out.shape == (2, 8, 3, 7) and w.shape == (2, 8, 3, 5)
    np.testing.assert_allclose(out, oracle.attention(q, k, v)[0], atol=1e-9)


def test_custom_scale_matches_oracle() -> None:
    rng = np.random.default_rng(1)
    q, k, v = rng.normal(size=(3, 2)), rng.normal(size=(4, 2)), rng.normal(size=(4, 2))
    out, w = scaled_dot_product_attention(q, k, v, scale=2.5)
    want_out, want_w = oracle.attention_2d(q.tolist(), k.tolist(), v.tolist(), scale=2.5)
    np.testing.assert_allclose(w, want_w, atol=1e-12)
    np.testing.assert_allclose(out, want_out, atol=1e-12)


@pytest.mark.parametrize("mask_dtype_scale", [None, 0.5])
def test_float32_stays_float32(mask_dtype_scale: float | None) -> None:
    rng = np.random.default_rng(2)
    q, k, v = (rng.normal(size=(2, 3, 5, 8)).astype(np.float32) for _ in range(3))
    mask = rng.random((5, 5)) < 0.7
    out, w = scaled_dot_product_attention(q, k, v, mask=mask, scale=mask_dtype_scale)
    assert out.dtype == np.float32 and w.dtype == np.float32
    out, w = scaled_dot_product_attention(q, k, v, scale=mask_dtype_scale)
    assert out.dtype == np.float32 and w.dtype == np.float32
    ref, _ = oracle.attention(q.astype(np.float64), k.astype(np.float64), v.astype(np.float64),
                              scale=mask_dtype_scale)
    np.testing.assert_allclose(out, ref, atol=1e-5)


def test_float64_works_and_mixed_precision_promotes() -> None:
    q = np.ones((2, 3))
    out, w = scaled_dot_product_attention(q, q, q)
    assert out.dtype == np.float64 and w.dtype == np.float64
    out, _ = scaled_dot_product_attention(q.astype(np.float32), q, q)
    assert out.dtype == np.float64


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_huge_logits_do_not_overflow(dtype: type) -> None:
    # d_k = 1 and |q|, |k| = 100 give scores of ±1e4
    q = np.array([[100.0], [-100.0]], dtype=dtype)
    k = np.array([[100.0], [99.0], [-100.0]], dtype=dtype)
    v = np.array([[1.0, 0.0], [0.0, 1.0], [5.0, 5.0]], dtype=dtype)
    out, w = scaled_dot_product_attention(q, k, v)
    assert np.all(np.isfinite(out)) and np.all(np.isfinite(w))
    np.testing.assert_allclose(w, oracle.attention_2d(q.tolist(), k.tolist(), v.tolist())[1],
                               atol=1e-6)
    np.testing.assert_allclose(out[1], [5.0, 5.0], atol=1e-5)


def test_all_masked_query_gets_zero_weights_and_output() -> None:
    q = k = v = np.arange(6.0).reshape(3, 2)
    mask = np.array([[True, False, False], [False, False, False], [True, True, True]])
    out, w = scaled_dot_product_attention(q, k, v, mask=mask)
    np.testing.assert_array_equal(w[1], 0.0)
    np.testing.assert_array_equal(out[1], 0.0)
    assert not np.isnan(out).any()
    np.testing.assert_array_equal(w[0], [1.0, 0.0, 0.0])


@pytest.mark.parametrize(
    ("shapes", "message"),
    [
        (((3, 4), (5, 2), (5, 6)),
         r"q and k must share d_k .*q has shape \(3, 4\), k has shape \(5, 2\)"),
        (((3, 4), (5, 4), (6, 2)),
         r"same number of keys n .*k has shape \(5, 4\), v has shape \(6, 2\)"),
        (((2, 3, 4), (3, 5, 4), (3, 5, 4)),
         r"batch dimensions do not broadcast: q \(2,\), k \(3,\), v \(3,\)"),
        (((4,), (5, 4), (5, 4)), r"q must have shape \(\.\.\., m, d_k\), got shape \(4,\)"),
        (((3, 4), (4,), (5, 4)), r"k must have shape \(\.\.\., n, d_k\), got shape \(4,\)"),
        (((3, 4), (5, 4), (5,)), r"v must have shape \(\.\.\., n, d_v\), got shape \(5,\)"),
    ],
)
def test_bad_shapes_are_named(shapes, message: str) -> None:
    q, k, v = (np.zeros(s) for s in shapes)
    with pytest.raises(ValueError, match=message):
        scaled_dot_product_attention(q, k, v)


def test_bad_mask_is_named() -> None:
    q, k, v = np.zeros((3, 4)), np.zeros((5, 4)), np.zeros((5, 2))
    with pytest.raises(ValueError, match=r"mask of shape \(3, 3\) cannot broadcast .*\(3, 5\)"):
        scaled_dot_product_attention(q, k, v, mask=np.ones((3, 3), bool))
    with pytest.raises(ValueError, match=r"mask must be boolean .*float64"):
        scaled_dot_product_attention(q, k, v, mask=np.ones((3, 5)))


@pytest.mark.parametrize("name", ["q", "k", "v"])
def test_non_finite_inputs_are_named(name: str) -> None:
    arrays = {"q": np.zeros((3, 4)), "k": np.zeros((5, 4)), "v": np.zeros((5, 2))}
    arrays[name][0, 0] = math.nan
    with pytest.raises(ValueError, match=rf"{name} \(shape \(\d, \d\)\) contains 1 non-finite"):
        scaled_dot_product_attention(**arrays)


@pytest.mark.parametrize("scale", [0.0, -1.0, math.nan, math.inf])
def test_bad_scale_is_named(scale: float) -> None:
    with pytest.raises(ValueError, match=r"scale must be a finite number > 0, got"):
        scaled_dot_product_attention(np.ones((1, 2)), np.ones((1, 2)), np.ones((1, 2)), scale=scale)
