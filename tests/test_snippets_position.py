"""Position inside attention: RoPE, ALiBi, Shaw et al., T5 buckets, sinusoids, NoPE demo."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from snippets.position import (
    alibi_bias,
    alibi_slopes,
    half_to_interleaved,
    nope_demo,
    print_nope_demo,
    print_rope_demo,
    relative_position_index,
    relative_position_scores,
    rope_relative_demo,
    rotary_embedding,
    rotary_embedding_half,
    sinusoidal_encoding,
    t5_bias,
    t5_bucket,
)

FAST = settings(max_examples=60, deadline=None)
vectors = st.integers(1, 4).flatmap(
    lambda half: hnp.arrays(np.float64, 2 * half, elements=st.floats(-2, 2, width=32)))


def loop_rope(x: list[float], p: float, base: float = 10000.0) -> list[float]:
    """Oracle: RoFormer's block-diagonal rotation, pair by pair, with math.cos/sin."""
    d = len(x)
    out = []
    for i in range(d // 2):
        angle = p * base ** (-2 * i / d)
        a, b = x[2 * i], x[2 * i + 1]
        out += [a * math.cos(angle) - b * math.sin(angle),
                a * math.sin(angle) + b * math.cos(angle)]
    return out


@given(hnp.arrays(np.float64, st.tuples(st.integers(1, 4), st.integers(1, 3).map(lambda h: 2 * h)),
                  elements=st.floats(-2, 2, width=32)),
       st.floats(1.0, 1e5))
@FAST
def test_rope_matches_loop_oracle(x: np.ndarray, base: float) -> None:
    positions = np.arange(x.shape[0]) * 3 + 1
    got = rotary_embedding(x, positions, base=base)
    for row, p in zip(range(x.shape[0]), positions, strict=True):
        np.testing.assert_allclose(got[row], loop_rope(x[row].tolist(), p, base), atol=1e-9)
    # rotations keep lengths
    np.testing.assert_allclose(np.linalg.norm(got, axis=-1), np.linalg.norm(x, axis=-1),
                               atol=1e-9)


@given(vectors, st.data())
@FAST
def test_rope_score_depends_on_positions_only_through_i_minus_j(q: np.ndarray,
                                                                data: st.DataObject) -> None:
    k = data.draw(hnp.arrays(np.float64, q.shape, elements=st.floats(-2, 2, width=32)))
    i, j, shift = (data.draw(st.integers(0, 500)) for _ in range(3))

    def score(a: int, b: int) -> float:
        return float(rotary_embedding(q[None], [a])[0] @ rotary_embedding(k[None], [b])[0])

    assert score(i, j) == pytest.approx(score(i + shift, j + shift), abs=1e-8)
    assert score(i, j) == pytest.approx(score(i - j, 0), abs=1e-8)


@given(vectors, st.integers(0, 300))
@FAST
def test_rotate_half_layout_is_the_interleaved_one_permuted(x: np.ndarray, p: int) -> None:
    perm = half_to_interleaved(x.shape[0])
    np.testing.assert_allclose(rotary_embedding_half(x[None, perm], [p])[0],
                               rotary_embedding(x[None], [p])[0][perm], atol=1e-9)


def test_rope_demo_and_printout(capsys: pytest.CaptureFixture[str]) -> None:
    demo = rope_relative_demo()
    first = demo.rope_scores[0]
    assert demo.rope_scores[1] == pytest.approx(first, abs=1e-12)
    assert demo.rope_scores[2] == pytest.approx(first, abs=1e-12)
    assert abs(demo.rope_scores[3] - first) > 1e-3  # i - j = -2 is another distance
    assert len({round(a, 3) for a in demo.absolute_scores[:3]}) == 3  # additive: not relative
    print_rope_demo(lang="es")
    lines = capsys.readouterr().out.splitlines()
    assert "sinusoidal sumada" in lines[0]
    assert lines[1].split()[3] == lines[2].split()[3] == lines[3].split()[3] == f"{first:.6f}"


def test_sinusoidal_encoding_matches_vaswani_formula() -> None:
    pe = sinusoidal_encoding(np.arange(5), 6)
    for pos in range(5):
        for i in range(3):
            assert pe[pos, 2 * i] == pytest.approx(math.sin(pos / 10000 ** (2 * i / 6)))
            assert pe[pos, 2 * i + 1] == pytest.approx(math.cos(pos / 10000 ** (2 * i / 6)))


def test_alibi_slopes_are_the_papers_values() -> None:
    # Press et al.: for 8 heads 1/2, 1/4, ..., 1/256; for 16 heads, start and ratio 2^-0.5
    np.testing.assert_allclose(alibi_slopes(8), [2.0 ** -k for k in range(1, 9)])
    np.testing.assert_allclose(alibi_slopes(16), [2.0 ** (-k / 2) for k in range(1, 17)])
    # 12 heads: the 8-head slopes, then every other 16-head slope (2^-0.5, 2^-1.5, ...)
    np.testing.assert_allclose(alibi_slopes(12), [2.0 ** -k for k in range(1, 9)]
                               + [2.0 ** -0.5, 2.0 ** -1.5, 2.0 ** -2.5, 2.0 ** -3.5])
    assert alibi_slopes(1).tolist() == [2.0 ** -8]


@given(st.integers(1, 12), st.integers(1, 6), st.integers(1, 6))
@FAST
def test_alibi_bias_matches_loop_oracle(heads: int, m: int, n: int) -> None:
    slopes = alibi_slopes(heads)
    bias = alibi_bias(heads, m, n)
    assert bias.shape == (heads, m, n)
    for h in range(heads):
        for i in range(m):
            p = i + n - m  # bottom-right: the last query and the last key share a position
            for j in range(n):
                assert bias[h, i, j] == pytest.approx(-slopes[h] * abs(p - j))
    # the last query gives 0 to the last key and -slope * d to the key d positions back
    assert np.all(bias[:, -1, -1] == 0.0)


def loop_relative_scores(q, k, table, clip):
    d = len(q[0])
    return [[(sum(a * b for a, b in zip(qi, kj, strict=True))
              + sum(a * b for a, b in zip(qi, table[max(-clip, min(clip, j - i)) + clip],
                                          strict=True))) / math.sqrt(d)
             for j, kj in enumerate(k)] for i, qi in enumerate(q)]


@given(st.integers(1, 5), st.integers(1, 5), st.integers(1, 3), st.integers(1, 3), st.data())
@FAST
def test_shaw_scores_match_loop_oracle(m: int, n: int, d: int, clip: int,
                                       data: st.DataObject) -> None:
    floats = st.floats(-2, 2, width=32)
    q = data.draw(hnp.arrays(np.float64, (m, d), elements=floats))
    k = data.draw(hnp.arrays(np.float64, (n, d), elements=floats))
    table = data.draw(hnp.arrays(np.float64, (2 * clip + 1, d), elements=floats))
    np.testing.assert_allclose(relative_position_scores(q, k, table, clip),
                               loop_relative_scores(q.tolist(), k.tolist(), table.tolist(), clip),
                               atol=1e-9)


def test_relative_index_by_hand() -> None:
    assert relative_position_index(3, 5, clip=2).tolist() == [
        [2, 3, 4, 4, 4], [1, 2, 3, 4, 4], [0, 1, 2, 3, 4]]


def loop_t5_bucket(rel: int, bidirectional: bool, num_buckets: int, max_distance: int) -> int:
    """Oracle written from the description: exact small distances, log-spaced larger ones."""
    bucket = 0
    n = -rel
    if bidirectional:
        num_buckets //= 2
        if n < 0:
            bucket += num_buckets
        n = abs(n)
    else:
        n = max(n, 0)
    exact = num_buckets // 2
    if n < exact:
        return bucket + n
    large = exact + int(math.log(n / exact) / math.log(max_distance / exact)
                        * (num_buckets - exact))
    return bucket + min(large, num_buckets - 1)


@given(st.integers(-300, 300), st.booleans(), st.sampled_from([8, 16, 32]),
       st.sampled_from([20, 64, 128]))
@FAST
def test_t5_bucket_matches_loop_oracle(rel: int, bidirectional: bool, buckets: int,
                                       max_distance: int) -> None:
    assert int(t5_bucket(np.array(rel), bidirectional, buckets, max_distance)) == \
        loop_t5_bucket(rel, bidirectional, buckets, max_distance)


def test_t5_buckets_by_hand_and_bias_lookup() -> None:
    # 32 buckets, bidirectional: distances 0..7 back get buckets 0..7, >= 128 the last
    back = t5_bucket(-np.array([0, 1, 7, 8, 127, 128, 1000]))
    assert back.tolist()[:3] == [0, 1, 7] and back.tolist()[-2:] == [15, 15]
    assert t5_bucket(np.array([1, 1000])).tolist() == [17, 31]  # keys ahead: second half
    table = np.arange(2 * 32, dtype=float).reshape(2, 32)
    bias = t5_bias(table, 3, 3)
    assert bias.shape == (2, 3, 3)
    assert bias[1, 2, 0] == table[1, 2] and bias[0, 0, 1] == table[0, 17]


def test_nope_demo_reads_positions_from_weights(capsys: pytest.CaptureFixture[str]) -> None:
    demo = nope_demo()
    assert demo.recovered_positions == (0, 1, 2, 3, 4, 5)
    for i in range(6):
        np.testing.assert_allclose(demo.weights[i, : i + 1], 1 / (i + 1))
    print_nope_demo(lang="es")
    last = capsys.readouterr().out.splitlines()[-1]
    assert last == "posición recuperada de la primera columna: 0 1 2 3 4 5"


def test_errors_name_the_values() -> None:
    with pytest.raises(ValueError, match=r"must be even .* got 3"):
        rotary_embedding(np.zeros((2, 3)), [0, 1])
    with pytest.raises(ValueError, match="positions has 3 entries but x has L=2 rows"):
        rotary_embedding(np.zeros((2, 4)), [0, 1, 2])
    with pytest.raises(ValueError, match="base must be a finite number > 0, got -1"):
        rotary_embedding(np.zeros((2, 4)), [0, 1], base=-1)
    with pytest.raises(ValueError, match="num_heads must be a positive integer, got 0"):
        alibi_slopes(0)
    with pytest.raises(ValueError, match=r"table must have shape \(2\*clip \+ 1, d_k\) = \(5, 2\)"):
        relative_position_scores(np.zeros((2, 2)), np.zeros((3, 2)), np.zeros((4, 2)), 2)
    with pytest.raises(ValueError, match=r"num_buckets=2 .* max_distance=128 leave no"):
        t5_bucket(np.array([1]), num_buckets=2)
    with pytest.raises(ValueError, match="relative_position must hold integers"):
        t5_bucket(np.array([1.5]))
