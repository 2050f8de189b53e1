"""Read glossary/entries/*.yml and validate them; every problem names file and field."""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from glossary.markup import find_term, linked_slugs, prose_only
from glossary.model import LANGUAGES, STATUSES, Entry, Glossary, LanguageSection, Variant

SLUG = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")  # also a valid XML ID for the TBX export
VERSION = re.compile(r"^\d+\.\d+$")
TOP_FIELDS = {"slug", "version", "created", "updated", "formula", "related", "sources", *LANGUAGES}
LANGUAGE_FIELDS = {"terms", "definition", "explanation"}
VARIANT_FIELDS = {"term", "status", "note", "foreign"}


# libyaml's parser when available: several times faster on the whole glossary.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class GlossaryError(ValueError):
    """Invalid glossary data; the message lists every problem as `file: field 'x': ...`."""


class _Problems:
    """Collects every problem so that one build run reports them all."""

    def __init__(self) -> None:
        self.messages: list[str] = []

    def add(self, path: Path, field: str, problem: str) -> None:
        self.messages.append(f"{path}: field '{field}': {problem}")

    def raise_if_any(self) -> None:
        if self.messages:
            raise GlossaryError("invalid glossary data:\n" + "\n".join(self.messages))


def _text(raw: dict[str, Any], key: str, path: Path, field: str, problems: _Problems) -> str:
    value = raw.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        problems.add(path, field, "missing translation (empty or absent)")
        return ""
    if not isinstance(value, str):
        problems.add(path, field, f"must be text, got {type(value).__name__}")
        return ""
    return value.strip()


def _date(raw: dict[str, Any], key: str, path: Path, problems: _Problems) -> date:
    value = raw.get(key)
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        problems.add(path, key, f"must be an ISO date such as 2026-11-21, got {value!r}")
        return date.min


def _slug_list(raw: dict[str, Any], key: str, path: Path, problems: _Problems) -> tuple[str, ...]:
    value = raw.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.add(path, key, "must be a list of slugs or keys")
        return ()
    for index, item in enumerate(value):
        if item in value[:index]:
            problems.add(path, f"{key}[{index}]", f"'{item}' is listed twice")
    return tuple(value)


def _variants(raw: Any, path: Path, field: str, problems: _Problems) -> tuple[Variant, ...]:
    if not isinstance(raw, list) or not raw:
        problems.add(path, field, "missing translation (needs at least one term)")
        return ()
    variants = []
    for index, item in enumerate(raw):
        where = f"{field}[{index}]"
        if not isinstance(item, dict):
            problems.add(path, where, "must be a mapping with 'term' and 'status'")
            continue
        for unknown in sorted(set(item) - VARIANT_FIELDS):
            problems.add(path, f"{where}.{unknown}", "unknown field")
        term = _text(item, "term", path, f"{where}.term", problems)
        status = item.get("status")
        if status not in STATUSES:
            problems.add(
                path,
                f"{where}.status",
                f"unknown status {status!r} for term {term!r} "
                f"(expected one of: {', '.join(STATUSES)})",
            )
        if "|" in term:
            problems.add(path, f"{where}.term", "'|' is reserved as the CSV list separator")
        if any(term.casefold() == v.term.casefold() for v in variants):
            problems.add(path, f"{where}.term", f"term {term!r} is listed twice")
        variants.append(
            Variant(
                term=term,
                status=str(status),
                note=str(item.get("note", "")).strip(),
                foreign=bool(item.get("foreign", False)),
            )
        )
    if variants and variants[0].status != "preferred":
        problems.add(path, f"{field}[0].status", "the first term (the headword) must be preferred")
    return tuple(variants)


def _language(raw: Any, path: Path, language: str, problems: _Problems) -> LanguageSection:
    if not isinstance(raw, dict):
        problems.add(path, language, "missing translation (no section for this language)")
        return LanguageSection(terms=(), definition="", explanation="")
    for unknown in sorted(set(raw) - LANGUAGE_FIELDS):
        problems.add(path, f"{language}.{unknown}", "unknown field")
    section = LanguageSection(
        terms=_variants(raw.get("terms"), path, f"{language}.terms", problems),
        definition=_text(raw, "definition", path, f"{language}.definition", problems),
        explanation=_text(raw, "explanation", path, f"{language}.explanation", problems),
    )
    if linked_slugs(section.definition):
        problems.add(path, f"{language}.definition", "a definition must not contain links")
    return section


