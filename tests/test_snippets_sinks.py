"""The no-op head and weight × value norm: weight parks on [SEP] and moves little."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from snippets.sinks import CONTENT_NOUNS, build_head, noop_head
from snippets.sinks import print_example as print_sinks
from snippets.value_norm import print_example as print_norms
from snippets.value_norm import weighted_norms
from tests import oracle


def test_nouns_find_their_determiner_and_the_rest_park_on_sep() -> None:
    ex = noop_head()
    for i, token in enumerate(ex.tokens):
        top = int(np.argmax(ex.weights[i]))
        if token in CONTENT_NOUNS:
            assert (ex.tokens[top], top) == ("the", i - 1)
        else:
            assert top == ex.sink and ex.weights[i, top] > 0.8


def test_weights_match_the_plain_python_softmax_of_q_k() -> None:
    ex = noop_head()
    scores = oracle.matmul(ex.queries.tolist(), oracle.transpose(ex.keys.tolist()))
    for row, expected in zip(ex.weights, scores, strict=True):
        np.testing.assert_allclose(row, oracle.softmax_row(expected), atol=1e-12)


def test_parking_keeps_the_output_small_and_no_sink_forces_a_blend() -> None:
    ex = noop_head()
    assert np.all(ex.weights_no_sink[:, ex.sink] == 0)  # masked: exactly 0
    np.testing.assert_allclose(ex.weights_no_sink.sum(axis=1), 1.0)
    for i, token in enumerate(ex.tokens):
        with_sink = np.linalg.norm(ex.outputs[i])
        without = np.linalg.norm(ex.outputs_no_sink[i])
        if token not in CONTENT_NOUNS:
            assert with_sink < 0.25 * without  # the head nearly does nothing
            np.testing.assert_allclose(ex.outputs_no_sink[i],  # uniform over the 7 words
                                       np.delete(ex.values, ex.sink, axis=0).mean(axis=0))


def test_printed_example(capsys: pytest.CaptureFixture[str]) -> None:
    print_sinks()
    print_norms()
    printed = capsys.readouterr().out
    assert "cat      0.858 the            0.116   1.484    1.683" in printed
    assert "[SEP]    0.886   0.057       0.051  0.221" in printed


def test_largest_weight_is_not_the_largest_contribution() -> None:
    ex = noop_head()
    i = ex.tokens.index("sat")
    moved = weighted_norms(ex.weights, ex.values)[i]
    assert int(np.argmax(ex.weights[i])) == ex.sink
    assert moved[ex.sink] / moved.sum() < 0.25  # 89 % of the weight, under a quarter of ‖·‖


@settings(max_examples=60, deadline=None)
@given(hnp.arrays(np.float64, (2, 3, 4), elements=st.floats(0, 1, width=64)),
       hnp.arrays(np.float64, (2, 4, 5), elements=st.floats(-3, 3, width=64)))
def test_weighted_norms_are_the_lengths_of_the_added_vectors(a: np.ndarray, v: np.ndarray) -> None:
    got = weighted_norms(a, v)
    assert got.shape == (2, 3, 4)
    for b, i, j in np.ndindex(got.shape):
        assert got[b, i, j] == pytest.approx(np.linalg.norm(a[b, i, j] * v[b, j]), abs=1e-12)


@pytest.mark.parametrize(("call", "message"), [
    (lambda: weighted_norms(np.ones((2, 3)), np.ones((4, 2))), r"share n.*\(2, 3\).*\(4, 2\)"),
    (lambda: weighted_norms(-np.ones((2, 3)), np.ones((3, 2))), r"non-negative.*-1"),
    (lambda: weighted_norms(np.ones(3), np.ones((3, 2))), r"\(\.\.\., m, n\), got shape \(3,\)"),
    (lambda: build_head(("the", "cat")), r"must contain '\[SEP\]'"),
])
def test_bad_input_is_named(call, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()
