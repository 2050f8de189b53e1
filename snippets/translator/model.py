"""A tiny Transformer-style encoder-decoder with one layer on each side.

    encoder:  x  = source embedding + position embedding        (B, S, d)
              h  = x + SelfAttention(x);  h = h + FeedForward(h)
    decoder:  y  = target embedding + position embedding        (B, T, d)
              g  = y + CausalSelfAttention(y)
              g  = g + CrossAttention(queries g, keys and values h)
              g  = g + FeedForward(g);  logits = g W_out + b_out (B, T, V)

No layer normalisation and no dropout: the task is small enough without them, and
every line of the backward pass stays readable. The decoder reads the target shifted
right (``<bos>`` first) and predicts the next word at each position, so the
cross-attention row of position t is the one used to produce target word t.

Public API
----------
``Config``, ``init_params(config, seed)``, ``Batch.from_pairs(pairs)``,
``forward(params, config, batch) -> (loss, Cache)``, ``backward(params, config, cache)``,
``greedy_decode(params, config, sources) -> (words, cross-attention weights)``.

Sections for pages: ``decoder_forward``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np

from snippets.translator.corpus import Pair
from snippets.translator.layers import (
    AttentionCache,
    FeedForwardCache,
    attention_backward,
    attention_forward,
    cross_entropy,
    feed_forward_backward,
    feed_forward_forward,
)
from snippets.translator.lexicon import BOS, EOS, SOURCE_VOCAB, TARGET_VOCAB

Params = dict[str, np.ndarray]


@dataclass(frozen=True)
class Config:
    d_model: int = 32
    heads: int = 2
    d_ff: int = 64
    max_source: int = 8  # longest English phrase of the grammar
    max_target: int = 10  # longest Spanish phrase plus <eos>
    source_vocab: int = len(SOURCE_VOCAB)
    target_vocab: int = len(TARGET_VOCAB)

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


ATTENTION_BLOCKS = ("enc_self", "dec_self", "cross")
FEED_FORWARD_BLOCKS = ("enc_ffn", "dec_ffn")


def init_params(config: Config, seed: int = 0) -> Params:
    """Small random weights: N(0, 1/fan_in) for matrices, zeros for biases."""
    rng = np.random.default_rng(seed)
    d = config.d_model

    def normal(fan_in: int, *shape: int) -> np.ndarray:
        return rng.standard_normal(shape) / np.sqrt(fan_in)

    p: Params = {
        "src_embed": normal(d, config.source_vocab, d),
        "src_pos": normal(d, config.max_source, d),
        "tgt_embed": normal(d, config.target_vocab, d),
        "tgt_pos": normal(d, config.max_target, d),
    }
    for block in ATTENTION_BLOCKS:
        for name in ("W_q", "W_k", "W_v", "W_o"):
            p[f"{block}.{name}"] = normal(d, d, d)
    for block in FEED_FORWARD_BLOCKS:
        p[f"{block}.W_1"] = normal(d, d, config.d_ff)
        p[f"{block}.b_1"] = np.zeros(config.d_ff)
        p[f"{block}.W_2"] = normal(config.d_ff, config.d_ff, d)
        p[f"{block}.b_2"] = np.zeros(d)
    p["out.W"] = normal(d, d, config.target_vocab)
    p["out.b"] = np.zeros(config.target_vocab)
    return p


def block(params: Params, name: str) -> Params:
    """The parameters of one block, without the "name." prefix."""
    prefix = name + "."
    return {k[len(prefix) :]: v for k, v in params.items() if k.startswith(prefix)}


@dataclass(frozen=True)
class Batch:
    source: np.ndarray  # (B, S) word ids, 0 = padding
    target_in: np.ndarray  # (B, T) <bos> y_1 ... y_{n}
    target_out: np.ndarray  # (B, T) y_1 ... y_n <eos>

    @property
    def source_valid(self) -> np.ndarray:
        return self.source != 0

    @property
    def target_valid(self) -> np.ndarray:
        return self.target_out != 0

    @staticmethod
    def from_pairs(pairs: Sequence[Pair]) -> Batch:
        s_len = max(len(p.source) for p in pairs)
        t_len = max(len(p.target) for p in pairs) + 1
        source = np.zeros((len(pairs), s_len), dtype=np.int64)
        target_in = np.zeros((len(pairs), t_len), dtype=np.int64)
        target_out = np.zeros((len(pairs), t_len), dtype=np.int64)
        for i, p in enumerate(pairs):
            source[i, : len(p.source)] = SOURCE_VOCAB.encode(p.source)
            ids = TARGET_VOCAB.encode([BOS, *p.target, EOS])
            target_in[i, : len(ids) - 1] = ids[:-1]
            target_out[i, : len(ids) - 1] = ids[1:]
        return Batch(source, target_in, target_out)


@dataclass
class Cache:
    batch: Batch
    enc_self: AttentionCache
    enc_ffn: FeedForwardCache
    dec_self: AttentionCache
    cross: AttentionCache
    dec_ffn: FeedForwardCache
    final: np.ndarray  # (B, T, d) decoder output before the output layer
    d_logits: np.ndarray  # (B, T, V) gradient of the loss w.r.t. the logits


def encode(params: Params, config: Config, source: np.ndarray) -> tuple[np.ndarray, tuple]:
    """Encoder states (B, S, d) for source ids (B, S)."""
    x = params["src_embed"][source] + params["src_pos"][: source.shape[1]]
    allowed = (source != 0)[:, None, :]  # (B, 1, S): never attend to padding
    a, c_self = attention_forward(x, x, block(params, "enc_self"), allowed, config.heads)
    h = x + a
    f, c_ffn = feed_forward_forward(h, block(params, "enc_ffn"))
    return h + f, (c_self, c_ffn)


# --8<-- [start:decoder_forward]
def decode(
    params: Params, config: Config, memory: np.ndarray, source: np.ndarray, target_in: np.ndarray
) -> tuple[np.ndarray, tuple]:
    """Logits (B, T, V) for each next target word, given encoder states ``memory`` (B, S, d)."""
    t = target_in.shape[1]
    y = params["tgt_embed"][target_in] + params["tgt_pos"][:t]
    causal = np.tril(np.ones((1, t, t), dtype=bool))  # position t sees positions <= t
    a, c_self = attention_forward(y, y, block(params, "dec_self"), causal, config.heads)
    g = y + a
    to_source = (source != 0)[:, None, :]  # (B, 1, S)
    a, c_cross = attention_forward(g, memory, block(params, "cross"), to_source, config.heads)
    g = g + a  # c_cross.weights (B, H, T, S): where each target position reads the source
    f, c_ffn = feed_forward_forward(g, block(params, "dec_ffn"))
    g = g + f
    return g @ params["out.W"] + params["out.b"], (c_self, c_cross, c_ffn, g)
# --8<-- [end:decoder_forward]


def forward(params: Params, config: Config, batch: Batch) -> tuple[float, Cache]:
    """Mean cross-entropy of the batch (teacher forcing) and the cache for ``backward``."""
    memory, (c_enc_self, c_enc_ffn) = encode(params, config, batch.source)
    logits, (c_dec_self, c_cross, c_dec_ffn, final) = decode(
        params, config, memory, batch.source, batch.target_in
    )
    loss, d_logits = cross_entropy(logits, batch.target_out, batch.target_valid)
    cache = Cache(batch, c_enc_self, c_enc_ffn, c_dec_self, c_cross, c_dec_ffn, final, d_logits)
    return loss, cache


def backward(params: Params, config: Config, c: Cache) -> Params:
    """Gradient of the loss with respect to every parameter (same keys as ``params``)."""
    grads: Params = {}

    def store(prefix: str, block_grads: Params) -> None:
        for k, v in block_grads.items():
            grads[f"{prefix}.{k}"] = v

    grads["out.W"] = c.final.reshape(-1, c.final.shape[-1]).T @ c.d_logits.reshape(
        -1, c.d_logits.shape[-1]
    )
    grads["out.b"] = c.d_logits.sum(axis=(0, 1))
    d_g = c.d_logits @ params["out.W"].T
    # Decoder, in reverse: each residual branch adds its input gradient to d_g.
    d_in, g = feed_forward_backward(d_g, block(params, "dec_ffn"), c.dec_ffn)
    store("dec_ffn", g)
    d_g = d_g + d_in
    d_query, d_memory, g = attention_backward(d_g, block(params, "cross"), c.cross)
    store("cross", g)
    d_g = d_g + d_query
    d_q, d_kv, g = attention_backward(d_g, block(params, "dec_self"), c.dec_self)
    store("dec_self", g)
    d_y = d_g + d_q + d_kv
    grads["tgt_embed"] = _embedding_grad(c.batch.target_in, d_y, config.target_vocab)
    grads["tgt_pos"] = _position_grad(d_y, config.max_target)
    # Encoder: its output only feeds the cross-attention keys and values.
    d_h = d_memory
    d_in, g = feed_forward_backward(d_h, block(params, "enc_ffn"), c.enc_ffn)
    store("enc_ffn", g)
    d_h = d_h + d_in
    d_q, d_kv, g = attention_backward(d_h, block(params, "enc_self"), c.enc_self)
    store("enc_self", g)
    d_x = d_h + d_q + d_kv
    grads["src_embed"] = _embedding_grad(c.batch.source, d_x, config.source_vocab)
    grads["src_pos"] = _position_grad(d_x, config.max_source)
    return grads


def _embedding_grad(ids: np.ndarray, d_x: np.ndarray, vocab: int) -> np.ndarray:
    grad = np.zeros((vocab, d_x.shape[-1]))
    np.add.at(grad, ids.reshape(-1), d_x.reshape(-1, d_x.shape[-1]))
    return grad


def _position_grad(d_x: np.ndarray, max_len: int) -> np.ndarray:
    grad = np.zeros((max_len, d_x.shape[-1]))
    grad[: d_x.shape[1]] = d_x.sum(axis=0)
    return grad


def greedy_decode(
    params: Params, config: Config, source: np.ndarray
) -> tuple[list[list[str]], list[np.ndarray]]:
    """Translate a batch of source ids (B, S) word by word, always taking the likeliest word.

    Returns the Spanish words of each phrase (without <eos>) and, per phrase, the
    cross-attention weights (H, len(words) + 1, S_i) used to produce each word and <eos>.
    """
    memory, _ = encode(params, config, source)
    eos = TARGET_VOCAB.ids[EOS]
    target = np.full((source.shape[0], 1), TARGET_VOCAB.ids[BOS], dtype=np.int64)
    done = np.zeros(source.shape[0], dtype=bool)
    for _ in range(config.max_target):
        logits, (_, c_cross, _, _) = decode(params, config, memory, source, target)
        nxt = np.where(done, eos, logits[:, -1].argmax(axis=-1))
        target = np.concatenate([target, nxt[:, None]], axis=1)
        done |= nxt == eos
        if done.all():
            break
    words, weights = [], []
    for i, row in enumerate(target[:, 1:]):
        n = int(np.argmax(row == eos)) if (row == eos).any() else len(row)
        words.append(TARGET_VOCAB.decode(row[:n]))
        s = int((source[i] != 0).sum())
        weights.append(c_cross.weights[i, :, : n + 1, :s])
    return words, weights
