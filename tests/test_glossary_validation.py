"""Bad glossary data fails with a message naming the file and the field (issue 5)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from glossary.loader import GlossaryError, load_glossary
from glossary.references import load_bibliography
from glossary.site import BIB_PATH, ENTRIES_DIR

BIB_KEYS = frozenset(load_bibliography(BIB_PATH).entries.keys())


def broken_copy(tmp_path: Path, slug: str, edit: Callable[[dict[str, Any]], None]) -> Path:
    """A copy of the real entries in which entries/<slug>.yml has been edited."""
    entries = tmp_path / "entries"
    shutil.copytree(ENTRIES_DIR, entries)
    path = entries / f"{slug}.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return entries


def error_message(entries: Path) -> str:
    with pytest.raises(GlossaryError) as info:
        load_glossary(entries, BIB_KEYS)
    return str(info.value)


def test_the_project_glossary_is_valid() -> None:
    assert len(load_glossary(ENTRIES_DIR, BIB_KEYS)) >= 40


def _drop(*keys: str) -> Callable[[dict[str, Any]], None]:
    def edit(data: dict[str, Any]) -> None:
        target = data
        for key in keys[:-1]:
            target = target[key]
        del target[keys[-1]]

    return edit


def _set(value: Any, *keys: str | int) -> Callable[[dict[str, Any]], None]:
    def edit(data: dict[str, Any]) -> None:
        target: Any = data
        for key in keys[:-1]:
            target = target[key]
        target[keys[-1]] = value

    return edit


def _append(value: Any, key: str) -> Callable[[dict[str, Any]], None]:
    return lambda data: data[key].append(value)


def _append_text(text: str, *keys: str) -> Callable[[dict[str, Any]], None]:
    def edit(data: dict[str, Any]) -> None:
        data[keys[0]][keys[1]] += text

    return edit


CASES = [
    # (entry edited, edit, field named in the message, words of the message)
    ("softmax", _drop("es", "definition"), "es.definition", "missing translation"),
    ("softmax", _set("", "en", "explanation"), "en.explanation", "missing translation"),
    ("query", _drop("es"), "es", "missing translation"),
    ("query", _set([], "es", "terms"), "es.terms", "missing translation"),
    ("key", _set(None, "es", "terms", 0, "term"), "es.terms[0].term", "missing translation"),
    ("softmax", _append("sofmax", "related"), "related[4]", "unknown related entry 'sofmax'"),
    (
        "attention",
        _set(["vaswani2017attention", "vaswani2016"], "sources"),
        "sources[1]",
        "unknown source key 'vaswani2016'",
    ),
    (
        "key",
        _set("obsolete", "es", "terms", 1, "status"),
        "es.terms[1].status",
        "unknown status 'obsolete'",
    ),
    (
        "attention-weight",
        _set("preferida", "es", "terms", 0, "status"),
        "es.terms[0].status",
        "unknown status 'preferida'",
    ),
    (
        "value",
        _append_text(" Cada valor tiene su llave.", "es", "explanation"),
        "es.explanation",
        "deprecated term 'llave'",
    ),
    (
        "value",
        _append_text(" Véase también [la máscara][mascara].", "es", "explanation"),
        "es.explanation",
        "link to unknown entry 'mascara'",
    ),
    (
        "padding",
        _append("softmax", "related"),
        "en.explanation",
        "related entry 'softmax' is not linked",
    ),
    ("token", _set(1.0, "version"), "version", "quoted string"),
]


@pytest.mark.parametrize(("slug", "edit", "field", "words"), CASES)
def test_bad_entry_names_file_and_field(
    tmp_path: Path, slug: str, edit: Callable[[dict[str, Any]], None], field: str, words: str
) -> None:
    entries = broken_copy(tmp_path, slug, edit)
    message = error_message(entries)
    assert f"{entries / (slug + '.yml')}: field '{field}'" in message
    assert words in message


def test_duplicate_slug_names_both_files(tmp_path: Path) -> None:
    entries = tmp_path / "entries"
    shutil.copytree(ENTRIES_DIR, entries)
    shutil.copy(entries / "softmax.yml", entries / "softmax-copy.yml")
    message = error_message(entries)
    assert "field 'slug': duplicate slug 'softmax'" in message
    assert str(entries / "softmax-copy.yml") in message
    assert str(entries / "softmax.yml") in message


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    """One run lists all problems, so that a contributor can fix them in one go."""
    entries = broken_copy(tmp_path, "softmax", _drop("es", "definition"))
    data = yaml.safe_load((entries / "query.yml").read_text(encoding="utf-8"))
    data["sources"] = ["nobody2099"]
    (entries / "query.yml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    message = error_message(entries)
    assert "softmax.yml: field 'es.definition'" in message
    assert "query.yml: field 'sources[0]'" in message


def test_gloss_in_parentheses_may_name_a_deprecated_form(tmp_path: Path) -> None:
    """*relleno* (*padding*) is the allowed way to mention the English form."""
    edit = _append_text(" Se llama relleno (*padding*).", "es", "explanation")
    load_glossary(broken_copy(tmp_path, "padding-mask", edit), BIB_KEYS)


# Translator fields (issue 17): optional until every entry has them, then required.
TRANSLATOR_CASES = [
    ("softmax", _set("sustantivo", "es", "terms", 0, "pos"), "es.terms[0].pos",
     "unknown part of speech 'sustantivo'"),
    ("softmax", _set("femenino", "es", "terms", 0, "gender"), "es.terms[0].gender",
     "unknown grammatical gender 'femenino'"),
    ("softmax", _set("masculine", "en", "terms", 0, "gender"), "en.terms[0].gender",
     "English terms have no grammatical gender"),
    ("softmax", _set("linguistics", "subject"), "subject", "unknown subject field 'linguistics'"),
    ("softmax", _set({"text": "The softmax of the scores."}, "en", "context"), "en.context.source",
     "context sentence without a source"),
    ("softmax", _set({"text": "La softmax.", "source": "nobody2099"}, "es", "context"),
     "es.context.source", "unknown source key 'nobody2099'"),
    ("softmax", _set({"text": "La softmax.", "source": "site:attention weights"}, "es", "context"),
     "es.context.source", "must be site:<page>#<anchor>"),
]


@pytest.mark.parametrize(("slug", "edit", "field", "words"), TRANSLATOR_CASES)
def test_bad_translator_field_names_file_and_field(
    tmp_path: Path, slug: str, edit: Callable[[dict[str, Any]], None], field: str, words: str
) -> None:
    entries = broken_copy(tmp_path, slug, edit)
    message = error_message(entries)
    assert f"{entries / (slug + '.yml')}: field '{field}'" in message
    assert words in message


def _history(*lines: tuple[str, str]) -> Callable[[dict[str, Any]], None]:
    """Replace the entry's history with (version, date) lines."""

    def edit(data: dict[str, Any]) -> None:
        data["history"] = [
            {"version": v, "date": d, "en": "Changed.", "es": "Cambio."} for v, d in lines
        ]

    return edit


