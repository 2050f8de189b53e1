"""Prose checks on every page of both languages (docs/en, docs/es).

* Spanish prose never uses a deprecated Spanish variant (the terms with status "deprecated"
  in glossary/entries/*.yml, whose statuses tests/test_glossary_content.py checks against
  glossary/style-es.md), except inside code, math and italic glosses (*...*).
* Every prose paragraph is in the page's language, as judged by py3langid restricted to
  English and Spanish: no English paragraph on a Spanish page and vice versa.
* What the Spanish pages print and draw (markdown-exec output, figure text, alt text, the
  explorer's strings) is Spanish: see the last section.

"Prose" is what a reader sees as running text: front matter, code blocks (which include the
markdown-exec blocks and the snippet includes), math, HTML tags, link URLs, citations and
italic glosses are removed first.
"""

from __future__ import annotations

import functools
import json
import re
from html.parser import HTMLParser
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


# --- what the pages print and draw: executed output and figure text on Spanish pages -------
#
# The checks above skip code blocks, so they never saw the markdown-exec output ("keys: the
# cat mat" on a Spanish page). Here every executed block of a Spanish page is run, as the
# build runs it, and its visible text (printed lines; for HTML blocks the text nodes, alt,
# aria-label and title attributes and the explorer's JSON strings) is checked twice:
# * long pieces (MIN_WORDS words or more) must read as Spanish;
# * short labels are compared with the English page's same block: a word printed in both is
#   untranslated, unless it is data (the example sentences' tokens), code, or a word that is
#   the same in both languages (SAME_IN_BOTH, each with its reason).

_EXEC_INFO = re.compile(r"""\bexec=["']?(?:1|on|true)\b""")
_CODE_EXPRESSION = re.compile(
    r"[\w.]*[^\W\d]\w*(?:\[[^\]]*\]|\([^)]*\)|\.\w+)+"  # output[2], Var(q·k), weights.shape
    r"|\w+=\S*"  # mask=None
    r"|\b[^\W\d]\w*(?=\s*=\s*[(\[])"  # heads = (0, 1): a variable and its value
    r"|\|[^|\n]+\|"  # |chunked − full|: an expression between bars
    r"|\S*_\S*"  # d_k, chunk_size, d_model
    r"|<\w+>"  # <pad>, <bos>, <eos>: tokens
    r"|\{\w+\}"  # {query}: a placeholder the explorer fills in
)
SAME_IN_BOTH: dict[str, str] = {
    "tokens": "«token» is the Spanish term too (glossary/style-es.md, terminology)",
    "token": "«token» is the Spanish term too",
    "causal": "the same adjective in Spanish (máscara causal)",
    "softmax": "the function's name, used in Spanish as «la softmax»",
    "MiB": "a unit symbol",
    "Var": "the variance operator, as in the formulas",
    "DETR": "a model's name",
    "Adam": "an optimizer's name",
    "numpy": "a library's name",
    "JavaScript": "a programming language's name",
    "tracemalloc": "a Python module's name",
    "float": "the dtype float32",
    "embeddings": "the italic loanword the style rules keep (*embedding*)",
    "patches": "an italic English gloss: parches (*patches*)",
    "diagonal": "the same word in Spanish",
    "rectangular": "the same word in Spanish",
    "total": "the same word in Spanish",
    "vector": "the same word in Spanish",
    "Σw": "a math symbol (the row's sum of weights)",
    "dₖ": "a math symbol (the key dimension)",
    "argmax": "a math operator",
    "DTW": "an acronym (dynamic time warping) used as such in Spanish",
    "audio": "the same word in Spanish",
    "final": "the same word in Spanish",
    "wait": "the policy's name, wait-k, kept in Spanish (*wait-k*)",
    "KiB": "a unit symbol",
    "sᵢⱼ": "a math symbol (the score)",
    "RoPE": "a method's name", "ALiBi": "a method's name", "BigBird": "a model's name",
    "Mistral": "a model's name (Mistral 7B)", "Transformer": "a model's name",
    "Shaw": "an author's name (Shaw et al.)", "et": "et al., Latin, kept in Spanish",
    "al": "et al., Latin, kept in Spanish",
    "base": "the same word in Spanish (Transformer base)",
    "sinusoidal": "the same word in Spanish", "global": "the same word in Spanish",
    "local": "the same word in Spanish", "panel": "the same word in Spanish",
    "CLS": "BERT's special token [CLS]: data, the same in both languages",
    "SEP": "BERT's special token [SEP]: data, the same in both languages",
    "AER": "an acronym (alignment error rate) used as such in Spanish",
    "Softmax": "the function's name at the start of a figure title",
    "sparsemax": "the function's name, used in Spanish as «la sparsemax»",
    "entmax": "the function's name, used in Spanish as «la entmax»",
    "no": "the same word in Spanish",
    "error": "the same word in Spanish (tasa de error)",
}


