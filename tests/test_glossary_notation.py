"""One notation in every glossary formula, and masks combined the right way (issue 12).

The expert review found that `m` and `n` swapped meaning between entries (M1: today's
attention-weight summed over the keys with `\\sum_{l=1}^{m}`, query.yml gave Q n rows), that
one entry used column vectors where the rest use rows (I1), that the online softmax's running
maximum and the layer count clashed with m and L (N7), and that padding-mask.yml said masks
are combined "by adding" (I7): right for additive 0/-inf masks, wrong (a logical OR in
NumPy) for the boolean masks the site's code uses. These checks read the YAML directly;
`test_*_catches_*` show that each check fails on the text the reviews quoted.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from glossary.notation import NOTATION_PATH, notation
from glossary.site import ENTRIES_DIR

LANGUAGES = ("en", "es")
# The entries that define the quantities every other formula builds on.
CORE = ("attention-weight", "query", "key", "value", "attention", "attention-matrix")

MATH = re.compile(r"\$([^$]+)\$")
# \sum_{j=1}^{n} or \sum_{l=1}^{n}: j and l index keys (l is the second index of a softmax).
KEY_SUM = re.compile(r"\\sum_\{?(?P<index>[jl])\s*=\s*1\}?\^\{?(?P<upper>[^{}\s]+)\}?")
# a_{i1}, \dots, a_{in}: the last subscript of a list over the keys of query i.
KEY_LIST = re.compile(r"_\{i1\},\s*\\dots,\s*\\?\w+_\{i(?P<upper>[^{}]+)\}")
SHAPE = re.compile(
    r"(?<![\w^_{])(?P<name>[QKVA])\s*(?:=[^\\]*?)?\\in\s*\\mathbb\{R\}\^\{(?P<rows>[^{}\s]+)\s*\\times\s*"
    r"(?P<cols>[^{}\s]+)\}"
)
COLUMN_SCORE = re.compile(r"q(?:_\{?\w+\}?)?\^\{?\\top\}?\s*k")
# A running maximum: x_j = \max(x_{j-1}, ...), the recurrence of the online softmax.
RUNNING_MAX = re.compile(r"(?P<symbol>\\?\w+)_\{?j\}?\s*=\s*\\max\s*\(\s*(?P=symbol)_\{j-1\}")
LAYER_COUNT = re.compile(
    r"\$(?P<symbol>[^$]+?)(?:\s*=\s*\d+)?\$\s+(?:identical\s+|idénticas\s+)?(?:layers|capas)\b"
)
BAHDANAU_LETTERS = re.compile(r"\\alpha_\{ij\}|\be_\{ij\}")

COMBINED = re.compile(r"\bcombin\w*", re.IGNORECASE)
ADDED = {"en": re.compile(r"\b(add|adds|adding|added|sum|summing)\b", re.IGNORECASE),
         "es": re.compile(r"\bsum\w*", re.IGNORECASE)}
MASK = {"en": re.compile(r"\bmasks?\b", re.IGNORECASE),
        "es": re.compile(r"\bmáscaras?\b", re.IGNORECASE)}
LOGICAL_AND = re.compile(r"\bAND\b|\\land|\\wedge|∧")


def load_entries(directory: Path = ENTRIES_DIR) -> dict[str, dict]:
    return {path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
            for path in sorted(directory.glob("*.yml"))}


def texts(raw: dict) -> dict[str, str]:
    """Every text of an entry that may hold math, by field name."""
    fields = {"formula": str(raw.get("formula") or "")}
    for language in LANGUAGES:
        for field in ("definition", "explanation"):
            fields[f"{language}.{field}"] = str(raw.get(language, {}).get(field) or "")
    return fields


def math_of(field: str, text: str) -> list[str]:
    return [text] if field == "formula" else MATH.findall(text)


def counts(latex: str) -> dict[str, set[str]]:
    """What a formula says the number of keys and of queries is."""
    keys: set[str] = set()
    queries: set[str] = set()
    keys |= {m.group("upper") for m in KEY_SUM.finditer(latex)}
    keys |= {m.group("upper") for m in KEY_LIST.finditer(latex)}
    for shape in SHAPE.finditer(latex):
        name, rows, cols = shape.group("name", "rows", "cols")
        if name == "Q":
            queries.add(rows)
        elif name in "KV":
            keys.add(rows)
        elif name == "A":
            queries.add(rows)
            keys.add(cols)
    return {"keys": keys, "queries": queries}


def notation_problems(slug: str, raw: dict) -> list[str]:
    """Every place where an entry departs from the glossary's notation."""
    problems = []
    for field, text in texts(raw).items():
        paragraphs = [text] if field == "formula" else text.split("\n\n")
        for paragraph in paragraphs:
            for latex in math_of(field, paragraph):
                found = counts(latex)
                for bound in sorted(found["keys"] - {"n"}):
                    problems.append(f"{slug} {field}: keys counted by {bound!r}, not n: {latex}")
                for bound in sorted(found["queries"] - {"m"}):
                    problems.append(f"{slug} {field}: queries counted by {bound!r}, not m: {latex}")
                for match in RUNNING_MAX.finditer(latex):
                    if match.group("symbol") != r"\mu":
                        problems.append(f"{slug} {field}: running maximum is not \\mu: {latex}")
                if COLUMN_SCORE.search(latex) and not re.search(
                    r"column|columna", paragraph, re.IGNORECASE
                ):
                    problems.append(f"{slug} {field}: column-vector score (use q k^T): {latex}")
                if BAHDANAU_LETTERS.search(latex) and (
                    field == "formula" or "Bahdanau" not in paragraph
                ):
                    problems.append(f"{slug} {field}: e_ij/alpha_ij outside a Bahdanau quote")
            for match in LAYER_COUNT.finditer(paragraph):
                if match.group("symbol").strip() != r"N_{\text{layers}}":
                    problems.append(f"{slug} {field}: layer count {match.group('symbol')!r}")
    return problems


