"""softmax and masked_softmax: worked example, properties, edge cases, errors."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from snippets.softmax import example, masked_softmax, print_example, softmax
from tests import oracle

FAST = settings(max_examples=60, deadline=None)
finite = st.floats(-50, 50, allow_nan=False, width=64)


def test_example_matches_hand_computed_softmax(capsys: pytest.CaptureFixture[str]) -> None:
    ex = example()
    assert ex.tokens == ("the", "cat", "mat")
    for t, row in zip(ex.temperatures, ex.weights, strict=True):
        expected = oracle.softmax_row([2.0, 1.0, 0.1], temperature=t)
        np.testing.assert_allclose(row, expected, atol=1e-12)
    # exp(2) / (exp(2) + exp(1) + exp(0.1)) = 0.659 is the textbook value
    assert ex.weights[1][0] == pytest.approx(0.6590011, abs=1e-6)
    np.testing.assert_allclose(ex.large_weights, ex.weights[1], atol=1e-12)
    print_example()
    printed = capsys.readouterr().out
    assert "T = 0.5:  w = [0.864 0.117 0.019]  Σw = 1.000" in printed
    assert "s + 1000:  w = [0.659 0.242 0.099]" in printed


@FAST
@given(hnp.arrays(np.float64, hnp.array_shapes(min_dims=1, max_dims=3, max_side=6),
                  elements=finite), st.floats(0.1, 10))
def test_rows_are_distributions_matching_oracle(x: np.ndarray, t: float) -> None:
    w = softmax(x, temperature=t)
    assert w.shape == x.shape
    assert np.all(w >= 0)
    np.testing.assert_allclose(w.sum(axis=-1), 1.0, atol=1e-12)
    for index in np.ndindex(x.shape[:-1]):
        np.testing.assert_allclose(w[index], oracle.softmax_row(x[index].tolist(), temperature=t),
                                   atol=1e-12)


@FAST
@given(hnp.arrays(np.float64, (3, 5), elements=finite), st.floats(-1e3, 1e3))
def test_adding_a_constant_to_a_row_changes_nothing(x: np.ndarray, c: float) -> None:
    shifted = x.copy()
    shifted[1] += c
    np.testing.assert_allclose(softmax(shifted), softmax(x), atol=1e-12)


def test_other_axis() -> None:
    x = np.array([[1.0, 2.0], [3.0, 5.0]])
    np.testing.assert_allclose(softmax(x, axis=0), softmax(x.T).T)
    np.testing.assert_allclose(softmax(x, axis=0).sum(axis=0), 1.0)


def test_temperature_limits() -> None:
    x = np.array([1.0, 3.0, 2.0])
    assert softmax(x, temperature=1e-3)[1] == pytest.approx(1.0)  # -> argmax
    np.testing.assert_allclose(softmax(x, temperature=1e6), 1 / 3, atol=1e-5)  # -> uniform


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_dtype_is_preserved(dtype: type) -> None:
    x = np.array([[1.0, 2.0, 3.0]], dtype=dtype)
    assert softmax(x).dtype == dtype
    assert softmax(x, temperature=0.5).dtype == dtype
    assert masked_softmax(x, np.array([True, False, True])).dtype == dtype


def test_integers_become_float64() -> None:
    assert softmax([1, 2, 3]).dtype == np.float64


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_huge_logits_do_not_overflow(dtype: type) -> None:
    x = np.array([1e4, 0.0, -1e4, 1e4 - 1], dtype=dtype)
    w = softmax(x)
    assert np.all(np.isfinite(w))
    expected = oracle.softmax_row([1e4, 0.0, -1e4, 1e4 - 1])
    np.testing.assert_allclose(w, expected, atol=1e-6)
    mw = masked_softmax(x[None], np.array([False, True, True, True]))
    assert np.all(np.isfinite(mw))
    assert mw[0, 3] == pytest.approx(1.0)


@FAST
@given(hnp.arrays(np.float64, (4, 5), elements=finite), hnp.arrays(np.bool_, (4, 5)))
def test_masked_softmax_matches_oracle(s: np.ndarray, mask: np.ndarray) -> None:
    w = masked_softmax(s, mask)
    assert np.all(w[~mask] == 0.0)  # exactly zero, not just small
    for i in range(4):
        np.testing.assert_allclose(w[i], oracle.softmax_row(s[i].tolist(), mask[i].tolist()),
                                   atol=1e-12)
        assert math.isclose(w[i].sum(), 1.0 if mask[i].any() else 0.0, abs_tol=1e-12)


def test_all_masked_row_gives_zeros_not_nan() -> None:
    s = np.array([[1.0, 2.0], [3.0, 4.0]])
    w = masked_softmax(s, np.array([[True, True], [False, False]]))
    np.testing.assert_array_equal(w[1], [0.0, 0.0])
    np.testing.assert_allclose(w[0], oracle.softmax_row([1.0, 2.0]))


@pytest.mark.parametrize("bad", [0.0, -1.0, math.inf, math.nan, "hot"])
def test_bad_temperature_is_named(bad: object) -> None:
    with pytest.raises(ValueError, match=r"temperature .*" + (r"'hot'" if bad == "hot" else "")):
        softmax([1.0, 2.0], temperature=bad)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="temperature"):
        masked_softmax([[1.0, 2.0]], [[True, True]], temperature=bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_non_finite_input_is_rejected(bad: float) -> None:
    with pytest.raises(ValueError, match=r"x \(shape \(3,\)\) contains 1 non-finite"):
        softmax([1.0, bad, 2.0])
    with pytest.raises(ValueError, match=r"scores \(shape \(1, 2\)\) contains 1 non-finite"):
        masked_softmax([[bad, 1.0]], [[True, True]])


def test_non_numeric_input_is_rejected() -> None:
    with pytest.raises(ValueError, match="x must hold real numbers, got dtype bool"):
        softmax([True, False])
    with pytest.raises(ValueError, match="complex"):
        softmax([1 + 2j])


def test_bad_masks_are_named() -> None:
    s = np.zeros((2, 3))
    with pytest.raises(ValueError, match=r"mask of shape \(4,\) cannot broadcast .*\(2, 3\)"):
        masked_softmax(s, np.ones(4, dtype=bool))
    with pytest.raises(ValueError, match=r"mask must be boolean .*got dtype int64"):
        masked_softmax(s, np.ones((2, 3), dtype=np.int64))
    with pytest.raises(ValueError, match=r"mask of shape \(5, 2, 3\) cannot broadcast"):
        masked_softmax(s, np.ones((5, 2, 3), dtype=bool))  # would enlarge the scores
    with pytest.raises(ValueError, match=r"scores must have shape \(\.\.\., m, n\), got shape \(3"):
        masked_softmax(np.zeros(3), np.ones(3, dtype=bool))
