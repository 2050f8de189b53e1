"""A head with nothing to attend to: why weight piles up on a separator token.

Every row of softmax weights must sum to 1, so a head whose job does not apply to a
query still has to put its weight somewhere. This module builds, by hand, a head that
links each noun to the determiner just before it, over
"[CLS] the cat sat on the mat [SEP]". Nouns find their determiner; every other token
finds nothing and parks its weight on [SEP], whose value vector is small, so the head
adds almost nothing to those tokens. Without [SEP] to park on, the same rows have to
spread their weight over the words and the head writes a blend of their values.

Public API
----------
``noop_head() -> SinkExample`` (cached) / ``print_example()``
    The worked example on the reading-attention pages.

Sections for pages (pymdownx.snippets): ``head``, ``example``.
Run: ``python -m snippets.sinks``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from snippets.attention import scaled_dot_product_attention

TOKENS = ("[CLS]", "the", "cat", "sat", "on", "the", "mat", "[SEP]")
CONTENT_NOUNS = frozenset({"cat", "mat"})
ARTICLES = frozenset({"the"})


@dataclass(frozen=True)
class SinkExample:
    """The hand-built head, with and without the separator available as a key.

    Shapes: n = len(tokens) = 8, d_k = 2 + n, d_v = 4.
    """

    tokens: tuple[str, ...]
    queries: np.ndarray  # (n, d_k)
    keys: np.ndarray  # (n, d_k)
    values: np.ndarray  # (n, d_v)
    weights: np.ndarray  # (n, n): every key allowed
    outputs: np.ndarray  # (n, d_v)
    weights_no_sink: np.ndarray  # (n, n): the [SEP] key masked out
    outputs_no_sink: np.ndarray  # (n, d_v)

    @property
    def sink(self) -> int:
        """Column of the separator token."""
        return self.tokens.index("[SEP]")


# --8<-- [start:head]
def build_head(tokens: tuple[str, ...] = TOKENS, match: float = 2.0, previous: float = 4.0,
               park: float = 4.0, seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Queries (n, 2 + n), keys (n, 2 + n) and values (n, 4) of the noun→determiner head.

    Key features: [is a determiner, is [SEP], one-hot position]. A noun's query asks for
    a determiner (``match``) at the position before it (``previous``); every query,
    noun or not, also matches [SEP] with score ``park``: the default place for weight.
    """
    if "[SEP]" not in tokens:
        raise ValueError(f"tokens must contain '[SEP]' to park weight on, got {tokens!r}")
    n = len(tokens)
    keys = np.zeros((n, 2 + n))
    queries = np.zeros((n, 2 + n))
    for j, token in enumerate(tokens):
        keys[j, 0] = token in ARTICLES
        keys[j, 1] = token == "[SEP]"
        keys[j, 2 + j] = 1.0
        queries[j, 1] = park
        if token in CONTENT_NOUNS and j > 0:
            queries[j, 0] = match
            queries[j, 2 + j - 1] = previous
    values = np.random.default_rng(seed).normal(size=(n, 4))
    values[tokens.index("[SEP]")] *= 0.05  # a nearly empty value: parking changes little
    return queries, keys, values
# --8<-- [end:head]


@functools.cache
def noop_head() -> SinkExample:
    """Run the head with every key allowed, then with the [SEP] key masked out."""
    q, k, v = build_head()
    n = len(TOKENS)
    out, weights = scaled_dot_product_attention(q, k, v, scale=1.0)  # scores = q k^T
    no_sink = np.ones((n, n), dtype=bool)
    no_sink[:, TOKENS.index("[SEP]")] = False
    out2, weights2 = scaled_dot_product_attention(q, k, v, mask=no_sink, scale=1.0)
    return SinkExample(TOKENS, q, k, v, weights, out, weights2, out2)


# --8<-- [start:example]
def print_example(out: Callable[..., object] = print) -> None:
    """Per query i: its largest weight and where, a_i,[SEP], ‖o_i‖ and ‖o′_i‖ ([SEP] masked)."""
    ex = noop_head()
    out(f"{'i':<9}{'max_j a_ij':<16}{'a_i,[SEP]':>10}{'‖o_i‖':>8}{'‖o′_i‖':>9}")
    for i, token in enumerate(ex.tokens):
        j = int(np.argmax(ex.weights[i]))
        top = f"{ex.weights[i, j]:.3f} {ex.tokens[j]}"
        out(f"{token:<9}{top:<16}{ex.weights[i, ex.sink]:>10.3f}"
            f"{np.linalg.norm(ex.outputs[i]):>8.3f}{np.linalg.norm(ex.outputs_no_sink[i]):>9.3f}")
# --8<-- [end:example]


if __name__ == "__main__":
    print_example()
