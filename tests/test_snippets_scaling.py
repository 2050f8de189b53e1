"""The 1/sqrt(d_k) measurement: variance grows like d_k, scaling keeps it near 1."""

from __future__ import annotations

import numpy as np
import pytest

from snippets.scaling import example, measure_scaling, print_example


def test_variance_of_the_dot_product_is_d_k() -> None:
    ex = example()
    dims = np.array(ex.dims, dtype=float)
    # theory: a sum of d_k independent unit-variance products has variance d_k
    np.testing.assert_allclose(ex.variance / dims, 1.0, rtol=0.15)
    np.testing.assert_allclose(ex.variance_scaled, 1.0, rtol=0.15)


def test_unscaled_softmax_saturates_and_scaled_does_not() -> None:
    ex = example()
    assert np.all(np.diff(ex.max_weight) > 0)  # climbs with d_k ...
    assert ex.max_weight[-1] > 0.9  # ... towards a one-hot vector
    assert np.ptp(ex.max_weight_scaled) < 0.05  # scaled: flat
    assert np.all(ex.max_weight_scaled >= 1 / ex.n_keys)  # never below uniform


def test_printout_matches_the_measurement(capsys: pytest.CaptureFixture[str]) -> None:
    ex = example()
    print_example()
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1 + len(ex.dims)
    assert lines[1].split() == [str(ex.dims[0]), *(f"{x:.3f}" for x in (
        ex.variance[0], ex.variance_scaled[0], ex.max_weight[0], ex.max_weight_scaled[0]))]


def test_bad_arguments_are_named() -> None:
    with pytest.raises(ValueError, match=r"need dims >= 1.*got \(0, 4\), 32, 10"):
        measure_scaling(dims=(0, 4), trials=10)
