"""Every user-visible string of the generated glossary pages, in each language.

The strings live in the project's UI catalogue (ui/en.yml, ui/es.yml: sections "glossary"
and "months"); this module keeps the glossary package's way of asking for them.
"""

from __future__ import annotations

from ui import LANGUAGES, strings

STRINGS: dict[str, dict[str, str]] = {lang: strings(lang, "glossary") for lang in LANGUAGES}
MONTHS: dict[str, list[str]] = {lang: strings(lang, "months") for lang in LANGUAGES}


def text(language: str, key: str) -> str:
    """The UI string `key` in `language`; a missing translation is a ValueError."""
    try:
        return STRINGS[language][key]
    except KeyError as error:
        raise ValueError(f"no UI string {key!r} for language {language!r}") from error
