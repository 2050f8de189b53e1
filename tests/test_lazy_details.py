"""Collapsed blocks load when opened (tools/lazy_details.py, issue 18): the post-processor
moves their bodies to files of their own and leaves a link; nothing is lost on the way.
The reader's side (opening, copying, no JavaScript, a failed fetch) is in
tests/test_browser_lazy_details.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import html

from tests.conftest import ensure_site, sitemap_paths
from tools import lazy_details
from tools.lazy_details import MIN_BODY, defer_closed_details, defer_page
from tools.page_code import setup_code, shown_sections

BIG = "<table><caption>Weights</caption><tbody>" + "<tr><td>0.250</td></tr>" * 30 + \
    "</tbody></table>"
SMALL = "<table><tbody><tr><td>1</td></tr></tbody></table>"


def _page(body: str, lang: str = "es") -> str:
    return (f'<!doctype html>\n<html lang="{lang}"><head><title>Atención cruzada</title></head>'
            f"<body><article>{body}</article></body></html>")


def fragment_body(document: str) -> str:
    """What site.js puts back: the children of the file's #ag-fragment, as HTML."""
    found = re.search(r'<main id="ag-fragment">(.*)</main></body></html>\n\Z', document, re.S)
    assert found, document[:200]
    return found.group(1)


def test_a_closed_block_keeps_its_summary_and_links_to_its_body(tmp_path: Path) -> None:
    root = tmp_path
    page = root / "cross-attention" / "index.html"
    original = _page('<details class="ag-figure-data"><summary>Datos de la figura</summary>'
                     f"{BIG}</details>")
    files: dict[str, str] = {}
    out = defer_page(original, page, root, files)
    [(name, document)] = files.items()
    assert BIG not in out and "<summary>Datos de la figura</summary>" in out
    href = re.search(r'<a href="([^"]+)">Mostrar el contenido</a>', out).group(1)
    assert href == f"../assets/fragments/{name}"
    # The body comes back exactly: putting it in place of the link gives the original page.
    link = re.search(r'<p class="ag-lazy-link">.*?</p>', out).group(0)
    restored = out.replace(link, fragment_body(document)).replace(" data-ag-lazy", "")
    assert restored == original
    assert '<html lang="es">' in document and '<meta charset="utf-8">' in document
    assert "<title>Datos de la figura · Atención cruzada</title>" in document


def test_open_small_and_other_blocks_stay(tmp_path: Path) -> None:
    kept = ('<details class="ag-figure-data" open><summary>s</summary>' + BIG + "</details>"
            '<details class="ag-figure-data"><summary>s</summary>' + SMALL + "</details>"
            '<details class="note"><summary>s</summary>' + BIG + "</details>")
    assert len(SMALL) < MIN_BODY <= len(BIG)
    files: dict[str, str] = {}
    assert defer_page(_page(kept), tmp_path / "index.html", tmp_path, files) == _page(kept)
    assert files == {}


def test_ids_inside_a_body_are_listed_for_links_to_them(tmp_path: Path) -> None:
    body = f'<p id="step-2">Step two</p>{BIG}'
    out = defer_page(_page(f'<details class="example"><summary>s</summary>{body}</details>'),
                     tmp_path / "index.html", tmp_path, {})
    assert '<details class="example" data-ag-lazy data-ag-ids="step-2">' in out
    assert 'href="assets/fragments/' in out  # a page at the language's root


def test_same_body_on_two_pages_is_one_file(tmp_path: Path) -> None:
    block = f'<details class="example"><summary>s</summary>{BIG}</details>'
    pages = {tmp_path / "a" / "index.html": _page(block),
             tmp_path / "b" / "c" / "index.html": _page(block)}
    assert defer_closed_details(tmp_path, pages) == 1
    [written] = (tmp_path / lazy_details.FOLDER).iterdir()
    assert f'href="../../assets/fragments/{written.name}"' in pages[tmp_path / "b" / "c" /
                                                                   "index.html"]


def test_a_page_without_a_language_is_named(tmp_path: Path) -> None:
    page = f'<html><body><details class="example"><summary>s</summary>{BIG}</details></body></html>'
    with pytest.raises(ValueError, match=r"nolang\.html.*<html lang>"):
        defer_page(page, tmp_path / "nolang.html", tmp_path, {})


# --- the built site ----------------------------------------------------------------------------

def _built_pages() -> list[str]:
    site = ensure_site()
    return [p for p in sitemap_paths(site) if "data-ag-lazy" in
            (site / p / "index.html").read_text("utf-8")]


def test_closed_setup_blocks_and_figure_tables_are_not_in_the_first_view() -> None:
    site = ensure_site()
    lazy = set(_built_pages())
    with_setup = {f"{prefix}{md.stem}/" for lang, prefix in (("en", ""), ("es", "es/"))
                  for md in (site.parent / "docs" / lang).glob("*.md")
                  if "setup_block(" in md.read_text("utf-8")}
    assert len(with_setup) >= 18 and with_setup <= lazy, sorted(with_setup - lazy)
    for path in sitemap_paths(site):
        text = (site / path / "index.html").read_text("utf-8")
        for match in lazy_details._BLOCK.finditer(text):
            assert len(match.group("body")) < MIN_BODY, \
                f"/{path}: a closed {match.group('cls')} block still carries its body"


@pytest.mark.parametrize("lang", ["en", "es"])
def test_setup_block_file_holds_the_build_time_code(lang: str) -> None:
    """Each concept page's setup block, read through its link, is the code tools/page_code.py
    made for that page."""
    site = ensure_site()
    root = site / "es" if lang == "es" else site
    checked = 0
    for source in sorted((site.parent / "docs" / lang).glob("*.md")):
        if "setup_block(" not in source.read_text("utf-8"):
            continue
        page = root / source.stem / "index.html"
        tree = html.parse(str(page)).getroot()
        [link] = tree.xpath('//details[@class="example"][@data-ag-lazy]'
                            '/p[@class="ag-lazy-link"]/a')
        target = (page.parent / link.get("href")).resolve()
        assert target.is_relative_to(root / lazy_details.FOLDER), target
        fragment = html.parse(str(target)).getroot()
        [code] = fragment.xpath('//main[@id="ag-fragment"]/div[contains(@class, '
                                '"language-python")]/pre/code')
        assert code.text_content() == setup_code(shown_sections(source.stem, lang)), page
        checked += 1
    assert checked >= 9  # the concept pages with code
