"""Gradient-weighted relevance of the translator's cross-attention (Chefer et al., 2021).

For each Spanish word t, the explained output is the logit of that word at position t.
Its gradient with respect to the cross-attention weights, multiplied elementwise by the
weights, with negative entries dropped and the heads averaged, gives one relevance per
English word: Ā[t, s] = mean_h (∇A_h ⊙ A_h)⁺[t, s], the map Chefer et al.'s rules accumulate.

The gradient is exact and cheap: after the cross-attention, every decoder step is
position-wise (residual, feed-forward, output layer), so the logit at position t depends
only on row t of the weights, and one backward pass gives every row at once.

Public API
----------
``cross_attention_relevance(params, config, pairs) -> list of (H, T, S) gradients and
(T, S) relevance``: see the function.
``logits_from_cross_weights(params, config, pair, weights) -> (T + 1, V)``: the logits
recomputed from given cross-attention weights (used by the tests' finite differences).

Sections for pages (pymdownx.snippets): ``relevance``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from snippets.translator.corpus import Pair
from snippets.translator.layers import (
    AttentionCache,
    FeedForwardCache,
    feed_forward_backward,
    feed_forward_forward,
    merge_heads,
    split_heads,
)
from snippets.translator.model import Batch, Config, Params, block, decode, encode


def _forward(
    params: Params, config: Config, pairs: Sequence[Pair]
) -> tuple[Batch, np.ndarray, AttentionCache, FeedForwardCache]:
    """Teacher-forced pass: batch, logits (B, T + 1, V), cross-attention and feed-forward caches."""
    batch = Batch.from_pairs(pairs)
    memory, _ = encode(params, config, batch.source)
    logits, (_, cross, ffn, _) = decode(params, config, memory, batch.source, batch.target_in)
    return batch, logits, cross, ffn


# --8<-- [start:relevance]
def cross_attention_relevance(
    params: Params, config: Config, pairs: Sequence[Pair]
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per pair: ∇A (H, T, S), the gradient of each reference word's logit with respect to
    the cross-attention weights of its row, and the relevance mean_h (∇A ⊙ A)⁺ (T, S).

    T = len(pair.target) (the <eos> row is left out), S = len(pair.source).
    """
    if not pairs:
        raise ValueError("cross_attention_relevance needs at least one phrase pair, got none")
    batch, logits, cross, ffn = _forward(params, config, pairs)
    # d(logit of the reference word at t) / d(logits): one-hot at every position at once;
    # position t's logit depends only on row t of the weights, so the rows do not mix.
    d_logits = np.zeros_like(logits)
    np.put_along_axis(d_logits, batch.target_out[..., None], 1.0, axis=-1)
    d_g = d_logits @ params["out.W"].T  # back through the output layer
    d_in, _ = feed_forward_backward(d_g, block(params, "dec_ffn"), ffn)
    d_g = d_g + d_in  # back through the feed-forward block and its residual connection
    d_context = split_heads(d_g @ params["cross.W_o"].T, config.heads)  # (B, H, T, dh)
    d_weights = d_context @ cross.v.transpose(0, 1, 3, 2)  # (B, H, T, S): ∇A
    relevance = np.maximum(d_weights * cross.weights, 0).mean(axis=1)  # (B, T, S)
    return [(d_weights[i, :, : len(p.target), : len(p.source)],
             relevance[i, : len(p.target), : len(p.source)]) for i, p in enumerate(pairs)]
# --8<-- [end:relevance]


def logits_from_cross_weights(
    params: Params, config: Config, pair: Pair, weights: np.ndarray
) -> np.ndarray:
    """Logits (T + 1, V) of ``pair`` with its cross-attention weights replaced by ``weights``
    (H, T + 1, S): the decoder from the cross-attention upwards, run forwards again."""
    _, _, cross, _ = _forward(params, config, [pair])
    expected = cross.weights[0, :, : len(pair.target) + 1, : len(pair.source)].shape
    if weights.shape != expected:
        raise ValueError(f"weights must have shape (H, T + 1, S) = {expected}, "
                         f"got {weights.shape}")
    v = cross.v[:, :, : len(pair.source)]
    context = merge_heads(weights[None] @ v)  # (1, T + 1, d)
    g = cross.x_query[:, : len(pair.target) + 1] + context @ params["cross.W_o"]
    f, _ = feed_forward_forward(g, block(params, "dec_ffn"))
    return ((g + f) @ params["out.W"] + params["out.b"])[0]
