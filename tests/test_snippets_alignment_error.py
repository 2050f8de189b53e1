"""Alignment error rate: hand-computed cases, properties, and the translator's heads."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from snippets.alignment_error import (
    alignment_error_rate,
    hard_alignment,
    print_report,
    translator_report,
)
from snippets.figures.alignment_heads import data as figure_data
from snippets.translator.evaluate import committed_metrics

links = st.sets(st.tuples(st.integers(0, 4), st.integers(0, 4)), max_size=12)


def test_hand_computed_case_with_sure_and_possible_links() -> None:
    predicted = {(0, 0), (1, 2), (2, 1)}
    sure = {(0, 0), (1, 1), (2, 1)}
    possible = sure | {(1, 2)}
    # |A∩S| = 2, |A∩P| = 3, |A| = |S| = 3: AER = 1 - 5/6
    assert alignment_error_rate(predicted, sure, possible) == pytest.approx(1 / 6)
    assert alignment_error_rate(predicted, sure) == pytest.approx(1 / 3)  # P = S: 1 - 4/6
    assert alignment_error_rate(set(), sure) == 1.0
    assert alignment_error_rate(sure, sure) == 0.0


@settings(max_examples=80, deadline=None)
@given(links, links, links)
def test_aer_lies_in_0_1_and_is_0_exactly_for_a_perfect_alignment(a, s, extra) -> None:
    assume(a or s)
    p = s | extra
    value = alignment_error_rate(a, s, p)
    assert 0.0 <= value <= 1.0
    assert (value == 0.0) == (s <= a <= p)  # every sure link found, nothing outside P


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 3), min_size=1, max_size=8), st.data())
def test_one_link_per_word_makes_aer_one_minus_accuracy(gold, data) -> None:
    guess = data.draw(st.lists(st.integers(0, 3), min_size=len(gold), max_size=len(gold)))
    accuracy = np.mean([g == p for g, p in zip(gold, guess, strict=True)])
    aer = alignment_error_rate(set(enumerate(guess)), set(enumerate(gold)))
    assert aer == pytest.approx(1 - accuracy)


def test_hard_alignment_takes_each_rows_largest_weight() -> None:
    w = np.array([[0.7, 0.2, 0.1], [0.1, 0.3, 0.6]])
    assert hard_alignment(w) == {(0, 0), (1, 2)}
    with pytest.raises(ValueError, match=r"\(T, S\) with S >= 1, got shape \(3,\)"):
        hard_alignment(np.ones(3))


def test_bad_alignments_are_named() -> None:
    with pytest.raises(ValueError, match=r"missing from possible: \[\(1, 1\)\]"):
        alignment_error_rate({(0, 0)}, {(1, 1)}, {(0, 0)})
    with pytest.raises(ValueError, match="both the predicted and the sure alignment are empty"):
        alignment_error_rate(set(), set())


def test_translator_heads_align_well_and_de_looks_past_its_gold_word(
    capsys: pytest.CaptureFixture[str],
) -> None:
    r = translator_report()
    # head average: the same rule as the translator page's alignment accuracy
    assert r.aer[-2] == pytest.approx(1 - committed_metrics().alignment)
    assert np.all(r.aer < 0.1)
    assert r.de_rows > 20
    assert np.all(r.de_on_next > r.de_on_near)  # the known shift, in every head
    assert r.de_on_next[1] < r.de_on_next[0]  # the page: head 2 does so less often
    assert r.aer[-1] < r.aer[:-1].min()  # the page: gradient weighting lowers the AER
    assert r.de_on_near[-1] > r.de_on_near[:-1].max()  # ... and moves "de" towards "near"
    print_report(lang="es")
    printed = capsys.readouterr().out
    assert "cabeza 1" in printed and "media de las cabezas" in printed
    assert "relevancia ponderada" in printed
    with pytest.raises(ValueError, match="no labels for language 'fr'"):
        print_report(lang="fr")


def test_on_the_example_phrase_the_heads_disagree_about_de() -> None:
    """The page says the two heads of the figure disagree on the row of "de"."""
    source, target, _gold, weights, _report = figure_data()
    row = target.index("de")
    picks = [source[int(np.argmax(w[row]))] for w in weights]
    assert picks == ["the", "near", "near"]  # head 1, head 2, gradient-weighted relevance
