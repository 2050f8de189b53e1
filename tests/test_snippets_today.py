"""Cross-attention in today's models: DTW word timestamps, per-token maps and reweighting,
learned queries versus early fusion, the wait-k mask. Oracles: brute-force DTW paths, the
plain-Python attention of tests/oracle.py."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from snippets import dtw, learned_queries, streaming, token_maps
from tests import oracle

# DTW --------------------------------------------------------------------------------------


def _all_paths(m: int, n: int) -> list[list[tuple[int, int]]]:
    """Every monotonic path from (0, 0) to (m-1, n-1) with steps (1,1), (1,0), (0,1)."""
    if (m, n) == (1, 1):
        return [[(0, 0)]]
    paths = []
    for di, dj in ((1, 1), (1, 0), (0, 1)):
        if m - di >= 1 and n - dj >= 1:
            paths += [[*p, (m - 1, n - 1)] for p in _all_paths(m - di, n - dj)]
    return paths


costs = hnp.arrays(np.float64, hnp.array_shapes(min_dims=2, max_dims=2, min_side=1, max_side=4),
                   elements=st.floats(-5, 5, allow_nan=False))


@settings(max_examples=150, deadline=None)
@given(costs)
def test_dtw_finds_the_least_cost_path_of_a_brute_force_enumeration(cost: np.ndarray) -> None:
    path, total = dtw.dtw_path(cost)
    m, n = cost.shape
    best = min(sum(cost[i, j] for i, j in p) for p in _all_paths(m, n))
    assert total == pytest.approx(best, abs=1e-9)
    assert total == pytest.approx(float(cost[path[:, 0], path[:, 1]].sum()), abs=1e-9)
    # a valid path: corners, unit monotonic steps
    assert tuple(path[0]) == (0, 0) and tuple(path[-1]) == (m - 1, n - 1)
    steps = {tuple(s) for s in np.diff(path, axis=0)}
    assert steps <= {(1, 1), (1, 0), (0, 1)}
    assert max(m, n) <= len(path) <= m + n - 1


def test_dtw_path_count_matches_the_delannoy_numbers() -> None:
    # the oracle itself: D(2,2) = 13 paths on a 3 x 3 grid, D(1,3) = 7 on 2 x 4
    assert len(_all_paths(3, 3)) == 13 and len(_all_paths(2, 4)) == 7


def test_dtw_rejects_bad_input_naming_the_shape() -> None:
    with pytest.raises(ValueError, match=r"cost must have shape \(m, n\).*\(3,\)"):
        dtw.dtw_path(np.zeros(3))
    with pytest.raises(ValueError, match="non-finite"):
        dtw.dtw_path([[0.0, np.inf]])
    with pytest.raises(ValueError, match=r"heads must be .* below h=3, got \[5\]"):
        dtw.alignment_matrix(np.ones((3, 2, 4)), [5])
    with pytest.raises(ValueError, match="does not visit every row"):
        dtw.token_times(np.array([[0, 0], [0, 1]]), 2, 0.1)


def test_example_recovers_the_inner_words_and_shows_the_silence_pitfall(
    capsys: pytest.CaptureFixture[str],
) -> None:
    ex = dtw.example()
    assert ex.weights.shape == (3, 6, 40)
    np.testing.assert_allclose(ex.weights.sum(axis=-1), 1.0)
    true_starts = np.array([a for a, _ in ex.true_frames]) * ex.frame_seconds
    # a word that follows speech starts within a frame of its true start ...
    after_speech = [1, 2, 3, 5]
    np.testing.assert_allclose(ex.starts[after_speech], true_starts[after_speech],
                               atol=ex.frame_seconds + 1e-9)
    # ... but the path must cover every frame: the leading silence goes to the first word,
    # the pause to "on" (which starts where "sat" ends), the final silence to the last word
    assert ex.starts[0] == 0.0 and ex.ends[-1] == pytest.approx(40 * ex.frame_seconds)
    assert ex.starts[4] == pytest.approx(ex.ends[3])
    assert ex.starts[4] < true_starts[4] - 2 * ex.frame_seconds
    assert np.all(np.diff(ex.starts) > 0)  # monotonic: no word starts before the previous one
    # head 2 looks at frame 0 whatever the word: averaging it in would pull every word there
    assert np.all(ex.weights[2].argmax(axis=-1) == 0)
    dtw.print_example(lang="es")
    out = capsys.readouterr().out
    assert "palabra" in out and "word" not in out
    assert f"{ex.starts[2]:.1f}-{ex.ends[2]:.1f}" in out


# Per-token maps and reweighting ---------------------------------------------------------


def test_token_maps_are_the_columns_of_the_weights_reshaped() -> None:
    ex = token_maps.example()
    assert ex.weights.shape == (64, 5) and ex.maps.shape == (5, 8, 8)
    np.testing.assert_allclose(ex.weights.sum(axis=1), 1.0)  # rows (image positions) sum to 1
    for j in range(5):
        np.testing.assert_array_equal(ex.maps[j].ravel(), ex.weights[:, j])
    latents = np.eye(3)[ex.regions.ravel()]
    keys = [list(token_maps.TOKEN_KEYS[t]) for t in ex.prompt]
    values = [list(token_maps.TOKEN_VALUES[t]) for t in ex.prompt]
    _, want = oracle.attention_2d(latents.tolist(), keys, values, scale=1.0)
    np.testing.assert_allclose(ex.weights, want, atol=1e-12)
    ball, grass = ex.regions == 0, ex.regions == 1
    assert ex.maps[2][ball].mean() > 0.5 and ex.maps[4][grass].mean() > 0.5


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 6), st.integers(1, 5), st.floats(0, 4), st.data())
def test_reweighting_scales_one_column_and_its_contribution_only(
    m: int, n: int, c: float, data: st.DataObject,
) -> None:
    weights = data.draw(hnp.arrays(np.float64, (m, n), elements=st.floats(0, 1)))
    values = data.draw(hnp.arrays(np.float64, (n, 3), elements=st.floats(-2, 2)))
    j = data.draw(st.integers(0, n - 1))
    edited = token_maps.reweight(weights, j, c)
    np.testing.assert_allclose(edited[:, j], c * weights[:, j])
    np.testing.assert_array_equal(np.delete(edited, j, axis=1), np.delete(weights, j, axis=1))
    # the output moves by (c - 1) times token j's own contribution, nothing else
    change = edited @ values - weights @ values
    np.testing.assert_allclose(change, (c - 1) * np.outer(weights[:, j], values[j]), atol=1e-9)


def test_reweight_example_and_errors(capsys: pytest.CaptureFixture[str]) -> None:
    ex = token_maps.example()
    ball = ex.regions == 0
    assert ex.factors == (0.0, 1.0, 2.0)
    np.testing.assert_array_equal(ex.red[0], 0.0)
    np.testing.assert_allclose(ex.red[2], 2 * ex.red[1])
    assert ex.red[1][ball].mean() > 3 * ex.red[1][~ball].mean()  # acts where "red" looks
    with pytest.raises(ValueError, match=r"token must index .*\(64, 5\).*token=5"):
        token_maps.reweight(ex.weights, 5, 2.0)
    with pytest.raises(ValueError, match=r"H·W=16.*\(64, 5\)"):
        token_maps.token_maps(ex.weights, (4, 4))
    token_maps.print_example(lang="es")
    assert "media en la pelota" in capsys.readouterr().out


# Learned queries ---------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 4), st.integers(1, 7), st.data())
def test_learned_queries_give_n_rows_for_any_length_and_ignore_input_order(
    num_queries: int, n: int, data: st.DataObject,
) -> None:
    floats = st.floats(-2, 2, allow_nan=False)
    queries = data.draw(hnp.arrays(np.float64, (num_queries, 3), elements=floats))
    inputs = data.draw(hnp.arrays(np.float64, (n, 2), elements=floats))
    w_k = data.draw(hnp.arrays(np.float64, (2, 3), elements=floats))
    w_v = data.draw(hnp.arrays(np.float64, (2, 4), elements=floats))
    out, weights = learned_queries.learned_query_attention(queries, inputs, w_k, w_v)
    assert out.shape == (num_queries, 4) and weights.shape == (num_queries, n)
    want_out, want_w = oracle.attention_2d(queries.tolist(), (inputs @ w_k).tolist(),
                                           (inputs @ w_v).tolist())
    np.testing.assert_allclose(weights, want_w, atol=1e-9)
    np.testing.assert_allclose(out, want_out, atol=1e-9)
    order = data.draw(st.permutations(range(n)))
    shuffled, _ = learned_queries.learned_query_attention(queries, inputs[list(order)], w_k, w_v)
    np.testing.assert_allclose(shuffled, out, atol=1e-9)


def test_learned_query_example_early_fusion_and_counts(capsys: pytest.CaptureFixture[str]) -> None:
    ex = learned_queries.example()
    assert all(o.shape == (4, 8) for o in ex.outputs)
    assert ex.fused_shapes == tuple((n + 12, 8) for n in ex.lengths)
    assert ex.counts[-1] == (4 * 256, (4 + 12) ** 2, (256 + 12) ** 2)
    assert ex.shuffle_change == 0.0
    learned_queries.print_example(lang="es")
    printed = capsys.readouterr().out
    assert "fusión temprana" in printed
    assert "71\u00a0824" in printed and "5776" in printed  # RAE: grouped from five digits
    learned_queries.print_example(lang="en")
    assert "71,824" in capsys.readouterr().out
    with pytest.raises(ValueError, match=r"w_k \(6, 5\) must project to the queries' d_k=8"):
        learned_queries.learned_query_attention(np.ones((4, 8)), np.ones((3, 6)),
                                                np.ones((6, 5)), np.ones((6, 2)))
    with pytest.raises(ValueError, match=r"n must be a non-negative integer, got -1"):
        learned_queries.score_count(4, -1, 3)
    with pytest.raises(ValueError, match=r"w_proj \(6, 3\) must map to the text width 8"):
        learned_queries.early_fusion(np.ones((2, 6)), np.ones((5, 8)), np.ones((6, 3)))


# wait-k ---------------------------------------------------------------------------------


@given(st.integers(1, 9), st.integers(1, 9), st.integers(1, 12))
def test_wait_k_rows_are_growing_prefixes(m: int, n: int, k: int) -> None:
    mask = streaming.wait_k_mask(m, n, k)
    for i, j in itertools.product(range(m), range(n)):
        assert mask[i, j] == (j < min(k + i, n))  # Ma et al.'s g(t) = min(k + t - 1, |x|)
    seen = mask.sum(axis=1)
    assert seen[0] == min(k, n) and np.all(np.diff(seen) >= 0)
    if k >= n:
        assert mask.all()  # waiting for the whole source: offline cross-attention


def test_wait_k_example_hides_a_translation_only_when_k_is_small(
    capsys: pytest.CaptureFixture[str],
) -> None:
    wait1, wait3 = streaming.example(1), streaming.example(3)
    assert wait1.arrived[1] is False and wait1.best[1] == "black"  # "gato" cannot see "cat"
    assert all(wait3.arrived) and wait3.best[1] == "cat"
    np.testing.assert_array_equal(wait1.weights[~wait1.mask], 0.0)
    streaming.print_example(lang="es")
    assert "¿ha llegado su traducción?" in capsys.readouterr().out
    with pytest.raises(ValueError, match=r"k must be an integer >= 1, got 0"):
        streaming.wait_k_mask(3, 3, 0)


@pytest.mark.parametrize("module", [dtw, token_maps, learned_queries, streaming])
def test_unknown_print_language_is_named(module) -> None:
    with pytest.raises(ValueError, match=r"unknown language 'fr'"):
        module.print_example(lambda *a: None, lang="fr")
