"""Concept pages are citable: APA, BibTeX, CSL-JSON and meta tags (issue 17)."""

from __future__ import annotations

import json

import pytest
from pybtex.database import parse_string

from glossary.page_citation import (
    apa,
    bibtex,
    cite_section,
    csl_json,
    head_meta,
    is_concept_page,
    page_citation,
    release_date,
)
from glossary.site import Site, release_version

SITE = Site("https://example.org/", {"en": "", "es": "es/"}, "https://github.com/o/r",
            release_version())


def test_only_concept_pages_get_a_citation_block() -> None:
    assert is_concept_page("attention-weights.md") and is_concept_page("translator.md")
    for page in ("index.md", "data.md", "references.md", "glossary/softmax.md",
                 "glossary/softmax/1.0.md", "notebooks/translator.ipynb"):
        assert not is_concept_page(page), page


@pytest.mark.parametrize(("language", "url", "words"), [
    ("en", "https://example.org/cross-attention/", "Retrieved [date of access], from "),
    ("es", "https://example.org/es/cross-attention/", "Recuperado el [fecha de consulta] de "),
])
def test_apa_names_release_title_in_italics_access_date_and_url(language, url, words) -> None:
    citation = page_citation("cross-attention.md", "Cross-attention", language, SITE)
    reference = apa(citation, f"[{'date of access' if language == 'en' else 'fecha de consulta'}]",
                    "*{}*")
    assert f"({release_date().year}). *Cross-attention*. " in reference
    assert f" {release_version()}). {words}{url}" in reference
    assert reference.endswith(url)


def test_bibtex_and_csl_cite_the_page_with_release_and_access_date() -> None:
    citation = page_citation("attention-weights.md", "Attention weights", "en", SITE)
    record = parse_string(bibtex(citation, "2026-12-04"), "bibtex").entries[citation.key]
    assert record.fields["url"] == "https://example.org/attention-weights/"
    assert record.fields["urldate"] == "2026-12-04"
    assert record.fields["version"] == release_version()
    (item,) = json.loads(csl_json(citation, "2026-12-04"))
    assert item["type"] == "webpage" and item["accessed"] == {"raw": "2026-12-04"}
    tags = {tag["name"]: tag["content"] for tag in head_meta(citation)}
    assert tags["citation_public_url"] == "https://example.org/attention-weights/"
    assert tags["citation_title"] == "Attention weights"


def test_cite_section_has_a_language_neutral_anchor_and_placeholders() -> None:
    for language, placeholder in (("en", "YYYY-MM-DD"), ("es", "AAAA-MM-DD")):
        citation = page_citation("self-attention.md", "Self-attention", language, SITE)
        section = cite_section(citation)
        assert "{ #cite-this-page data-search-exclude }" in section
        assert f"urldate      = {{{placeholder}}}" in section
        assert 'data-clipboard-target="#cite-this-page-apa"' in section
