"""Metrics of the translator on held-out phrases: exact match and alignment accuracy.

* Exact match: share of phrases whose greedy translation equals the reference.
* Alignment accuracy: share of reference Spanish words whose largest cross-attention
  weight (averaged over the heads) falls on their gold English word. It is measured
  with the reference prefix fed to the decoder (teacher forcing), so every gold word
  is scored even when the greedy translation goes wrong earlier.

Public API
----------
``Metrics``, ``evaluate(params, config, pairs) -> Metrics``,
``cross_attention(params, config, pairs) -> list of (H, len(target) + 1, len(source))``,
``reference_probabilities(params, config, pairs) -> list of (len(target) + 1,)``,
``committed_metrics() -> Metrics`` (committed weights, held-out phrases),
``translate(text, params=None, config=None) -> str``.
Run ``python -m snippets.translator.evaluate`` to print the metrics of the committed weights.

Sections for pages: ``alignment_accuracy``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from snippets.translator.corpus import Pair
from snippets.translator.lexicon import SOURCE_VOCAB
from snippets.translator.model import Batch, Config, Params, decode, encode, greedy_decode


@dataclass(frozen=True)
class Mistake:
    source: tuple[str, ...]
    reference: tuple[str, ...]
    output: tuple[str, ...]


@dataclass(frozen=True)
class WordAlignment:
    """How one reference word of one phrase was aligned by the model."""

    phrase: int  # index into the evaluated pairs
    position: int  # target position
    gold: int  # gold source position
    predicted: int  # argmax of the head-averaged cross-attention
    weight: float  # head-averaged weight on the predicted source word


@dataclass(frozen=True)
class Metrics:
    exact_match: float  # in [0, 1]
    alignment: float  # in [0, 1]
    phrases: int
    words: int  # reference words scored for alignment (excluding <eos>)
    mistakes: tuple[Mistake, ...]
    alignments: tuple[WordAlignment, ...]

    def summary(self) -> str:
        return (
            f"exact match {self.exact_match:.1%} of {self.phrases} held-out phrases, "
            f"alignment accuracy {self.alignment:.1%} of {self.words} words"
        )


def cross_attention(params: Params, config: Config, pairs: Sequence[Pair]) -> list[np.ndarray]:
    """Teacher-forced cross-attention weights, one (H, len(target) + 1, len(source)) per pair.

    Row j is the attention used to predict target word j (the last row predicts <eos>).
    """
    batch = Batch.from_pairs(pairs)
    memory, _ = encode(params, config, batch.source)
    _, (_, c_cross, _, _) = decode(params, config, memory, batch.source, batch.target_in)
    return [
        c_cross.weights[i, :, : len(p.target) + 1, : len(p.source)] for i, p in enumerate(pairs)
    ]


def reference_probabilities(
    params: Params, config: Config, pairs: Sequence[Pair]
) -> list[np.ndarray]:
    """Probability the model gives to each reference word and to <eos>: (len(target) + 1,)."""
    batch = Batch.from_pairs(pairs)
    memory, _ = encode(params, config, batch.source)
    logits, _ = decode(params, config, memory, batch.source, batch.target_in)
    shifted = np.exp(logits - logits.max(axis=-1, keepdims=True))
    probs = shifted / shifted.sum(axis=-1, keepdims=True)
    picked = np.take_along_axis(probs, batch.target_out[..., None], axis=-1)[..., 0]
    return [picked[i, : len(p.target) + 1] for i, p in enumerate(pairs)]


# --8<-- [start:alignment_accuracy]
def word_alignments(
    params: Params, config: Config, pairs: Sequence[Pair]
) -> list[WordAlignment]:
    """For every reference word: the source word with the largest cross-attention weight."""
    found = []
    all_weights = cross_attention(params, config, pairs)
    for i, (pair, weights) in enumerate(zip(pairs, all_weights, strict=True)):
        mean = weights.mean(axis=0)  # average over heads: (len(target) + 1, len(source))
        for j, gold in enumerate(pair.alignment):  # skips the <eos> row
            best = int(np.argmax(mean[j]))
            found.append(WordAlignment(i, j, gold, best, float(mean[j, best])))
    return found
# --8<-- [end:alignment_accuracy]


def evaluate(params: Params, config: Config, pairs: Sequence[Pair]) -> Metrics:
    """Exact-match and alignment accuracy of the model on ``pairs``."""
    outputs, _ = greedy_decode(params, config, Batch.from_pairs(pairs).source)
    mistakes = tuple(
        Mistake(p.source, p.target, tuple(out))
        for p, out in zip(pairs, outputs, strict=True)
        if tuple(out) != p.target
    )
    aligned = word_alignments(params, config, pairs)
    correct = sum(a.predicted == a.gold for a in aligned)
    return Metrics(
        exact_match=1.0 - len(mistakes) / len(pairs),
        alignment=correct / len(aligned),
        phrases=len(pairs),
        words=len(aligned),
        mistakes=mistakes,
        alignments=tuple(aligned),
    )


def committed_metrics() -> Metrics:
    """Metrics of the committed weights on the held-out phrases (for the page and benchmarks)."""
    from snippets.translator.checkpoint import load
    from snippets.translator.corpus import make_splits
    from snippets.translator.train import Schedule

    saved, schedule = load(), Schedule()
    test = make_splits(schedule.n_train, schedule.n_test, schedule.seed).test
    return evaluate(saved.params, saved.config, test)


def parse(text: str, config: Config) -> list[str]:
    """Split an English phrase into known words, or raise a ValueError naming the problem."""
    words = text.lower().split()
    if not words:
        raise ValueError("cannot translate an empty phrase")
    if len(words) > config.max_source:
        raise ValueError(
            f"phrase has {len(words)} words; the model reads at most {config.max_source}"
        )
    SOURCE_VOCAB.check(words)  # raises a ValueError naming any unknown word
    return words


def translate(text: str, params: Params | None = None, config: Config | None = None) -> str:
    """Translate one English phrase with the committed weights (or the given ones)."""
    if params is None or config is None:
        from snippets.translator.checkpoint import load

        saved = load()
        params, config = saved.params, saved.config
    words = parse(text, config)
    source = np.array([SOURCE_VOCAB.encode(words)], dtype=np.int64)
    outputs, _ = greedy_decode(params, config, source)
    return " ".join(outputs[0])


if __name__ == "__main__":
    metrics = committed_metrics()
    print(metrics.summary())
    for phrase in ("the red house", "the small dogs sleep", "a black cow runs near my new boat"):
        print(f"{phrase} -> {translate(phrase)}")
