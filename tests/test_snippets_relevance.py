"""Gradient-weighted relevance of the translator's cross-attention: gradients checked by
finite differences on an independent forward pass."""

from __future__ import annotations

import numpy as np
import pytest

from snippets.relevance import cross_attention_relevance, logits_from_cross_weights
from snippets.translator.checkpoint import Saved, load
from snippets.translator.corpus import reference
from snippets.translator.evaluate import cross_attention
from snippets.translator.lexicon import TARGET_VOCAB
from snippets.translator.model import Batch, decode, encode
from snippets.translator.train import example_pair


@pytest.fixture(scope="module")
def saved() -> Saved:
    return load()


def test_recomputed_logits_equal_the_model_logits(saved) -> None:
    pair = example_pair()
    batch = Batch.from_pairs([pair])
    memory, _ = encode(saved.params, saved.config, batch.source)
    logits, _ = decode(saved.params, saved.config, memory, batch.source, batch.target_in)
    own = cross_attention(saved.params, saved.config, [pair])[0]
    np.testing.assert_allclose(logits_from_cross_weights(saved.params, saved.config, pair, own),
                               logits[0, : len(pair.target) + 1], atol=1e-10)


@pytest.mark.parametrize("text", ["the small cat sleeps near the red house", "my black cows sleep"])
def test_gradient_matches_central_differences(saved, text: str) -> None:
    pair = reference(text)
    gradient, relevance = cross_attention_relevance(saved.params, saved.config, [pair])[0]
    weights = cross_attention(saved.params, saved.config, [pair])[0]
    eps = 1e-6
    for h, t, s in np.ndindex(gradient.shape):
        word = TARGET_VOCAB.encode([pair.target[t]])[0]
        up, down = weights.copy(), weights.copy()
        up[h, t, s] += eps
        down[h, t, s] -= eps
        numeric = (logits_from_cross_weights(saved.params, saved.config, pair, up)[t, word]
                   - logits_from_cross_weights(saved.params, saved.config, pair, down)[t, word])
        assert gradient[h, t, s] == pytest.approx(numeric / (2 * eps), rel=1e-5, abs=1e-6)
    assert np.abs(gradient).max() > 0.1  # a zero gradient would prove nothing
    expected = np.maximum(gradient * weights[:, : len(pair.target)], 0).mean(axis=0)
    np.testing.assert_allclose(relevance, expected)
    assert np.all(relevance >= 0)


def test_no_pairs_and_wrong_weights_are_named(saved) -> None:
    with pytest.raises(ValueError, match="at least one phrase pair, got none"):
        cross_attention_relevance(saved.params, saved.config, [])
    with pytest.raises(ValueError, match=r"\(H, T \+ 1, S\) = \(2, 4, 3\), got \(2, 3, 3\)"):
        logits_from_cross_weights(saved.params, saved.config, reference("the red house"),
                                  np.ones((2, 3, 3)))
