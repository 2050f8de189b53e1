"""Where the glossary lives: site URLs per language, repository, release version."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from glossary.i18n import text
from glossary.model import LANGUAGES

REPO_ROOT = Path(__file__).resolve().parents[1]
ENTRIES_DIR = REPO_ROOT / "glossary" / "entries"
BIB_PATH = REPO_ROOT / "references.bib"
SCHEMA_PATH = REPO_ROOT / "glossary" / "glossary.schema.json"
PYPROJECT = REPO_ROOT / "pyproject.toml"

AUTHOR = "Attention Glossary contributors"  # an entity, not a person
# The group author as each language cites it (the site_author of mkdocs.yml / mkdocs.es.yml).
AUTHORS = {"en": AUTHOR, "es": "Colaboradores del Glosario de atención"}
WORK_TITLE = "Attention Glossary / Glosario de atención"
SITE_NAMES = {"en": "Attention Glossary", "es": "Glosario de atención"}
LICENSE = "CC-BY-4.0"  # the text of the glossary; the code is MIT


@dataclass(frozen=True)
class Site:
    """The public addresses of one deployment of the glossary."""

    root_url: str  # the English site root, ending in "/"
    prefixes: dict[str, str]  # language -> path prefix under the root: {"en": "", "es": "es/"}
    repository: str  # e.g. https://github.com/owner/name
    version: str  # release of the whole work (pyproject.toml)

    def language_url(self, language: str) -> str:
        return self.root_url + self.prefixes[language]

    def entry_url(self, slug: str, language: str) -> str:
        return f"{self.language_url(language)}glossary/{slug}/"

    def export_url(self, filename: str) -> str:
        """Exports are identical in every language; cite the root copy."""
        return f"{self.root_url}glossary/{filename}"

    def correction_url(self, slug: str, language: str, term: str, version: str) -> str:
        """A prefilled new-issue link on the repository, so that corrections get reviewed."""
        title = text(language, "correction_title").format(term=term, slug=slug, lang=language)
        body = text(language, "correction_body").format(
            slug=slug, lang=language, url=self.entry_url(slug, language), version=version
        )
        query = urlencode({"title": title, "body": body}, quote_via=quote)
        return f"{self.repository.rstrip('/')}/issues/new?{query}"


def release_version(pyproject: Path = PYPROJECT) -> str:
    """The project version, the single source for every "version" the exports print."""
    try:
        with pyproject.open("rb") as handle:
            return str(tomllib.load(handle)["project"]["version"])
    except (OSError, KeyError, tomllib.TOMLDecodeError) as error:
        raise ValueError(f"{pyproject}: cannot read [project] version ({error})") from error


def site_from_config(config: Any) -> Site:
    """Build a Site from an MkDocs config (site_url, extra.languages, extra.repository)."""
    language = config.theme["language"]
    extra = config.extra or {}
    # hooks/i18n.py turns site_url into root + language prefix and keeps the root here.
    site_url = str(config.site_url or "")
    if not site_url.endswith("/"):
        site_url += "/"
    prefixes = {item["lang"]: item.get("prefix", "") for item in extra.get("languages", [])}
    if set(LANGUAGES) - set(prefixes):
        raise ValueError(f"mkdocs config: extra.languages must list {', '.join(LANGUAGES)}")
    prefix = prefixes[language]
    if not site_url.endswith(prefix):
        raise ValueError(
            f"mkdocs config: site_url {site_url!r} does not end with the prefix {prefix!r} "
            f"of language {language!r} (extra.languages)"
        )
    root = str(extra.get("site_root") or site_url[: len(site_url) - len(prefix)])
    repository = extra.get("repository")
    if not repository:
        raise ValueError("mkdocs config: extra.repository is not set")
    return Site(
        root_url=root if root.endswith("/") else root + "/",
        prefixes=prefixes,
        repository=str(repository),
        version=release_version(),
    )