def _combines_by_adding(sentence: str, language: str) -> bool:
    return all(p.search(sentence) for p in (COMBINED, ADDED[language], MASK[language]))


def mask_problems(name: str, language: str, text: str) -> list[str]:
    """Paragraphs with a sentence that combines masks by adding, and no boolean AND."""
    return [
        f"{name} {language}: masks combined by adding, with no logical AND: {paragraph[:80]!r}"
        for paragraph in text.split("\n\n")
        if any(_combines_by_adding(s, language) for s in re.split(r"(?<=[.;])\s+", paragraph))
        and not LOGICAL_AND.search(paragraph)
    ]


def all_mask_problems(entries: dict[str, dict]) -> list[str]:
    problems = []
    for slug, raw in entries.items():
        for language in LANGUAGES:
            section = raw.get(language, {})
            text = f"{section.get('definition', '')}\n\n{section.get('explanation', '')}"
            problems += mask_problems(slug, language, text)
    return problems


ENTRIES = load_entries()


@pytest.mark.parametrize("slug", sorted(ENTRIES))
def test_every_formula_follows_the_notation(slug: str) -> None:
    assert notation_problems(slug, ENTRIES[slug]) == []


@pytest.mark.parametrize("slug", CORE)
def test_core_entries_say_how_many_keys_or_queries_there_are(slug: str) -> None:
    """Not vacuous: each core entry states n keys or m queries somewhere in its math."""
    found = {"keys": set(), "queries": set()}
    for field, text in texts(ENTRIES[slug]).items():
        for latex in math_of(field, text):
            for kind, values in counts(latex).items():
                found[kind] |= values
    assert found["keys"] == {"n"} or (not found["keys"] and found["queries"] == {"m"}), found


def test_no_text_combines_masks_by_adding_without_the_boolean_and() -> None:
    assert all_mask_problems(ENTRIES) == []
    for language in LANGUAGES:
        assert mask_problems("notation.yml", language, notation()[language]["text"]) == []


@pytest.mark.parametrize("slug", ["kv-cache", "causal-mask"])
def test_cache_entries_warn_that_the_causal_mask_is_aligned_bottom_right(slug: str) -> None:
    """Expert review N10: with cached keys, the m queries are the last m of n positions."""
    words = {"en": "bottom-right", "es": "inferior derecha"}
    for language, phrase in words.items():
        assert phrase in ENTRIES[slug][language]["explanation"], (slug, language)


