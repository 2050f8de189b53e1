"""The words of the tiny translator: English and Spanish lexicon and vocabularies.

Nouns carry their gender and both numbers in both languages; adjectives their four
Spanish forms (masculine/feminine × singular/plural); determiners the Spanish form for
each (gender, number) they can take. ``SOURCE_VOCAB`` and ``TARGET_VOCAB`` turn words
into the integer ids the model reads; ``Vocabulary.check`` names any unknown word.

Sections for pages: ``determiners``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Noun:
    english: tuple[str, str]  # (singular, plural)
    spanish: tuple[str, str]  # (singular, plural)
    gender: str  # "m" or "f"
    animate: bool  # only animals can be the subject of a verb


@dataclass(frozen=True)
class Adjective:
    english: str
    spanish: dict[tuple[str, str], str]  # (gender, number) → form; number is "sg" or "pl"


def adjective(english: str, masc_sg: str, fem_sg: str, masc_pl: str, fem_pl: str) -> Adjective:
    forms = {("m", "sg"): masc_sg, ("f", "sg"): fem_sg, ("m", "pl"): masc_pl, ("f", "pl"): fem_pl}
    return Adjective(english, forms)


NOUNS: tuple[Noun, ...] = (
    Noun(("dog", "dogs"), ("perro", "perros"), "m", True),
    Noun(("cat", "cats"), ("gato", "gatos"), "m", True),
    Noun(("horse", "horses"), ("caballo", "caballos"), "m", True),
    Noun(("bird", "birds"), ("pájaro", "pájaros"), "m", True),
    Noun(("mouse", "mice"), ("ratón", "ratones"), "m", True),
    Noun(("cow", "cows"), ("vaca", "vacas"), "f", True),
    Noun(("hen", "hens"), ("gallina", "gallinas"), "f", True),
    Noun(("book", "books"), ("libro", "libros"), "m", False),
    Noun(("boat", "boats"), ("barco", "barcos"), "m", False),
    Noun(("tree", "trees"), ("árbol", "árboles"), "m", False),
    Noun(("house", "houses"), ("casa", "casas"), "f", False),
    Noun(("table", "tables"), ("mesa", "mesas"), "f", False),
    Noun(("flower", "flowers"), ("flor", "flores"), "f", False),
    Noun(("city", "cities"), ("ciudad", "ciudades"), "f", False),
    Noun(("door", "doors"), ("puerta", "puertas"), "f", False),
    Noun(("window", "windows"), ("ventana", "ventanas"), "f", False),
)

ADJECTIVES: tuple[Adjective, ...] = (
    adjective("red", "rojo", "roja", "rojos", "rojas"),
    adjective("black", "negro", "negra", "negros", "negras"),
    adjective("white", "blanco", "blanca", "blancos", "blancas"),
    adjective("yellow", "amarillo", "amarilla", "amarillos", "amarillas"),
    adjective("green", "verde", "verde", "verdes", "verdes"),
    adjective("blue", "azul", "azul", "azules", "azules"),
    adjective("small", "pequeño", "pequeña", "pequeños", "pequeñas"),
    adjective("big", "grande", "grande", "grandes", "grandes"),
    adjective("new", "nuevo", "nueva", "nuevos", "nuevas"),
    adjective("pretty", "bonito", "bonita", "bonitos", "bonitas"),
)

# --8<-- [start:determiners]
# English determiner → Spanish form for each (gender, number) it can take.
# "a" and "this" only go with singular nouns, "these" only with plural ones.
DETERMINERS: dict[str, dict[tuple[str, str], str]] = {
    "the": {("m", "sg"): "el", ("f", "sg"): "la", ("m", "pl"): "los", ("f", "pl"): "las"},
    "a": {("m", "sg"): "un", ("f", "sg"): "una"},
    "this": {("m", "sg"): "este", ("f", "sg"): "esta"},
    "these": {("m", "pl"): "estos", ("f", "pl"): "estas"},
    "my": {("m", "sg"): "mi", ("f", "sg"): "mi", ("m", "pl"): "mis", ("f", "pl"): "mis"},
}
# --8<-- [end:determiners]

# English verb (3rd person singular, plural) → Spanish (3rd person singular, plural).
VERBS: dict[tuple[str, str], tuple[str, str]] = {
    ("sleeps", "sleep"): ("duerme", "duermen"),
    ("runs", "run"): ("corre", "corren"),
    ("eats", "eat"): ("come", "comen"),
    ("jumps", "jump"): ("salta", "saltan"),
    ("walks", "walk"): ("camina", "caminan"),
}

PREPOSITIONS: dict[str, tuple[str, ...]] = {
    "on": ("sobre",),
    "under": ("bajo",),
    "with": ("con",),
    "without": ("sin",),
    "near": ("cerca", "de"),  # two Spanish words for one English word
}

WORD_CLASSES = ("determiner", "noun", "adjective", "verb", "preposition")


def word_class(english: str) -> str:
    """The class of an English word of the lexicon, one of ``WORD_CLASSES``."""
    if english in DETERMINERS:
        return "determiner"
    if english in PREPOSITIONS:
        return "preposition"
    if any(english == a.english for a in ADJECTIVES):
        return "adjective"
    if any(english in n.english for n in NOUNS):
        return "noun"
    if any(english in forms for forms in VERBS):
        return "verb"
    raise ValueError(f"unknown English word {english!r}")


NOUN_BY_ENGLISH: dict[str, Noun] = {n.english[0]: n for n in NOUNS}
ADJECTIVE_BY_ENGLISH: dict[str, Adjective] = {a.english: a for a in ADJECTIVES}


# --8<-- [start:vocabularies]
PAD, BOS, EOS = "<pad>", "<bos>", "<eos>"


class Vocabulary:
    """Word ↔ integer id. Id 0 is padding; unknown words raise a ValueError naming them."""

    def __init__(self, name: str, specials: Sequence[str], words: Iterable[str]) -> None:
        self.name = name
        self.specials = tuple(specials)  # <pad>, <bos>, <eos>: never typed by a user
        self.words: tuple[str, ...] = tuple(dict.fromkeys([*specials, *words]))
        self.ids: dict[str, int] = {w: i for i, w in enumerate(self.words)}

    def __len__(self) -> int:
        return len(self.words)

    def check(self, words: Sequence[str]) -> None:
        """Raise a ValueError naming every word that is not an ordinary word of the lexicon."""
        unknown = [w for w in words if w not in self.ids or w in self.specials]
        if unknown:
            raise ValueError(
                f"unknown {self.name} word(s) {unknown!r}: the model only knows the "
                f"{len(self.words) - len(self.specials)} words of its lexicon"
            )

    def encode(self, words: Sequence[str]) -> list[int]:
        unknown = [w for w in words if w not in self.ids]
        if unknown:
            raise ValueError(f"unknown {self.name} word(s) {unknown!r}")
        return [self.ids[w] for w in words]

    def decode(self, ids: Iterable[int]) -> list[str]:
        return [self.words[int(i)] for i in ids]


def _source_words() -> list[str]:
    words = list(DETERMINERS)
    words += [a.english for a in ADJECTIVES]
    words += [w for n in NOUNS for w in n.english]
    words += [w for forms in VERBS for w in forms]
    return words + list(PREPOSITIONS)


def _target_words() -> list[str]:
    words = [w for forms in DETERMINERS.values() for w in forms.values()]
    words += [w for n in NOUNS for w in n.spanish]
    words += [w for a in ADJECTIVES for w in a.spanish.values()]
    words += [w for forms in VERBS.values() for w in forms]
    words += [w for forms in PREPOSITIONS.values() for w in forms]
    return [*words, "del"]


SOURCE_VOCAB = Vocabulary("English", [PAD], _source_words())
TARGET_VOCAB = Vocabulary("Spanish", [PAD, BOS, EOS], _target_words())
# --8<-- [end:vocabularies]
