"""Cross-attention over a source prefix: the wait-k mask of simultaneous translation.

In offline translation the whole source is read before the first target word, so
cross-attention needs no causal mask. A simultaneous translator starts writing while
the source is still arriving. The wait-k policy (Ma et al., 2019) first reads k source
words, then alternates one target word and one more source word: target position i
(counted from 0) may attend to the first min(k + i, n) source positions.

Public API
----------
``wait_k_mask(m, n, k) -> (m, n)`` boolean, True = may attend.
``example(k) -> WaitKExample`` / ``print_example(out, lang)``
    The site's Spanish-over-English example (m = 8, n = 7) with a wait-1 and a wait-3
    mask: which English word each Spanish word attends to most, and whether that word
    had arrived.

Sections for pages: ``wait_k``, ``example``.
Run: ``python -m snippets.streaming``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as `python snippets/streaming.py`: import `snippets`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np

from snippets.cross_attention import GLOSS, SOURCE_EN, TARGET_ES, cross_attention, toy_states


def _count(name: str, value: int, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value!r}")
    return int(value)


# --8<-- [start:wait_k]
def wait_k_mask(m: int, n: int, k: int) -> np.ndarray:
    """Target position i may attend to source positions j < min(k + i, n).

    Shapes: -> (m, n) boolean, True = may attend; row i is a prefix of the source.
    """
    m, n, k = _count("m", m, 1), _count("n", n, 1), _count("k", k, 1)
    visible = np.minimum(k + np.arange(m), n)  # (m,) source words read before target i
    return np.arange(n)[None, :] < visible[:, None]
# --8<-- [end:wait_k]


@dataclass(frozen=True)
class WaitKExample:
    """The worked translation pair under a wait-k mask."""

    k: int
    mask: np.ndarray  # (8, 7)
    weights: np.ndarray  # (8, 7)
    best: tuple[str, ...]  # the English word with the top weight, per Spanish word
    arrived: tuple[bool, ...]  # whether the word's translation was visible


# --8<-- [start:example]
def example(k: int) -> WaitKExample:
    """Spanish queries over English keys, each Spanish word seeing a prefix of the English."""
    concepts = tuple(dict.fromkeys(SOURCE_EN))
    source, target = toy_states(SOURCE_EN, concepts), toy_states(TARGET_ES, concepts)
    identity = np.eye(source.shape[1])
    mask = wait_k_mask(len(TARGET_ES), len(SOURCE_EN), k)
    _, weights = cross_attention(target, source, identity, identity, identity, mask=mask)
    best = tuple(SOURCE_EN[j] for j in weights.argmax(axis=-1))
    arrived = tuple(bool(np.any(mask[i] & (np.array(SOURCE_EN) == GLOSS[word])))
                    for i, word in enumerate(TARGET_ES))
    return WaitKExample(k, mask, weights, best, arrived)


LABELS = {"en": ("wait-{k}:", "seen", "top", "translation arrived"),
          "es": ("k = {k}:", "visibles", "mayor", "¿ha llegado su traducción?")}


def print_example(out: Callable[..., object] = print, lang: str = "en") -> None:
    """Print, for wait-1 and wait-3, what each Spanish word sees and attends to most."""
    if lang not in LABELS:
        raise ValueError(f"unknown language {lang!r}; expected one of {sorted(LABELS)}")
    policy, seen, top, arrived = LABELS[lang]
    for k in (1, 3):
        ex = example(k)
        out(f"{policy.format(k=k):<9} {'':>8} {seen:>8} {top:>6}  {arrived}")
        for word, row, best, ok in zip(TARGET_ES, ex.mask, ex.best, ex.arrived, strict=True):
            out(f"{'':>9} {word:>8} {int(row.sum()):>8} {best:>6}  {'✓' if ok else '✗'}")
# --8<-- [end:example]


if __name__ == "__main__":
    print_example()
