"""Prose checks on every page of both languages (docs/en, docs/es).

* Spanish prose never uses a deprecated Spanish variant (the terms with status "deprecated"
  in glossary/entries/*.yml, whose statuses tests/test_glossary_content.py checks against
  glossary/style-es.md), except inside code, math and italic glosses (*...*).
* Every prose paragraph is in the page's language, as judged by py3langid restricted to
  English and Spanish: no English paragraph on a Spanish page and vice versa.

"Prose" is what a reader sees as running text: front matter, code blocks (which include the
markdown-exec blocks and the snippet includes), math, HTML tags, link URLs, citations and
italic glosses are removed first.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
import yaml
from py3langid.langid import MODEL_FILE, LanguageIdentifier

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
GLOSSARY_ENTRIES = ROOT / "glossary" / "entries"
LANGS = ("en", "es")
MIN_WORDS = 8  # shorter paragraphs (headings, labels) are too short to identify reliably
PAGES = sorted(page for lang in LANGS for page in (DOCS / lang).rglob("*.md"))

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_BLOCK_MARKER = re.compile(r'^(?:!!!|\?\?\?\+?|===)\s*(?:[\w-]+)?\s*(?:"([^"]*)")?\s*$')
_DROP_LINE = re.compile(
    r"^\s*(?:\[[^\]]+\]:\s|\*\[[^\]]+\]:|\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$)"
)
_INLINE_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(`+).+?\1"), " "),  # inline code
    (re.compile(r"(?<![\\$])\$(?!\$)(?=\S)(.+?)(?<=\S)(?<![\\$])\$(?!\$)"), " "),  # inline math
    (re.compile(r"\[-?@[^\]]*\]"), " "),  # citations [@key; @key2]
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # images -> alt text
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links -> link text
    (re.compile(r"\[([^\]]*)\]\[[^\]]*\]"), r"\1"),  # reference links -> link text
    (re.compile(r"\{[:\s]*[#.][^}]*\}"), " "),  # attribute lists { #id .class }
    (re.compile(r"<[^>\n]+>"), " "),  # HTML tags
    (re.compile(r"https?://\S+"), " "),  # bare URLs
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # bold: keep the words
    (re.compile(r"(?<![*\w])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![*\w])"), " "),  # *italic gloss*
    (re.compile(r"(?<![_\w])_(?=\S)([^_\n]+?)(?<=\S)_(?![_\w])"), " "),  # _italic gloss_
    (re.compile(r"^\s*(?:#{1,6}\s|[-*+]\s|\d+\.\s|>\s?)", re.MULTILINE), " "),  # list, quote
    (re.compile(r"\|"), " "),  # table cell separators
)


def strip_front_matter(text: str) -> str:
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end == -1:
            raise ValueError("front matter opened with --- is never closed")
        return text[end + 5:]
    return text


def _visible_lines(markdown: str) -> list[str]:
    """Lines of prose, with blank lines kept as paragraph breaks and everything else dropped."""
    text = re.sub(r"<!--.*?-->", " ", strip_front_matter(markdown), flags=re.DOTALL)
    lines: list[str] = []
    fence: str | None = None
    in_display_math = False
    for line in text.split("\n"):
        stripped = line.strip()
        fence_match = _FENCE.match(line)
        if fence is not None:
            if fence_match and fence_match.group(1)[0] == fence[0] \
                    and len(fence_match.group(1)) >= len(fence):
                fence = None
            continue
        if fence_match:
            fence = fence_match.group(1)
            lines.append("")
            continue
        if in_display_math or stripped.startswith("$$"):
            closes = stripped.endswith("$$") and (in_display_math or len(stripped) > 2)
            in_display_math = not closes
            lines.append("")
            continue
        marker = _BLOCK_MARKER.match(stripped)
        if marker:  # admonition or tab: its title is a paragraph of its own
            lines.extend(["", marker.group(1) or "", ""])
            continue
        if _DROP_LINE.match(line):
            continue
        if re.match(r"#{1,6}\s", stripped):  # a heading is a paragraph of its own
            lines.extend(["", stripped, ""])
            continue
        lines.append(stripped)
    return lines


def clean_inline(text: str) -> str:
    """Remove inline markup that is not prose; keep the words a reader sees."""
    for pattern, replacement in _INLINE_RULES:
        text = pattern.sub(replacement, text)
    return re.sub(r"\s+", " ", text).strip()


def prose_paragraphs(markdown: str) -> list[tuple[str, str]]:
    """(first line as written, cleaned text) for every non-empty prose paragraph."""
    paragraphs: list[tuple[str, str]] = []
    block: list[str] = []
    for line in [*_visible_lines(markdown), ""]:
        if line:
            block.append(line)
            continue
        if block:
            cleaned = clean_inline("\n".join(block))
            if cleaned:
                paragraphs.append((block[0][:70], cleaned))
            block = []
    return paragraphs


def words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", text)


@functools.cache
def identifier() -> LanguageIdentifier:
    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages(list(LANGS))
    return ident


def misread(text: str, lang: str) -> str | None:
    """Why ``text`` does not read as ``lang`` ("reads as 'en' (p = 0.99)"), or None if it does
    or is too short (under MIN_WORDS words) to judge."""
    if len(words(text)) < MIN_WORDS:
        return None
    found, probability = identifier().classify(text)
    return None if found == lang else f"reads as {found!r} (p = {probability:.2f})"


def language_problems(markdown: str, lang: str, name: str) -> list[str]:
    """One message per paragraph of at least MIN_WORDS words not identified as ``lang``."""
    return [f"{name}: paragraph starting {start!r} {why}, expected {lang!r}"
            for start, text in prose_paragraphs(markdown) if (why := misread(text, lang))]


# --- deprecated Spanish variants ------------------------------------------------------------

def deprecated_from_glossary(entries_dir: Path) -> set[str]:
    """Spanish terms with status "deprecated" in glossary/entries/*.yml."""
    terms = set()
    for path in sorted(entries_dir.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        try:
            variants = data["es"]["terms"]
        except (KeyError, TypeError) as error:
            raise ValueError(f"{path}: no es.terms list") from error
        for variant in variants:
            if not isinstance(variant, dict) or "term" not in variant or "status" not in variant:
                raise ValueError(f"{path}: es.terms item without term/status: {variant!r}")
            if variant["status"] == "deprecated":
                terms.add(str(variant["term"]))
    return terms


@functools.cache
def deprecated_terms() -> frozenset[str]:
    return frozenset(deprecated_from_glossary(GLOSSARY_ENTRIES))


def _word_forms(word: str) -> str:
    """A word and its Spanish plural: llave(s), encabezado(s), ponderación/ponderaciones."""
    if word.endswith("ón"):
        return f"(?:{re.escape(word)}|{re.escape(word[:-2])}ones)"
    return re.escape(word) + "(?:s|es)?"


def term_pattern(term: str) -> re.Pattern[str]:
    body = r"\s+".join(_word_forms(word) for word in term.split())
    return re.compile(rf"(?<![\w-]){body}(?![\w-])", re.IGNORECASE)


def deprecated_problems(markdown: str, terms: frozenset[str] | set[str], name: str) -> list[str]:
    problems = []
    patterns = {term: term_pattern(term) for term in sorted(terms)}
    for start, text in prose_paragraphs(markdown):
        for term, pattern in patterns.items():
            match = pattern.search(text)
            if match:
                problems.append(f"{name}: deprecated term {term!r} ({match.group(0)!r}) "
                                f"in the paragraph starting {start!r}")
    return problems


def _page_id(page: Path) -> str:
    return str(page.relative_to(DOCS))


# --- checks on the real pages ---------------------------------------------------------------

def test_every_page_exists_in_both_languages() -> None:
    by_lang = {lang: {p.relative_to(DOCS / lang) for p in PAGES if p.is_relative_to(DOCS / lang)}
               for lang in LANGS}
    assert by_lang["en"] and by_lang["en"] == by_lang["es"]


@pytest.mark.parametrize("page", [p for p in PAGES if p.is_relative_to(DOCS / "es")], ids=_page_id)
def test_spanish_prose_uses_no_deprecated_variant(page: Path) -> None:
    problems = deprecated_problems(page.read_text(encoding="utf-8"), deprecated_terms(),
                                   _page_id(page))
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("page", PAGES, ids=_page_id)
def test_every_paragraph_is_in_the_page_language(page: Path) -> None:
    lang = page.relative_to(DOCS).parts[0]
    problems = language_problems(page.read_text(encoding="utf-8"), lang, _page_id(page))
    assert problems == [], "\n".join(problems)


# --- the checks themselves, on deliberately wrong input -------------------------------------

FAKE_SPANISH_PAGE = """---
title: Página de prueba
description: A description in English that is front matter, not prose at all.
---

# Página de prueba { #top }

La atención asigna a cada consulta una distribución de pesos sobre las claves, y la salida
es el promedio de los valores ponderado por esos pesos [@vaswani2017attention].

```python
# This English comment is code, so it is never judged as a paragraph of the page.
print("the weights of every query sum to one")
```

$$
\\text{display math is not prose either, whatever language it is written in}
$$

Each query holds a probability distribution over the keys, and the output is the weighted
average of the values, see [the reference](https://example.org/an-english-url).
"""


def test_language_check_flags_an_english_paragraph_on_a_spanish_page() -> None:
    problems = language_problems(FAKE_SPANISH_PAGE, "es", "fake.md")
    assert len(problems) == 1
    assert "fake.md" in problems[0] and "'Each query holds a probability" in problems[0]
    assert "reads as 'en'" in problems[0]


def test_language_check_flags_a_spanish_paragraph_on_an_english_page() -> None:
    problems = language_problems(FAKE_SPANISH_PAGE, "en", "fake.md")
    assert [p.split("starting ")[1][:20] for p in problems] == ["'La atención asigna "]


def test_code_math_front_matter_and_urls_are_not_prose() -> None:
    text = " ".join(cleaned for _, cleaned in prose_paragraphs(FAKE_SPANISH_PAGE))
    for absent in ("comment is code", "display math", "front matter", "example.org",
                   "vaswani2017attention", "{ #top }"):
        assert absent not in text
    assert "see the reference." in text  # link text stays, its URL goes


def test_italic_glosses_are_not_judged() -> None:
    page = ("Un peso de atención (*attention weight, the value after the softmax of one "
            "query over all keys*) mide cuánto aporta cada valor a la salida de una consulta.\n")
    assert language_problems(page, "es", "gloss.md") == []
    assert "attention" not in prose_paragraphs(page)[0][1]


@pytest.mark.parametrize("sentence", [
    "La llave de cada token se compara con la consulta.",
    "Las llaves se comparan con la consulta.",
    "Cada encabezado calcula sus propios pesos.",
    "Las ponderaciones de atención suman uno.",
    "La Self-Attention relaciona posiciones de una secuencia.",
    "Los tokens de padding no reciben peso.",
])
def test_deprecated_variant_in_prose_is_reported(sentence: str) -> None:
    problems = deprecated_problems(f"# Prueba\n\n{sentence}\n", deprecated_terms(), "fake.md")
    assert len(problems) == 1 and "fake.md" in problems[0]


@pytest.mark.parametrize("sentence", [
    "La clave se compara con la consulta; no se dice *llave*.",
    "La autoatención (*self-attention*) relaciona posiciones.",
    "El relleno se marca con el token `<pad>`, no con `padding`.",
    "Las llavecitas y los encabezamientos no son términos desaconsejados.",
])
def test_gloss_code_and_other_words_are_allowed(sentence: str) -> None:
    assert deprecated_problems(f"{sentence}\n", deprecated_terms(), "fake.md") == []


def test_deprecated_terms_come_from_the_glossary_entries(tmp_path: Path) -> None:
    assert {"llave", "encabezado", "ponderación de atención", "self-attention"} <= \
        deprecated_terms()
    broken = tmp_path / "broken.yml"
    broken.write_text("slug: broken\nes: {terms: [{term: x}]}\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"broken\.yml: es\.terms item without term/status"):
        deprecated_from_glossary(tmp_path)


# --- prose outside the pages: figure captions and alt text, notebook text ------------------

def _catalog_problems(catalog: dict[str, dict[str, str]], name: str) -> list[str]:
    """Each catalog string of MIN_WORDS words or more, identified against its language."""
    return [f"{name} [{lang}] {key!r} {why}: {text[:60]!r}"
            for lang, strings in catalog.items() for key, text in strings.items()
            if (why := misread(clean_inline(text.replace("{", " ").replace("}", " ")), lang))]


def test_figure_captions_and_alt_text_are_in_their_language() -> None:
    from snippets.figures.strings import STRINGS as FIGURE_STRINGS
    from snippets.translator.strings import STRINGS as TRANSLATOR_STRINGS

    problems = (_catalog_problems(FIGURE_STRINGS, "snippets/figures/strings.py")
                + _catalog_problems(TRANSLATOR_STRINGS, "snippets/translator/strings.py"))
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("lang", sorted(LANGS))
def test_notebook_prose_is_in_the_notebook_language(lang: str) -> None:
    import nbformat

    problems = []
    for path in sorted((ROOT / "notebooks" / lang).glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        text = "\n\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
        problems += language_problems(text, lang, f"notebooks/{lang}/{path.name}")
    assert problems == [], "\n".join(problems)


def test_catalog_check_flags_a_string_in_the_wrong_language() -> None:
    catalog = {"es": {"x.caption": "Each query holds a probability distribution over the keys."}}
    assert _catalog_problems(catalog, "fake.py")
