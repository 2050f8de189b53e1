"""Material's palette.css and the site's extra.css are published as one file (tools/trim_css.py,
issue 18): one response less on every page, and nothing of either lost or reordered."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import sitemap_paths
from tools.trim_css import merge_palette_into_extra

LINK = re.compile(r'<link rel="stylesheet" href="([^"]+)"')


def test_pages_link_main_then_the_merged_sheet_and_no_palette(site: Path) -> None:
    for root in (site, site / "es"):
        [merged] = (root / "assets" / "stylesheets").glob("extra.*.min.css")
        css = merged.read_text("utf-8")
        # the palette's colour schemes come first, the site's own rules after them
        assert css.index("[data-md-color-scheme=slate]") < css.index(".md-footer-meta")
        assert not list((root / "assets" / "stylesheets").glob("palette.*"))
    for path in sitemap_paths(site):
        links = LINK.findall((site / path / "index.html").read_text("utf-8"))
        names = [link.rsplit("/", 1)[-1] for link in links]
        assert not any(n.startswith("palette.") for n in names), path
        assert re.fullmatch(r"main\.\w{8}\.min\.css", names[0]), (path, names)
        assert re.fullmatch(r"extra\.\w{8}\.min\.css", names[1]), (path, names)


def _sheets(folder: Path) -> dict[str, str]:
    sheets = folder / "assets" / "stylesheets"
    sheets.mkdir(parents=True)
    (sheets / "palette.aaaaaaaa.min.css").write_text("[data-md-color-scheme=slate]{x:1}")
    (sheets / "extra.bbbbbbbb.min.css").write_text(".a{y:2}")
    return {"palette.12345678.min.css": "palette.aaaaaaaa.min.css",
            "extra.css": "extra.bbbbbbbb.min.css"}


def test_merge_keeps_the_order_and_drops_the_palette_link(tmp_path: Path) -> None:
    renamed = _sheets(tmp_path)
    page = tmp_path / "x" / "index.html"
    pages = {page: '<link rel="stylesheet" href="../assets/stylesheets/palette.12345678.min.css">'
                   '\n<link rel="stylesheet" href="../assets/stylesheets/extra.css">\n<p>text</p>'}
    merge_palette_into_extra(tmp_path, pages, renamed)
    assert list(renamed) == ["extra.css"]
    merged = tmp_path / "assets" / "stylesheets" / renamed["extra.css"]
    assert merged.read_text() == "[data-md-color-scheme=slate]{x:1}.a{y:2}"
    assert pages[page] == ('\n<link rel="stylesheet" href="../assets/stylesheets/extra.css">'
                           "\n<p>text</p>")
    assert sorted(p.name for p in merged.parent.iterdir()) == [merged.name]


def test_katex_rules_come_last_and_math_pages_lose_their_link(tmp_path: Path) -> None:
    renamed = _sheets(tmp_path)
    katex = tmp_path / "assets" / "katex"
    katex.mkdir(parents=True)
    (katex / "katex.cccccccc.min.css").write_text(".katex{z:3}")
    renamed["katex.min.css"] = "katex.cccccccc.min.css"
    page = tmp_path / "x" / "index.html"
    pages = {page: '<link rel="stylesheet" href="../assets/stylesheets/palette.12345678.min.css">'
                   '<link rel="stylesheet" href="../assets/stylesheets/extra.css">'
                   '<style>@font-face{}</style>'
                   '<link rel="stylesheet" href="../assets/katex/katex.min.css"><p>x</p>'}
    merge_palette_into_extra(tmp_path, pages, renamed)
    merged = tmp_path / "assets" / "stylesheets" / renamed["extra.css"]
    assert merged.read_text() == "[data-md-color-scheme=slate]{x:1}.a{y:2}.katex{z:3}"
    assert pages[page] == ('<link rel="stylesheet" href="../assets/stylesheets/extra.css">'
                           "<style>@font-face{}</style><p>x</p>")
    assert list(renamed) == ["extra.css"] and not list(katex.iterdir())


def test_a_page_with_the_palette_but_not_extra_after_it_is_named(tmp_path: Path) -> None:
    renamed = _sheets(tmp_path)
    page = tmp_path / "odd.html"
    pages = {page: '<link rel="stylesheet" href="assets/stylesheets/palette.12345678.min.css">'
                   '<style>p{}</style><link rel="stylesheet" href="assets/stylesheets/extra.css">'}
    with pytest.raises(ValueError, match=r"odd\.html links palette\.12345678\.min\.css without"):
        merge_palette_into_extra(tmp_path, pages, renamed)