def executed_blocks(markdown: str) -> list[tuple[str, str]]:
    """(info string, code) of each markdown-exec block, in page order, indentation removed."""
    blocks: list[tuple[str, str]] = []
    fence: str | None = None
    info, indent, body = "", 0, []
    for line in strip_front_matter(markdown).split("\n"):
        match = re.match(r"^(\s*)(`{3,}|~{3,})(.*)$", line)
        if fence is None:
            if match:
                fence, indent, info, body = match.group(2), len(match.group(1)), match.group(3), []
            continue
        if match and match.group(2)[0] == fence[0] and len(match.group(2)) >= len(fence) \
                and not match.group(3).strip():
            # tools/page_code.setup_block prints Python source (the imports and helpers a
            # page's code needs): code, which stays in English on both sites, not output.
            if _EXEC_INFO.search(info) and "setup_block(" not in "\n".join(body):
                blocks.append((info.strip(), "\n".join(text[indent:] for text in body)))
            fence = None
            continue
        body.append(line)
    return blocks


def run_block(code: str, name: str) -> str:
    """What the block prints, with markdown-exec's ``print`` replaced by a collector."""
    printed: list[str] = []

    def collect(*args: object, sep: str = " ", end: str = "\n", **_: object) -> None:
        printed.append(sep.join(map(str, args)) + end)

    try:
        exec(compile(code, name, "exec"), {"print": collect, "__name__": "__markdown_exec__"})
    except Exception as error:  # the page would not build either
        raise AssertionError(f"{name}: the executed block fails: {error!r}") from error
    return "".join(printed)


class _VisibleText(HTMLParser):
    """Text a reader or a screen reader meets in an HTML block, one piece per node."""

    ATTRIBUTES = ("alt", "aria-label", "title", "placeholder")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self._skip: str | None = None
        self._json = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.pieces += [value for key, value in attrs if key in self.ATTRIBUTES and value]
        if tag in ("script", "style"):
            self._skip = tag
            self._json = tag == "script" and ("type", "application/json") in attrs

    def handle_endtag(self, tag: str) -> None:
        if tag == self._skip:
            self._skip, self._json = None, False

    def handle_data(self, data: str) -> None:
        if self._skip is None:
            self.pieces.append(data)
        elif self._json:  # the explorer's data: only its "strings" are words for the reader
            payload = json.loads(data)
            self.pieces += _json_strings(payload.get("strings", payload))


def _json_strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _json_strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _json_strings(item)]
    return []


def visible_pieces(output: str, info: str) -> list[str]:
    """The output's pieces of text: lines of printed text, or the nodes of printed HTML."""
    if re.search(r"""\bhtml=["']?(?:1|on|true)\b""", info):
        parser = _VisibleText()
        parser.feed(output)
        return [piece.strip() for piece in parser.pieces if piece.strip()]
    if not re.search(r"\bresult=", info):  # printed Markdown: drop its inline code and markup
        return [text for _, text in prose_paragraphs(output)]
    return [line.strip() for line in output.split("\n") if line.strip()]


@functools.cache
def data_tokens() -> frozenset[str]:
    """Words of the example sentences and the translator's vocabularies: data, not labels."""
    from snippets.cross_attention import SOURCE_EN, TARGET_ES
    from snippets.token_maps import PROMPT
    from snippets.toy_data import SENTENCE
    from snippets.translator.lexicon import SOURCE_VOCAB, TARGET_VOCAB

    tokens = (*SENTENCE, *SOURCE_EN, *TARGET_ES, *PROMPT, *SOURCE_VOCAB.words,
              *TARGET_VOCAB.words)
    return frozenset(word.lower() for word in tokens)


