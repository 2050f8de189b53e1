"""Chunked attention with an online softmax equals full attention."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from snippets.attention import scaled_dot_product_attention
from snippets.chunked import chunked_attention, example, print_example
from tests import oracle


@settings(max_examples=80, deadline=None)
@given(oracle.attention_inputs(max_len=9), st.integers(1, 10))
def test_chunked_equals_full_attention(inputs, chunk_size: int) -> None:
    q, k, v, mask = inputs
    got = chunked_attention(q, k, v, mask=mask, chunk_size=chunk_size)
    want, _ = oracle.attention(q, k, v, mask)
    assert got.shape == want.shape
    np.testing.assert_allclose(got, want, atol=1e-9)


@pytest.mark.parametrize("chunk_size", [1, 3, 7, 64, 100])
def test_non_divisible_chunks_and_a_late_maximum(chunk_size: int) -> None:
    # the largest score sits in the last chunk, so earlier sums must be rescaled
    rng = np.random.default_rng(0)
    q, k, v = rng.normal(size=(2, 5, 8)), rng.normal(size=(2, 100, 8)), rng.normal(size=(2, 100, 3))
    k[:, -1] = 20 * q[:, 0]
    got = chunked_attention(q, k, v, chunk_size=chunk_size)
    np.testing.assert_allclose(got, scaled_dot_product_attention(q, k, v)[0], atol=1e-12)


def test_rows_masked_in_early_chunks_and_fully_masked_rows() -> None:
    rng = np.random.default_rng(1)
    q, k, v = rng.normal(size=(4, 2)), rng.normal(size=(9, 2)), rng.normal(size=(9, 3))
    mask = np.zeros((4, 9), bool)
    mask[0, 8] = True  # only the last key of the last chunk
    mask[1, :] = True
    mask[3, ::4] = True
    got = chunked_attention(q, k, v, mask=mask, chunk_size=4)
    np.testing.assert_array_equal(got[2], 0.0)  # nothing allowed: zero output, no NaN
    np.testing.assert_allclose(got[0], v[8], atol=1e-12)
    np.testing.assert_allclose(got, oracle.attention(q, k, v, mask)[0], atol=1e-12)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_dtype_and_huge_logits(dtype: type) -> None:
    q = np.array([[100.0], [-100.0]], dtype=dtype)
    k = np.array([[-100.0], [99.0], [100.0]], dtype=dtype)
    v = np.array([[1.0, 0.0], [0.0, 1.0], [5.0, 5.0]], dtype=dtype)
    got = chunked_attention(q, k, v, chunk_size=1)
    assert got.dtype == dtype and np.all(np.isfinite(got))
    np.testing.assert_allclose(got, oracle.attention(q.astype(float), k.astype(float),
                                                     v.astype(float))[0], atol=1e-5)


def test_example_and_printout(capsys: pytest.CaptureFixture[str]) -> None:
    ex = example()
    assert ex.chunk_size == 4 and ex.max_abs_difference < 1e-12
    assert (ex.chunk_score_entries, ex.full_score_entries) == (24, 36)
    np.testing.assert_allclose(ex.chunked_output, ex.full_output, atol=1e-12)
    print_example()
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split("=")[1] == lines[1].split("=")[1]
    assert lines[-1] == "scores held at once: 24 vs 36"


@pytest.mark.parametrize("bad", [0, -3, 2.5, True, "8"])
def test_bad_chunk_size_is_named(bad: object) -> None:
    with pytest.raises(ValueError, match=rf"chunk_size must be a positive integer, got {bad!r}"):
        chunked_attention(np.ones((1, 2)), np.ones((1, 2)), np.ones((1, 2)), chunk_size=bad)


def test_bad_shapes_and_masks_are_named() -> None:
    q, k, v = np.zeros((3, 4)), np.zeros((5, 4)), np.zeros((5, 2))
    with pytest.raises(ValueError, match=r"q has shape \(3, 4\), k has shape \(5, 2\)"):
        chunked_attention(q, np.zeros((5, 2)), v)
    with pytest.raises(ValueError, match=r"mask of shape \(3, 4\) cannot broadcast .*\(3, 5\)"):
        chunked_attention(q, k, v, mask=np.ones((3, 4), bool))
