"""The position and mask-zoo figures draw the snippets' numbers, in the page language."""

from __future__ import annotations

import numpy as np
import pytest
from lxml import etree

from snippets.figures import render
from snippets.figures.position_distance import data as position_data
from snippets.mask_patterns import zoo
from snippets.position import alibi_slopes, rotary_embedding, t5_bucket


def _rows(block: str) -> list[list[str]]:
    root = etree.fromstring(block.replace("&#x27;", "'"))
    return [[cell.text for cell in row] for row in root.find("details/table/tbody")]


def test_position_curves_follow_the_snippets() -> None:
    c = position_data()
    # RoPE: any pair (i, i - r) gives the plotted value, not only (0, -r)
    q = rotary_embedding(np.ones((1, 128)), [50])[0]
    k = rotary_embedding(np.ones((1, 128)), [50 - 7])[0]
    assert c.rope[7] == pytest.approx(q @ k / 128)
    assert c.rope[0] == pytest.approx(1.0)
    np.testing.assert_allclose(c.alibi[:, 3], -3 * alibi_slopes(8))
    assert c.t5[200] == t5_bucket(np.array(-200)) == 15
    assert c.shaw[3] == 3 and c.shaw[200] == 8


@pytest.mark.parametrize("lang", ["en", "es"])
def test_tables_show_the_figures_numbers(lang: str) -> None:
    rows = _rows(render("position-distance", lang))
    assert rows[0][:2] == ["0", "1.000"]
    assert rows[1][2] == "-0.500"  # head 1, slope 1/2, one position back
    allowed = {int(r[1]) for r in _rows(render("mask-zoo", lang))}
    assert allowed == {int(m.sum()) for m in zoo(12).values()}


def test_spanish_labels() -> None:
    text = " ".join(etree.fromstring(render("mask-zoo", "es").replace("&#x27;", "'")).itertext())
    assert "ventana deslizante" in text and "puede atender" in text
    assert "sliding window" not in text
