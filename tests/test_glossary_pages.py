"""Generated pages: one per entry and language, cross-links, citation block (issue 5)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from glossary.build import pages, project_data
from glossary.i18n import STRINGS
from glossary.site import Site

REPO_ROOT = Path(__file__).resolve().parents[1]
SITE = Site("https://example.org/", {"en": "", "es": "es/"}, "https://github.com/o/r", "0.1.0")
DATA = project_data()
GLOSSARY = DATA.glossary
PAGES = {language: pages(DATA, SITE, language) for language in ("en", "es")}
MD_LINK = re.compile(r"\]\(([^)#\s]+\.md)(#[^)]*)?\)")


def front_matter(markdown: str) -> dict:
    _, header, _body = markdown.split("---\n", 2)
    return yaml.safe_load(header)


def test_same_pages_in_both_languages() -> None:
    expected = {f"glossary/{e.slug}.md" for e in GLOSSARY.entries} | {"glossary/index.md"}
    expected |= {f"glossary/{e.slug}/{line.version}.md" for e in GLOSSARY.entries
                 for line in e.history}
    assert set(PAGES["en"]) == set(PAGES["es"]) == expected


def test_ui_strings_exist_in_every_language() -> None:
    assert set(STRINGS["en"]) == set(STRINGS["es"])


@pytest.mark.parametrize("language", ["en", "es"])
def test_relative_links_resolve_to_generated_or_existing_pages(language: str) -> None:
    docs = REPO_ROOT / "docs" / language
    for src, markdown in PAGES[language].items():
        for target, _anchor in MD_LINK.findall(markdown):
            resolved = Path(src).parent / target
            normalized = Path(*[p for p in resolved.parts if p != "."])
            parts: list[str] = []
            for part in normalized.parts:
                parts = parts[:-1] if part == ".." else [*parts, part]
            uri = "/".join(parts)
            assert uri in PAGES[language] or (docs / uri).exists(), f"{src} -> {target}"


@pytest.mark.parametrize("language", ["en", "es"])
def test_entry_pages_cross_link_related_entries(language: str) -> None:
    for entry in GLOSSARY.entries:
        markdown = PAGES[language][f"glossary/{entry.slug}.md"]
        related = markdown.split("{ #related }", 1)[1].split("\n## ", 1)[0]
        for slug in entry.related:
            assert f"]({slug}.md)" in related, (entry.slug, slug)
        for slug in GLOSSARY.backlinks(entry.slug):
            assert f"]({slug}.md)" in markdown, (entry.slug, "backlink", slug)


@pytest.mark.parametrize(
    ("language", "cite_heading"),
    [
        ("en", "## Cite this definition { #cite data-search-exclude }"),
        ("es", "## Cómo citar esta definición { #cite data-search-exclude }"),
    ],
)
def test_every_entry_page_has_a_citation_block_and_a_correction_link(
    language: str, cite_heading: str
) -> None:
    for entry in GLOSSARY.entries:
        markdown = PAGES[language][f"glossary/{entry.slug}.md"]
        assert cite_heading in markdown
        cite = markdown.split(cite_heading, 1)[1]
        for tab in ('=== "APA 7"', '=== "BibTeX"', '=== "CSL-JSON"'):
            assert tab in cite
        assert cite.count(SITE.entry_url(entry.slug, language)) >= 3
        assert "/issues/new?title=" in markdown
        for anchor in ("term", "terms", "explanation", "sources", "version", "suggest"):
            assert f"{{ #{anchor} }}" in markdown, (entry.slug, anchor)
        assert "{ #cite data-search-exclude }" in markdown  # citation text is not searched


def test_front_matter_gives_title_description_and_citation_tags() -> None:
    meta = front_matter(PAGES["es"]["glossary/attention-weight.md"])
    assert meta["title"] == "Peso de atención"
    assert meta["description"].startswith("Número no negativo")
    names = {tag["name"] for tag in meta["head_meta"]}
    required = {"citation_title", "citation_author", "citation_publication_date",
                "citation_date", "citation_language", "citation_public_url",
                "DC.title", "DC.language", "DC.date", "DC.creator"}
    assert required <= names


def test_spanish_page_lists_variants_with_their_status() -> None:
    markdown = PAGES["es"]["glossary/multi-head-attention.md"]
    assert "| **atención multicabeza** | español | preferido |" in markdown
    assert "| atención multicabezal | español | desaconsejado (no usar) |" in markdown
    assert '| **<span lang="en">multi-head attention</span>** | inglés | preferido |' in markdown


def test_formula_is_display_math() -> None:
    markdown = PAGES["en"]["glossary/scaled-dot-product-attention.md"]
    formula = GLOSSARY["scaled-dot-product-attention"].formula
    assert f"$$\n{formula}\n$$" in markdown


@pytest.mark.parametrize("language", ["en", "es"])
def test_index_links_every_entry_and_the_exports(language: str) -> None:
    index = PAGES[language]["glossary/index.md"]
    for entry in GLOSSARY.entries:
        assert f"]({entry.slug}.md)" in index
    for name in ("glossary.json", "glossary.schema.json", "glossary.csv", "glossary.tsv",
                 "glossary.tbx", "glossary.bib"):
        assert f"]({name})" in index
    assert "](../data.md)" in index


def test_entry_page_shows_grammar_subject_and_context_for_translators() -> None:
    """Issue 17: the data categories of terminology databases, on the page."""
    page = PAGES["en"]["glossary/attention-weight.md"]
    assert "| noun, masculine |" in page  # peso de atención
    assert "Subject field: attention mechanisms." in page
    context = GLOSSARY["attention-weight"].lang("en").context
    section = page.split("## In context { #context }", 1)[1].split("\n## ", 1)[0]
    assert f"> {context.text}" in section
    assert "[Attention weights › Reading an attention heat map]" \
           "(../attention-weights.md#reading-heat-maps)" in section
    spanish = PAGES["es"]["glossary/softmax.md"]
    assert "| sustantivo, femenino |" in spanish and "Campo temático: fundamentos matemáticos." \
        in spanish


@pytest.mark.parametrize(("language", "other"), [("en", "es"), ("es", "en")])
def test_entry_page_shows_the_other_languages_definition_side_by_side(language, other) -> None:
    page = PAGES[language]["glossary/cross-attention.md"]
    block = page.split('\n<details class="note" markdown>', 1)[1].split("\n</details>", 1)[0]
    entry = GLOSSARY["cross-attention"]
    assert entry.lang(other).definition in block
    assert f'{{ lang="{other}" }}' in block  # marked as the other language
    assert entry.lang(other).context.text in block
    assert f"https://example.org/{'es/' if other == 'es' else ''}" in block  # its own page
    # Search tags: the headword of each language, so a search in either language finds it.
    assert {"cross-attention", "atención cruzada"} <= set(front_matter(page)["tags"])


def test_entry_page_leads_on_to_the_concept_pages_that_discuss_it() -> None:
    page = PAGES["en"]["glossary/cross-attention.md"]
    assert "Pages of this site that discuss it:" in page
    assert "- [Cross-attention](../cross-attention.md#top)" in page
