"""The synthetic English → Spanish grammar: correct Spanish, gold alignments, honest split."""

from __future__ import annotations

import pytest

from snippets.translator.corpus import HELD_OUT_COMBINATIONS, make_splits, noun_phrase, reference
from snippets.translator.lexicon import ADJECTIVES, NOUNS, SOURCE_VOCAB, TARGET_VOCAB

# Hand-checked translations and alignments (target word j ↔ source word alignment[j]).
KNOWN = [
    ("the red house", "la casa roja", (0, 2, 1)),
    ("the small dogs", "los perros pequeños", (0, 2, 1)),
    ("a big tree", "un árbol grande", (0, 2, 1)),
    ("these blue flowers", "estas flores azules", (0, 2, 1)),
    ("my green cities", "mis ciudades verdes", (0, 2, 1)),
    ("this white hen", "esta gallina blanca", (0, 2, 1)),
    ("the mice sleep", "los ratones duermen", (0, 1, 2)),
    ("a black cow runs", "una vaca negra corre", (0, 2, 1, 3)),
    ("my book on the new tables", "mi libro sobre las mesas nuevas", (0, 1, 2, 3, 5, 4)),
    ("this hen eats near the dog", "esta gallina come cerca del perro", (0, 1, 2, 3, 4, 5)),
    (
        "the cat runs near the yellow houses",
        "el gato corre cerca de las casas amarillas",
        (0, 1, 2, 3, 3, 4, 6, 5),
    ),
    ("a cow without my pretty boats", "una vaca sin mis barcos bonitos", (0, 1, 2, 3, 5, 4)),
    ("these birds jump under a door", "estos pájaros saltan bajo una puerta", (0, 1, 2, 3, 4, 5)),
]


@pytest.mark.parametrize(("english", "spanish", "alignment"), KNOWN)
def test_grammar_translates_known_phrases(english: str, spanish: str, alignment: tuple) -> None:
    pair = reference(english)
    assert " ".join(pair.target) == spanish
    assert pair.alignment == alignment
    assert pair.source == tuple(english.split())


def test_adjective_agrees_in_gender_and_number() -> None:
    forms = {
        (noun, plural): noun_phrase("the", "red", noun, plural).target
        for noun in ("dog", "house")
        for plural in (False, True)
    }
    assert forms == {
        ("dog", False): ("el", "perro", "rojo"),
        ("dog", True): ("los", "perros", "rojos"),
        ("house", False): ("la", "casa", "roja"),
        ("house", True): ("las", "casas", "rojas"),
    }


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("the purple house", "purple"),
        ("a dogs", "'a' cannot go with a plural noun"),
        ("the dog sleep", "'sleep' does not agree"),
        ("the house sleeps", "only animals"),
        ("near the dog", "expected a determiner"),
        ("", "empty"),
        ("the dog <pad>", "<pad>"),
    ],
)
def test_reference_rejects_what_the_grammar_cannot_say(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        reference(text)


def test_every_generated_phrase_is_reproduced_by_the_reference_parser() -> None:
    splits = make_splits()
    for pair in splits.train[:500] + splits.test[:100]:
        assert reference(" ".join(pair.source)).target == pair.target


def test_alignment_is_complete_and_in_range() -> None:
    splits = make_splits()
    for pair in splits.train + splits.test:
        assert len(pair.alignment) == len(pair.target)
        assert all(0 <= i < len(pair.source) for i in pair.alignment)
        assert set(pair.alignment) == set(range(len(pair.source)))  # every English word used


def test_held_out_split_is_disjoint_and_really_new() -> None:
    splits = make_splits()
    train_sources = {p.source for p in splits.train}
    assert len(train_sources) == len(splits.train)
    assert not train_sources & {p.source for p in splits.test}
    held_out = set(HELD_OUT_COMBINATIONS)
    assert len(held_out) == 32  # 20% of the 16 x 10 noun-adjective combinations
    assert not any(c in held_out for p in splits.train for c in p.combinations)
    assert all(any(c in held_out for c in p.combinations) for p in splits.test)


def test_held_out_phrases_only_use_words_seen_in_training() -> None:
    splits = make_splits()
    seen = {w for p in splits.train for w in p.target}
    assert {w for p in splits.test for w in p.target} <= seen
    # every adjective is trained with masculine and feminine nouns, singular and plural
    for adj in ADJECTIVES:
        assert set(adj.spanish.values()) <= seen, adj.english


def test_splits_are_deterministic_and_cover_the_lexicon() -> None:
    first = make_splits.__wrapped__(2000, 100, 0)
    again = make_splits.__wrapped__(2000, 100, 0)
    assert first == again
    words = {w for p in make_splits().train for w in p.source}
    assert words == set(SOURCE_VOCAB.words) - {"<pad>"}
    assert {n.spanish[1] for n in NOUNS} <= set(TARGET_VOCAB.words)
