"""A toy embedding for any sentence a reader types: vectors from spelling alone.

The live explorer lets a reader type a short sentence (self-attention) or two (cross-
attention) and recomputes the weights in the browser. Its JavaScript
(``overrides/assets/javascripts/explorer.js``, ``toyEmbed``) follows these exact steps, and
tests/test_explorer.py checks in Chromium that both give the same numbers:

1. Tokens: the text in lower case (Unicode NFC), split into runs of letters and digits;
   every other character that is not a space is a token of its own ("mat." -> "mat", ".").
2. Each token is wrapped as ``<token>`` and cut into its character trigrams: "cat" gives
   "<ca", "cat", "at>" (a one-letter token gives one trigram, "<a>").
3. Each trigram seeds a small integer generator (FNV-1a hash of its UTF-8 bytes, then
   xorshift32), which yields ``DIM`` numbers u / 2³¹ - 1, in [-1, 1): exact binary
   fractions, the same in every language.
4. A token's vector is the sum of its trigrams' vectors, added in order, divided by
   √(number of trigrams).

Nothing is learned: tokens that share letters ("cat", "sat", "mat") get related vectors,
and the same token always gets the same vector. The explorer uses them directly as queries
and keys (no projections), so a token attends most to itself and to tokens spelled like it.

Public API
----------
``tokenize(text) -> tuple[str, ...]``
``embed_tokens(tokens, dim=DIM) -> ndarray`` of shape (len(tokens), dim).
``typed_weights(queries, keys, temperature=1.0, scaled=True, causal=False) -> ndarray (m, n)``

Run ``python -m snippets.toy_embedding "the cat sat on the mat"`` to print the weights.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Sequence

import numpy as np

from snippets.masks import causal_mask
from snippets.scores import dot_scores, scaled_dot_scores
from snippets.softmax import masked_softmax

DIM = 32
MAX_TOKENS = 12  # a short sentence: the heat map stays readable on a phone
_TOKEN = re.compile(r"[^\W_]+|[^\w\s]|_")
_MASK32 = 0xFFFFFFFF


def tokenize(text: str) -> tuple[str, ...]:
    """Lower-cased word and punctuation tokens; at most ``MAX_TOKENS`` (ValueError if more)."""
    tokens = tuple(_TOKEN.findall(unicodedata.normalize("NFC", text).lower()))
    if len(tokens) > MAX_TOKENS:
        raise ValueError(f"the sentence has {len(tokens)} tokens; the explorer takes at most "
                         f"{MAX_TOKENS}")
    return tokens


def _fnv1a(text: str) -> int:
    h = 0x811C9DC5
    for byte in text.encode("utf-8"):
        h = ((h ^ byte) * 0x01000193) & _MASK32
    return h


def _trigram_vector(trigram: str, dim: int) -> np.ndarray:
    state = _fnv1a(trigram) or 1  # xorshift32 never leaves 0
    values = np.empty(dim)
    for c in range(dim):
        state ^= (state << 13) & _MASK32
        state ^= state >> 17
        state ^= (state << 5) & _MASK32
        values[c] = state / 2**31 - 1.0
    return values


def trigrams(token: str) -> list[str]:
    """"cat" -> ["<ca", "cat", "at>"]; a one-character token -> ["<x>"]."""
    wrapped = f"<{token}>"
    return [wrapped[i:i + 3] for i in range(len(wrapped) - 2)]


def embed_tokens(tokens: Sequence[str], dim: int = DIM) -> np.ndarray:
    """One vector per token, shape (len(tokens), dim), built from its trigrams as above."""
    if dim < 1:
        raise ValueError(f"dim must be >= 1, got {dim}")
    rows = []
    for token in tokens:
        if not token:
            raise ValueError("empty token: tokenize() never makes one")
        grams = trigrams(token)
        total = np.zeros(dim)
        for gram in grams:  # in order: the browser adds in the same order
            total = total + _trigram_vector(gram, dim)
        rows.append(total / np.sqrt(len(grams)))
    return np.stack(rows) if rows else np.zeros((0, dim))


def typed_weights(queries: Sequence[str], keys: Sequence[str], temperature: float = 1.0,
                  scaled: bool = True, causal: bool = False) -> np.ndarray:
    """Weights (m, n) of the typed tokens: softmax(q·k (/√d) / T), q and k their vectors.

    ``causal`` (self-attention only, m = n) lets query i see keys 0..i only.
    """
    if not queries or not keys:
        raise ValueError("type at least one token for the queries and one for the keys")
    q, k = embed_tokens(queries), embed_tokens(keys)
    scores = scaled_dot_scores(q, k) if scaled else dot_scores(q, k)
    allowed = np.ones(scores.shape, dtype=bool)
    if causal:
        if len(queries) != len(keys):
            raise ValueError("a causal mask needs as many queries as keys (self-attention)")
        allowed = causal_mask(len(queries))
    return masked_softmax(scores, allowed, temperature=temperature)


if __name__ == "__main__":
    tokens = tokenize(" ".join(sys.argv[1:]) or "the cat sat on the mat")
    print(tokens)
    print(np.array2string(typed_weights(tokens, tokens), precision=3, floatmode="fixed"))
