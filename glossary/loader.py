"""Read glossary/entries/*.yml and validate them; every problem names file and field."""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from glossary.markup import find_term, linked_slugs, prose_only
from glossary.model import (
    GENDERS,
    LANGUAGES,
    PARTS_OF_SPEECH,
    SITE_SOURCE_PREFIX,
    STATUSES,
    SUBJECTS,
    Context,
    Entry,
    Glossary,
    HistoryLine,
    LanguageSection,
    Variant,
)

SLUG = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")  # also a valid XML ID for the TBX export
VERSION = re.compile(r"^\d+\.\d+$")
TOP_FIELDS = {
    "slug", "version", "created", "updated", "subject", "history",
    "formula", "related", "sources", *LANGUAGES,
}
LANGUAGE_FIELDS = {"terms", "definition", "explanation", "context"}
VARIANT_FIELDS = {"term", "status", "note", "foreign", "pos", "gender"}
CONTEXT_FIELDS = {"text", "source"}
HISTORY_FIELDS = {"version", "date", *LANGUAGES}
# site:<page>#<anchor>, the page as in its address (e.g. attention-weights, notebooks/translator).
SITE_SOURCE = re.compile(r"^site:[a-z0-9]+(?:[-/][a-z0-9]+)*#[a-z0-9]+(?:[-_][a-z0-9]+)*$")


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


def _date(
    raw: dict[str, Any], key: str, path: Path, problems: _Problems, field: str = ""
) -> date:
    value = raw.get(key)
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        problems.add(path, field or key, f"must be an ISO date such as 2026-11-21, got {value!r}")
        return date.min


def version_key(version: str) -> tuple[int, ...]:
    """Sort key of a version: 1.10 comes after 1.9; a malformed one sorts first."""
    return tuple(int(part) for part in version.split(".")) if VERSION.match(version) else (-1,)


def _choice(
    item: dict[str, Any], key: str, allowed: Collection[str], what: str, context: str,
    path: Path, field: str, problems: _Problems,
) -> str:
    """An optional field whose value must be one of `allowed`; "" when absent."""
    value = item.get(key)
    if value is None:
        return ""
    if value not in allowed:
        problems.add(
            path, field,
            f"unknown {what} {value!r}{context} (expected one of: {', '.join(allowed)})",
        )
        return ""
    return str(value)


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
        pos = _choice(item, "pos", PARTS_OF_SPEECH, "part of speech", f" for term {term!r}",
                      path, f"{where}.pos", problems)
        gender = _choice(item, "gender", GENDERS, "grammatical gender", f" for term {term!r}",
                         path, f"{where}.gender", problems)
        if gender and field.startswith("en."):
            problems.add(path, f"{where}.gender", "English terms have no grammatical gender")
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
                pos=pos,
                gender=gender,
            )
        )
    if variants and variants[0].status != "preferred":
        problems.add(path, f"{field}[0].status", "the first term (the headword) must be preferred")
    return tuple(variants)


def _context(
    raw: Any, path: Path, field: str, source_keys: Collection[str], problems: _Problems
) -> Context | None:
    """The optional context sentence: text plus a bibliography key or site:<page>#<anchor>."""
    if raw is None:
        return None
    if not isinstance(raw, dict):
        problems.add(path, field, "must be a mapping with 'text' and 'source'")
        return None
    for unknown in sorted(set(raw) - CONTEXT_FIELDS):
        problems.add(path, f"{field}.{unknown}", "unknown field")
    text = raw.get("text")
    if not isinstance(text, str) or not text.strip():
        problems.add(path, f"{field}.text", "a context needs its sentence (empty or absent)")
        text = ""
    source = raw.get("source")
    if not isinstance(source, str) or not source.strip():
        problems.add(
            path, f"{field}.source",
            "context sentence without a source (a references.bib key or site:<page>#<anchor>)",
        )
        return None
    source = source.strip()
    if source.startswith(SITE_SOURCE_PREFIX):
        if not SITE_SOURCE.match(source):
            problems.add(
                path, f"{field}.source",
                f"must be site:<page>#<anchor>, e.g. site:attention-weights#temperature, "
                f"got {source!r}",
            )
    elif source not in source_keys:
        problems.add(
            path, f"{field}.source", f"unknown source key '{source}' (not in the BibTeX file)"
        )
    return Context(text=" ".join(text.split()), source=source)


def _language(
    raw: Any, path: Path, language: str, source_keys: Collection[str], problems: _Problems
) -> LanguageSection:
    if not isinstance(raw, dict):
        problems.add(path, language, "missing translation (no section for this language)")
        return LanguageSection(terms=(), definition="", explanation="")
    for unknown in sorted(set(raw) - LANGUAGE_FIELDS):
        problems.add(path, f"{language}.{unknown}", "unknown field")
    section = LanguageSection(
        terms=_variants(raw.get("terms"), path, f"{language}.terms", problems),
        definition=_text(raw, "definition", path, f"{language}.definition", problems),
        explanation=_text(raw, "explanation", path, f"{language}.explanation", problems),
        context=_context(
            raw.get("context"), path, f"{language}.context", source_keys, problems
        ),
    )
    if linked_slugs(section.definition):
        problems.add(path, f"{language}.definition", "a definition must not contain links")
    return section


