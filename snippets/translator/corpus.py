"""A synthetic English → Spanish parallel corpus with gold word alignments.

A small grammar generates both sides of every phrase at once, so each Spanish word
knows which English word it translates: that index is the *gold alignment* against
which the model's cross-attention is scored.

Grammar (English side; every phrase has one of four forms)::

    NP                    the red house              → la casa roja
    NP VERB               the small dogs sleep       → los perros pequeños duermen
    NP PREP NP            a book on my table         → un libro sobre mi mesa
    NP VERB PREP NP       this cat runs near the dog → este gato corre cerca del perro

    NP = DET [ADJ] NOUN   (only animals are subjects of verbs)

Spanish rules applied: the article or determiner agrees with the noun in gender and
number (el/la/los/las, un/una, este/esta/estos/estas, mi/mis); every adjective follows
the noun and agrees with it. After the noun is the neutral place for colour and size,
and it gives the literal senses meant here ("un barco grande" is a large boat, "un
barco nuevo" a brand-new one; before the noun, "gran" and "nuevo" would mean "great"
and "another"), so the grammar never needs the pre-nominal order. Plurals add -s or
-es (árbol → árboles, ratón → ratones, flor → flores); the verb agrees in number with
its subject; "near" is "cerca de", and "de" + "el" contracts to "del". Phrases are
grammatical on both sides but not always sensible ("a blue cow sleeps on my city").

Gold alignment conventions (one English index per Spanish word):
each determiner → the English determiner; noun → noun; adjective → adjective;
verb → verb; "cerca" and "de" → "near"; the contraction "del" → "the", because it
is the only Spanish word that carries the article.

Held-out split: some (noun, adjective) combinations never occur in the training
phrases, e.g. "red house"; the held-out phrases all contain at least one of them.
Every noun and every adjective form still occurs in training, just not together.

Public API
----------
``Pair``: source words, target words, alignment (target position → source position).
``noun_phrase(det, adjective, noun, plural) -> Pair``: one noun phrase.
``reference(text) -> Pair``: the grammar's translation of an English phrase.
``HELD_OUT_COMBINATIONS``: the (noun, adjective) pairs kept out of training.
``make_splits(n_train, n_test, seed) -> Splits``: disjoint training / held-out phrases.
The words themselves (lexicon, vocabularies) live in ``snippets.translator.lexicon``.

Sections for pages: ``adjective_placement``, ``contraction``, ``held_out``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from snippets.translator.lexicon import (
    ADJECTIVE_BY_ENGLISH,
    ADJECTIVES,
    DETERMINERS,
    NOUN_BY_ENGLISH,
    NOUNS,
    PREPOSITIONS,
    SOURCE_VOCAB,
    VERBS,
)


@dataclass(frozen=True)
class Pair:
    """One phrase pair. ``alignment[j]`` is the source position of target word j."""

    source: tuple[str, ...]
    target: tuple[str, ...]
    alignment: tuple[int, ...]
    combinations: tuple[tuple[str, str], ...] = ()  # (noun, adjective) lemmas used

    def __add__(self, other: Pair) -> Pair:
        """Concatenate two pairs, shifting the second one's alignment past our source."""
        shift = len(self.source)
        return Pair(
            self.source + other.source,
            self.target + other.target,
            self.alignment + tuple(i + shift for i in other.alignment),
            self.combinations + other.combinations,
        )


# --8<-- [start:adjective_placement]
def noun_phrase(det: str, adjective: str | None, noun: str, plural: bool) -> Pair:
    """English "det [adjective] noun" → Spanish "det noun [adjective]", with alignment.

    The Spanish determiner and adjective take the noun's gender and number.
    """
    n = NOUN_BY_ENGLISH[noun]
    number = "pl" if plural else "sg"
    key = (n.gender, number)
    if key not in DETERMINERS[det]:
        which = "plural" if plural else "singular"
        raise ValueError(f"determiner {det!r} cannot go with a {which} noun ({noun!r})")
    english_noun, spanish_noun = n.english[plural], n.spanish[plural]
    if adjective is None:
        return Pair((det, english_noun), (DETERMINERS[det][key], spanish_noun), (0, 1))
    spanish_adjective = ADJECTIVE_BY_ENGLISH[adjective].spanish[key]
    return Pair(
        source=(det, adjective, english_noun),  # positions 0, 1, 2
        target=(DETERMINERS[det][key], spanish_noun, spanish_adjective),
        alignment=(0, 2, 1),  # noun and adjective swap places: the alignment lines cross
        combinations=((noun, adjective),),
    )
