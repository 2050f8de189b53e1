"""The way around the built site (issue 18): grouped navigation with short titles, glossary
entries that say where they are and link to the concept section that explains them, the
repository link, and link-preview metadata on every page."""

from __future__ import annotations

import html
import re
import struct
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, sitemap_paths
from ui import strings

LOCAL_ROOT = "http://127.0.0.1:8000/"  # site_url of local and test builds
CARD_ALT = {lang: strings(lang, "site")["social_card_alt"] for lang in ("en", "es")}

REPOSITORY = yaml.safe_load(
    re.sub(r"!ENV \[[^\]]*\]", '""', (ROOT / "mkdocs.yml").read_text("utf-8")))["repo_url"]
EXPLAINED_IN = yaml.safe_load((ROOT / "glossary" / "explained-in.yml").read_text("utf-8"))
ENTRIES = sorted(p.stem for p in (ROOT / "glossary" / "entries").glob("*.yml"))
SECTIONS = {"en": ["Concepts", "Notebooks", "Reference"],
            "es": ["Conceptos", "Cuadernos", "Referencia"]}


def _page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text("utf-8")


def _meta(page: str, prop: str) -> str | None:
    match = re.search(rf'<meta (?:property|name)="{re.escape(prop)}" content="([^"]*)"', page)
    return html.unescape(match.group(1)) if match else None


def test_each_language_has_its_own_link_preview_image(site: Path) -> None:
    """A 1200 x 630 PNG per language (the size link previews crop to), drawn at build time."""
    cards = {lang: (site / prefix / "assets" / "social-card.png").read_bytes()
             for lang, prefix in (("en", ""), ("es", "es"))}
    for lang, data in cards.items():
        assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{lang}: not a PNG"
        width, height = struct.unpack(">II", data[16:24])
        assert (width, height) == (1200, 630), f"{lang}: {width} x {height}"
    assert cards["en"] != cards["es"], "the Spanish card shows the English title"


def test_every_page_has_a_link_preview(site: Path) -> None:
    for path in sitemap_paths(site):
        page = _page(site, path)
        lang = "es" if path.startswith("es/") else "en"
        canonical = re.search(r'<link rel="canonical" href="([^"]+)"', page).group(1)
        title = _meta(page, "og:title")
        assert title and "<" not in title, f"/{path}: og:title {title!r}"
        assert _meta(page, "og:url") == canonical, f"/{path}: og:url is not the canonical URL"
        assert len(_meta(page, "og:description") or "") >= 40, f"/{path}: og:description"
        assert _meta(page, "og:site_name") == {"en": "Attention Glossary",
                                               "es": "Glosario de atención"}[lang]
        assert _meta(page, "og:locale") == {"en": "en_GB", "es": "es_ES"}[lang], path
        assert _meta(page, "twitter:card") == "summary_large_image", path
        root = LOCAL_ROOT + ("es/" if lang == "es" else "")
        assert _meta(page, "og:image") == _meta(page, "twitter:image") == \
            root + "assets/social-card.png", f"/{path}: og:image"
        assert _meta(page, "og:image:alt") == CARD_ALT[lang], f"/{path}: og:image:alt"
        # The full title, not the sidebar's short one: a notebook is named as a notebook.
        if path.removeprefix("es/").startswith("notebooks/"):
            assert title.startswith(("Notebook: ", "Cuaderno: ")), f"/{path}: {title!r}"


def test_header_links_to_the_repository_without_calling_its_api(site: Path) -> None:
    for path in ("", "es/", "glossary/attention-weight/", "es/cross-attention/"):
        page = _page(site, path)
        assert re.search(rf'<a href="{re.escape(REPOSITORY)}"[^>]*class="md-source"', page), path
        # Material's data-md-component="source" fetches star counts from api.github.com
        assert 'data-md-component="source"' not in page, path


@pytest.mark.parametrize("path", ["data/", "translator/", "notebooks/attention-weights/"])
@pytest.mark.parametrize("lang", ["", "es/"])
def test_pages_that_send_readers_to_the_repository_link_to_it(
        site: Path, lang: str, path: str) -> None:
    page = _page(site, lang + path)
    assert re.search(r"clone|copia del|root of the|raíz del|Everything is in|Todo está en", page)
    assert f'href="{REPOSITORY}' in page.split('class="md-content"', 1)[1], (
        f"/{lang}{path} tells readers to use the repository but does not link to it")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_sidebar_is_grouped_with_short_titles(site: Path, lang: str) -> None:
    page = _page(site, "" if lang == "en" else "es/")
    sidebar = page.split('class="md-nav md-nav--primary"', 1)[1].split("</nav>\n</div>", 1)[0]
    # the current page's table of contents (for the phone drawer) is not a sidebar title
    sidebar = re.sub(r'<nav class="md-nav md-nav--secondary".*?</nav>', "", sidebar, flags=re.S)
    labels = [re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", s))).strip() for s in
              re.findall(r'<label class="md-nav__link"[^>]*>(.*?)</label>', sidebar, re.S)]
    assert [x for x in labels if x in SECTIONS[lang]] == SECTIONS[lang], labels
    items = [re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", s))).strip()
             for s in re.findall(r'<a href="[^"]*" class="md-nav__link[^"]*">(.*?)</a>',
                                 sidebar, re.S)]
    assert items, "no page links in the sidebar"
    too_long = [item for item in items if len(item) > 32]
    assert too_long == [], f"sidebar titles that wrap: {too_long}"
    assert not any(item.startswith(("Notebook:", "Cuaderno:")) for item in items), items


