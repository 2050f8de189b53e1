"""Cross-attention: m x n weights (m != n), worked example alignment, oracle, errors."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from snippets.cross_attention import (
    GLOSS,
    SOURCE_EN,
    TARGET_ES,
    cross_attention,
    example,
    print_example,
    toy_states,
)
from tests import oracle


def test_example_aligns_each_spanish_word_with_its_translation(
    capsys: pytest.CaptureFixture[str],
) -> None:
    ex = example()
    assert ex.weights.shape == (len(TARGET_ES), len(SOURCE_EN)) == (8, 7)
    concepts = tuple(dict.fromkeys(SOURCE_EN))
    src, tgt = toy_states(SOURCE_EN, concepts), toy_states(TARGET_ES, concepts)
    _, want = oracle.attention_2d(tgt.tolist(), src.tolist(), src.tolist())
    np.testing.assert_allclose(ex.weights, want, atol=1e-12)
    for target, source in ex.alignment:
        assert GLOSS[target] == source
    # "el" picks the first "the", "la" the second: position breaks the tie
    assert ex.weights[0, 0] > ex.weights[0, 5] and ex.weights[6, 5] > ex.weights[6, 0]
    print_example()
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == list(SOURCE_EN)
    assert lines[3].split() == ["negro", *(f"{w:.3f}" for w in want[2])]
    assert "negro → black" in lines[-1] and "alfombra → mat" in lines[-1]


@settings(max_examples=50, deadline=None)
@given(st.integers(1, 5), st.integers(1, 6), st.integers(1, 4), st.integers(1, 4), st.data())
def test_weights_are_m_by_n_and_match_oracle(m: int, n: int, d_t: int, d_s: int, data) -> None:
    floats = st.floats(-2, 2, allow_nan=False)
    target = data.draw(hnp.arrays(np.float64, (2, m, d_t), elements=floats))
    source = data.draw(hnp.arrays(np.float64, (2, n, d_s), elements=floats))
    w_q = data.draw(hnp.arrays(np.float64, (d_t, 3), elements=floats))
    w_k = data.draw(hnp.arrays(np.float64, (d_s, 3), elements=floats))
    w_v = data.draw(hnp.arrays(np.float64, (d_s, 2), elements=floats))
    mask = data.draw(hnp.arrays(np.bool_, (2, 1, n)))
    out, w = cross_attention(target, source, w_q, w_k, w_v, mask=mask)
    assert w.shape == (2, m, n) and out.shape == (2, m, 2)
    for b in range(2):
        want_out, want_w = oracle.attention_2d(
            oracle.matmul(target[b].tolist(), w_q.tolist()),
            oracle.matmul(source[b].tolist(), w_k.tolist()),
            oracle.matmul(source[b].tolist(), w_v.tolist()),
            np.broadcast_to(mask[b], (m, n)).tolist())
        np.testing.assert_allclose(w[b], want_w, atol=1e-9)
        np.testing.assert_allclose(out[b], want_out, atol=1e-9)


def test_float32_stays_float32() -> None:
    t, s = np.ones((4, 3), np.float32), np.ones((6, 5), np.float32)
    out, w = cross_attention(t, s, np.ones((3, 2), np.float32), np.ones((5, 2), np.float32),
                             np.ones((5, 7), np.float32))
    assert out.dtype == np.float32 and w.dtype == np.float32 and w.shape == (4, 6)


def test_errors_name_the_shapes() -> None:
    t, s = np.zeros((4, 3)), np.zeros((6, 5))
    with pytest.raises(ValueError, match=r"w_q must have shape \(d_t=3, d_k\), got shape \(5, 2\)"):
        cross_attention(t, s, np.zeros((5, 2)), np.zeros((5, 2)), np.zeros((5, 2)))
    with pytest.raises(ValueError, match=r"w_k must have shape \(d_s=5, d_k\), got shape \(3, 2\)"):
        cross_attention(t, s, np.zeros((3, 2)), np.zeros((3, 2)), np.zeros((5, 2)))
    with pytest.raises(ValueError, match=r"w_q \(3, 2\) and w_k \(5, 4\) must project to the same"):
        cross_attention(t, s, np.zeros((3, 2)), np.zeros((5, 4)), np.zeros((5, 2)))
    with pytest.raises(ValueError, match=r"source must have shape \(\.\.\., n, d_s\), got shape"):
        cross_attention(t, np.zeros(5), np.zeros((3, 2)), np.zeros((5, 2)), np.zeros((5, 2)))
    with pytest.raises(ValueError, match=r"mask of shape \(4, 4\) cannot broadcast .*\(4, 6\)"):
        cross_attention(t, s, np.zeros((3, 2)), np.zeros((5, 2)), np.zeros((5, 2)),
                        mask=np.ones((4, 4), bool))
