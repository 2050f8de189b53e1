"""The UI-string catalogue: ui/<lang>.yml, one file per language, the same keys in each.

``strings(lang, section)`` returns one section (a dict, or the ``months`` list). Loading
checks completeness: a key present in one language and missing in another is a ValueError
naming the key and the language, so no page is built half-translated.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
LANGUAGES = ("en", "es")


def _keys(value: Any, prefix: str = "") -> set[str]:
    """Dotted paths of every string: "glossary.cite", "months[3]" is not split (a list)."""
    if isinstance(value, dict):
        return {key for name, item in value.items() for key in _keys(item, f"{prefix}{name}.")}
    return {prefix.rstrip(".")}


def missing_keys(catalogue: dict[str, dict[str, Any]]) -> list[str]:
    """'key (missing in lang)' for every key some language has and another lacks."""
    keys = {lang: _keys(strings) for lang, strings in catalogue.items()}
    every = set().union(*keys.values())
    return [f"{key} (missing in {lang}.yml)" for lang in catalogue
            for key in sorted(every - keys[lang])]


def load(folder: Path = HERE, languages: tuple[str, ...] = LANGUAGES) -> dict[str, dict]:
    catalogue = {}
    for lang in languages:
        path = folder / f"{lang}.yml"
        try:
            catalogue[lang] = yaml.safe_load(path.read_text("utf-8"))
        except (OSError, yaml.YAMLError) as error:
            raise ValueError(f"{path}: cannot read the UI strings: {error}") from error
    problems = missing_keys(catalogue)
    if problems:
        raise ValueError(f"UI strings incomplete in {folder}: {'; '.join(problems)}")
    return catalogue


@functools.cache
def _catalogue() -> dict[str, dict]:
    return load()


def strings(lang: str, section: str) -> Any:
    """One section of ``lang``'s catalogue; ValueError naming the language if it has none."""
    try:
        return _catalogue()[lang][section]
    except KeyError as error:
        raise ValueError(f"no UI strings {section!r} for language {lang!r}") from error
