"""Alignment error rate (AER) of cross-attention against gold word alignments.

An alignment is a set of links (t, s): target word t is aligned to source word s.
Gold alignments may mark some links as sure (S) and others as merely possible (P ⊇ S);
for a predicted alignment A,

    AER = 1 - (|A ∩ S| + |A ∩ P|) / (|A| + |S|),

0 when A finds every sure link and nothing outside P, 1 when it finds nothing of P.
The site's translator has one gold link per Spanish word and no possible-only links
(P = S). Reading one link per word from the attention (its largest weight) then gives
|A| = |S|, and AER = 1 - accuracy.

Public API
----------
``alignment_error_rate(predicted, sure, possible=None) -> float``
``hard_alignment(weights) -> set of (t, s)``: weights (T, S) -> the argmax link of each row.
``score_translator() -> AlignmentReport``: AER of the committed translator on its held-out
phrases, per head, for the head average and for the gradient-weighted relevance
(``snippets.relevance``), and where the "de" rows look in each.
``translator_report() -> AlignmentReport``: the same, cached (in the process, and between
site builds).
``print_report(out, lang)``: the numbers on the reading-attention pages.

Sections for pages (pymdownx.snippets): ``aer``.
Run: ``python -m snippets.alignment_error``.
"""

from __future__ import annotations

import dataclasses
import functools
import json
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from snippets._checks import as_float_array

Link = tuple[int, int]


# --8<-- [start:aer]
def alignment_error_rate(predicted: Collection[Link], sure: Collection[Link],
                         possible: Collection[Link] | None = None) -> float:
    """AER = 1 - (|A ∩ S| + |A ∩ P|) / (|A| + |S|); ``possible`` defaults to ``sure``."""
    a, s = set(predicted), set(sure)
    p = s if possible is None else set(possible)
    if not s <= p:
        raise ValueError(f"every sure link must also be possible; missing from possible: "
                         f"{sorted(s - p)}")
    if not a and not s:
        raise ValueError("AER is undefined when both the predicted and the sure alignment "
                         "are empty")
    return 1 - (len(a & s) + len(a & p)) / (len(a) + len(s))


def hard_alignment(weights: ArrayLike) -> set[Link]:
    """One link per row: target word t -> the source word with its largest weight.

    Shapes: weights (T, S) -> a set of T links (t, s).
    """
    w = as_float_array("weights", weights)
    if w.ndim != 2 or w.shape[1] == 0:
        raise ValueError(f"weights must have shape (T, S) with S >= 1, got shape {w.shape}")
    return {(t, int(s)) for t, s in enumerate(np.argmax(w, axis=1))}
# --8<-- [end:aer]


@dataclass(frozen=True)
class AlignmentReport:
    """AER over the held-out phrases of H + 2 ways of reading one link per Spanish word.

    ``aer`` (H + 2,): heads 1..H, the average of the heads' weights, and the
    gradient-weighted relevance mean_h (∇A ⊙ A)⁺ (Chefer et al., 2021).
    ``de_rows``: number of "de" words (of "cerca de") in the held-out phrases.
    ``de_on_near``, ``de_on_next`` (H + 2,): how many of those rows have their largest
    entry on "near" (the gold word) and on the word right after "near".
    """

    phrases: int
    words: int
    aer: np.ndarray
    de_rows: int
    de_on_near: np.ndarray
    de_on_next: np.ndarray


def _links(rows: Iterable[tuple[int, np.ndarray]]) -> set[tuple[int, int, int]]:
    return {(k, t, s) for k, w in rows for t, s in hard_alignment(w)}


@functools.cache
def translator_report() -> AlignmentReport:
    """``score_translator()``, kept on disk between site builds like the figures (it takes a
    third of a second): the pre-build computes it for the figure that draws it, and the
    pages that print it read it (snippets/figures/_cache.py; elsewhere it is computed)."""
    from snippets.figures._cache import kept

    stored = kept("snippets.alignment_error.report.json",
                  make=lambda: json.dumps(dataclasses.asdict(score_translator()),
                                          default=np.ndarray.tolist))
    return AlignmentReport(**{name: np.array(value) if isinstance(value, list) else value
                              for name, value in json.loads(stored).items()})


def score_translator() -> AlignmentReport:
    """Teacher-forced cross-attention of the committed translator, scored per head."""
    from snippets.relevance import cross_attention_relevance
    from snippets.translator.checkpoint import load
    from snippets.translator.corpus import make_splits
    from snippets.translator.evaluate import cross_attention
    from snippets.translator.train import Schedule

    saved, schedule = load(), Schedule()
    pairs = make_splits(schedule.n_train, schedule.n_test, schedule.seed).test
    weights = cross_attention(saved.params, saved.config, pairs)  # (H, T + 1, S) each
    heads = saved.config.heads
    # the <eos> row has no gold word: keep one row per Spanish word
    views = [[w[h, : len(p.target)] for w, p in zip(weights, pairs, strict=True)]
             for h in range(heads)]
    views.append([w.mean(axis=0)[: len(p.target)] for w, p in zip(weights, pairs, strict=True)])
    views.append([r for _, r in cross_attention_relevance(saved.params, saved.config, pairs)])
    gold = {(k, t, s) for k, p in enumerate(pairs) for t, s in enumerate(p.alignment)}
    aer = np.array([alignment_error_rate(_links(enumerate(view)), gold) for view in views])
    de = [(k, t, p.source.index("near")) for k, p in enumerate(pairs)
          for t, word in enumerate(p.target) if word == "de" and "near" in p.source]
    on_near = np.array([sum(int(np.argmax(view[k][t])) == s for k, t, s in de) for view in views])
    on_next = np.array([sum(int(np.argmax(view[k][t])) == s + 1 for k, t, s in de)
                        for view in views])
    return AlignmentReport(len(pairs), len(gold), aer, len(de), on_near, on_next)


_LABELS = {
    "en": {"head": "head {h}", "mean": "mean of heads",
           "relevance": "gradient-weighted relevance", "aer": "AER", "de": "“de” rows on",
           "near": "“near”", "next": "next word", "summary": "{phrases} held-out phrases, "
           "{words} Spanish words, {de} of them “de” (of “cerca de”)"},
    "es": {"head": "cabeza {h}", "mean": "media de las cabezas",
           "relevance": "relevancia ponderada por el gradiente", "aer": "AER",
           "de": "filas de «de» en", "near": "«near»", "next": "palabra siguiente",
           "summary": "{phrases} frases reservadas, {words} palabras en español, {de} de ellas "
           "«de» (de «cerca de»)"},
}


def print_report(out: Callable[..., object] = print, lang: str = "en") -> None:
    """Per-head AER and where the "de" rows look, labelled in ``lang`` ("en" or "es")."""
    if lang not in _LABELS:
        raise ValueError(f"no labels for language {lang!r} (available: {sorted(_LABELS)})")
    t, r = _LABELS[lang], translator_report()
    out(t["summary"].format(phrases=r.phrases, words=r.words, de=r.de_rows))
    names = [t["head"].format(h=h + 1) for h in range(len(r.aer) - 2)]
    names += [t["mean"], t["relevance"]]
    width = max(29, max(map(len, names)) + 2)
    out(f"{'':<{width}}{t['aer']:>7}   {t['de']} {t['near']} / {t['next']}")
    for name, aer, near, nxt in zip(names, r.aer, r.de_on_near, r.de_on_next, strict=True):
        out(f"{name:<{width}}{aer:>7.3f}   {near:>4} / {nxt}")


if __name__ == "__main__":
    print_report()