# --8<-- [end:adjective_placement]


def verb(english_singular: str, plural: bool) -> Pair:
    """The verb agreeing in number with its subject."""
    for (en_sg, en_pl), (es_sg, es_pl) in VERBS.items():
        if en_sg == english_singular:
            return Pair(((en_pl if plural else en_sg),), ((es_pl if plural else es_sg),), (0,))
    raise ValueError(f"unknown verb {english_singular!r}")


# --8<-- [start:contraction]
def prepositional_phrase(preposition: str, object_phrase: Pair) -> Pair:
    """PREP NP; "cerca de" + "el" contracts to "cerca del" (aligned to "the")."""
    spanish = PREPOSITIONS[preposition]
    head = Pair((preposition,), spanish, (0,) * len(spanish))
    if spanish[-1] == "de" and object_phrase.target[0] == "el":
        head = Pair((preposition,), spanish[:-1], (0,) * (len(spanish) - 1))
        object_phrase = Pair(
            object_phrase.source,
            ("del", *object_phrase.target[1:]),
            object_phrase.alignment,
            object_phrase.combinations,
        )
    return head + object_phrase
# --8<-- [end:contraction]


# --8<-- [start:held_out]
def is_held_out(noun: str, adjective: str) -> bool:
    """A fixed 20% of the 160 (noun, adjective) combinations: 2 per noun, 3 or 4 per adjective.

    Each adjective is still seen with at least five masculine and five feminine nouns.
    """
    i = [n.english[0] for n in NOUNS].index(noun)
    j = [a.english for a in ADJECTIVES].index(adjective)
    return (i + 2 * j) % 5 == 0


HELD_OUT_COMBINATIONS: tuple[tuple[str, str], ...] = tuple(
    (n.english[0], a.english)
    for n in NOUNS
    for a in ADJECTIVES
    if is_held_out(n.english[0], a.english)
)
# --8<-- [end:held_out]


def reference(text: str) -> Pair:
    """The grammar's own translation of an English phrase, with its gold alignment.

    Raises a ValueError naming the first word the grammar cannot place.
    """
    words = text.lower().split()
    if not words:
        raise ValueError("cannot translate an empty phrase")
    SOURCE_VOCAB.check(words)  # names any word outside the lexicon
    phrase, plural, i = _parse_noun_phrase(words, 0)
    if i < len(words) and words[i] not in PREPOSITIONS:
        if not NOUN_BY_ENGLISH[_singular_noun(words[i - 1])].animate:
            raise ValueError(f"only animals can be the subject of {words[i]!r} in this grammar")
        phrase = phrase + _parse_verb(words[i], plural)
        i += 1
    if i < len(words):
        if words[i] not in PREPOSITIONS:
            raise ValueError(f"expected a preposition at {words[i]!r} in {text!r}")
        obj, _, end = _parse_noun_phrase(words, i + 1)
        phrase = phrase + prepositional_phrase(words[i], obj)
        i = end
    if i < len(words):
        raise ValueError(f"unexpected word {words[i]!r} after a complete phrase in {text!r}")
    return phrase


def _parse_noun_phrase(words: list[str], i: int) -> tuple[Pair, bool, int]:
    """Parse DET [ADJ] NOUN starting at words[i]; return the pair, plurality and next index."""
    if i >= len(words) or words[i] not in DETERMINERS:
        found = repr(words[i]) if i < len(words) else "the end of the phrase"
        raise ValueError(f"expected a determiner ({', '.join(DETERMINERS)}), found {found}")
    det, i = words[i], i + 1
    adj = None
    if i < len(words) and words[i] in ADJECTIVE_BY_ENGLISH:
        adj, i = words[i], i + 1
    if i >= len(words):
        raise ValueError(f"expected a noun after {words[i - 1]!r}")
    noun = _singular_noun(words[i])
    plural = words[i] != noun
    return noun_phrase(det, adj, noun, plural), plural, i + 1


