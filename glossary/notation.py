"""The glossary's notation, stated once in glossary/notation.yml (index page and exports)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from glossary.markup import INLINE_MATH, to_plain_text
from glossary.model import LANGUAGES

NOTATION_PATH = Path(__file__).with_name("notation.yml")


@cache
def notation(path: Path = NOTATION_PATH) -> dict[str, dict[str, str]]:
    """{language: {"title": ..., "text": Markdown}}; ValueError naming file and field."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    problems = []
    for language in LANGUAGES:
        section = raw.get(language) if isinstance(raw, dict) else None
        for field in ("title", "text"):
            value = section.get(field) if isinstance(section, dict) else None
            if not isinstance(value, str) or not value.strip():
                problems.append(f"{path}: field '{language}.{field}': missing translation")
    if not problems:
        math = {lang: INLINE_MATH.findall(raw[lang]["text"]) for lang in LANGUAGES}
        if len({tuple(formulas) for formulas in math.values()}) > 1:
            problems.append(f"{path}: field 'text': the languages do not hold the same formulas")
    if problems:
        raise ValueError("invalid notation data:\n" + "\n".join(problems))
    return {lang: {"title": raw[lang]["title"].strip(), "text": raw[lang]["text"].strip()}
            for lang in LANGUAGES}


def notation_plain(language: str) -> str:
    """The notation as one line of plain text (LaTeX kept between $ signs), for data files."""
    section = notation()[language]
    return f"{section['title']}. " + to_plain_text(section["text"].replace("\n- ", "\n"))
