"""Data model of a glossary entry: one concept, the same slug in every language."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

LANGUAGES: tuple[str, ...] = ("en", "es")
# Labels of terminology databases such as IATE (glossary/style-es.md applies them).
STATUSES: tuple[str, ...] = ("preferred", "admitted", "deprecated")


@dataclass(frozen=True)
class Variant:
    """One term of a concept in one language, with its usage status."""

    term: str
    status: str
    # Usage note in the section's own language, e.g. the region where a variant is common.
    note: str = ""
    # A loanword (e.g. *embedding* in Spanish): written in italics in running text.
    foreign: bool = False


@dataclass(frozen=True)
class LanguageSection:
    """Everything an entry says in one language."""

    terms: tuple[Variant, ...]
    definition: str  # one sentence, Markdown without links
    explanation: str  # Markdown; links to entries are written [text][slug]

    @property
    def headword(self) -> Variant:
        """The first preferred term: the title of the entry in this language."""
        return self.terms[0]

    def with_status(self, status: str) -> tuple[Variant, ...]:
        return tuple(v for v in self.terms if v.status == status)


@dataclass(frozen=True)
class Entry:
    """One concept of the glossary, read from glossary/entries/<slug>.yml."""

    slug: str
    path: Path
    version: str
    created: date
    updated: date
    languages: dict[str, LanguageSection]
    formula: str = ""  # LaTeX without delimiters; empty when the concept has none
    related: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()  # keys of references.bib

    def lang(self, language: str) -> LanguageSection:
        return self.languages[language]


@dataclass(frozen=True)
class Glossary:
    """All entries, ordered by slug."""

    entries: tuple[Entry, ...]
    by_slug: dict[str, Entry] = field(repr=False)

    def __len__(self) -> int:
        return len(self.entries)

    def __getitem__(self, slug: str) -> Entry:
        return self.by_slug[slug]

    def backlinks(self, slug: str) -> tuple[str, ...]:
        """Slugs of the entries that declare `slug` as related (the reverse direction)."""
        return tuple(e.slug for e in self.entries if slug in e.related)
