"""Build-time figures: structure, accessibility, determinism, theming, bilingual labels."""

from __future__ import annotations

import hashlib
import html
import re
import subprocess
import sys
from pathlib import Path

import matplotlib
import numpy as np
import pytest
from lxml import etree
from matplotlib.colors import to_hex

from snippets.attention import example as attention_example
from snippets.cross_attention import example as cross_example
from snippets.figures import available, render
from snippets.figures._style import FOREGROUND
from snippets.figures.image_queries import GRID
from snippets.figures.image_queries import data as image_queries_data
from snippets.figures.strings import STRINGS

ROOT = Path(__file__).resolve().parents[1]
LANGS = ("en", "es")
SVG_NS = "{http://www.w3.org/2000/svg}"
DOCS = ROOT / "docs"
# The figures the pages draw, from their `render("<name>", "<lang>")` calls: a new figure is
# checked as soon as a page uses it, without a list to edit.
ON_PAGES = {(name, lang) for page in DOCS.rglob("*.md") for name, lang in
            re.findall(r'\brender\("([\w-]+)", "(\w+)"\)', page.read_text("utf-8"))}
EXPECTED = {name for name, _ in ON_PAGES}
VIRIDIS = {to_hex(c) for c in matplotlib.colormaps["viridis"](np.linspace(0, 1, 256))}


@pytest.fixture(scope="module")
def rendered() -> dict[tuple[str, str], str]:
    return {(name, lang): render(name, lang) for name in available() for lang in LANGS}


def parse(block: str) -> etree._Element:
    # the block must be well-formed markup (it is inserted raw into the page)
    return etree.fromstring(block.replace("&#x27;", "'"))


def visible_text(block: str) -> str:
    """Every text node: SVG labels, title, desc, caption, summary, table."""
    return " ".join(t.strip() for t in parse(block).itertext() if t.strip())


def test_every_figure_on_the_pages_is_available_in_both_languages() -> None:
    from snippets.translator import plots

    assert len(EXPECTED) >= 8
    assert EXPECTED <= set(available()) | set(plots.available())
    assert ON_PAGES == {(name, lang) for name in EXPECTED for lang in LANGS}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", available())
def test_structure_and_accessibility(rendered, name: str, lang: str) -> None:
    block = rendered[name, lang]
    assert "\n\n" not in block  # a blank line would end the raw HTML block in Markdown
    root = parse(block)
    assert root.tag == "figure" and root.get("class") == "ag-figure"
    assert root.get("id") == f"fig-{name}"
    svg = root.find(f"{SVG_NS}svg")
    assert svg is not None and svg.get("role") == "img"
    title = svg.find(f"{SVG_NS}title")
    desc = svg.find(f"{SVG_NS}desc")
    assert svg.get("aria-labelledby") == title.get("id") and title.text.strip()
    assert svg.get("aria-describedby") == desc.get("id") and len(desc.text) > 40
    assert svg.get("viewBox") and svg.get("width") == "100%"
    assert root.find("figcaption").text.strip()
    details = root.find("details")
    assert details.get("class") == "ag-figure-data"
    assert details.find("summary").text == STRINGS[lang]["data_summary"]
    table = details.find("table")
    assert table.find("caption").text.strip()
    headers = [th.text for th in table.find("thead").iter("th")]
    assert all(th.get("scope") == "col" for th in table.find("thead").iter("th"))
    rows = table.find("tbody").findall("tr")
    assert rows and all(len(r) == len(headers) for r in rows)
    decimals = 1 if name == "chunked-memory" else 3  # memory: 0.1 MiB steps, see memory.py
    for cell in (td.text for r in rows for td in r.findall("td")):
        assert cell.strip()
        if re.fullmatch(r"-?[\d.]+", cell) and "." in cell:
            assert re.fullmatch(rf"-?\d+\.\d{{{decimals}}}", cell), cell
    # labels are real text (svg.fonttype "none"), not glyph outlines
    assert len(svg.findall(f".//{SVG_NS}text")) >= 5
    assert len(block.encode()) < 40_000, f"{name}/{lang}: {len(block.encode())} bytes"


def test_same_call_twice_gives_identical_bytes(rendered) -> None:
    for name in ("attention-heatmap", "masks"):
        assert render(name, "es") == rendered[name, "es"]


