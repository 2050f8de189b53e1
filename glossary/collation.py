"""Alphabetical order of terms in each language, without depending on system locales.

Spanish (RAE, 2010): accented vowels and ü sort with their base letter, ñ is a letter of its
own between n and o, and ch/ll are not separate letters. English: accents ignored.
Spaces and hyphens separate words and sort before any letter ("word by word" order), so
"atención" < "atención cruzada" < "atenciónal". Ties on letters are broken by accents,
then by case, so the order is total and stable.
"""

from __future__ import annotations

import unicodedata

SPANISH_ALPHABET = "abcdefghijklmnñopqrstuvwxyz"
ENGLISH_ALPHABET = "abcdefghijklmnopqrstuvwxyz"
ALPHABETS = {"es": SPANISH_ALPHABET, "en": ENGLISH_ALPHABET}
WORD_SEPARATORS = " -–—_/"


def base_letter(char: str, language: str) -> str:
    """The letter of the alphabet that `char` sorts as: 'á' -> 'a', 'ñ' -> 'ñ' in Spanish."""
    lower = char.lower()
    if language == "es" and lower == "ñ":
        return "ñ"
    decomposed = unicodedata.normalize("NFD", lower)
    return decomposed[0] if decomposed else lower


def _primary_weight(char: str, language: str) -> int:
    alphabet = ALPHABETS[language]
    if char in WORD_SEPARATORS:
        return 0
    if char.isdigit():
        return 1 + int(char)
    letter = base_letter(char, language)
    if letter in alphabet:
        return 20 + alphabet.index(letter)
    return 100 + ord(letter)  # anything else after the letters, in code point order


def sort_key(term: str, language: str) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]:
    """Key for sorted(): primary = letters, secondary = accents, tertiary = case."""
    if language not in ALPHABETS:
        raise ValueError(f"no collation rules for language {language!r}")
    text = unicodedata.normalize("NFC", term.strip())
    primary = tuple(_primary_weight(c, language) for c in text)
    secondary = tuple(0 if base_letter(c, language) == c.lower() else 1 for c in text)
    tertiary = tuple(1 if c.isupper() else 0 for c in text)
    return primary, secondary, tertiary


def collate(terms: list[str], language: str) -> list[str]:
    """`terms` in the alphabetical order of `language`."""
    return sorted(terms, key=lambda term: sort_key(term, language))


def initial_letter(term: str, language: str) -> str:
    """The index letter a term is filed under: 'Á' for 'árbol' is 'A', 'ñandú' is 'Ñ'."""
    for char in term:
        if char not in WORD_SEPARATORS and not char.isspace():
            letter = base_letter(char, language)
            return letter.upper() if letter in ALPHABETS[language] else "#"
    return "#"