def test_the_notation_is_stated_in_both_languages_with_the_same_formulas() -> None:
    raw = yaml.safe_load(NOTATION_PATH.read_text(encoding="utf-8"))
    english, spanish = (MATH.findall(raw[lang]["text"]) for lang in LANGUAGES)
    assert english == spanish
    assert any(KEY_SUM.search(latex) for latex in english)
    assert notation_problems("notation.yml", {"en": {"explanation": raw["en"]["text"]}}) == []


# The checks fail on the text the reviews quoted.
ORIGINAL_ATTENTION_WEIGHT = {
    "formula": r"\alpha_{ij} = \frac{\exp(e_{ij})}{\sum_{l=1}^{m} \exp(e_{il})}, "
    r"\qquad \sum_{j=1}^{m} \alpha_{ij} = 1",
    "en": {"explanation": r"For query $i$, the weights $\alpha_{i1}, \dots, \alpha_{im}$ are"},
}


def test_notation_check_catches_the_reviewed_sum_over_keys() -> None:
    problems = notation_problems("attention-weight", ORIGINAL_ATTENTION_WEIGHT)
    assert any("\\sum_{l=1}^{m}" in p and "'m', not n" in p for p in problems)
    assert any("en.explanation" in p and "'m', not n" in p for p in problems)
    assert any("outside a Bahdanau quote" in p for p in problems)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ({"formula": r"q_i = x_i W^{Q}, \qquad Q = X W^{Q} \in \mathbb{R}^{n \times d_k}"},
         "queries counted by 'n'"),
        ({"formula": r"k_j = x_j W^{K}, \qquad K = X W^{K} \in \mathbb{R}^{m \times d_k}"},
         "keys counted by 'm'"),
        ({"en": {"explanation": r"scaled dot product $q_i^{\top} k_j / \sqrt{d_k}$"}},
         "column-vector score"),
        ({"formula": r"m_j = \max(m_{j-1}, x_j), \qquad d_j = d_{j-1}\, e^{m_{j-1} - m_j}"},
         "running maximum"),
        ({"en": {"explanation": "then a deep Transformer of $L$ layers works"}},
         "layer count"),
        ({"es": {"explanation": "es una pila de $N = 6$ capas idénticas"}}, "layer count"),
    ],
)
def test_notation_check_catches_each_reviewed_clash(raw: dict, expected: str) -> None:
    assert any(expected in p for p in notation_problems("x", raw))


@pytest.mark.parametrize(
    ("language", "paragraph"),
    [
        ("en", "In a decoder it is combined with the [causal mask][causal-mask] by adding the two "
               "masks: a pair is allowed only if both allow it."),
        ("es", "En un decodificador se combina con la [máscara causal][causal-mask] sumando ambas "
               "máscaras: un par solo está permitido si lo permiten las dos."),
    ],
)
def test_mask_check_catches_the_reviewed_sentence(language: str, paragraph: str) -> None:
    assert mask_problems("padding-mask", language, paragraph)


# Words inside math may be translated (\text{length} / \text{longitud}).
MATH_WORDS = re.compile(r"\\(?:text|operatorname|mathrm)\{[^{}]*\}")


@pytest.mark.parametrize("slug", sorted(ENTRIES))
def test_both_languages_hold_the_same_formulas(slug: str) -> None:
    """A notation fix made in one language only would leave the two out of step. (A
    one-sentence definition may say in words what the other language writes as a symbol.)"""
    found = {}
    for language in LANGUAGES:
        text = ENTRIES[slug][language]["explanation"]
        found[language] = {MATH_WORDS.sub(r"\\text{…}", latex) for latex in MATH.findall(text)}
    assert found["en"] == found["es"], slug


def test_the_notation_is_on_the_index_page_and_in_the_data_exports() -> None:
    from glossary.build import exports, pages, project_data
    from glossary.site import Site

    site = Site("https://example.org/", {"en": "", "es": "es/"}, "https://example.org/r", "1.0.0")
    data = project_data()
    files = exports(data, site)
    document = json.loads(files["glossary/glossary.json"])
    tbx = files["glossary/glossary.tbx"].decode("utf-8")
    for language in LANGUAGES:
        section = notation()[language]
        index = pages(data, site, language)["glossary/index.md"]
        assert f"## {section['title']} {{ #notation }}" in index, language
        assert section["text"] in index, language
        assert document["notation"][language] == section["text"]
        assert f'xml:lang="{language}">{section["title"]}. ' in tbx
