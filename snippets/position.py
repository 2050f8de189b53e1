"""Position inside attention: what each scheme does to the score s_ij of query i and key j.

Public API
----------
``sinusoidal_encoding(positions, d) -> (L, d)``
    Vaswani et al.'s fixed encoding, added to the embeddings: sin at even, cos at odd
    columns, frequency base**(-2i/d) for column pair i (base = 10000).
``rotary_embedding(x, positions, base=10000.0) -> (..., L, d)``
    RoPE (Su et al.): rotate each interleaved pair (x[2i], x[2i+1]) by the angle
    p * theta_i, theta_i = base**(-2i/d), p the position of the row. x (..., L, d), d even;
    positions (L,). Applied to queries and keys (never to values), it makes q_i k_j^T a
    function of q, k and i - j only.
``rotary_embedding_half(x, positions, base=10000.0)``
    The same rotations in the "rotate-half" layout some libraries use: coordinate i is
    paired with coordinate i + d/2 instead of 2i with 2i + 1. It equals
    ``rotary_embedding`` on coordinates permuted by ``half_to_interleaved(d)`` (tests
    check it); since q and k are permuted alike, the scores are the same, but weights
    trained for one layout must be permuted before use with the other.
``half_to_interleaved(d) -> (d,) int``: the permutation between the two layouts.
``alibi_slopes(num_heads) -> (num_heads,)``
    Press et al.'s slopes: for h a power of two, the geometric sequence that starts at
    2**(-8/h) with that same ratio (1/2, 1/4, ..., 1/256 for 8 heads). Otherwise (rule of
    the authors' released code): the slopes of the largest power of two below h, then
    every other slope of twice that power, as many as needed.
``alibi_bias(num_heads, m, n) -> (num_heads, m, n)``
    -slope * (p - j) for the query at position p = i + n - m (queries aligned bottom-right
    with the keys, as when the m queries are the last m of n positions). For keys after
    the query (j > p) it returns -slope * (j - p), the same penalty on the absolute
    distance: a causal model never uses those entries (mask them with
    ``causal_mask(m, n, align="bottom-right")``).
``relative_position_index(m, n, clip) -> (m, n) int``
    Shaw et al.: j - i clipped to [-clip, clip] and shifted to 0..2*clip, the row of the
    table of learned relative embeddings used for the pair (i, j).
``relative_position_scores(q, k, table, clip) -> (..., m, n)``
    Shaw et al.'s scores (q_i k_j^T + q_i a_ij^T) / sqrt(d_k), a_ij = table[index(i, j)];
    table (2*clip + 1, d_k).
``t5_bucket(relative_position, bidirectional=True, num_buckets=32, max_distance=128)``
    T5's bucket of j - i (rule of the released T5 code): half the buckets for each
    direction when bidirectional; small distances get a bucket each, larger ones share
    logarithmically wider buckets, and every distance >= max_distance shares the last.
``t5_bias(table, m, n, bidirectional=True, max_distance=128) -> (heads, m, n)``
    One learned scalar per (head, bucket), added to the scores: table (heads, num_buckets).
``rope_relative_demo()`` / ``print_rope_demo(out, lang)``
    Numerical check of RoPE's relative property on the page.
``nope_demo()`` / ``print_nope_demo(out, lang)``
    With equal scores and a causal mask, the weights alone reveal each query's position.

Sections for pages: ``sinusoidal``, ``rope``, ``alibi``, ``shaw``, ``t5``, ``rope_demo``.
Run: ``python -m snippets.position``.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as `python snippets/position.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np
from numpy.typing import ArrayLike

from snippets._checks import as_float_array, check_min_ndim, positive_scalar
from snippets.attention import scaled_dot_product_attention
from snippets.masks import _positive_int, causal_mask
from snippets.toy_data import embed


def _positions(positions: ArrayLike, length: int | None = None) -> np.ndarray:
    """Check a 1-D array of positions (integers or floats), optionally of a given length."""
    arr = np.asarray(positions)
    if arr.ndim != 1 or not (np.issubdtype(arr.dtype, np.integer)
                             or np.issubdtype(arr.dtype, np.floating)):
        raise ValueError(f"positions must be a 1-D array of numbers, got shape {arr.shape} "
                         f"and dtype {arr.dtype}")
    if length is not None and arr.shape[0] != length:
        raise ValueError(f"positions has {arr.shape[0]} entries but x has L={length} rows")
    return arr.astype(np.float64)


def _even_dim(d: int, name: str = "d") -> int:
    if d % 2:
        raise ValueError(f"{name} must be even (coordinates are rotated in pairs), got {d}")
    return d


# --8<-- [start:sinusoidal]
def sinusoidal_encoding(positions: ArrayLike, d: int) -> np.ndarray:
    """(L, d): sin(p w_i) in column 2i, cos(p w_i) in column 2i + 1, w_i = 10000**(-2i/d)."""
    p = _positions(positions)
    d = _even_dim(_positive_int("d", d))
    freqs = 10000.0 ** (-np.arange(0, d, 2) / d)  # (d/2,)
    angles = p[:, None] * freqs[None, :]  # (L, d/2)
    out = np.empty((p.shape[0], d))
    out[:, 0::2], out[:, 1::2] = np.sin(angles), np.cos(angles)
    return out
# --8<-- [end:sinusoidal]


# --8<-- [start:rope]
def rotary_embedding(x: ArrayLike, positions: ArrayLike, base: float = 10000.0) -> np.ndarray:
    """Rotate each pair (x[..., 2i], x[..., 2i+1]) of row p by the angle p * base**(-2i/d).

    Shapes: x (..., L, d) with d even, positions (L,) -> (..., L, d).
    """
    x = as_float_array("x", x)
    check_min_ndim("x", x, 2, "(..., L, d)")
    length, d = x.shape[-2:]
    _even_dim(d, "the last axis d of x")
    p = _positions(positions, length)
    theta = positive_scalar("base", base) ** (-np.arange(0, d, 2) / d)  # (d/2,)
    cos, sin = np.cos(p[:, None] * theta), np.sin(p[:, None] * theta)  # (L, d/2)
    even, odd = x[..., 0::2], x[..., 1::2]
    out = np.empty_like(x)
    out[..., 0::2] = even * cos - odd * sin  # a 2-D rotation of every pair
    out[..., 1::2] = even * sin + odd * cos
    return out
# --8<-- [end:rope]


def half_to_interleaved(d: int) -> np.ndarray:
    """Permutation perm with x_half = x[..., perm]: pairs (2i, 2i+1) -> (i, i + d/2)."""
    d = _even_dim(_positive_int("d", d))
    return np.concatenate([np.arange(0, d, 2), np.arange(1, d, 2)])


def rotary_embedding_half(x: ArrayLike, positions: ArrayLike,
                          base: float = 10000.0) -> np.ndarray:
    """RoPE in the rotate-half layout: coordinate i is paired with i + d/2."""
    x = as_float_array("x", x)
    check_min_ndim("x", x, 2, "(..., L, d)")
    length, d = x.shape[-2:]
    _even_dim(d, "the last axis d of x")
    p = _positions(positions, length)
    theta = positive_scalar("base", base) ** (-np.arange(0, d, 2) / d)
    angles = np.concatenate([p[:, None] * theta] * 2, axis=-1)  # (L, d)
    first, second = x[..., : d // 2], x[..., d // 2:]
    rotated_half = np.concatenate([-second, first], axis=-1)
    return x * np.cos(angles) + rotated_half * np.sin(angles)


# --8<-- [start:alibi]
def alibi_slopes(num_heads: int) -> np.ndarray:
    """(num_heads,) slopes: 2**(-8k/h), k = 1..h, for h a power of two."""
    h = _positive_int("num_heads", num_heads)
    if h & (h - 1) == 0:  # a power of two
        return 2.0 ** (-8.0 * np.arange(1, h + 1) / h)
    closest = 1 << (h.bit_length() - 1)  # largest power of two below h
    extra = alibi_slopes(2 * closest)[0::2][: h - closest]  # fill in between
    return np.concatenate([alibi_slopes(closest), extra])


def alibi_bias(num_heads: int, m: int, n: int) -> np.ndarray:
    """(num_heads, m, n): -slope_h * |p - j|, query i at position p = i + n - m."""
    m, n = _positive_int("m", m), _positive_int("n", n)
    position = np.arange(m)[:, None] + (n - m)  # bottom-right: the last query is key n-1's
    distance = np.abs(position - np.arange(n)[None, :])  # (m, n)
    return -alibi_slopes(num_heads)[:, None, None] * distance
# --8<-- [end:alibi]


# --8<-- [start:shaw]
def relative_position_index(m: int, n: int, clip: int) -> np.ndarray:
    """(m, n) ints: clip(j - i, -clip, clip) + clip, a row of the relative table."""
    m, n, clip = _positive_int("m", m), _positive_int("n", n), _positive_int("clip", clip)
    relative = np.arange(n)[None, :] - np.arange(m)[:, None]  # j - i
    return np.clip(relative, -clip, clip) + clip


def relative_position_scores(q: ArrayLike, k: ArrayLike, table: ArrayLike,
                             clip: int) -> np.ndarray:
    """Shaw et al.: s_ij = (q_i k_j^T + q_i a_ij^T) / sqrt(d_k), a_ij a learned vector.

    Shapes: q (..., m, d_k), k (..., n, d_k), table (2*clip + 1, d_k) -> (..., m, n).
    """
    q, k, table = (as_float_array(name, a) for name, a in (("q", q), ("k", k),
                                                            ("table", table)))
    check_min_ndim("q", q, 2, "(..., m, d_k)")
    check_min_ndim("k", k, 2, "(..., n, d_k)")
    d_k = q.shape[-1]
    if k.shape[-1] != d_k or table.shape != (2 * clip + 1, d_k):
        raise ValueError(f"q {q.shape}, k {k.shape} and table {table.shape} must share d_k, "
                         f"and table must have shape (2*clip + 1, d_k) = ({2 * clip + 1}, {d_k})")
    a = table[relative_position_index(q.shape[-2], k.shape[-2], clip)]  # (m, n, d_k)
    content = q @ np.swapaxes(k, -1, -2)
    position = np.einsum("...id,ijd->...ij", q, a)  # q_i · a_ij
    return (content + position) / math.sqrt(d_k)
# --8<-- [end:shaw]


# --8<-- [start:t5]
def t5_bucket(relative_position: ArrayLike, bidirectional: bool = True,
              num_buckets: int = 32, max_distance: int = 128) -> np.ndarray:
    """Bucket (int array) of each relative position j - i, as in the released T5 code."""
    rel = np.asarray(relative_position)
    if not np.issubdtype(rel.dtype, np.integer):
        raise ValueError(f"relative_position must hold integers, got dtype {rel.dtype}")
    num_buckets = _positive_int("num_buckets", num_buckets)
    max_distance = _positive_int("max_distance", max_distance)
    total = num_buckets
    if bidirectional:
        num_buckets //= 2  # one half per direction
    if num_buckets < 2 or max_distance <= num_buckets // 2:
        raise ValueError(f"num_buckets={total} (bidirectional={bidirectional}) and "
                         f"max_distance={max_distance} leave no logarithmic buckets")
    bucket = np.zeros(rel.shape, dtype=np.int64)
    distance = -rel  # how far back the key is
    if bidirectional:
        bucket += (distance < 0) * num_buckets  # keys ahead use the second half
        distance = np.abs(distance)
    else:
        distance = np.maximum(distance, 0)  # keys ahead share bucket 0 (a mask hides them)
    exact = num_buckets // 2  # distances 0..exact-1 get a bucket each
    with np.errstate(divide="ignore"):
        log_ratio = np.log(np.maximum(distance, 1) / exact) / math.log(max_distance / exact)
    large = exact + (log_ratio * (num_buckets - exact)).astype(np.int64)
    large = np.minimum(large, num_buckets - 1)
    return bucket + np.where(distance < exact, distance, large)


def t5_bias(table: ArrayLike, m: int, n: int, bidirectional: bool = True,
            max_distance: int = 128) -> np.ndarray:
    """(heads, m, n): table[h, bucket(j - i)], one learned scalar per head and bucket."""
    table = as_float_array("table", table)
    if table.ndim != 2:
        raise ValueError(f"table must have shape (heads, num_buckets), got {table.shape}")
    m, n = _positive_int("m", m), _positive_int("n", n)
    relative = np.arange(n)[None, :] - np.arange(m)[:, None]
    buckets = t5_bucket(relative, bidirectional, table.shape[1], max_distance)
    return table[:, buckets]
# --8<-- [end:t5]


@dataclass(frozen=True)
class RopeDemo:
    """Score of one query vector and one key vector placed at several position pairs."""

    pairs: tuple[tuple[int, int], ...]  # (i, j) positions of the query and the key
    rope_scores: tuple[float, ...]
    absolute_scores: tuple[float, ...]  # with sinusoidal encodings added instead


# --8<-- [start:rope_demo]
def rope_relative_demo() -> RopeDemo:
    """The same q and k at (i, j) = (2, 0), (7, 5), (102, 100), (5, 7): RoPE vs additive."""
    d = 8
    q_vec, k_vec = embed(("sat", "cat"), d)  # two fixed toy vectors
    pairs = ((2, 0), (7, 5), (102, 100), (5, 7))
    rope, absolute = [], []
    for i, j in pairs:
        q_i = rotary_embedding(q_vec[None], [i])[0]
        k_j = rotary_embedding(k_vec[None], [j])[0]
        rope.append(float(q_i @ k_j))
        pe = sinusoidal_encoding([i, j], d)  # added to the vectors instead
        absolute.append(float((q_vec + pe[0]) @ (k_vec + pe[1])))
    return RopeDemo(pairs, tuple(rope), tuple(absolute))
# --8<-- [end:rope_demo]


def print_rope_demo(out: Callable[..., object] = print, lang: str = "en") -> None:
    """Print the demo: equal i - j gives equal RoPE scores, not equal additive scores."""
    demo = rope_relative_demo()
    head = {"en": ("  i    j  i-j", "RoPE", "sinusoidal added"),
            "es": ("  i    j  i-j", "RoPE", "sinusoidal sumada")}[lang]
    out(f"{head[0]}  {head[1]:>9}  {head[2]:>17}")
    for (i, j), r, a in zip(demo.pairs, demo.rope_scores, demo.absolute_scores, strict=True):
        out(f"{i:>3}  {j:>3}  {i - j:>3}  {r:>9.6f}  {a:>17.6f}")


@dataclass(frozen=True)
class NopeDemo:
    """Causal attention with all scores equal: row i gives weight 1/(i + 1) to each key."""

    weights: np.ndarray  # (6, 6)
    recovered_positions: tuple[int, ...]  # 1 / weights[i, 0] - 1


def nope_demo() -> NopeDemo:
    """Zero queries (every score 0) under a causal mask, no positional information at all."""
    n = 6
    q = np.zeros((n, 4))
    k = v = embed(("the", "cat", "sat", "on", "the", "mat"), 4)
    _, weights = scaled_dot_product_attention(q, k, v, mask=causal_mask(n))
    recovered = tuple(round(float(1 / w) - 1) for w in weights[:, 0])
    return NopeDemo(weights, recovered)


def print_nope_demo(out: Callable[..., object] = print, lang: str = "en") -> None:
    """Print the weights of the NoPE demo and the positions read back from them."""
    demo = nope_demo()
    label = {"en": "position read back from the first column:",
             "es": "posición recuperada de la primera columna:"}[lang]
    for row in demo.weights:
        # 3 significant digits: 1 and 0 print as "1" and "0", never "1.000", which a
        # Spanish reader takes for a thousand
        out("  " + " ".join(f"{w:5.3g}" for w in row))
    out(label, " ".join(str(p) for p in demo.recovered_positions))


if __name__ == "__main__":
    print_rope_demo()
    print_nope_demo()
