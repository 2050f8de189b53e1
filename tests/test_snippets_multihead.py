"""Multi-head attention: oracle agreement (per-head column slices), shapes, errors."""

from __future__ import annotations

import numpy as np
import pytest

from snippets.masks import causal_mask, padding_mask
from snippets.multihead import (
    MultiHeadParams,
    example,
    init_params,
    merge_heads,
    multi_head_attention,
    print_example,
    split_heads,
)
from snippets.toy_data import SENTENCE, embed
from tests import oracle


def run_oracle(x_q, x_kv, p: MultiHeadParams, mask=None):
    return oracle.multi_head_2d(x_q.tolist(), x_kv.tolist(), p.w_q.tolist(), p.w_k.tolist(),
                                p.w_v.tolist(), p.w_o.tolist(), p.num_heads,
                                None if mask is None else mask.tolist())


def test_example_matches_oracle_and_printout(capsys: pytest.CaptureFixture[str]) -> None:
    x = embed(SENTENCE, 8)
    mask = causal_mask(6)
    out, weights = run_oracle(x, x, init_params(8, 4), mask)
    ex = example()
    assert ex.weights.shape == (4, 6, 6) and ex.output.shape == (6, 8)
    np.testing.assert_allclose(ex.weights, weights, atol=1e-9)
    np.testing.assert_allclose(ex.output, out, atol=1e-9)
    assert np.all(ex.weights[:, ~mask] == 0.0)  # no head peeks ahead
    print_example()
    lines = capsys.readouterr().out.splitlines()
    # heads numbered from 1, as in the "multi-head" figure's panel titles
    assert [line.split()[0] for line in lines[1:5]] == ["h1", "h2", "h3", "h4"]
    for line, head_weights in zip(lines[1:5], weights, strict=True):
        assert line.split()[1:] == ["mat", *(f"{w:.3f}" for w in head_weights[5])]
    assert lines[-1] == "output.shape = (6, 8)  weights.shape = (4, 6, 6)"


def test_split_then_merge_is_identity_and_heads_are_column_blocks() -> None:
    x = np.arange(2 * 3 * 8, dtype=float).reshape(2, 3, 8)
    heads = split_heads(x, 4)
    assert heads.shape == (2, 4, 3, 2)
    np.testing.assert_array_equal(heads[1, 2], x[1, :, 4:6])
    np.testing.assert_array_equal(merge_heads(heads), x)


def test_batched_cross_attention_with_padding_matches_oracle() -> None:
    rng = np.random.default_rng(3)
    x_q, x_kv = rng.normal(size=(2, 3, 6)), rng.normal(size=(2, 5, 4))  # m=3, n=5, d_kv=4
    params = init_params(6, 3, d_kv=4, name="test")
    mask = padding_mask([5, 2], 5)  # (2, 1, 5)
    out, w = multi_head_attention(x_q, x_kv, params, mask=mask)
    assert out.shape == (2, 3, 6) and w.shape == (2, 3, 3, 5)
    for b in range(2):
        want_out, want_w = run_oracle(x_q[b], x_kv[b], params,
                                      np.broadcast_to(mask[b], (3, 5)))
        np.testing.assert_allclose(out[b], want_out, atol=1e-9)
        np.testing.assert_allclose(w[b], want_w, atol=1e-9)
    assert np.all(w[1, :, :, 2:] == 0.0)


def test_float32_stays_float32() -> None:
    x = embed(SENTENCE, 8).astype(np.float32)
    out, w = multi_head_attention(x, x, init_params(8, 2))
    assert out.dtype == np.float32 and w.dtype == np.float32


def test_errors_name_the_problem() -> None:
    with pytest.raises(ValueError, match="num_heads=3 must be >= 1 and divide d_model=8"):
        init_params(8, 3)
    with pytest.raises(ValueError, match=r"w_o must have shape \(8, 8\), got \(8, 4\)"):
        p = init_params(8, 2)
        MultiHeadParams(p.w_q, p.w_k, p.w_v, np.zeros((8, 4)), 2)
    with pytest.raises(ValueError, match=r"num_heads=3 must divide d_model=8 \(shape \(2, 8\)\)"):
        split_heads(np.zeros((2, 8)), 3)
    x = np.zeros((3, 8))
    with pytest.raises(ValueError, match=r"x_q \(3, 6\) and x_kv \(3, 8\) do not fit w_q \(8, 8\)"):
        multi_head_attention(np.zeros((3, 6)), x, init_params(8, 2))
    with pytest.raises(ValueError, match=r"mask of shape \(3, 4\) cannot broadcast .*\(3, 3\)"):
        multi_head_attention(x, x, init_params(8, 2), mask=np.ones((3, 4), bool))
