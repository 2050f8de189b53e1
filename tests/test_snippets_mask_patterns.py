"""Masks beyond causal: prefix-LM, packed sequences, strided and BigBird patterns."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from snippets.mask_patterns import (
    bigbird_mask,
    block_diagonal_mask,
    prefix_lm_mask,
    print_example,
    strided_mask,
    zoo,
)

FAST = settings(max_examples=60, deadline=None)


def test_prefix_lm_by_hand() -> None:
    assert prefix_lm_mask(4, 2).astype(int).tolist() == [
        [1, 1, 0, 0],
        [1, 1, 0, 0],
        [1, 1, 1, 0],
        [1, 1, 1, 1],
    ]


def test_block_diagonal_by_hand() -> None:
    assert block_diagonal_mask([2, 3]).astype(int).tolist() == [
        [1, 0, 0, 0, 0],
        [1, 1, 0, 0, 0],
        [0, 0, 1, 0, 0],
        [0, 0, 1, 1, 0],
        [0, 0, 1, 1, 1],
    ]
    assert block_diagonal_mask([1, 2], causal=False).astype(int).tolist() == [
        [1, 0, 0], [0, 1, 1], [0, 1, 1]]


@given(st.integers(1, 12), st.data())
@FAST
def test_patterns_match_loop_oracles(n: int, data: st.DataObject) -> None:
    prefix = data.draw(st.integers(0, n))
    stride = data.draw(st.integers(1, n + 1))
    assert prefix_lm_mask(n, prefix).tolist() == [
        [j < prefix or j <= i for j in range(n)] for i in range(n)]
    assert strided_mask(n, stride).tolist() == [
        [0 <= i - j < stride or (i >= j and (i - j) % stride == 0) for j in range(n)]
        for i in range(n)]
    lengths = data.draw(st.lists(st.integers(1, 4), min_size=1, max_size=4))
    starts = np.cumsum([0, *lengths])
    seq = [s for s, length in enumerate(lengths) for _ in range(length)]
    total = int(starts[-1])
    assert block_diagonal_mask(lengths).tolist() == [
        [seq[i] == seq[j] and j <= i for j in range(total)] for i in range(total)]


@given(st.integers(2, 12), st.integers(0, 3), st.integers(0, 2), st.integers(0, 2))
@FAST
def test_bigbird_has_window_globals_and_random_keys(n: int, window: int, num_global: int,
                                                     num_random: int) -> None:
    num_global, num_random = min(num_global, n), min(num_random, n)
    mask = bigbird_mask(n, window, num_global, num_random, seed=3)
    for i in range(n):
        for j in range(n):
            if abs(i - j) <= window or i < num_global or j < num_global:
                assert mask[i, j]
        assert mask[i].sum() >= min(n, num_random)


def test_zoo_shapes_and_printout(capsys: pytest.CaptureFixture[str]) -> None:
    patterns = zoo(12)
    assert patterns["causal_bottom_right"].shape == (4, 12)
    assert all(p.shape == (12, 12) for name, p in patterns.items()
               if name != "causal_bottom_right")
    print_example()
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "causal_bottom_right (26 of 32):"
    assert lines[1].split() == ["1"] * 5 + ["·"] * 3


def test_errors_name_the_values() -> None:
    with pytest.raises(ValueError, match=r"prefix must be an integer in 0\.\.n=3, got 4"):
        prefix_lm_mask(3, 4)
    with pytest.raises(ValueError, match=r"lengths\[1\] must be a positive integer, got 0"):
        block_diagonal_mask([2, 0])
    with pytest.raises(ValueError, match=r"lengths must name at least one sequence"):
        block_diagonal_mask([])
    with pytest.raises(ValueError, match="stride must be a positive integer, got 0"):
        strided_mask(4, 0)
    with pytest.raises(ValueError, match=r"num_random=5 must be <= n=4"):
        bigbird_mask(4, 1, 0, 5)
    with pytest.raises(ValueError, match="window must be an integer >= 0, got -1"):
        bigbird_mask(4, -1, 0, 0)
