"""Citing one definition: APA 7, BibTeX, CSL-JSON, meta tags, correction link (issue 5)."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest
from pybtex.database import parse_string

from glossary.build import project_data
from glossary.citation import apa, bibtex, csl_json, entry_citation
from glossary.pages import head_meta
from glossary.site import AUTHORS, Site

SITE = Site("https://example.org/", {"en": "", "es": "es/"}, "https://github.com/o/r", "0.1.0")
# The formats are checked on real entries pinned to one version and date, so that editing an
# entry (which bumps both) does not change what these tests expect.
GLOSSARY = {slug: dataclasses.replace(entry, version="1.0", updated=date(2026, 11, 21))
            for slug, entry in project_data().glossary.by_slug.items()}
CASES = [
    ("attention-weight", "en", "Attention weight", "Attention Glossary"),
    ("attention-weight", "es", "Peso de atención", "Glosario de atención"),
    ("cross-attention", "es", "Atención cruzada", "Glosario de atención"),
]


@pytest.mark.parametrize(("slug", "language", "title", "site_name"), CASES)
def test_apa_names_entry_site_version_date_and_url(
    slug: str, language: str, title: str, site_name: str
) -> None:
    reference = apa(entry_citation(GLOSSARY[slug], language, SITE))
    url = f"https://example.org/{'es/' if language == 'es' else ''}glossary/{slug}/"
    assert reference.startswith(f"{AUTHORS[language]}. (2026, ")
    assert f"). {title}. " in reference
    assert site_name in reference
    assert ("Version 1.0" if language == "en" else "versión 1.0") in reference
    assert ("November 21" if language == "en" else "21 de noviembre") in reference
    assert reference.endswith(url)


@pytest.mark.parametrize(("slug", "language", "title", "site_name"), CASES)
def test_bibtex_parses_and_names_entry_site_version_date_and_url(
    slug: str, language: str, title: str, site_name: str
) -> None:
    text = bibtex(entry_citation(GLOSSARY[slug], language, SITE))
    record = parse_string(text, "bibtex").entries[f"attention-glossary:{slug}:{language}"]
    assert record.fields["title"] == title
    assert record.fields["howpublished"] == site_name
    assert record.fields["version"] == "1.0"
    assert record.fields["date"] == "2026-11-21"
    assert record.fields["url"] == SITE.entry_url(slug, language)
    assert record.persons["author"][0].last_names == [f"{{{AUTHORS[language]}}}"]


@pytest.mark.parametrize(("slug", "language", "title", "site_name"), CASES)
def test_csl_json_names_entry_site_version_date_and_url(
    slug: str, language: str, title: str, site_name: str
) -> None:
    (item,) = json.loads(csl_json(entry_citation(GLOSSARY[slug], language, SITE)))
    assert item["title"] == title
    assert item["container-title"] == site_name
    assert item["version"] == "1.0"
    assert item["issued"] == {"date-parts": [[2026, 11, 21]]}
    assert item["language"] == language
    assert item["URL"] == SITE.entry_url(slug, language)
    assert item["author"] == [{"literal": AUTHORS[language]}]


def test_highwire_and_dublin_core_tags_describe_the_entry_in_its_language() -> None:
    tags = {tag["name"]: tag["content"] for tag in head_meta(GLOSSARY["key"], "es", SITE)}
    assert tags["citation_title"] == tags["DC.title"] == "Clave"
    assert tags["citation_author"] == tags["DC.creator"] == "Colaboradores del Glosario de atención"
    assert tags["citation_publication_date"] == "2026/11/21"
    assert tags["citation_language"] == tags["DC.language"] == "es"
    assert tags["citation_public_url"] == "https://example.org/es/glossary/key/"
    assert tags["DC.date"] == "2026-11-21"
    assert "$" not in tags["DC.description"]


def test_correction_link_opens_a_prefilled_issue() -> None:
    url = SITE.correction_url("key", "es", "clave", "1.0")
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == "https://github.com/o/r/issues/new"
    query = parse_qs(parts.query)
    assert query["title"] == ["Corrección: clave (key, es)"]
    body = query["body"][0]
    assert "Entrada: key" in body and "Idioma: es" in body
    assert "https://example.org/es/glossary/key/" in body
    assert " " not in url and "\n" not in url  # fully URL-encoded