def _with_versions(version: str, created: str, updated: str, *lines: tuple[str, str]):
    def edit(data: dict[str, Any]) -> None:
        data.update(version=version, created=created, updated=updated)
        _history(*lines)(data)

    return edit


HISTORY_CASES = [
    (
        _with_versions(
            "1.1", "2026-11-21", "2026-12-03", ("1.1", "2026-11-21"), ("1.0", "2026-12-03")
        ),
        "history[1].version",
        "goes backwards",
    ),
    (
        _with_versions(
            "1.1", "2026-11-21", "2026-12-03", ("1.0", "2026-12-03"), ("1.1", "2026-11-21")
        ),
        "history[1].date",
        "goes backwards",
    ),
    (
        _with_versions(
            "1.2", "2026-11-21", "2026-12-03", ("1.0", "2026-11-21"), ("1.1", "2026-12-03")
        ),
        "history[1].version",
        "must be the current version 1.2",
    ),
    (_with_versions("1.0", "2026-12-03", "2026-11-21"), "updated", "earlier than created"),
]


@pytest.mark.parametrize(("edit", "field", "words"), HISTORY_CASES)
def test_version_or_date_going_backwards_names_file_and_field(
    tmp_path: Path, edit: Callable[[dict[str, Any]], None], field: str, words: str
) -> None:
    entries = broken_copy(tmp_path, "token", edit)
    message = error_message(entries)
    assert f"{entries / 'token.yml'}: field '{field}'" in message
    assert words in message


REQUIRED_CASES = [
    ("softmax", _drop("subject"), "subject", "missing subject field"),
    ("softmax", _drop("history"), "history", "missing history"),
    ("query", _drop("es", "terms", 0, "pos"), "es.terms[0].pos", "missing part of speech"),
    ("key", _drop("es", "terms", 0, "gender"), "es.terms[0].gender",
     "missing grammatical gender for the Spanish noun 'clave'"),
]


@pytest.mark.parametrize(("slug", "edit", "field", "words"), REQUIRED_CASES)
def test_every_entry_needs_the_translator_fields(
    tmp_path: Path, slug: str, edit: Callable[[dict[str, Any]], None], field: str, words: str
) -> None:
    """New entries too: subject, history, pos on every term and gender on Spanish nouns
    (glossary/entry-format.md); the context sentence is required by test_glossary_contexts."""
    entries = broken_copy(tmp_path, slug, edit)
    message = error_message(entries)
    assert f"{entries / (slug + '.yml')}: field '{field}'" in message
    assert words in message
