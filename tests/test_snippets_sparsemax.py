"""sparsemax and entmax: distributions with exact zeros, equal to the simplex projection."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from snippets.softmax import softmax
from snippets.sparsemax import entmax, example, print_example, sparsemax

FAST = settings(max_examples=80, deadline=None)
rows = hnp.arrays(np.float64, st.integers(1, 6), elements=st.floats(-10, 10, width=64))


def projection_by_supports(z: list[float]) -> list[float]:
    """Independent oracle: the Euclidean projection onto the simplex by brute force.

    For every candidate support S, the closest point of the simplex's face over S is
    z_j - τ on S (τ = (Σ_S z - 1) / |S|); keep the feasible candidates (all >= 0) and
    return the one nearest to z. No sorting, no threshold formula.
    """
    n, best, best_dist = len(z), None, float("inf")
    for size in range(1, n + 1):
        for support in itertools.combinations(range(n), size):
            tau = (sum(z[j] for j in support) - 1) / size
            p = [z[j] - tau if j in support else 0.0 for j in range(n)]
            if min(p) < -1e-12:
                continue
            dist = sum((pj - zj) ** 2 for pj, zj in zip(p, z, strict=True))
            if dist < best_dist - 1e-12:
                best, best_dist = p, dist
    assert best is not None
    return best


def test_example_has_more_zeros_the_sparser_the_normaliser(
    capsys: pytest.CaptureFixture[str],
) -> None:
    ex = example()
    zeros = [int(np.count_nonzero(row == 0)) for row in ex.weights]
    assert zeros == [0, 2, 3]  # softmax, 1.5-entmax, sparsemax
    np.testing.assert_allclose(ex.weights[2], [0, 0.6, 0, 0.1, 0, 0.3], atol=1e-12)
    assert ex.tau == pytest.approx(1.4)
    np.testing.assert_allclose(ex.weights[2], np.maximum(ex.scores - ex.tau, 0), atol=1e-12)
    print_example()
    printed = capsys.readouterr().out
    assert "sparsemax    0.000  0.600  0.000  0.100  0.000  0.300  1.000    3" in printed
    print_example(lang="es")
    printed = capsys.readouterr().out
    assert "ceros" in printed and "umbral de la sparsemax τ = 1.400" in printed
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        print_example(lang="fr")


@FAST
@given(rows)
def test_sparsemax_is_a_distribution_equal_to_the_projection(z: np.ndarray) -> None:
    p = sparsemax(z)
    assert p.shape == z.shape
    assert np.all(p >= 0)
    assert p.sum() == pytest.approx(1.0, abs=1e-9)
    np.testing.assert_allclose(p, projection_by_supports(z.tolist()), atol=1e-9)


@FAST
@given(rows)
def test_zeros_are_exact_and_below_the_threshold(z: np.ndarray) -> None:
    p = sparsemax(z)
    kept = p > 0
    tau = (z[kept].sum() - 1) / kept.sum()
    np.testing.assert_allclose(p[kept], z[kept] - tau, atol=1e-9)
    assert np.all(z[~kept] <= tau + 1e-9)  # dropped scores lie at or below τ
    assert kept[np.argmax(z)]  # the top score always keeps weight


def test_a_large_gap_gives_a_one_hot_row_and_ties_share_equally() -> None:
    np.testing.assert_array_equal(sparsemax([3.0, 1.0, 0.0]), [1.0, 0.0, 0.0])
    np.testing.assert_allclose(sparsemax([0.0, 0.0, 0.0, 0.0]), 0.25)
    np.testing.assert_allclose(sparsemax([1.0, 0.5]), [0.75, 0.25])  # hand: τ = 0.25


@FAST
@given(hnp.arrays(np.float64, (3, 4), elements=st.floats(-5, 5, width=64)), st.floats(-50, 50))
def test_batched_rows_other_axis_and_shift_invariance(z: np.ndarray, c: float) -> None:
    p = sparsemax(z)
    for row, expected in zip(p, z, strict=True):
        np.testing.assert_allclose(row, sparsemax(expected), atol=1e-12)
    np.testing.assert_allclose(sparsemax(z.T, axis=0), p.T, atol=1e-12)
    np.testing.assert_allclose(sparsemax(z + c), p, atol=1e-9)


@FAST
@given(rows)
def test_entmax_two_is_sparsemax_and_near_one_is_softmax(z: np.ndarray) -> None:
    np.testing.assert_allclose(entmax(z, alpha=2.0), sparsemax(z), atol=1e-9)
    np.testing.assert_allclose(entmax(z, alpha=1.001), softmax(z), atol=2e-2)
    p = entmax(z, alpha=1.5)
    assert np.all(p >= 0) and p.sum() == pytest.approx(1.0, abs=1e-9)


@pytest.mark.parametrize(("call", "message"), [
    (lambda: sparsemax([]), r"no entries along axis -1"),
    (lambda: sparsemax(1.0), r"at least one axis"),
    (lambda: sparsemax([1.0, np.nan]), r"non-finite"),
    (lambda: sparsemax([[1.0, 2.0]], axis=2), r"axis 2 is out of range.*\(1, 2\)"),
    (lambda: entmax([1.0, 2.0], alpha=3), r"1 < alpha <= 2, got 3"),
    (lambda: entmax([1.0, 2.0], alpha=1.5, iterations=0), r"at least 1, got 0"),
])
def test_bad_input_is_named(call, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()
