"""The translator's figures: valid bilingual HTML, themable SVG, numbers that match the claims."""

from __future__ import annotations

import re

import numpy as np
import pytest
from lxml import etree

from snippets.translator import _plots, plots, strings
from snippets.translator.evaluate import cross_attention

NAMES = plots.available()


@pytest.fixture(scope="module")
def rendered() -> dict[tuple[str, str], str]:
    return {(name, lang): plots.render(name, lang) for name in NAMES for lang in ("en", "es")}


def test_the_four_figures_exist() -> None:
    assert NAMES == [
        "translator-loss",
        "translator-training",
        "translator-alignment",
        "translator-errors",
    ]
    assert list(_plots.FIGURES) == NAMES  # the drawing code draws exactly the names listed


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("name", NAMES)
def test_figure_is_well_formed_and_themable(rendered, name: str, lang: str) -> None:
    block = rendered[(name, lang)]
    root = etree.fromstring(block.encode("utf-8"))  # raises on malformed markup
    assert root.tag == "figure"
    assert root.get("class") == "ag-figure" and root.get("id") == f"fig-{name}"
    svg = root.find("{http://www.w3.org/2000/svg}svg")
    assert svg is not None and svg.get("role") == "img"
    ids = re.findall(r'\sid="([^"]+)"', block)
    assert all(i.startswith(f"fig-{name}") for i in ids), ids
    assert "currentColor" in block and "#010203" not in block  # sentinel replaced
    assert "<metadata" not in block
    details = root.find("details")
    assert details is not None and details.get("class") == "ag-figure-data"
    assert details.findall(".//table") and details.findall(".//td")
    assert root.find("figcaption").xpath("string()").strip()


@pytest.mark.parametrize("name", NAMES)
def test_labels_are_in_the_page_language(rendered, name: str) -> None:
    english, spanish = rendered[(name, "en")], rendered[(name, "es")]
    caption = re.compile(r"<figcaption>(.*?)</figcaption>", re.S)
    assert caption.search(english).group(1) != caption.search(spanish).group(1)
    assert "Datos de la figura" in spanish and "Numbers behind the figure" in english
    assert "atención" in spanish and "attention" in english.lower()
    # the English labels never leak into the Spanish figure
    for key in ("english", "spanish", "weight"):
        assert strings.STRINGS["en"][key] not in spanish


def test_rendering_is_deterministic(rendered) -> None:
    assert plots.render("translator-alignment", "es") == rendered[("translator-alignment", "es")]


def test_bad_name_and_language_raise() -> None:
    with pytest.raises(ValueError, match="translator-nope"):
        plots.render("translator-nope", "en")
    with pytest.raises(ValueError, match="'fr'"):
        plots.render("translator-loss", "fr")


def test_missing_translation_names_key_and_language(monkeypatch: pytest.MonkeyPatch) -> None:
    catalog = dict(strings.STRINGS["es"])
    del catalog["loss.title"]
    monkeypatch.setitem(strings.STRINGS, "es", catalog)
    with pytest.raises(ValueError, match=r"'loss\.title'.*'es'"):
        plots.render("translator-loss", "es")


def test_both_catalogs_have_the_same_keys_and_placeholders() -> None:
    en, es = strings.STRINGS["en"], strings.STRINGS["es"]
    assert en.keys() == es.keys()
    field = re.compile(r"\{(\w+)")
    for key in en:
        assert set(field.findall(en[key])) == set(field.findall(es[key])), key


def test_alignment_figure_shows_the_crossings_it_describes() -> None:
    """The caption says the lines cross where the adjective follows the noun: check it."""
    r = _plots.results()
    peaks = r.final.argmax(axis=1)
    crossed = [j for j, g in enumerate(r.example.alignment) if j and g < r.example.alignment[j - 1]]
    assert crossed, "the example phrase must contain an adjective-noun crossing"
    for j in crossed:  # the adjective row and the noun row before it both peak on gold
        assert peaks[j] == r.example.alignment[j]
        assert peaks[j - 1] == r.example.alignment[j - 1]


def test_error_figure_claims_hold() -> None:
    """The caption explains the commonest miss by the "de"/"del" choice: keep that true."""
    e = _plots.error_summary()
    r = _plots.results()
    assert e.top == ("de", "near")
    assert e.next_count >= e.top_count * 0.9
    pair = r.test[e.example]
    weights = cross_attention(r.saved.params, r.saved.config, [pair])[0].mean(axis=0)
    row = pair.target.index("de")
    assert int(np.argmax(weights[row])) != pair.alignment[row]
    assert len(e.hardest) == _plots.HARDEST_SHOWN
    assert [p for _, _, p in e.hardest] == sorted(p for _, _, p in e.hardest)


@pytest.mark.parametrize(
    ("lang", "expected"), [("en", "12,000"), ("es", "12\u00a0000"), ("es", "3252")]
)
def test_numbers_follow_each_language(lang: str, expected: str) -> None:
    assert plots.number(int(expected.replace(",", "").replace("\u00a0", "")), lang) == expected
