"""The UI-string catalogue (ui/en.yml, ui/es.yml): complete in both languages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ui import HERE, LANGUAGES, load, missing_keys

CATALOGUE = load()


def test_every_key_exists_in_every_language() -> None:
    assert missing_keys(CATALOGUE) == []


def test_a_missing_key_is_named_with_its_language(tmp_path: Path) -> None:
    for lang in LANGUAGES:
        (tmp_path / f"{lang}.yml").write_text((HERE / f"{lang}.yml").read_text("utf-8"), "utf-8")
    spanish = (tmp_path / "es.yml").read_text("utf-8")
    (tmp_path / "es.yml").write_text(spanish.replace("  cite: ", "  cite_renamed: "), "utf-8")
    with pytest.raises(ValueError, match=r"glossary\.cite \(missing in es\.yml\)"):
        load(tmp_path)


@pytest.mark.parametrize("lang", LANGUAGES[1:])
def test_placeholders_and_list_lengths_match_english(lang: str) -> None:
    def walk(en: object, other: object, path: str) -> list[str]:
        if isinstance(en, dict):
            return [p for key in en for p in walk(en[key], other[key], f"{path}.{key}")]
        if isinstance(en, list):
            return [] if len(en) == len(other) else [f"{path}: {len(other)} items"]
        fields = (set(re.findall(r"\{(\w*)\}", str(en))), set(re.findall(r"\{(\w*)\}", other)))
        return [] if fields[0] == fields[1] else [f"{path}: placeholders {fields}"]

    assert walk(CATALOGUE["en"], CATALOGUE[lang], lang) == []
