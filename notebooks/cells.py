"""The building blocks of a notebook source: prose in two languages, code shared by both.

A source module (``notebooks/sources/*.py``) defines ``SOURCE = NotebookSource(...)``.
Code cells are identical in every language except the single ``Parameters`` cell, which
sets ``LANG`` and the reader-facing strings (figure labels, printed headers) of that
language; every other cell reads them from ``TEXT``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

LANGS = ("en", "es")
_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*$", re.MULTILINE)
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Markdown:
    """Prose in English and Spanish; ``id`` names its heading, if it has one."""

    en: str
    es: str
    id: str | None = None

    def text(self, lang: str) -> str:
        return {"en": self.en, "es": self.es}[lang].strip()


@dataclass(frozen=True)
class Code:
    """A code cell, the same in every language."""

    source: str


@dataclass(frozen=True)
class Snippet:
    """Code copied from ``snippets/``: a marked section, or top-level definitions by name.

    ``section`` is the name in ``# --8<-- [start:name]`` ... ``[end:name]``; ``names`` lists
    functions, classes or constants, copied in the given order (for code between markers
    that needs helpers defined outside them). ``fold`` marks plumbing the reader may skip:
    the cell is collapsed in Jupyter and folded into a <details> on the site.
    """

    path: str
    section: str | None = None
    names: tuple[str, ...] = ()
    fold: bool = False


@dataclass(frozen=True)
class Parameters:
    """The one language-specific code cell: ``LANG`` and the labels of that language."""


Cell = Markdown | Code | Snippet | Parameters


@dataclass(frozen=True)
class NotebookSource:
    """One notebook in both languages.

    ``name`` is the file stem and the page path (``notebooks/<name>/``); ``labels`` maps a
    key to its text per language and becomes ``TEXT`` in the parameter cell.
    """

    name: str
    description: dict[str, str]
    labels: dict[str, dict[str, str]]
    cells: tuple[Cell, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        where = f"notebook {self.name!r}"
        if not _ID.match(self.name):
            raise ValueError(f"{where}: name must be lowercase words joined by '-'")
        for lang in LANGS:
            if not self.description.get(lang, "").strip():
                raise ValueError(f"{where}: missing {lang} description")
        for key, texts in self.labels.items():
            missing = [lang for lang in LANGS if not texts.get(lang)]
            if missing:
                raise ValueError(f"{where}: label {key!r} has no translation for {missing}")
        if sum(isinstance(cell, Parameters) for cell in self.cells) != 1:
            raise ValueError(f"{where}: needs exactly one Parameters cell")
        for index, cell in enumerate(self.cells):
            if isinstance(cell, Markdown):
                _check_headings(cell, f"{where}, cell {index}")

    def heading_ids(self) -> list[str]:
        return [cell.id for cell in self.cells if isinstance(cell, Markdown) and cell.id]


def _check_headings(cell: Markdown, where: str) -> None:
    """A markdown cell holds at most one heading, with the same level in both languages."""
    levels = {lang: [len(h) for h, _ in _HEADING.findall(cell.text(lang))] for lang in LANGS}
    if levels["en"] != levels["es"]:
        raise ValueError(f"{where}: headings differ between languages: {levels}")
    if len(levels["en"]) > 1:
        raise ValueError(f"{where}: more than one heading in one cell")
    if bool(levels["en"]) != bool(cell.id):
        raise ValueError(f"{where}: a heading needs an id, and an id needs a heading")
    if cell.id and not _ID.match(cell.id):
        raise ValueError(f"{where}: heading id {cell.id!r} must be lowercase words joined by '-'")
