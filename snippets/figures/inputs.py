"""The numbers of four figures, recomputed from the reader's own inputs.

The site's Run button (in the browser) passes these to ``render(name, lang, data=...)``, so
the reader's figure is drawn by the same code as the page's. Called with no argument, each
gives exactly the numbers of the page's figure.

Public API
----------
``heatmap(tokens=SENTENCE) -> AttentionExample``  for "attention-heatmap"
    Self-attention of the toy embeddings of ``tokens`` (n,) : weights (n, n).
``temperature(tokens=("the", "cat", "mat"), scores=(2.0, 1.0, 0.1)) -> TemperatureCurves``
    for "softmax-temperature": three keys and their scores.
``masks(sentence=SENTENCE, length=3) -> MasksExample``  for "masks"
    ``sentence`` (n,) and a second one made of its first ``length`` tokens, padded to n.
``cross(source=SOURCE_EN, target=TARGET_ES) -> CrossAttentionExample``  for "cross-attention"
    Spanish words attend over English ones; the toy states know the words of
    ``snippets.cross_attention.GLOSS`` (other Spanish words match nothing by meaning).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from snippets.attention import AttentionExample, scaled_dot_product_attention
from snippets.cross_attention import (
    SOURCE_EN,
    TARGET_ES,
    CrossAttentionExample,
    cross_attention,
    toy_states,
)
from snippets.masks import PAD, MasksExample, causal_mask, combine_masks, padding_mask_from_tokens
from snippets.softmax import softmax
from snippets.toy_data import SENTENCE, embed, projection

if TYPE_CHECKING:
    from snippets.figures.temperature import TemperatureCurves


def _words(name: str, words: Sequence[str], least: int = 1, most: int = 12) -> tuple[str, ...]:
    words = tuple(str(w) for w in words)
    if not least <= len(words) <= most or not all(w.strip() for w in words):
        raise ValueError(f"{name}: give {least} to {most} non-empty words, got {words!r}")
    return words


def heatmap(tokens: Sequence[str] = SENTENCE) -> AttentionExample:
    """Self-attention over ``tokens`` (n,): weights (n, n), output (n, 4)."""
    tokens = _words("tokens", tokens)
    d = 4
    x = embed(tokens, d)
    q, k, v = (x @ projection(name, d, d) for name in ("w_q", "w_k", "w_v"))
    output, weights = scaled_dot_product_attention(q, k, v)
    return AttentionExample(tokens, weights, output)


def temperature(tokens: Sequence[str] = ("the", "cat", "mat"),
                scores: Sequence[float] = (2.0, 1.0, 0.1)) -> TemperatureCurves:
    """Softmax of ``scores`` (3,) at temperatures 0.1 … 10: weights (61, 3)."""
    # Imported here: they import matplotlib, which the build's pages (reading these
    # functions' defaults, tools/runtime_site.py) need not load.
    from snippets.figures._style import SERIES
    from snippets.figures.temperature import TABLE_TEMPERATURES, TemperatureCurves

    tokens = _words("tokens", tokens, least=len(SERIES), most=len(SERIES))
    values = np.asarray(scores, dtype=float)
    if values.shape != (len(tokens),) or not np.all(np.isfinite(values)):
        raise ValueError(f"scores: give {len(tokens)} finite numbers, one per token, "
                         f"got {scores!r}")
    temperatures = np.geomspace(0.1, 10.0, 61)
    curves = np.stack([softmax(values, temperature=t) for t in temperatures])
    table = np.stack([softmax(values, temperature=t) for t in TABLE_TEMPERATURES])
    return TemperatureCurves(tokens, values, temperatures, curves, table)


def masks(sentence: Sequence[str] = SENTENCE, length: int = 3) -> MasksExample:
    """Causal and padding masks for ``sentence`` (n,) and its first ``length`` tokens."""
    sentence = _words("sentence", sentence)
    if not 1 <= int(length) <= len(sentence):
        raise ValueError(f"length: between 1 and {len(sentence)} (the sentence's length), "
                         f"got {length!r}")
    n = len(sentence)
    batch = (sentence, (*sentence[:length], *(PAD,) * (n - int(length))))
    causal = causal_mask(n)
    padding = padding_mask_from_tokens(batch)
    return MasksExample(batch, causal, padding, combine_masks(causal, padding))


def cross(source: Sequence[str] = SOURCE_EN,
          target: Sequence[str] = TARGET_ES) -> CrossAttentionExample:
    """Spanish ``target`` (m,) attending over English ``source`` (n,): weights (m, n)."""
    source, target = _words("source", source, least=2), _words("target", target, least=2)
    concepts = tuple(dict.fromkeys(source))
    states_source, states_target = toy_states(source, concepts), toy_states(target, concepts)
    identity = np.eye(states_source.shape[1])
    _, weights = cross_attention(states_target, states_source, identity, identity, identity)
    best = weights.argmax(axis=-1)
    alignment = tuple((t, source[j]) for t, j in zip(target, best, strict=True))
    return CrossAttentionExample(source, target, weights, alignment)
