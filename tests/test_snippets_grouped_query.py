"""Grouped-query and multi-query attention: loop oracle, MHA with repeated heads, errors."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from snippets.attention import scaled_dot_product_attention
from snippets.grouped_query import example, grouped_query_attention, print_example
from snippets.masks import causal_mask
from tests import oracle

FAST = settings(max_examples=50, deadline=None)


@st.composite
def gqa_inputs(draw: st.DrawFn):
    h_kv = draw(st.integers(1, 3))
    h_q = h_kv * draw(st.integers(1, 3))
    m, n = draw(st.integers(1, 5)), draw(st.integers(1, 5))
    d_k, d_v = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    batch = draw(st.sampled_from([(), (2,)]))
    elements = st.floats(-3, 3, allow_nan=False, width=32)
    q = draw(hnp.arrays(np.float64, (*batch, h_q, m, d_k), elements=elements))
    k = draw(hnp.arrays(np.float64, (*batch, h_kv, n, d_k), elements=elements))
    v = draw(hnp.arrays(np.float64, (*batch, h_kv, n, d_v), elements=elements))
    mask = draw(st.one_of(st.none(), hnp.arrays(np.bool_, (m, n))))
    return q, k, v, mask


@given(gqa_inputs())
@FAST
def test_each_query_head_matches_a_loop_oracle_on_its_group_head(inputs) -> None:
    q, k, v, mask = inputs
    out, w = grouped_query_attention(q, k, v, mask=mask)
    h_q, h_kv = q.shape[-3], k.shape[-3]
    for index in np.ndindex(q.shape[:-3]):
        for g in range(h_q):
            kv = g // (h_q // h_kv)  # the documented head mapping
            o, weights = oracle.attention_2d(q[index][g].tolist(), k[index][kv].tolist(),
                                             v[index][kv].tolist(),
                                             None if mask is None else mask.tolist())
            np.testing.assert_allclose(out[index][g], o, atol=1e-9)
            np.testing.assert_allclose(w[index][g], weights, atol=1e-9)


@given(gqa_inputs())
@FAST
def test_gqa_equals_multi_head_attention_with_repeated_kv_heads(inputs) -> None:
    q, k, v, mask = inputs
    group = q.shape[-3] // k.shape[-3]
    want = scaled_dot_product_attention(q, np.repeat(k, group, axis=-3),
                                        np.repeat(v, group, axis=-3), mask=mask)
    got = grouped_query_attention(q, k, v, mask=mask)
    for a, b in zip(got, want, strict=True):
        np.testing.assert_array_equal(a, b)


def test_mqa_every_head_reads_the_same_keys() -> None:
    rng = np.random.default_rng(0)
    q = rng.normal(size=(4, 3, 2))
    k, v = rng.normal(size=(1, 5, 2)), rng.normal(size=(1, 5, 3))
    out, w = grouped_query_attention(q, k, v)
    for g in range(4):
        o, weights = scaled_dot_product_attention(q[g], k[0], v[0])
        np.testing.assert_allclose(out[g], o)
        np.testing.assert_allclose(w[g], weights)


def test_example_and_printout(capsys: pytest.CaptureFixture[str]) -> None:
    ex = example()
    assert ex.kv_heads == (8, 2, 1) and ex.kv_values == (192, 48, 24)
    for w in ex.weights:
        assert w.shape == (8, 6, 6)
        assert np.all(w[:, ~causal_mask(6)] == 0.0)
    print_example(lang="es")
    lines = capsys.readouterr().out.splitlines()
    assert "números en K y V" in lines[0]
    assert lines[2].split("|")[-1].split() == ["0"] * 4 + ["1"] * 4


def test_errors_name_the_values() -> None:
    z = np.zeros
    with pytest.raises(ValueError, match=r"h_q=6 must be a multiple .* h_kv=4"):
        grouped_query_attention(z((6, 2, 3)), z((4, 2, 3)), z((4, 2, 3)))
    with pytest.raises(ValueError, match=r"same number of heads: k has shape \(2, 2, 3\), v has"):
        grouped_query_attention(z((4, 2, 3)), z((2, 2, 3)), z((1, 2, 3)))
    with pytest.raises(ValueError, match=r"q must have shape \(\.\.\., h_q, m, d_k\)"):
        grouped_query_attention(z((2, 3)), z((1, 2, 3)), z((1, 2, 3)))
    with pytest.raises(ValueError, match=r"mask of shape \(2, 3\) cannot broadcast"):
        grouped_query_attention(z((2, 2, 3)), z((1, 2, 3)), z((1, 2, 3)),
                                mask=np.ones((2, 3), bool))
