"""Data model of a glossary entry: one concept, the same slug in every language."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

LANGUAGES: tuple[str, ...] = ("en", "es")
# Labels of terminology databases such as IATE (glossary/style-es.md applies them).
STATUSES: tuple[str, ...] = ("preferred", "admitted", "deprecated")
# TBX partOfSpeech and grammaticalGender values (TBX-Basic picklists).
PARTS_OF_SPEECH: tuple[str, ...] = ("noun", "verb", "adjective", "adverb", "properNoun", "other")
GENDERS: tuple[str, ...] = ("masculine", "feminine", "neuter", "other")
# Subject fields (TBX subjectField), with their labels in each language.
SUBJECTS: dict[str, dict[str, str]] = {
    "attention-mechanisms": {"en": "attention mechanisms", "es": "mecanismos de atención"},
    "neural-network-architectures": {
        "en": "neural network architectures",
        "es": "arquitecturas de redes neuronales",
    },
    "input-representation": {"en": "input representation", "es": "representación de la entrada"},
    "mathematical-foundations": {
        "en": "mathematical foundations",
        "es": "fundamentos matemáticos",
    },
    "efficient-computation": {"en": "efficient computation", "es": "cálculo eficiente"},
    "interpretability": {"en": "interpretability", "es": "interpretabilidad"},
    "applications": {"en": "applications", "es": "aplicaciones"},
}
# A context sentence's source: a references.bib key, or a sentence of this site.
SITE_SOURCE_PREFIX = "site:"


@dataclass(frozen=True)
class Variant:
    """One term of a concept in one language, with its usage status."""

    term: str
    status: str
    # Usage note in the section's own language, e.g. the region where a variant is common.
    note: str = ""
    # A loanword (e.g. *embedding* in Spanish): written in italics in running text.
    foreign: bool = False
    pos: str = ""  # one of PARTS_OF_SPEECH (TBX partOfSpeech)
    gender: str = ""  # one of GENDERS (TBX grammaticalGender); Spanish nouns only


@dataclass(frozen=True)
class Context:
    """A sentence that shows a term in use, with where it comes from."""

    text: str
    # A references.bib key (text quoted verbatim) or site:<page>#<anchor> (a sentence here).
    source: str

    @property
    def site_page(self) -> tuple[str, str] | None:
        """(page, anchor) for a sentence of this site, None for a bibliography key."""
        if not self.source.startswith(SITE_SOURCE_PREFIX):
            return None
        page, _, anchor = self.source[len(SITE_SOURCE_PREFIX):].partition("#")
        return page, anchor


@dataclass(frozen=True)
class HistoryLine:
    """One published version of an entry: number, date, what changed in each language."""

    version: str
    date: date
    changes: dict[str, str]


@dataclass(frozen=True)
class LanguageSection:
    """Everything an entry says in one language."""

    terms: tuple[Variant, ...]
    definition: str  # one sentence, Markdown without links
    explanation: str  # Markdown; links to entries are written [text][slug]
    context: Context | None = None

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
    subject: str = ""  # one of SUBJECTS (TBX subjectField)
    history: tuple[HistoryLine, ...] = ()  # oldest first; the last line is this version

    def lang(self, language: str) -> LanguageSection:
        return self.languages[language]


@dataclass(frozen=True)
class Glossary:
    """All entries, ordered by slug."""

    entries: tuple[Entry, ...]
    by_slug: dict[str, Entry] = field(repr=False)
    # Superseded versions from glossary/archive: slug -> version -> the text of that version.
    archived: dict[str, dict[str, Entry]] = field(default_factory=dict, repr=False)

    def __len__(self) -> int:
        return len(self.entries)

    def __getitem__(self, slug: str) -> Entry:
        return self.by_slug[slug]

    def backlinks(self, slug: str) -> tuple[str, ...]:
        """Slugs of the entries that declare `slug` as related (the reverse direction)."""
        return tuple(e.slug for e in self.entries if slug in e.related)