@pytest.mark.parametrize("lang", ["", "es/"])
def test_glossary_entry_shows_where_it_is(site: Path, lang: str) -> None:
    page = _page(site, lang + "glossary/attention-weight/")
    crumbs = page.split('<nav class="md-path"', 1)[1].split("</nav>", 1)[0]
    assert re.search(r'href="\.\./"[^>]*>\s*<span class="md-ellipsis">\s*(Glossary|Glosario)',
                     crumbs), "the breadcrumbs do not lead back to the glossary"
    active = re.search(r'<li class="md-nav__item md-nav__item--active">\s*<a href="\.\./"', page)
    assert active, "the sidebar does not mark the glossary as the current place"


def test_every_explained_in_target_exists_in_both_languages(site: Path) -> None:
    assert set(EXPLAINED_IN) <= set(ENTRIES), set(EXPLAINED_IN) - set(ENTRIES)
    assert len(EXPLAINED_IN) >= 0.75 * len(ENTRIES), "most entries should say where to read on"
    problems = []
    for slug, target in EXPLAINED_IN.items():
        for ref in [target["section"], *target.get("figures", [])]:
            page, anchor = ref.split("#")
            for lang in ("", "es/"):
                built = _page(site, lang + page.removesuffix(".md"))
                if f'id="{anchor}"' not in built:
                    problems.append(f"{slug}: /{lang}{page} has no #{anchor}")
    assert problems == []


@pytest.mark.parametrize("lang", ["", "es/"])
def test_entry_pages_link_to_the_section_and_figures(site: Path, lang: str) -> None:
    for slug, target in EXPLAINED_IN.items():
        page = _page(site, f"{lang}glossary/{slug}")
        body = page.split('class="md-content"', 1)[1]
        label = "Se explica en" if lang else "Explained in"
        assert label in body, f"/{lang}glossary/{slug}: no '{label}'"
        for ref in [target["section"], *target.get("figures", [])]:
            page_path, anchor = ref.split("#")
            href = f'href="../../{page_path.removesuffix(".md")}/#{anchor}"'
            assert href in body, f"/{lang}glossary/{slug}: no link {href}"


@pytest.mark.parametrize("lang", ["", "es/"])
def test_notebook_search_entries_do_not_open_with_helper_code(site: Path, lang: str) -> None:
    import json

    index = json.loads((site / lang / "search" / "search_index.json").read_text("utf-8"))
    notebooks = [d for d in index["docs"] if d["location"].startswith("notebooks/")]
    assert notebooks, "no notebook in the search index"
    for doc in notebooks:
        text = doc["text"][:400]  # what a search result shows first
        assert not re.search(r"Helper code|Código auxiliar|imports what|importa lo que|"
                             r"cells hold|celdas siguientes contienen|copied from|copiado de",
                             text), (
            f"/{lang}{doc['location']}: {text[:120]!r}")


@pytest.mark.parametrize(("lang", "name"), [("", "Attention Glossary"),
                                            ("es/", "Glosario de atención")])
def test_home_tab_title_says_what_the_site_offers(site: Path, lang: str, name: str) -> None:
    title = html.unescape(re.search(r"<title>(.*?)</title>", _page(site, lang)).group(1))
    assert title.count(name) == 1 and len(title) > len(name) + 10, title


@pytest.mark.parametrize(("lang", "term"), [("", "atención cruzada"), ("es/", "cross-attention")])
def test_glossary_search_entries_hold_the_other_languages_term_not_the_boxs_title(
        site: Path, lang: str, term: str) -> None:
    import json

    from ui import strings

    language = {"": ("en", "Spanish"), "es/": ("es", "inglés")}[lang]
    box = strings(language[0], "glossary")["other_language_summary"].format(language=language[1])
    index = json.loads((site / lang / "search" / "search_index.json").read_text("utf-8"))
    entry = [d for d in index["docs"] if d["location"].startswith("glossary/cross-attention/")]
    assert any(d["title"].lower() == term for d in entry), [d["title"] for d in entry]
    noisy = [d["location"] for d in index["docs"] if box in d["text"]]
    assert noisy == [], f"/{lang}: the other-language box's title is indexed: {noisy[:5]}"