def _singular_noun(word: str) -> str:
    for n in NOUNS:
        if word in n.english:
            return n.english[0]
    raise ValueError(f"unknown noun {word!r}")


def _parse_verb(word: str, plural: bool) -> Pair:
    for en_sg, en_pl in VERBS:
        if word in (en_sg, en_pl):
            if word != (en_pl if plural else en_sg):
                raise ValueError(f"verb {word!r} does not agree in number with its subject")
            return verb(en_sg, plural)
    raise ValueError(f"unknown verb {word!r}")


FORMS: tuple[str, ...] = ("NP", "NP VERB", "NP PREP NP", "NP VERB PREP NP")
FORM_PROBABILITIES: tuple[float, ...] = (0.2, 0.2, 0.3, 0.3)
ADJECTIVE_PROBABILITY = 0.75  # the rest of the noun phrases have no adjective


def _random_noun_phrase(
    rng: np.random.Generator, animate: bool, adjective_filter: Callable[[str, str], bool]
) -> tuple[Pair, bool]:
    """A random noun phrase and whether its noun is plural."""
    nouns = [n for n in NOUNS if n.animate or not animate]
    noun = nouns[rng.integers(len(nouns))].english[0]
    plural = bool(rng.integers(2))
    dets = [d for d, forms in DETERMINERS.items() if ("m", "pl" if plural else "sg") in forms]
    det = dets[rng.integers(len(dets))]
    adj = None
    if rng.random() < ADJECTIVE_PROBABILITY:
        allowed = [a.english for a in ADJECTIVES if adjective_filter(noun, a.english)]
        adj = allowed[rng.integers(len(allowed))]
    return noun_phrase(det, adj, noun, plural), plural


def random_phrase(
    rng: np.random.Generator, adjective_filter: Callable[[str, str], bool]
) -> Pair:
    """Draw one phrase; only (noun, adjective) pairs passing ``adjective_filter`` are used."""
    form = FORMS[rng.choice(len(FORMS), p=FORM_PROBABILITIES)]
    with_verb = "VERB" in form
    phrase, plural = _random_noun_phrase(rng, with_verb, adjective_filter)
    if with_verb:
        english_verb = list(VERBS)[rng.integers(len(VERBS))][0]
        phrase = phrase + verb(english_verb, plural)
    if "PREP" in form:
        preposition = list(PREPOSITIONS)[rng.integers(len(PREPOSITIONS))]
        obj, _ = _random_noun_phrase(rng, False, adjective_filter)
        phrase = phrase + prepositional_phrase(preposition, obj)
    return phrase


@dataclass(frozen=True)
class Splits:
    train: tuple[Pair, ...]
    test: tuple[Pair, ...]  # every phrase uses at least one held-out combination


@functools.cache  # the result is immutable; training, tests and figures share it
def make_splits(n_train: int = 12000, n_test: int = 500, seed: int = 0) -> Splits:
    """Draw distinct training phrases without held-out combinations, then held-out ones."""
    rng = np.random.default_rng(seed)
    held_out = set(HELD_OUT_COMBINATIONS)  # is_held_out, faster: asked for every adjective
    train = _distinct(
        n_train, lambda: random_phrase(rng, lambda noun, adj: (noun, adj) not in held_out)
    )

    def held_out_phrase() -> Pair:
        while True:  # rejection sampling: about one phrase in three qualifies
            phrase = random_phrase(rng, lambda noun, adj: True)
            if any(c in held_out for c in phrase.combinations):
                return phrase

    return Splits(train, _distinct(n_test, held_out_phrase))


def _distinct(n: int, draw: Callable[[], Pair]) -> tuple[Pair, ...]:
    seen: dict[tuple[str, ...], Pair] = {}
    while len(seen) < n:
        pair = draw()
        seen.setdefault(pair.source, pair)
    return tuple(seen.values())
