"""Multiply-add counts: loop oracle, the scaling the page prints, errors."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from snippets.complexity import (
    example,
    linear_attention_macs,
    print_example,
    softmax_attention_macs,
)


def loop_softmax_macs(m: int, n: int, d_k: int, d_v: int) -> int:
    count = 0
    for _ in range(m):
        for _ in range(n):
            count += d_k  # one score
            count += d_v  # its share of the weighted sum
    return count


@given(st.integers(1, 20), st.integers(1, 20), st.integers(1, 8), st.integers(1, 8))
@settings(max_examples=60, deadline=None)
def test_counts_match_loops_and_matrix_shapes(m: int, n: int, d_k: int, d_v: int) -> None:
    assert softmax_attention_macs(m, n, d_k, d_v) == loop_softmax_macs(m, n, d_k, d_v)
    # linear: the (d_k, d_v) state is built from n keys and read by m queries
    state = n * d_k * d_v
    assert linear_attention_macs(m, n, d_k, d_v) == state + m * d_k * d_v + (m + n) * d_k


def test_doubling_n_quadruples_self_attention_and_doubles_the_others(
        capsys: pytest.CaptureFixture[str]) -> None:
    rows = example()
    for a, b in itertools.pairwise(rows):
        assert b.self_attention == 4 * a.self_attention
        assert b.cross_attention == 2 * a.cross_attention
        assert np.isclose(b.linear_attention / a.linear_attention, 2.0, rtol=0.01)
    print_example(lang="es")
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("millones de multiplicaciones")
    assert lines[3].split() == ["2048", "537", "×4", "67", "×2", "17", "×2"]


def test_errors_name_the_values() -> None:
    with pytest.raises(ValueError, match="d_v must be a positive integer, got 0"):
        softmax_attention_macs(1, 1, 1, 0)