def parse_entry(path: Path, raw: Any, source_keys: Collection[str], problems: _Problems) -> Entry:
    """Checks that need only this file: fields, translations, statuses, dates, sources."""
    if not isinstance(raw, dict):
        problems.add(path, "<file>", "must be a YAML mapping")
        raw = {}
    for unknown in sorted(set(raw) - TOP_FIELDS):
        problems.add(path, unknown, "unknown field")
    slug = raw.get("slug")
    if not isinstance(slug, str) or not SLUG.match(slug):
        problems.add(path, "slug", f"must be lowercase letters, digits and hyphens, got {slug!r}")
        slug = str(slug)
    version = raw.get("version")
    if not isinstance(version, str) or not VERSION.match(version):
        problems.add(path, "version", f'must be a quoted string such as "1.0", got {version!r}')
    created = _date(raw, "created", path, problems)
    updated = _date(raw, "updated", path, problems)
    if updated < created:
        problems.add(path, "updated", f"{updated} is earlier than created ({created})")
    sources = _slug_list(raw, "sources", path, problems)
    for index, key in enumerate(sources):
        if key not in source_keys:
            problems.add(
                path, f"sources[{index}]", f"unknown source key '{key}' (not in the BibTeX file)"
            )
    formula = raw.get("formula") or ""
    if not isinstance(formula, str):
        problems.add(path, "formula", "must be LaTeX text")
    return Entry(
        slug=slug,
        path=path,
        version=str(version),
        created=created,
        updated=updated,
        languages={lang: _language(raw.get(lang), path, lang, problems) for lang in LANGUAGES},
        formula=str(formula).strip(),
        related=_slug_list(raw, "related", path, problems),
        sources=sources,
    )


def _check_links(entries: list[Entry], problems: _Problems) -> None:
    """Related entries and explanation links must exist; related ones must be linked."""
    slugs = {e.slug for e in entries}
    for entry in entries:
        for index, slug in enumerate(entry.related):
            if slug not in slugs:
                problems.add(entry.path, f"related[{index}]", f"unknown related entry '{slug}'")
            elif slug == entry.slug:
                problems.add(entry.path, f"related[{index}]", "an entry cannot relate to itself")
        for language in LANGUAGES:
            field = f"{language}.explanation"
            linked = linked_slugs(entry.lang(language).explanation)
            for slug in sorted(set(linked) - slugs):
                problems.add(entry.path, field, f"link to unknown entry '{slug}'")
            for slug in entry.related:
                if slug in slugs and slug not in linked:
                    problems.add(
                        entry.path, field, f"related entry '{slug}' is not linked ([…][{slug}])"
                    )


def _check_deprecated_use(entries: list[Entry], problems: _Problems) -> None:
    """A deprecated variant is listed in its entry, never used in running text."""
    for language in LANGUAGES:
        deprecated = {
            v.term for e in entries for v in e.lang(language).terms if v.status == "deprecated"
        }
        for entry in entries:
            section = entry.lang(language)
            for field, text in (("definition", section.definition),
                                ("explanation", section.explanation)):
                prose = prose_only(text)
                for term in sorted(deprecated):
                    if find_term(term, prose):
                        problems.add(
                            entry.path,
                            f"{language}.{field}",
                            f"uses the deprecated term '{term}' outside a (*gloss*)",
                        )


def load_glossary(entries_dir: Path, source_keys: Collection[str]) -> Glossary:
    """Load and validate every entries_dir/*.yml; raise GlossaryError listing all problems."""
    problems = _Problems()
    paths = sorted(entries_dir.glob("*.yml"))
    if not paths:
        raise GlossaryError(f"{entries_dir}: no glossary entries (*.yml) found")
    entries: list[Entry] = []
    first_file: dict[str, Path] = {}
    for path in paths:
        try:
            raw = yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER)
        except yaml.YAMLError as error:
            problems.add(path, "<file>", f"invalid YAML: {error}")
            continue
        entry = parse_entry(path, raw, source_keys, problems)
        if entry.slug in first_file:
            problems.add(
                path, "slug", f"duplicate slug '{entry.slug}' (also in {first_file[entry.slug]})"
            )
            continue
        first_file[entry.slug] = path
        entries.append(entry)
    problems.raise_if_any()  # cross-entry checks need well-formed entries
    _check_links(entries, problems)
    _check_deprecated_use(entries, problems)
    problems.raise_if_any()
    ordered = tuple(sorted(entries, key=lambda e: e.slug))
    return Glossary(entries=ordered, by_slug={e.slug: e for e in ordered})
