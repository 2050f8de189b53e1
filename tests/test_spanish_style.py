"""One variant per concept in every Spanish text of the project.

glossary/style-es.md records, for each concept with competing Spanish variants, the one the
project uses and the ones it does not ("Do not use"). This test reads that table and
reports each rejected variant found in Spanish text a reader sees:

* the prose of docs/es/*.md (code, math, URLs and italic glosses removed; the words of
  inline code kept, so that «genera un `ValueError`» is seen);
* the Spanish notebooks: Markdown cells and printed labels (notebooks/sources/*.py);
* the Spanish figure, printed-output and UI strings (snippets/**/strings.py, the explorer,
  hooks/i18n.py, glossary/i18n.py, notebooks/page.py, overrides/);
* the es: blocks of the glossary entries (definition, explanation, context, term notes).

A rejected variant may appear only where ALLOWED names the place and gives the reason (an
entry that lists the variant among its terms, a quotation, ...). An allow-list entry that no
longer matches anything fails too, so the list cannot go stale.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from tests.test_prose import _INLINE_RULES, _visible_lines

ROOT = Path(__file__).resolve().parent.parent
STYLE = ROOT / "glossary" / "style-es.md"
ENTRIES = ROOT / "glossary" / "entries"
TABLE_HEADING = "## One variant per concept"


@dataclass(frozen=True)
class Variant:
    concept: str
    rejected: str
    use: tuple[str, ...]  # the chosen forms: a rejected match inside one of them is fine

    @functools.cached_property
    def pattern(self) -> re.Pattern[str]:
        return _form_pattern(self.rejected)

    @functools.cached_property
    def chosen(self) -> tuple[re.Pattern[str], ...]:
        return tuple(_form_pattern(form) for form in self.use)


def _word(word: str) -> str:
    """A word and its plural (arreglo/arreglos, descripción/descripciones)."""
    if word.endswith("ón"):
        return f"(?:{re.escape(word)}|{re.escape(word[:-2])}ones)"
    if re.fullmatch(r"[^\W\d_]+", word):
        return re.escape(word) + "(?:s|es)?"
    return re.escape(word)


def _form_pattern(form: str) -> re.Pattern[str]:
    body = r"\s+".join(_word(word) for word in form.split())
    return re.compile(rf"(?<![\w-]){body}(?![\w-])", re.IGNORECASE)


def _cell_forms(cell: str) -> list[str]:
    """The literal forms of a table cell: notes in parentheses dropped, «», * and ` removed;
    forms are separated by commas; "—" means none."""
    cell = re.sub(r"\([^)]*\)", "", cell)
    forms = []
    for item in cell.split(","):
        item = re.sub(r"[«»*`]", "", item).strip()
        if item and item != "—":
            forms.append(item)
    return forms


def parse_variants(text: str, name: str = "style-es.md") -> list[Variant]:
    """The rows of the "One variant per concept" table: a clear ValueError if it is malformed."""
    if TABLE_HEADING not in text:
        raise ValueError(f"{name}: no {TABLE_HEADING!r} section")
    section = text.split(TABLE_HEADING, 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("|")]
    if len(rows) < 3:
        raise ValueError(f"{name}: the variant table has no rows")
    header = [cell.strip() for cell in rows[0].strip("|").split("|")]
    if header != ["Concept", "Use", "Do not use"]:
        raise ValueError(f"{name}: variant table header is {header}, expected "
                         "['Concept', 'Use', 'Do not use']")
    variants = []
    for row in rows[2:]:
        cells = [cell.strip() for cell in row.strip().strip("|").split("|")]
        if len(cells) != 3:
            raise ValueError(f"{name}: row with {len(cells)} cells, expected 3: {row}")
        concept, use, rejected = cells
        variants += [Variant(concept, form, tuple(_cell_forms(use)))
                     for form in _cell_forms(rejected)]
    return variants


@functools.cache
def variants() -> tuple[Variant, ...]:
    return tuple(parse_variants(STYLE.read_text(encoding="utf-8")))


# --- the Spanish texts ------------------------------------------------------------------------

def page_prose(markdown: str) -> str:
    """The prose of a Markdown page or cell, with the words of inline code kept."""
    text = "\n".join(_visible_lines(markdown))
    text = re.sub(r"(`+)(.+?)\1", r"\2", text)  # keep the words of inline code
    for pattern, replacement in _INLINE_RULES[1:]:  # [0] would drop inline code
        text = pattern.sub(replacement, text)
    return text


