"""Tiny, deterministic toy data shared by the worked examples and the figures.

Nothing here is trained: the "embeddings" are random vectors, one per distinct word,
drawn from a generator seeded by the word itself, so the same word always gets the
same vector (in every run, on every machine, in both languages of the site).

Public API
----------
``SENTENCE``: the running example, "the cat sat on the mat" as a tuple of tokens.
``embed(tokens, dim) -> ndarray``: (len(tokens), dim) float64 vectors, one row per token.
``projection(name, d_in, d_out) -> ndarray``: a fixed random (d_in, d_out) matrix.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence

import numpy as np

SENTENCE: tuple[str, ...] = ("the", "cat", "sat", "on", "the", "mat")


def _rng(label: str) -> np.random.Generator:
    # crc32 is stable across runs and platforms, unlike Python's salted hash().
    return np.random.default_rng(zlib.crc32(label.encode("utf-8")))


def embed(tokens: Sequence[str], dim: int) -> np.ndarray:
    """Return one random unit-variance vector per token: shape (len(tokens), dim)."""
    if dim < 1:
        raise ValueError(f"dim must be >= 1, got {dim}")
    return np.stack([_rng(f"word:{t}").standard_normal(dim) for t in tokens])


def projection(name: str, d_in: int, d_out: int) -> np.ndarray:
    """Return a fixed random (d_in, d_out) matrix scaled by 1/sqrt(d_in).

    The scaling keeps the projected vectors at roughly unit variance.
    """
    if d_in < 1 or d_out < 1:
        raise ValueError(f"projection {name!r} needs d_in, d_out >= 1, got ({d_in}, {d_out})")
    return _rng(f"proj:{name}:{d_in}x{d_out}").standard_normal((d_in, d_out)) / np.sqrt(d_in)
