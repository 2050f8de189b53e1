"""MkDocs hook: the sidebar in the reader's language, with short titles.

mkdocs.yml groups the pages into sections (Concepts, Notebooks, Reference) with English
section titles; the Spanish build inherits that nav, so this hook translates the section
titles. Long page titles are shortened for the sidebar, breadcrumbs and footer only: the
page's <title>, H1 and link previews keep the full title (Material's <title> prefers
``page.meta.title``). The titles are in the UI catalogue (ui/<lang>.yml, section "nav"). A
page without a short title keeps its own, so a new page needs no entry; a section title
missing a translation fails the build.

Glossary entries are not in the nav (there are dozens); each is attached under the glossary
index page, so the sidebar marks "Glossary" as the active item and the breadcrumbs read
Home › Reference › Glossary.
"""

from __future__ import annotations

import functools
import html
import re
from pathlib import Path

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section

GLOSSARY_INDEX = "glossary/index.md"

def _strings(lang: str) -> dict:
    """This hook's strings in ``lang`` (ui/<lang>.yml, section "nav")."""
    from ui import strings

    return strings(lang, "nav")


def _language(config: MkDocsConfig) -> str:
    return str(config.theme["language"])


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    lang = _language(config)
    for item in nav.items:
        if isinstance(item, Section):
            title = _strings(lang)["sections"].get(item.title)
            if title is None:
                raise PluginError(f"hooks/nav.py: no {lang!r} title for the nav section "
                                  f"{item.title!r}; add it to nav.sections in ui/{lang}.yml")
            item.title = title
    _attach_glossary_entries(nav, files)
    return nav


def _attach_glossary_entries(nav: Navigation, files: Files) -> None:
    index = next((p for p in nav.pages if p.file.src_uri == GLOSSARY_INDEX), None)
    if index is None:
        return
    for file in files.documentation_pages():
        if (file.src_uri.startswith("glossary/") and file.src_uri != GLOSSARY_INDEX
                and file.page is not None and file.page.parent is None):
            file.page.parent = index


def on_env(env, config: MkDocsConfig, files: Files):
    # Every page has been read (and notebook pages titled) by now; none is rendered yet.
    short_titles = _strings(_language(config))["short_titles"]
    for file in files.documentation_pages():
        page, short = file.page, short_titles.get(file.src_uri)
        if page is None or short is None:
            continue
        page.meta.setdefault("title", page.title)  # the full title, for <title> and og:title
        page.title = short
    return env


# --- "Explained in": from each glossary entry to the concept section and its figures ------

EXPLAINED_IN = Path(__file__).resolve().parent.parent / "glossary" / "explained-in.yml"
_HEADING = re.compile(r"^#{1,6} (.+?)\s*\{[^}]*#([\w-]+)[^}]*\}\s*$", re.MULTILINE)
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.DOTALL)


@functools.cache
def explained_in() -> dict[str, dict[str, list[str]]]:
    """The map slug -> {"section": "page.md#anchor", "figures": [...]}; bad entries raise."""
    data = yaml.safe_load(EXPLAINED_IN.read_text("utf-8")) or {}
    for slug, target in data.items():
        if not isinstance(target, dict) or "#" not in str(target.get("section", "")):
            raise PluginError(f"{EXPLAINED_IN.name}: {slug}: 'section' must be 'page.md#anchor'")
        for figure in target.get("figures", []):
            if "#" not in figure:
                raise PluginError(f"{EXPLAINED_IN.name}: {slug}: figure {figure!r} must be "
                                  "'page.md#figure-id'")
    return data


@functools.cache
def _headings(docs_dir: str, page: str) -> dict[str, str]:
    path = Path(docs_dir, page)
    if not path.is_file():
        raise PluginError(f"{EXPLAINED_IN.name}: no page {path}")
    return {anchor: re.sub(r"[*_`]", "", text) for text, anchor in
            _HEADING.findall(path.read_text("utf-8"))}


@functools.cache
def _figure_title(figure_id: str, lang: str) -> str:
    from snippets.explorer import _static_figure

    if figure_id.startswith("explorer-"):
        return _strings(lang)["explorer"]
    match = _TITLE.search(_static_figure(figure_id.removeprefix("fig-"), lang))
    return html.unescape(match.group(1)).strip() if match else figure_id


def _explained_in_markdown(slug: str, lang: str, docs_dir: str) -> str:
    target = explained_in().get(slug)
    if target is None:
        return ""
    labels = _strings(lang)

    def section_link(ref: str) -> str:
        page, anchor = ref.split("#", 1)
        headings = _headings(docs_dir, page)
        if anchor not in headings:
            raise PluginError(f"{EXPLAINED_IN.name}: {slug}: no heading #{anchor} on {page} "
                              f"({lang})")
        top = next(iter(headings.values()))
        text = top if anchor == next(iter(headings)) else f"{top} › {headings[anchor]}"
        return f"[{text}](../{page}#{anchor})"

    lines = [f"**{labels['explained_in']}:** {section_link(target['section'])}"]
    # Figure ids come from raw HTML, which MkDocs' anchor check cannot see: plain links,
    # checked against the built pages by tests/test_ux_site.py instead.
    figures = []
    for ref in target.get("figures", []):
        page, anchor = ref.split("#", 1)
        title = html.escape(_figure_title(anchor, lang))
        figures.append(f'<a href="../../{page.removesuffix(".md")}/#{anchor}">{title}</a>')
    if figures:
        lines.append(f"**{labels['figures']}:** " + " · ".join(figures))
    return "\n\n".join(lines)


def on_page_markdown(markdown: str, page, config: MkDocsConfig, files: Files) -> str:
    src = page.file.src_uri
    if not src.startswith("glossary/") or src == GLOSSARY_INDEX:
        return markdown
    block = _explained_in_markdown(src.removeprefix("glossary/").removesuffix(".md"),
                                   _language(config), config.docs_dir)
    if not block:
        return markdown
    # Under the definition and the other language's box: before the Terms section.
    match = re.search(r"^## .*\{ #terms \}", markdown, re.MULTILINE)
    at = match.start() if match else len(markdown)
    return f"{markdown[:at]}{block}\n\n{markdown[at:]}"
