"""Cross-attention: m x n weights (m != n), worked example alignment, source padding,
multi-head cross-attention, oracle, errors."""

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
    multi_head_example,
    padded_example,
    print_example,
    print_multi_head_example,
    print_padded_example,
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


CONCEPTS = tuple(dict.fromkeys(SOURCE_EN))  # the, black, cat, sat, on, mat


def test_source_padding_gets_exactly_zero_weight(capsys: pytest.CaptureFixture[str]) -> None:
    ex = padded_example()
    short_en, short_es = ["the", "cat", "sat"], ["el", "gato", "se", "sentó"]
    assert ex.sources[1] == (*short_en, *["<pad>"] * 4)
    assert ex.targets[1] == (*short_es, *["<pad>"] * 4)
    assert ex.mask.shape == (2, 1, 7) and ex.weights.shape == ex.unmasked.shape == (2, 8, 7)
    np.testing.assert_array_equal(ex.mask[:, 0], [[True] * 7, [True] * 3 + [False] * 4])
    # the oracle, row by row: the short pair's states with zero rows as padding
    src = toy_states(tuple(short_en), CONCEPTS).tolist() + [[0.0] * 8] * 4
    tgt = toy_states(tuple(short_es), CONCEPTS).tolist() + [[0.0] * 8] * 4
    allowed = [[True] * 3 + [False] * 4] * 8  # the same source row for every query
    _, want = oracle.attention_2d(tgt, src, src, allowed)
    _, want_unmasked = oracle.attention_2d(tgt, src, src)
    np.testing.assert_allclose(ex.weights[1], want, atol=1e-12)
    np.testing.assert_allclose(ex.unmasked[1], want_unmasked, atol=1e-12)
    assert np.all(ex.weights[1, :, 3:] == 0.0)  # exactly 0, not merely small
    np.testing.assert_allclose(ex.weights.sum(axis=-1), 1.0, atol=1e-12)
    assert np.all(ex.unmasked[1, :, 3:].sum(axis=-1) > 0.05)  # without it, <pad> takes weight
    # the full-length pair is untouched by batching and padding
    np.testing.assert_allclose(ex.weights[0], example().weights, atol=1e-12)
    # no causal mask over the source: "gato" (query 1) still reads "sat" (key 2)
    assert ex.weights[1, 1, 2] > 0.0
    print_padded_example()
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "mask.shape = (2, 1, 7)  weights.shape = (2, 8, 7)"
    assert lines[1] == "mask[1, 0] = 1 1 1 0 0 0 0"
    assert lines[2].split() == [*short_en, *["<pad>"] * 4, "Σ"]
    rows = [line.split() for line in lines[3:7]]
    assert [r[0] for r in rows] == short_es  # padded target rows are not printed
    for row, weights in zip(rows, want[:4], strict=True):
        assert row[1:] == [*(f"{w:.3f}" for w in weights), "1.000"]
    leaked = [sum(w[3:]) for w in want_unmasked[:4]]
    assert lines[7] == "mask=None → Σ <pad>: " + "  ".join(
        f"{t} {w:.3f}" for t, w in zip(short_es, leaked, strict=True))
    assert len(lines) == 8


def test_multi_head_cross_attention_heads_see_their_own_columns(
    capsys: pytest.CaptureFixture[str],
) -> None:
    ex = multi_head_example()
    src, tgt = toy_states(SOURCE_EN, CONCEPTS), toy_states(TARGET_ES, CONCEPTS)
    eye = np.eye(8).tolist()
    want_out, want = oracle.multi_head_2d(tgt.tolist(), src.tolist(), eye, eye, eye, eye, 4)
    assert ex.weights.shape == (4, 8, 7) and ex.output.shape == (8, 8)
    np.testing.assert_allclose(ex.weights, want, atol=1e-12)
    np.testing.assert_allclose(ex.output, want_out, atol=1e-12)
    for i, target in enumerate(TARGET_ES):
        meaning_head = CONCEPTS.index(GLOSS[target]) // 2  # columns 2r, 2r + 1 -> head r
        for head in range(3):  # heads 1-3 see meanings, head 4 the position code
            row = want[head][i]
            if head == meaning_head:  # the translation (or both "the") takes the weight
                assert ex.choices[i][head] == GLOSS[target]
                assert sum(w for w, s in zip(row, SOURCE_EN, strict=True)
                           if s == GLOSS[target]) > 0.98
            else:  # nothing of the query in this head's columns: a flat row
                assert ex.choices[i][head] is None and max(row) - min(row) < 1e-12
        # the position head prefers the source word at the nearest relative position
        nearest = round(i * (len(SOURCE_EN) - 1) / (len(TARGET_ES) - 1))
        assert int(np.argmax(want[3][i])) == nearest and ex.choices[i][3] == SOURCE_EN[nearest]
    print_multi_head_example()
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "weights.shape = (4, 8, 7)  output.shape = (8, 8)"
    assert lines[1].split() == ["h1", "h2", "h3", "h4"]
    assert len(lines) == 2 + len(TARGET_ES)
    gato = lines[3].split()  # "gato": only h2 (cat/sat columns) and h4 (position) choose
    assert gato == ["gato", "—", f"{1 / 7:.3f}", "cat", f"{max(want[1][1]):.3f}",
                    "—", f"{1 / 7:.3f}", SOURCE_EN[int(np.argmax(want[3][1]))],
                    f"{max(want[3][1]):.3f}"]


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
