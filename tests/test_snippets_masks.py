"""Masks: causal, padding, combination; worked example and errors."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from snippets.attention import scaled_dot_product_attention
from snippets.masks import (
    PAD,
    causal_mask,
    combine_masks,
    example,
    padding_mask,
    padding_mask_from_tokens,
    print_example,
    sliding_window_mask,
)


def test_causal_mask_lets_query_i_see_keys_up_to_i() -> None:
    mask = causal_mask(4)
    for i in range(4):
        for j in range(4):
            assert mask[i, j] == (j <= i)
    rect = causal_mask(2, 5)  # top-left aligned, like torch.ones(2, 5).tril()
    assert rect.tolist() == [[True, False, False, False, False], [True, True, False, False, False]]


def test_padding_mask_shape_and_values() -> None:
    mask = padding_mask([3, 1, 0], 4)
    assert mask.shape == (3, 1, 4)
    assert mask[:, 0].tolist() == [[True, True, True, False], [True, False, False, False],
                                   [False] * 4]
    tokens = [["a", "b", PAD], ["c", PAD, PAD]]
    np.testing.assert_array_equal(padding_mask_from_tokens(tokens), padding_mask([2, 1], 3))


def test_example_and_printout(capsys: pytest.CaptureFixture[str]) -> None:
    ex = example()
    assert ex.batch[1] == ("the", "cat", "sat", PAD, PAD, PAD)
    assert ex.combined.shape == (2, 6, 6)
    for b, length in enumerate([6, 3]):
        for i in range(6):
            for j in range(6):
                assert ex.combined[b, i, j] == (j <= i and j < length)
    print_example()
    lines = capsys.readouterr().out.splitlines()
    assert lines[1] == "padding: 1 1 1 0 0 0"
    assert lines[3].split() == ["the", "1", "0", "0", "0", "0", "0"]
    assert lines[-1].split() == [PAD, "1", "1", "1", "0", "0", "0"]


def test_combined_mask_gives_exact_zero_weights_to_future_and_padding() -> None:
    ex = example()
    rng = np.random.default_rng(0)
    x = rng.normal(size=(2, 6, 4))
    _, w = scaled_dot_product_attention(x, x, x, mask=ex.combined)
    assert np.all(w[~ex.combined] == 0.0)
    np.testing.assert_allclose(w.sum(axis=-1), 1.0)


def test_errors_name_the_values() -> None:
    with pytest.raises(ValueError, match="m must be a positive integer, got 0"):
        causal_mask(0)
    with pytest.raises(ValueError, match=r"n must be a positive integer, got 2\.5"):
        causal_mask(2, 2.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"must lie in 0\.\.n=4, got lengths \[5, 2\]"):
        padding_mask([5, 2], 4)
    with pytest.raises(ValueError, match="lengths must be a 1-D sequence of integers"):
        padding_mask([[1]], 4)
    with pytest.raises(ValueError, match=r"same length, got lengths \[2, 3\]"):
        padding_mask_from_tokens([["a", "b"], ["a", "b", "c"]])
    with pytest.raises(ValueError, match=r"masks of shapes \(2, 3\), \(4,\) cannot broadcast"):
        combine_masks(np.ones((2, 3), bool), np.ones(4, bool))
    with pytest.raises(ValueError, match="mask #1 must be boolean, got dtype int64"):
        combine_masks(np.ones(3, bool), np.ones(3, np.int64))
    with pytest.raises(ValueError, match="at least one mask"):
        combine_masks()


# Alignment and sliding windows (issue 16) ------------------------------------------------

def loop_causal(m: int, n: int, align: str) -> list[list[bool]]:
    """Oracle: query i sits at position i (top-left) or i + n - m (bottom-right)."""
    offset = 0 if align == "top-left" else n - m
    return [[j <= i + offset for j in range(n)] for i in range(m)]


def loop_window(m: int, n: int, window: int, align: str) -> list[list[bool]]:
    offset = 0 if align == "top-left" else n - m
    return [[0 <= (i + offset) - j < window for j in range(n)] for i in range(m)]


def test_bottom_right_causal_mask_by_hand() -> None:
    # two new tokens after three cached ones: positions 3 and 4 of five
    assert causal_mask(2, 5, align="bottom-right").astype(int).tolist() == [
        [1, 1, 1, 1, 0],
        [1, 1, 1, 1, 1],
    ]
    # one decoding step sees every cached key; top-left would let it see only key 0
    assert causal_mask(1, 4, align="bottom-right").tolist() == [[True] * 4]
    assert causal_mask(1, 4).tolist() == [[True, False, False, False]]
    # more queries than keys: the first rows allow nothing
    assert causal_mask(3, 2, align="bottom-right").astype(int).tolist() == [[0, 0], [1, 0],
                                                                            [1, 1]]
    # square masks do not depend on the alignment
    np.testing.assert_array_equal(causal_mask(4, 4, "bottom-right"), causal_mask(4))


def test_sliding_window_mask_by_hand() -> None:
    assert sliding_window_mask(5, 5, window=2).astype(int).tolist() == [
        [1, 0, 0, 0, 0],
        [1, 1, 0, 0, 0],
        [0, 1, 1, 0, 0],
        [0, 0, 1, 1, 0],
        [0, 0, 0, 1, 1],
    ]
    assert sliding_window_mask(2, 6, window=3, align="bottom-right").astype(int).tolist() == [
        [0, 0, 1, 1, 1, 0],
        [0, 0, 0, 1, 1, 1],
    ]
    # a window as long as the sequence is the causal mask
    np.testing.assert_array_equal(sliding_window_mask(6, 6, 6), causal_mask(6))


@given(st.integers(1, 9), st.integers(1, 9), st.integers(1, 10),
       st.sampled_from(["top-left", "bottom-right"]))
@settings(max_examples=80, deadline=None)
def test_masks_match_loop_oracles(m: int, n: int, window: int, align: str) -> None:
    assert causal_mask(m, n, align=align).tolist() == loop_causal(m, n, align)
    assert sliding_window_mask(m, n, window, align=align).tolist() == loop_window(
        m, n, window, align)
    # every row of a window mask allows at most `window` keys, all also causally allowed
    mask = sliding_window_mask(m, n, window, align=align)
    assert mask.sum(axis=1).max() <= window
    assert not np.any(mask & ~causal_mask(m, n, align=align))


def test_alignment_and_window_errors_name_the_values() -> None:
    with pytest.raises(ValueError, match=r"align must be one of .*got 'bottom'"):
        causal_mask(2, 3, align="bottom")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="window must be a positive integer, got 0"):
        sliding_window_mask(3, 3, 0)
    with pytest.raises(ValueError, match="n must be a positive integer, got -1"):
        sliding_window_mask(3, -1, 2)