def label_words(piece: str) -> list[str]:
    """The words of a piece that are labels: code expressions and data tokens removed."""
    return [word for word in words(_CODE_EXPRESSION.sub(" ", piece))
            if len(word) > 1 and word.lower() not in data_tokens()]


def untranslated_words(spanish: list[str], english: list[str]) -> set[str]:
    """Label words printed both on the Spanish page and on the English page's same block."""
    english_words = {word for piece in english for word in label_words(piece)}
    return {word for piece in spanish for word in label_words(piece)
            if word in english_words and word not in SAME_IN_BOTH}


def output_problems(spanish: list[str], english: list[str], name: str) -> list[str]:
    problems = [f"{name}: untranslated label {word!r} in the printed output or figure"
                for word in sorted(untranslated_words(spanish, english))]
    for piece in spanish:
        why = misread(" ".join(label_words(piece)), "es")
        if why:
            problems.append(f"{name}: printed text {piece[:60]!r} {why}, expected 'es'")
    return problems


@functools.cache
def _page_outputs(rel: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    page = DOCS / rel
    return tuple((info, tuple(visible_pieces(run_block(code, f"{rel} block {n}"), info)))
                 for n, (info, code) in enumerate(executed_blocks(page.read_text("utf-8")), 1))


SPANISH_PAGES_WITH_OUTPUT = [p for p in PAGES if p.is_relative_to(DOCS / "es")
                             and executed_blocks(p.read_text(encoding="utf-8"))]


@pytest.mark.parametrize("page", SPANISH_PAGES_WITH_OUTPUT, ids=_page_id)
def test_printed_output_and_figures_on_spanish_pages_are_spanish(page: Path) -> None:
    rel = _page_id(page)
    spanish, english = _page_outputs(rel), _page_outputs("en/" + rel.removeprefix("es/"))
    assert len(spanish) == len(english), f"{rel}: {len(spanish)} executed blocks, English " \
                                         f"page has {len(english)} (run python -m tools.parity)"
    problems = []
    for n, ((_, es_pieces), (_, en_pieces)) in enumerate(zip(spanish, english, strict=True), 1):
        problems += output_problems(list(es_pieces), list(en_pieces), f"{rel} block {n}")
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize(("module", "expected"), [
    ("snippets.softmax", {"keys"}),
    ("snippets.masks", {"padding"}),
    ("snippets.memory", {"full", "chunked", "ratio"}),
    ("snippets.chunked", {"scores", "held", "at", "once", "vs", "max"}),
])
def test_output_check_flags_the_english_labels_the_spanish_pages_used_to_print(
        module: str, expected: set[str]) -> None:
    """The old Spanish pages called print_example(print): English labels, now caught."""
    import importlib

    print_example = importlib.import_module(module).print_example
    old, english, spanish = [], [], []
    print_example(lambda *a: old.append(" ".join(map(str, a))))
    print_example(lambda *a: english.append(" ".join(map(str, a))), "en")
    print_example(lambda *a: spanish.append(" ".join(map(str, a))), "es")
    assert untranslated_words(old, english) == expected
    assert output_problems(spanish, english, module) == []


def test_output_check_keeps_data_code_and_shared_words_apart() -> None:
    english = ["keys: the cat mat", "output[2] = [0.1]", "mask=None → Σ <pad>: el 0.068",
               "weights.shape = (2, 8, 7)", "L  full MiB"]
    spanish = ["claves: the cat mat", "output[2] = [0.1]", "mask=None → Σ <pad>: el 0.068",
               "weights.shape = (2, 8, 7)", "L  completa MiB"]
    assert untranslated_words(spanish, english) == set()
    pieces = visible_pieces('<figure><svg><title>Efecto de la temperatura</title></svg>'
                            '<img alt="Mapa de calor"><figcaption>Pesos de atención'
                            '</figcaption><script>var x = "never read";</script></figure>',
                            'python exec="on" html="on"')
    assert pieces == ["Efecto de la temperatura", "Mapa de calor", "Pesos de atención"]
    long_english = "Each query holds a probability distribution over the keys of the sentence."
    assert output_problems([long_english], [], "fake")
