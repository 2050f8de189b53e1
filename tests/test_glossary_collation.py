"""Alphabetical order: Spanish rules (accents with their letter, ñ after n) (issue 5)."""

from __future__ import annotations

import re

import pytest

from glossary.build import project_data
from glossary.collation import collate, initial_letter, sort_key
from glossary.pages import index_items, index_page, letter_anchor
from glossary.site import Site

SITE = Site("https://example.org/", {"en": "", "es": "es/"}, "https://github.com/o/r", "0.1.0")


def test_spanish_n_tilde_is_a_letter_between_n_and_o() -> None:
    assert collate(["oso", "ñandú", "nube"], "es") == ["nube", "ñandú", "oso"]
    assert collate(["ña", "nz", "o"], "es") == ["nz", "ña", "o"]  # after every n-word
    assert collate(["año", "anzuelo", "ano"], "es") == ["ano", "anzuelo", "año"]


def test_spanish_accents_sort_with_their_base_letter() -> None:
    assert collate(["azul", "arco", "árbol", "abeto"], "es") == ["abeto", "árbol", "arco", "azul"]
    assert collate(["único", "umbral", "uva"], "es") == ["umbral", "único", "uva"]
    # ü sorts as u; an accent only breaks a tie.
    assert collate(["pingüino", "pinguino", "pinza"], "es") == ["pinguino", "pingüino", "pinza"]


def test_english_ignores_accents_and_has_no_extra_letter() -> None:
    assert collate(["oso", "ñandú", "nube"], "en") == ["ñandú", "nube", "oso"]
    assert collate(["résumé", "rest", "resume"], "en") == ["rest", "resume", "résumé"]


def test_words_sort_before_longer_words() -> None:
    """Word by word: "atención" < "atención cruzada" < "atencional"."""
    terms = ["atencional", "atención cruzada", "atención"]
    assert collate(terms, "es") == ["atención", "atención cruzada", "atencional"]


def test_order_is_total_and_case_insensitive_first() -> None:
    assert collate(["transformer", "Transformer", "token"], "en") == [
        "token", "transformer", "Transformer",
    ]
    with pytest.raises(ValueError, match="no collation rules for language 'fr'"):
        sort_key("chat", "fr")


def test_index_letter_of_a_term() -> None:
    assert initial_letter("árbol", "es") == "A"
    assert initial_letter("ñandú", "es") == "Ñ"
    assert initial_letter("ñandú", "en") == "N"
    assert letter_anchor("Ñ") == "letter-n-tilde"


@pytest.mark.parametrize("language", ["en", "es"])
def test_glossary_index_is_in_the_order_of_its_language(language: str) -> None:
    glossary = project_data().glossary
    markdown = index_page(glossary, SITE, language)
    # The visible terms of the index, in page order.
    shown = re.findall(r"^- \[?\*?([^\]*(]+?)\*?\]?(?:\(| \()", markdown, flags=re.MULTILINE)
    expected = [variant.term for _letter, _term, variant, _entry in index_items(glossary, language)]
    assert shown[: len(expected)] == expected
    assert expected == sorted(expected, key=lambda term: sort_key(term, language))
    letters = re.findall(r"^## (\S+) \{ #(letter-[a-z-]+) \}", markdown, flags=re.MULTILINE)
    headings = [letter for letter, _anchor in letters]
    assert [anchor for _letter, anchor in letters] == [letter_anchor(h) for h in headings]
    assert headings == sorted(set(headings), key=lambda letter: sort_key(letter, language))
    for _letter, anchor in letters:
        assert f"(#{anchor})" in markdown  # reachable from the letter navigation


def test_spanish_index_files_accented_headwords_under_their_base_letter() -> None:
    items = index_items(project_data().glossary, "es")
    letters = {term: letter for letter, term, _v, _e in items}
    assert letters["alineación"] == "A"
    assert letters["función softmax"] == "F"
    positions = {term: i for i, (_l, term, _v, _e) in enumerate(items)}
    assert positions["alineación"] < positions["alineamiento"] < positions["atención"]