def test_bytes_do_not_depend_on_the_process(rendered) -> None:
    # a fresh interpreter (as in a second site build) must produce the very same markup
    code = ("import hashlib; from snippets.figures import available, render; "
            "print(*(hashlib.sha256(render(n, 'en').encode()).hexdigest() for n in available()))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, check=True, timeout=120).stdout.split()
    assert out == [hashlib.sha256(rendered[n, "en"].encode()).hexdigest() for n in available()]


@pytest.mark.parametrize("lang", LANGS)
def test_only_theme_colours(rendered, lang: str) -> None:
    for name in available():
        svg = rendered[name, lang]
        assert FOREGROUND not in svg
        assert "<style" not in svg  # an inline <style> would leak into the whole page
        colours = re.findall(r'(?:fill|stroke|stop-color)(?::\s*|=")([^;"\s]+)', svg)
        assert "currentColor" in colours
        for colour in colours:
            ok = colour in {"currentColor", "none", "transparent"} or colour in VIRIDIS
            assert ok or colour.startswith("url(#"), f"{name}: hard-coded colour {colour}"


@pytest.mark.parametrize("lang", LANGS)
def test_ids_are_prefixed_unique_and_resolved(rendered, lang: str) -> None:
    seen: set[str] = set()
    for name in available():
        block = rendered[name, lang]
        ids = re.findall(r'\sid="([^"]+)"', block)
        assert all(i.startswith(f"fig-{name}") for i in ids)
        assert not seen & set(ids) and len(ids) == len(set(ids))
        seen |= set(ids)
        for ref in re.findall(r'(?:url\(#|href="#)([^)"]+)', block):
            assert ref in ids, f"{name}: dangling reference #{ref}"


def test_catalogs_have_the_same_keys() -> None:
    assert set(STRINGS["en"]) == set(STRINGS["es"])


def _literal_parts(value: str, own_catalog: dict[str, str]) -> list[str]:
    """The fixed text of a catalog entry, split at its {placeholders}, minus the pieces
    the other catalog uses too (units such as "MiB." are language-neutral)."""
    own = " ".join(own_catalog.values())
    parts = (p.strip() for p in re.split(r"\{[^}]*\}", value.replace("*", "")))
    return [p for p in parts if len(p) >= 3 and p not in own]


@pytest.mark.parametrize(("lang", "other"), [("es", "en"), ("en", "es")])
def test_no_label_from_the_other_language(rendered, lang: str, other: str) -> None:
    for name in available():
        text = visible_text(rendered[name, lang])
        for key, value in STRINGS[other].items():
            if value == STRINGS[lang][key]:
                continue
            for part in _literal_parts(value, STRINGS[lang]):
                pattern = rf"(?<!\w){re.escape(html.unescape(part))}(?!\w)"
                assert not re.search(pattern, text), f"{name}/{lang}: {other} text {part!r}"


def test_labels_follow_the_page_language(rendered) -> None:
    es = visible_text(rendered["masks", "es"])
    assert "máscara causal" in es and "máscara de relleno" in es and "clave" in es
    assert "peso de atención" in visible_text(rendered["attention-heatmap", "es"])
    assert "cabeza 1" in visible_text(rendered["multi-head", "es"])
    assert "temperatura" in visible_text(rendered["softmax-temperature", "es"])
    assert "attention weight" in visible_text(rendered["attention-heatmap", "en"])


def _table(block: str) -> list[list[str]]:
    tbody = parse(block).find("details/table/tbody")
    return [[cell.text for cell in row] for row in tbody]


def test_heatmap_table_shows_the_example_weights_and_row_sums(rendered) -> None:
    ex = attention_example()
    rows = _table(rendered["attention-heatmap", "en"])
    assert [r[0] for r in rows] == list(ex.tokens)
    got = np.array([[float(x) for x in r[1:]] for r in rows])
    np.testing.assert_allclose(got[:, :-1], ex.weights, atol=5e-4)
    np.testing.assert_array_equal(got[:, -1], 1.0)
    svg_text = visible_text(rendered["attention-heatmap", "en"])
    assert svg_text.count("1.000") >= len(ex.tokens)  # row sums drawn next to the rows


def test_cross_attention_table_is_m_by_n(rendered) -> None:
    ex = cross_example()
    rows = _table(rendered["cross-attention", "es"])
    assert len(rows) == 8 and all(len(r) == 1 + 7 for r in rows)
    np.testing.assert_allclose([[float(x) for x in r[1:]] for r in rows], ex.weights, atol=5e-4)


def test_image_queries_table_lists_the_top_patches_of_each_query(rendered) -> None:
    ex = image_queries_data()
    assert ex.weights.shape == (6, GRID * GRID)  # m = 6 queries over n = 64 patches
    np.testing.assert_allclose(ex.weights.sum(axis=1), 1.0)
    rows = _table(rendered["image-queries", "es"])
    assert [r[0] for r in rows] == ["palabra «rojo»", "palabra «azul»", "palabra «verde»",
                                    *(f"consulta de objetos {k}" for k in (1, 2, 3))]
    for row, weights in zip(rows, ex.weights, strict=True):
        cells = [tuple(int(x) for x in re.findall(r"\d+", cell)) for cell in row[1:7:2]]
        listed = [float(cell) for cell in row[2:8:2]]
        np.testing.assert_allclose(listed, [weights[r * GRID + c] for r, c in cells], atol=5e-4)
        assert min(listed) >= np.sort(weights)[-3] - 5e-4  # no unlisted patch weighs more
        assert float(row[8]) > 0.5  # most of the weight lands on one object
    # each word finds the object of its colour; each object query finds one object
    assert [r[7] for r in rows] == ["disco", "cuadrado", "triángulo"] * 2


def test_dtw_table_lists_true_and_recovered_times(rendered) -> None:
    from snippets.dtw import example as dtw_example

    ex = dtw_example()
    rows = _table(rendered["dtw-path", "es"])
    assert [r[0] for r in rows] == list(ex.words)
    np.testing.assert_allclose([[float(x) for x in r[3:]] for r in rows],
                               np.stack([ex.starts, ex.ends], axis=1), atol=5e-4)
    assert "camino DTW" in visible_text(rendered["dtw-path", "es"])


def test_unknown_figure_or_language_is_named() -> None:
    with pytest.raises(ValueError, match=r"unknown figure 'nope' \(language 'en'\)"):
        render("nope", "en")
    with pytest.raises(ValueError, match=r"figure 'masks': no label catalog for language 'fr'"):
        render("masks", "fr")


def test_missing_translation_names_figure_language_and_key(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delitem(STRINGS["es"], "masks.padding")
    with pytest.raises(ValueError, match=r"figure 'masks': missing translation for key "
                                         r"'masks.padding' in language 'es'"):
        render("masks", "es")
