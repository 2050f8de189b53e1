"""Published versions of the entries: the archive, and the hashes that keep them immutable.

Before the text of an entry changes, its file is copied verbatim to
glossary/archive/<slug>/<version>.yml (glossary/entry-format.md); the site shows each
archived version at /glossary/<slug>/<version>/. glossary/published.sha256 pins the
published text (definition, explanation, terms, formula) of every version, archived or
current, so that a test catches an edit that should have been a new version.

`python -m glossary.versions --pin` adds the lines of new versions; it never rewrites a
line that is already there.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Collection
from pathlib import Path

from glossary.loader import GlossaryError, _Problems, read_entry, version_key
from glossary.model import LANGUAGES, Entry, Glossary

REPO_ROOT = Path(__file__).resolve().parents[1]
ARCHIVE_DIR = REPO_ROOT / "glossary" / "archive"
PUBLISHED_PATH = REPO_ROOT / "glossary" / "published.sha256"
HEADER = (
    "# SHA-256 of the published text of every version (glossary/versions.py); never edit a\n"
    "# line: bump the entry's version instead. New lines: python -m glossary.versions --pin\n"
)


def published_text(entry: Entry) -> dict[str, object]:
    """What a version promises never to change: terms, definition, explanation, formula."""
    return {
        "formula": entry.formula,
        **{
            lang: {
                "terms": [[v.term, v.status] for v in entry.lang(lang).terms],
                "definition": entry.lang(lang).definition,
                "explanation": entry.lang(lang).explanation,
            }
            for lang in LANGUAGES
        },
    }


def content_hash(entry: Entry) -> str:
    canonical = json.dumps(published_text(entry), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def load_archive(
    archive_dir: Path, glossary: Glossary, source_keys: Collection[str]
) -> dict[str, dict[str, Entry]]:
    """Every archived version, checked against its entry's history; slug -> version -> Entry."""
    problems = _Problems()
    archived: dict[str, dict[str, Entry]] = {}
    for path in sorted(archive_dir.glob("*/*.yml")) if archive_dir.is_dir() else []:
        slug, version = path.parent.name, path.stem
        old = read_entry(path, source_keys, problems)
        if old is None:
            continue
        if old.slug != slug:
            problems.add(path, "slug", f"'{old.slug}' differs from its folder '{slug}'")
        if old.version != version:
            problems.add(path, "version", f"{old.version} differs from the file name {version}")
        if slug not in glossary.by_slug:
            problems.add(path, "slug", f"no current entry '{slug}' for this archived version")
            continue
        current = glossary[slug]
        if version_key(version) >= version_key(current.version):
            problems.add(
                current.path, "version",
                f"{current.version} does not come after the archived version {version} "
                f"({path}) (goes backwards)",
            )
        if version not in {line.version for line in current.history}:
            problems.add(current.path, "history", f"no line for the archived version {version}")
        archived.setdefault(slug, {})[version] = old
    for entry in glossary.entries:
        for index, line in enumerate(entry.history[:-1]):
            if line.version not in archived.get(entry.slug, {}):
                problems.add(
                    entry.path, f"history[{index}].version",
                    f"version {line.version} has no archived text "
                    f"(glossary/archive/{entry.slug}/{line.version}.yml)",
                )
    problems.raise_if_any()
    return archived


def all_versions(glossary: Glossary) -> dict[tuple[str, str], Entry]:
    """(slug, version) -> the text of that version, current versions included."""
    versions = {(e.slug, e.version): e for e in glossary.entries}
    for slug, by_version in glossary.archived.items():
        versions.update({(slug, v): old for v, old in by_version.items()})
    return versions


def read_pins(path: Path = PUBLISHED_PATH) -> dict[tuple[str, str], str]:
    """Lines `<sha256>  <slug>@<version>`; an unreadable line is a GlossaryError."""
    pins: dict[tuple[str, str], str] = {}
    if not path.exists():
        return pins
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        digest, _, name = line.partition("  ")
        slug, _, version = name.strip().partition("@")
        if len(digest) != 64 or not slug or not version:
            raise GlossaryError(f"{path}:{number}: expected '<sha256>  <slug>@<version>'")
        pins[(slug, version)] = digest
    return pins


def immutability_problems(glossary: Glossary, pins: dict[tuple[str, str], str]) -> list[str]:
    """Published text that changed, versions not pinned yet, pins without a version."""
    problems = []
    versions = all_versions(glossary)
    for (slug, version), entry in sorted(versions.items()):
        pinned = pins.get((slug, version))
        if pinned is None:
            problems.append(
                f"{entry.path}: version {version} of '{slug}' is not in {PUBLISHED_PATH.name}; "
                "run `python -m glossary.versions --pin` once it is ready to publish"
            )
        elif pinned != content_hash(entry):
            problems.append(
                f"{entry.path}: field 'version': the published text of '{slug}' version "
                f"{version} (terms, definition, explanation or formula) has changed. Published "
                f"text is immutable: bump the version instead (restore this text, copy the file "
                f"to glossary/archive/{slug}/{version}.yml, raise 'version', set 'updated' and "
                "add a history line; see glossary/entry-format.md)"
            )
    for slug, version in sorted(set(pins) - set(versions)):
        problems.append(
            f"{PUBLISHED_PATH.name}: '{slug}' version {version} is pinned but its text is gone "
            f"(restore glossary/archive/{slug}/{version}.yml)"
        )
    return problems


def pin_new_versions(glossary: Glossary, path: Path = PUBLISHED_PATH) -> list[str]:
    """Append the hash of every version without one; return the names added."""
    pins = read_pins(path)
    lines = [f"{digest}  {slug}@{version}" for (slug, version), digest in pins.items()]
    added = []
    for (slug, version), entry in all_versions(glossary).items():
        if (slug, version) not in pins:
            lines.append(f"{content_hash(entry)}  {slug}@{version}")
            added.append(f"{slug}@{version}")
    lines.sort(key=lambda line: line.split("  ", 1)[1])
    path.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    return added


def main(argv: list[str]) -> int:
    from glossary.build import project_data

    glossary = project_data().glossary
    if argv[1:] == ["--pin"]:
        added = pin_new_versions(glossary)
        print(f"pinned {len(added)} new version(s): {', '.join(added) or 'none'}")
        return 0
    problems = immutability_problems(glossary, read_pins())
    print("\n".join(problems) or "every published version matches its pinned hash")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
