"""Hand-written forward and backward passes of the translator's layers (numpy only).

Every ``*_forward`` returns its output and a cache; the matching ``*_backward`` takes
the gradient of the loss with respect to that output and returns the gradients with
respect to the inputs and the parameters. tests/test_translator_model.py checks
each backward pass against finite differences.

Shapes: B = batch, T = query positions, S = key positions, d = model width,
H = heads, dh = d / H.

Sections for pages: ``attention_forward``, ``attention_backward``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


def masked_softmax(scores: np.ndarray, allowed: np.ndarray) -> np.ndarray:
    """Softmax over the last axis where ``allowed`` is True; 0 elsewhere.

    Every row must allow at least one key (always the case here: position 0).
    """
    scores = np.where(allowed, scores, -np.inf)
    e = np.exp(scores - scores.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def split_heads(x: np.ndarray, heads: int) -> np.ndarray:
    """(B, T, d) → (B, H, T, dh)."""
    b, t, d = x.shape
    return x.reshape(b, t, heads, d // heads).transpose(0, 2, 1, 3)


def merge_heads(x: np.ndarray) -> np.ndarray:
    """(B, H, T, dh) → (B, T, d)."""
    b, h, t, dh = x.shape
    return x.transpose(0, 2, 1, 3).reshape(b, t, h * dh)


@dataclass
class AttentionCache:
    x_query: np.ndarray  # (B, T, d)
    x_memory: np.ndarray  # (B, S, d)
    q: np.ndarray  # (B, H, T, dh)
    k: np.ndarray  # (B, H, S, dh)
    v: np.ndarray  # (B, H, S, dh)
    weights: np.ndarray  # (B, H, T, S)
    context: np.ndarray  # (B, T, d), heads merged, before W_o


# --8<-- [start:attention_forward]
def attention_forward(
    x_query: np.ndarray,
    x_memory: np.ndarray,
    p: dict[str, np.ndarray],
    allowed: np.ndarray,
    heads: int,
) -> tuple[np.ndarray, AttentionCache]:
    """Multi-head attention of queries from ``x_query`` (B, T, d) over ``x_memory`` (B, S, d).

    Cross-attention: x_query = decoder states, x_memory = encoder states.
    Self-attention: x_query is x_memory. ``allowed`` (B or 1, T or 1, S): False hides a key.
    Returns the output (B, T, d) and a cache whose ``weights`` (B, H, T, S) are the
    attention weights: row t says how much query t reads from each key (in cross-attention,
    how much target position t reads from each source word).
    """
    q = split_heads(x_query @ p["W_q"], heads)  # (B, H, T, dh)
    k = split_heads(x_memory @ p["W_k"], heads)  # (B, H, S, dh)
    v = split_heads(x_memory @ p["W_v"], heads)  # (B, H, S, dh)
    scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(q.shape[-1])  # (B, H, T, S)
    weights = masked_softmax(scores, allowed[:, None])  # each row sums to 1
    context = merge_heads(weights @ v)  # (B, T, d): weighted average of values
    cache = AttentionCache(x_query, x_memory, q, k, v, weights, context)
    return context @ p["W_o"], cache
# --8<-- [end:attention_forward]


# --8<-- [start:attention_backward]
def attention_backward(
    d_out: np.ndarray, p: dict[str, np.ndarray], c: AttentionCache
) -> tuple[np.ndarray, np.ndarray, dict[str, np.ndarray]]:
    """Gradients of the loss w.r.t. x_query (B, T, d), x_memory (B, S, d) and W_q, W_k, W_v, W_o.

    ``d_out`` (B, T, d) is the gradient w.r.t. the attention output.
    """
    heads = c.q.shape[1]
    grads = {"W_o": _sum_outer(c.context, d_out)}
    d_context = split_heads(d_out @ p["W_o"].T, heads)  # (B, H, T, dh)
    d_weights = d_context @ c.v.transpose(0, 1, 3, 2)  # (B, H, T, S)
    d_v = merge_heads(c.weights.transpose(0, 1, 3, 2) @ d_context)  # (B, S, d)
    # Softmax backward, row by row: ds = w * (dw - <dw, w>). Masked keys have w = 0.
    d_scores = c.weights * (d_weights - (d_weights * c.weights).sum(axis=-1, keepdims=True))
    d_scores /= np.sqrt(c.q.shape[-1])
    d_q = merge_heads(d_scores @ c.k)  # (B, T, d)
    d_k = merge_heads(d_scores.transpose(0, 1, 3, 2) @ c.q)  # (B, S, d)
    grads["W_q"] = _sum_outer(c.x_query, d_q)
    grads["W_k"] = _sum_outer(c.x_memory, d_k)
    grads["W_v"] = _sum_outer(c.x_memory, d_v)
    d_x_query = d_q @ p["W_q"].T
    d_x_memory = d_k @ p["W_k"].T + d_v @ p["W_v"].T
    return d_x_query, d_x_memory, grads
# --8<-- [end:attention_backward]


def _sum_outer(x: np.ndarray, dy: np.ndarray) -> np.ndarray:
    """Gradient of a weight matrix W in y = x @ W, summed over batch and positions."""
    return x.reshape(-1, x.shape[-1]).T @ dy.reshape(-1, dy.shape[-1])


@dataclass
class FeedForwardCache:
    x: np.ndarray  # (B, T, d)
    hidden: np.ndarray  # (B, T, d_ff), after the ReLU


def feed_forward_forward(
    x: np.ndarray, p: dict[str, np.ndarray]
) -> tuple[np.ndarray, FeedForwardCache]:
    """Position-wise ReLU network: (B, T, d) → (B, T, d)."""
    hidden = np.maximum(x @ p["W_1"] + p["b_1"], 0.0)
    return hidden @ p["W_2"] + p["b_2"], FeedForwardCache(x, hidden)


def feed_forward_backward(
    d_out: np.ndarray, p: dict[str, np.ndarray], c: FeedForwardCache
) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Gradients w.r.t. x (B, T, d) and W_1, b_1, W_2, b_2."""
    grads = {"W_2": _sum_outer(c.hidden, d_out), "b_2": d_out.sum(axis=(0, 1))}
    d_hidden = (d_out @ p["W_2"].T) * (c.hidden > 0)
    grads["W_1"] = _sum_outer(c.x, d_hidden)
    grads["b_1"] = d_hidden.sum(axis=(0, 1))
    return d_hidden @ p["W_1"].T, grads


def cross_entropy(
    logits: np.ndarray, targets: np.ndarray, valid: np.ndarray
) -> tuple[float, np.ndarray]:
    """Mean negative log-likelihood of ``targets`` (B, T) over the ``valid`` positions.

    Returns the loss and its gradient w.r.t. ``logits`` (B, T, V).
    """
    shifted = logits - logits.max(axis=-1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))
    picked = np.take_along_axis(log_probs, targets[..., None], axis=-1)[..., 0]
    count = valid.sum()
    loss = -float((picked * valid).sum() / count)
    d_logits = np.exp(log_probs)  # softmax probabilities
    d_logits[np.arange(targets.shape[0])[:, None], np.arange(targets.shape[1]), targets] -= 1.0
    return loss, d_logits * (valid / count)[..., None]