def _history(
    raw: Any, path: Path, version: str, created: date, updated: date, problems: _Problems
) -> tuple[HistoryLine, ...]:
    """Optional list of published versions, oldest first, ending with the current one."""
    if raw is None:
        return ()
    if not isinstance(raw, list) or not raw:
        problems.add(path, "history", "must be a list of {version, date, en, es}, oldest first")
        return ()
    lines: list[HistoryLine] = []
    for index, item in enumerate(raw):
        where = f"history[{index}]"
        if not isinstance(item, dict):
            problems.add(path, where, "must be a mapping {version, date, en, es}")
            continue
        for unknown in sorted(set(item) - HISTORY_FIELDS):
            problems.add(path, f"{where}.{unknown}", "unknown field")
        number = item.get("version")
        if not isinstance(number, str) or not VERSION.match(number):
            problems.add(
                path, f"{where}.version", f'must be a quoted string such as "1.0", got {number!r}'
            )
            number = ""
        day = _date(item, "date", path, problems, f"{where}.date")
        changes = {
            lang: _text(item, lang, path, f"{where}.{lang}", problems) for lang in LANGUAGES
        }
        if lines and number and lines[-1].version:
            if version_key(number) <= version_key(lines[-1].version):
                problems.add(
                    path, f"{where}.version",
                    f"version {number} does not come after {lines[-1].version} (goes backwards)",
                )
        if lines and day < lines[-1].date:
            problems.add(
                path, f"{where}.date",
                f"{day} is earlier than the previous version's date {lines[-1].date} "
                "(goes backwards)",
            )
        lines.append(HistoryLine(version=number, date=day, changes=changes))
    if lines and lines[0].date != created:
        problems.add(path, "history[0].date", f"{lines[0].date} must equal created ({created})")
    if lines and lines[-1].version and lines[-1].version != version:
        problems.add(
            path, f"history[{len(lines) - 1}].version",
            f"the last history line must be the current version {version}, "
            f"got {lines[-1].version}",
        )
    if lines and lines[-1].date != updated:
        problems.add(
            path, f"history[{len(lines) - 1}].date",
            f"the last history line's date {lines[-1].date} must equal updated ({updated})",
        )
    return tuple(lines)


def read_entry(path: Path, source_keys: Collection[str], problems: _Problems) -> Entry | None:
    """The entry in the YAML file ``path`` (current or archived), or None when the file is
    not valid YAML; every problem found is added to ``problems`` with the file's name."""
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER)
    except yaml.YAMLError as error:
        problems.add(path, "<file>", f"invalid YAML: {error}")
        return None
    return parse_entry(path, raw, source_keys, problems)


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
    subject = _choice(raw, "subject", tuple(SUBJECTS), "subject field", "", path, "subject",
                      problems)
    return Entry(
        slug=slug,
        path=path,
        version=str(version),
        created=created,
        updated=updated,
        languages={
            lang: _language(raw.get(lang), path, lang, source_keys, problems)
            for lang in LANGUAGES
        },
        formula=str(formula).strip(),
        related=_slug_list(raw, "related", path, problems),
        sources=sources,
        subject=subject,
        history=_history(raw.get("history"), path, str(version), created, updated, problems),
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


def _check_translator_fields(entries: list[Entry], problems: _Problems) -> None:
    """Current entries carry the data categories translators use (issue 17): subject,
    history, part of speech, Spanish gender. Archived versions, published before these fields
    existed, are not held to this."""
    nouns = {"noun", "properNoun"}
    for entry in entries:
        if not entry.subject:
            problems.add(entry.path, "subject",
                         f"missing subject field (one of: {', '.join(SUBJECTS)})")
        if not entry.history:
            problems.add(entry.path, "history",
                         "missing history (one line per published version, oldest first)")
        for language in LANGUAGES:
            section = entry.lang(language)
            # A missing context sentence is not a build error: some terms are used by no
            # sentence of the site yet, and a quotation must never be invented. The tests
            # require one (tests/test_glossary_contexts.py), naming file and field.
            for index, variant in enumerate(section.terms):
                where = f"{language}.terms[{index}]"
                if not variant.pos:
                    problems.add(entry.path, f"{where}.pos",
                                 f"missing part of speech for term {variant.term!r}")
                if language == "es" and variant.pos in nouns and not variant.gender:
                    problems.add(entry.path, f"{where}.gender",
                                 f"missing grammatical gender for the Spanish noun "
                                 f"{variant.term!r}")


def load_glossary(entries_dir: Path, source_keys: Collection[str]) -> Glossary:
    """Load and validate every entries_dir/*.yml; raise GlossaryError listing all problems."""
    problems = _Problems()
    paths = sorted(entries_dir.glob("*.yml"))
    if not paths:
        raise GlossaryError(f"{entries_dir}: no glossary entries (*.yml) found")
    entries: list[Entry] = []
    first_file: dict[str, Path] = {}
    for path in paths:
        entry = read_entry(path, source_keys, problems)
        if entry is None:
            continue
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
    _check_translator_fields(entries, problems)
    problems.raise_if_any()
    ordered = tuple(sorted(entries, key=lambda e: e.slug))
    return Glossary(entries=ordered, by_slug={e.slug: e for e in ordered})