def _strings(catalog: dict[str, dict[str, str]], lang: str = "es") -> str:
    return "\n\n".join(catalog[lang].values())


def spanish_texts() -> Iterator[tuple[str, str]]:
    """(where, text) for every Spanish text a reader sees."""
    for page in sorted((ROOT / "docs" / "es").rglob("*.md")):
        yield page.relative_to(ROOT).as_posix(), page_prose(page.read_text(encoding="utf-8"))

    from notebooks.cells import Markdown
    from notebooks.generate import all_sources

    for source in all_sources():
        where = f"notebooks/es/{source.name}.ipynb"
        cells = [cell.es for cell in source.cells if isinstance(cell, Markdown)]
        yield where, page_prose("\n\n".join(cells))
        yield f"{where} labels", "\n\n".join(text["es"] for text in source.labels.values())

    from glossary.i18n import STRINGS as GLOSSARY_UI
    from ui import LANGUAGES, strings  # the site's own UI strings live in ui/<lang>.yml

    SITE_UI = {lang: strings(lang, "site") for lang in LANGUAGES}
    from notebooks.page import UI as NOTEBOOK_UI
    from snippets.explorer import UI_STRINGS as EXPLORER_UI
    from snippets.figures.strings import STRINGS as FIGURES
    from snippets.strings import STRINGS as PRINTED
    from snippets.translator.strings import STRINGS as TRANSLATOR

    yield "snippets/figures/strings.py", _strings(FIGURES)
    yield "snippets/translator/strings.py", _strings(TRANSLATOR)
    yield "snippets/strings.py", "\n".join(s for block in PRINTED["es"].values()
                                           for s in block.values())
    yield "snippets/explorer.py UI_STRINGS", _strings(EXPLORER_UI)
    yield "hooks/i18n.py", _strings(SITE_UI)
    yield "glossary/i18n.py", _strings(GLOSSARY_UI)
    yield "notebooks/page.py", _strings(NOTEBOOK_UI)
    for path in sorted((ROOT / "overrides").rglob("*")):
        if path.suffix in (".html", ".js"):
            yield path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8")

    for path in sorted(ENTRIES.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        es = data.get("es") if isinstance(data, dict) else None
        if not isinstance(es, dict):
            raise ValueError(f"{path.name}: no es: block")
        where = f"glossary/entries/{path.name}"
        for field in ("definition", "explanation"):
            yield f"{where} es.{field}", page_prose(str(es.get(field) or ""))
        context = es.get("context")
        if isinstance(context, dict):
            yield f"{where} es.context", page_prose(str(context.get("text") or ""))
        notes = [str(term["note"]) for term in es.get("terms", []) if term.get("note")]
        yield f"{where} es.terms notes", "\n".join(notes)


def _occurrences(text: str, variant: Variant) -> list[str]:
    for chosen in variant.chosen:  # «generación de descripciones de imágenes» is the choice
        text = chosen.sub(lambda m: "·" * len(m.group(0)), text)
    return [match.group(0) for match in variant.pattern.finditer(text)]


# A rejected variant may appear here, and only here: (where, rejected form) -> reason.
ALLOWED: dict[tuple[str, str], str] = {
    ("docs/es/translator.md", "concordancia"):
        "grammatical agreement (gender and number), not the query-key match",
    ("notebooks/es/translator.ipynb", "concordancia"):
        "grammatical agreement (errores de concordancia), not the query-key match",
    ("glossary/entries/alignment.yml es.terms notes", "alineación"):
        "the note on the admitted variant says why it is not the main term",
    ("glossary/entries/multi-head-attention.yml es.terms notes", "encabezado"):
        "the note on a deprecated term says why it is wrong",
    ("glossary/entries/image-captioning.yml es.explanation", "descripción de imágenes"):
        "«genera descripciones de imágenes» describes what Flamingo does, not the task's name",
}


def problems(texts: list[tuple[str, str]], table: tuple[Variant, ...],
             allowed: dict[tuple[str, str], str]) -> tuple[list[str], set[tuple[str, str]]]:
    """Messages for rejected variants outside the allow-list, and the allow-list keys used."""
    found, used = [], set()
    for where, text in texts:
        for variant in table:
            for match in _occurrences(text, variant):
                if (where, variant.rejected) in allowed:
                    used.add((where, variant.rejected))
                    continue
                found.append(f"{where}: {match!r} is a rejected variant for "
                             f"{variant.concept!r}; use {' / '.join(variant.use) or 'another'}")
    return found, used


@functools.cache
def _results() -> tuple[tuple[str, ...], frozenset[tuple[str, str]]]:
    found, used = problems(list(spanish_texts()), variants(), ALLOWED)
    return tuple(found), frozenset(used)


# --- checks on the real texts -------------------------------------------------------------------

def test_the_variant_table_is_read() -> None:
    table = variants()
    rejected = {variant.rejected for variant in table}
    assert {"arreglo", "anchura", "dividir por", "palabra española", "coste", "vídeo"} <= rejected
    assert all(variant.use for variant in table), "a row without a chosen variant"


def test_spanish_texts_use_one_variant_per_concept() -> None:
    found, _ = _results()
    assert list(found) == [], f"{len(found)} rejected variant(s):\n" + "\n".join(found)


def test_every_allow_list_entry_is_still_needed() -> None:
    _, used = _results()
    stale = sorted(set(ALLOWED) - used)
    assert stale == [], f"allow-list entries that match nothing (remove them): {stale}"


# --- the check itself, on deliberately wrong input ----------------------------------------------

FAKE_TABLE = """# Style

## One variant per concept

| Concept | Use | Do not use |
|---|---|---|
| numpy array | matriz | arreglo |
| Spanish word | palabra en español | palabra española, palabra inglesa |
| raise | lanza | genera un `ValueError` |
| image captioning | generación de descripciones de imágenes | descripción de imágenes (task) |
| ablation | ablación | — |

## Next section
"""


def test_parser_reads_forms_and_drops_notes() -> None:
    table = parse_variants(FAKE_TABLE)
    assert [(v.concept, v.rejected) for v in table] == [
        ("numpy array", "arreglo"), ("Spanish word", "palabra española"),
        ("Spanish word", "palabra inglesa"), ("raise", "genera un ValueError"),
        ("image captioning", "descripción de imágenes")]


def test_parser_names_a_malformed_table() -> None:
    with pytest.raises(ValueError, match=r"fake\.md: no '## One variant per concept'"):
        parse_variants("# Style\n", "fake.md")
    with pytest.raises(ValueError, match=r"fake\.md: variant table header"):
        parse_variants(FAKE_TABLE.replace("Do not use", "Avoid"), "fake.md")


@pytest.mark.parametrize(("text", "expected"), [
    ("Si se pasan dos arreglos distintos, se obtiene atención cruzada.", ["arreglos"]),
    ("Cada palabra española atiende a las palabras inglesas.",
     ["palabra española", "palabras inglesas"]),
    ("Si no, la función genera un ValueError.", ["genera un ValueError"]),
    ("Xu et al. para la descripción de imágenes.", ["descripción de imágenes"]),
    ("la generación de descripciones de imágenes", []),
    ("Cada palabra en español lanza su consulta sobre una matriz.", []),
])
def test_rejected_variants_are_found(text: str, expected: list[str]) -> None:
    table = tuple(parse_variants(FAKE_TABLE))
    found, _ = problems([("fake.md", page_prose(text))], table, {})
    assert [message.split("'")[1] for message in found] == expected


def test_fenced_code_math_and_glosses_are_not_prose_inline_code_is() -> None:
    page = ("Un `arreglo` en el texto se lee, *arreglo* en cursiva es una mención y "
            "$\\text{arreglo}$ es una fórmula.\n\n```python\narreglo = 1\n```\n")
    table = tuple(parse_variants(FAKE_TABLE))
    found, _ = problems([("fake.md", page_prose(page))], table, {})
    assert found == ["fake.md: 'arreglo' is a rejected variant for 'numpy array'; use matriz"]


def test_allow_list_needs_the_exact_place() -> None:
    table = tuple(parse_variants(FAKE_TABLE))
    texts = [("a.md", "un arreglo"), ("b.md", "un arreglo")]
    found, used = problems(texts, table, {("a.md", "arreglo"): "a quotation"})
    assert used == {("a.md", "arreglo")} and len(found) == 1 and found[0].startswith("b.md")
