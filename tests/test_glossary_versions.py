"""Published versions stay readable and immutable (issue 17)."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from glossary.build import load_data, pages, project_data
from glossary.loader import GlossaryError
from glossary.site import BIB_PATH, ENTRIES_DIR, Site
from glossary.versions import all_versions, immutability_problems, read_pins

DATA = project_data()
GLOSSARY = DATA.glossary
SITE = Site("https://example.org/", {"en": "", "es": "es/"}, "https://github.com/o/r", "0.1.0")
ARCHIVE_DIR = ENTRIES_DIR.parent / "archive"


def test_every_published_version_matches_its_pinned_hash() -> None:
    problems = immutability_problems(GLOSSARY, read_pins())
    assert not problems, "\n".join(problems)


def test_every_entry_lists_its_history_and_every_old_version_is_archived() -> None:
    for entry in GLOSSARY.entries:
        assert entry.history, f"{entry.path}: no history"
        assert entry.history[-1].version == entry.version
        old = {line.version for line in entry.history[:-1]}
        assert old == set(GLOSSARY.archived.get(entry.slug, {})), entry.slug
    weight = GLOSSARY.archived["attention-weight"]["1.0"]
    # Version 1.0, reconstructed from git: "aplicar softmax" became "aplicar la softmax" in 1.1.
    assert "obtenido al aplicar softmax" in weight.lang("es").definition
    assert "aplicar la softmax" in GLOSSARY["attention-weight"].lang("es").definition


def _edited(slug: str, version: str, definition: str):
    """The glossary as if one version's Spanish definition had been edited in place."""
    entry = all_versions(GLOSSARY)[(slug, version)]
    section = replace(entry.lang("es"), definition=definition)
    edited = replace(entry, languages={**entry.languages, "es": section})
    if version == entry.version and slug in GLOSSARY.by_slug and GLOSSARY[slug] is entry:
        entries = tuple(edited if e.slug == slug else e for e in GLOSSARY.entries)
        return replace(GLOSSARY, entries=entries, by_slug={e.slug: e for e in entries})
    archived = {**GLOSSARY.archived, slug: {**GLOSSARY.archived[slug], version: edited}}
    return replace(GLOSSARY, archived=archived)


@pytest.mark.parametrize(("slug", "version"), [
    ("attention-weight", GLOSSARY["attention-weight"].version),
    ("attention-weight", "1.0"),
    ("query", "1.0"),
])
def test_editing_published_text_fails_and_says_to_bump_the_version(slug: str, version: str) -> None:
    problems = immutability_problems(_edited(slug, version, "Otra definición."), read_pins())
    assert len(problems) == 1
    assert f"'{slug}' version {version}" in problems[0]
    assert "bump the version instead" in problems[0]


def test_a_new_version_must_be_pinned() -> None:
    pins = read_pins()
    current = GLOSSARY["query"].version
    del pins[("query", current)]
    problems = immutability_problems(GLOSSARY, pins)
    assert problems
    assert f"query.yml: version {current} of 'query' is not in published.sha256" in problems[0]


def _copy(tmp_path: Path) -> tuple[Path, Path]:
    shutil.copytree(ENTRIES_DIR, tmp_path / "entries")
    shutil.copytree(ARCHIVE_DIR, tmp_path / "archive")
    return tmp_path / "entries", tmp_path / "archive"


def test_a_history_line_without_archived_text_names_file_and_field(tmp_path: Path) -> None:
    entries, archive = _copy(tmp_path)
    (archive / "softmax" / "1.0.yml").unlink()
    with pytest.raises(GlossaryError) as info:
        load_data(entries, BIB_PATH)
    assert f"{entries / 'softmax.yml'}: field 'history[0].version'" in str(info.value)
    assert "no archived text" in str(info.value)


def test_a_current_version_behind_its_archive_goes_backwards(tmp_path: Path) -> None:
    entries, archive = _copy(tmp_path)
    old = yaml.safe_load((archive / "softmax" / "1.0.yml").read_text(encoding="utf-8"))
    old["version"] = "1.5"
    (archive / "softmax" / "1.5.yml").write_text(yaml.safe_dump(old, allow_unicode=True))
    with pytest.raises(GlossaryError) as info:
        load_data(entries, BIB_PATH)
    message = str(info.value)
    current = GLOSSARY["softmax"].version
    assert f"{entries / 'softmax.yml'}: field 'version': {current} does not come after" in message
    assert "goes backwards" in message


PAGES = {lang: pages(DATA, SITE, lang) for lang in ("en", "es")}


@pytest.mark.parametrize("language", ["en", "es"])
def test_an_old_version_has_its_own_page_with_its_own_text_marked_superseded(
    language: str,
) -> None:
    page = PAGES[language]["glossary/attention-weight/1.0.md"]
    old = GLOSSARY.archived["attention-weight"]["1.0"].lang(language)
    assert old.definition in page
    assert "warning" in page.split("\n# ")[1].split("\n\n")[1]  # the superseded notice first
    assert "(../attention-weight.md)" in page  # the link to the current version
    assert SITE.version_url("attention-weight", "1.0", language) in page  # cited by its URL
    assert "search:\n  exclude: true" in page


def test_the_current_version_page_shows_the_current_text() -> None:
    page = PAGES["es"][f"glossary/attention-weight/{GLOSSARY['attention-weight'].version}.md"]
    assert GLOSSARY["attention-weight"].lang("es").definition in page
    assert "es la vigente" in page


@pytest.mark.parametrize("language", ["en", "es"])
def test_entry_page_lists_its_history_with_links_to_each_version(language: str) -> None:
    page = PAGES[language]["glossary/attention-weight.md"]
    assert "[1.0](attention-weight/1.0.md) | 2026-11-21 |" in page
    assert "[1.1](attention-weight/1.1.md)" in page
    changes = {"en": "Spanish definition and explanation: wording revised.",
               "es": "Definición y explicación en español: revisión de la redacción."}
    assert changes[language] in page
