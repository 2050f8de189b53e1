"""The parity checker finds every kind of gap between the English and Spanish pages."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import ROOT, copy_project
from tools.parity import check


def _broken_copy(tmp_path: Path) -> Path:
    return copy_project(tmp_path, "docs") / "docs"


def test_real_docs_are_in_step() -> None:
    assert check(ROOT / "docs") == []


def test_missing_page_is_named(tmp_path: Path) -> None:
    docs = _broken_copy(tmp_path)
    (docs / "en" / "orphan.md").write_text("# Orphan { #orphan }\n", "utf-8")
    assert check(docs) == ["docs/es/orphan.md: missing Spanish page (docs/en/orphan.md exists)"]


def test_missing_heading_id_is_named(tmp_path: Path) -> None:
    docs = _broken_copy(tmp_path)
    page = docs / "es" / "index.md"
    page.write_text(page.read_text("utf-8").replace("{ #licence }", "{ #licencia }"), "utf-8")
    problems = check(docs)
    assert "docs/es/index.md: missing heading id 'licence' (present in English)" in problems
    assert "docs/es/index.md: missing heading id 'licencia' (present in Spanish)" in problems


def test_heading_without_id_is_named(tmp_path: Path) -> None:
    docs = _broken_copy(tmp_path)
    page = docs / "es" / "index.md"
    page.write_text(page.read_text("utf-8").replace(" { #licence }", ""), "utf-8")
    assert "docs/es/index.md: heading without an explicit id: 'Licencia'" in check(docs)


def test_missing_formula_include_figure_and_link_are_named(tmp_path: Path) -> None:
    docs = _broken_copy(tmp_path)
    for lang in ("en", "es"):
        (docs / lang / "extra.md").write_text("# X { #x }\n", "utf-8")
    (docs / "en" / "extra.md").write_text(
        "# X { #x }\n\n$$\na = b\n$$\n\nInline $x$ and [home](index.md).\n\n"
        '```python\n--8<-- "snippets/softmax.py:softmax"\n```\n\n'
        '```python exec="1" html="1"\nprint(render("heatmap", "en"))\n```\n',
        "utf-8",
    )
    problems = check(docs)
    assert "docs/es/extra.md: display formulas: English has 1, Spanish has 0" in problems
    assert "docs/es/extra.md: inline formulas: English has 1, Spanish has 0" in problems
    assert "docs/es/extra.md: links: English has 1, Spanish has 0" in problems
    assert "docs/es/extra.md: missing internal link 'index.md' (present in English)" in problems
    assert (
        "docs/es/extra.md: missing code include 'snippets/softmax.py:softmax' (present in English)"
        in problems
    )
    assert "docs/es/extra.md: missing figure 'heatmap' (present in English)" in problems
    assert "docs/es/extra.md: executed blocks: English has 1, Spanish has 0" in problems
