"""Markdown of the generated pages: one page per entry and language, and the index."""

from __future__ import annotations

import yaml

from glossary.citation import apa, bibtex, csl_json, entry_citation, sentence_case
from glossary.collation import ALPHABETS, initial_letter, sort_key
from glossary.i18n import text
from glossary.markup import to_description, to_page_markdown
from glossary.model import LANGUAGES, Entry, Glossary, Variant
from glossary.notation import notation
from glossary.references import Reference
from glossary.site import AUTHORS, SITE_NAMES, Site


def _front_matter(meta: dict[str, object]) -> str:
    dumped = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{dumped}---\n"


def display_term(variant: Variant, language: str, page_language: str) -> str:
    """A term as Markdown/HTML: loanwords in italics, other languages tagged with lang."""
    shown = f"*{variant.term}*" if variant.foreign else variant.term
    if language != page_language:
        return f'<span lang="{language}">{shown}</span>'
    return shown


def head_meta(entry: Entry, language: str, site: Site) -> list[dict[str, str]]:
    """Highwire Press (Google Scholar, Zotero) and Dublin Core tags for an entry page."""
    citation = entry_citation(entry, language, site)
    definition = to_description(entry.lang(language).definition)
    return [
        {"name": "citation_title", "content": citation.title},
        {"name": "citation_author", "content": AUTHORS[language]},
        {"name": "citation_publication_date", "content": entry.created.strftime("%Y/%m/%d")},
        {"name": "citation_date", "content": entry.updated.strftime("%Y/%m/%d")},
        {"name": "citation_online_date", "content": entry.updated.strftime("%Y/%m/%d")},
        {"name": "citation_language", "content": language},
        {"name": "citation_publisher", "content": SITE_NAMES[language]},
        {"name": "citation_public_url", "content": citation.url},
        {"name": "citation_abstract_html_url", "content": citation.url},
        {"name": "DC.title", "content": citation.title},
        {"name": "DC.creator", "content": AUTHORS[language]},
        {"name": "DC.date", "content": entry.updated.isoformat()},
        {"name": "DC.language", "content": language},
        {"name": "DC.publisher", "content": SITE_NAMES[language]},
        {"name": "DC.identifier", "content": citation.url},
        {"name": "DC.type", "content": "Text"},
        {"name": "DC.format", "content": "text/html"},
        {"name": "DC.description", "content": definition},
        {"name": "DC.rights", "content": "CC BY 4.0"},
        {"name": "DC.relation.isPartOf", "content": SITE_NAMES[language]},
    ]


def _terms_table(entry: Entry, language: str) -> list[str]:
    t = lambda key: text(language, key)  # noqa: E731
    rows = [f"| {t('term')} | {t('language')} | {t('status')} | {t('note')} |", "|---|---|---|---|"]
    others = [lang for lang in LANGUAGES if lang != language]
    for lang in [language, *others]:
        for variant in entry.lang(lang).terms:
            term = display_term(variant, lang, language)
            if variant.status == "preferred":
                term = f"**{term}**"
            note = variant.note
            if note and lang != language:
                note = f'<span lang="{lang}">{note}</span>'
            status = t(f"status_{variant.status}")
            if variant.status == "deprecated":
                status = f"{status} ({t('do_not_use')})"
            rows.append(f"| {term} | {t('lang_' + lang)} | {status} | {note} |")
    return rows


def _tab(title: str, fence: str, content: str) -> list[str]:
    body = [f"    ```{fence}", *[f"    {line}" for line in content.splitlines()], "    ```"]
    return [f'=== "{title}"', "", *body, ""]


def entry_page(
    entry: Entry, glossary: Glossary, refs: dict[str, Reference], site: Site, language: str
) -> str:
    """The Markdown (with front matter) of glossary/<slug>.md in `language`."""
    t = lambda key: text(language, key)  # noqa: E731
    section = entry.lang(language)
    headword = section.headword
    citation = entry_citation(entry, language, site)
    correction = site.correction_url(entry.slug, language, headword.term, entry.version)

    def link(slug: str) -> str:
        return f"{slug}.md"

    def entry_link(slug: str) -> str:
        target = glossary[slug].lang(language).headword
        return f"[{display_term(target, language, language)}]({link(slug)})"

    title_md = sentence_case(headword.term)
    lines = [
        _front_matter(
            {
                "title": title_md,
                "description": to_description(section.definition),
                "head_meta": head_meta(entry, language, site),
            }
        ),
        f"# {'*' + title_md + '*' if headword.foreign else title_md} {{ #term }}",
        "",
        f'!!! abstract "{t("definition")}"',
        "",
        f"    {section.definition}",
        "",
        f"## {t('terms')} {{ #terms }}",
        "",
        *_terms_table(entry, language),
        "",
        f"## {t('explanation')} {{ #explanation }}",
        "",
        to_page_markdown(section.explanation, link),
        "",
    ]
    if entry.formula:
        lines += [f"## {t('formula')} {{ #formula }}", "", "$$", entry.formula, "$$", ""]
    if entry.related:
        lines += [f"## {t('related')} {{ #related }}", ""]
        lines += [f"- {entry_link(slug)}" for slug in entry.related]
        lines.append("")
    backlinks = [s for s in glossary.backlinks(entry.slug) if s not in entry.related]
    if backlinks:
        lines += [f"## {t('backlinks')} {{ #backlinks }}", ""]
        lines += [f"- {entry_link(slug)}" for slug in backlinks]
        lines.append("")
    lines += [f"## {t('sources')} {{ #sources }}", ""]
    if entry.sources:
        lines += [f"- {refs[key].markdown(language)}" for key in entry.sources]
    else:
        lines.append(t("no_sources"))
    lines += [
        "",
        f"## {t('cite')} {{ #cite }}",
        "",
        t("cite_intro"),
        "",
        *_tab("APA 7", "text", apa(citation)),
        *_tab("BibTeX", "bibtex", bibtex(citation)),
        *_tab("CSL-JSON", "json", csl_json(citation)),
        f"## {t('version')} {{ #version }}",
        "",
        t("version_line").format(
            version=entry.version, created=entry.created.isoformat(),
            updated=entry.updated.isoformat(),
        ),
        "",
        f"## {t('suggest')} {{ #suggest }}",
        "",
        t("suggest_intro"),
        "",
        f"[{t('suggest')}]({correction}){{ .md-button }}",
        "",
    ]
    return "\n".join(lines)


def letter_anchor(letter: str) -> str:
    """Language-neutral, ASCII id of an index letter: 'A' -> letter-a, 'Ñ' -> letter-n-tilde."""
    return "letter-n-tilde" if letter == "Ñ" else f"letter-{letter.lower()}"


def index_items(glossary: Glossary, language: str) -> list[tuple[str, str, Variant, Entry]]:
    """(letter, sort term, variant, entry) for every term of `language`, in its order.

    Headwords lead to their entry; other variants (admitted, deprecated, secondary preferred)
    are listed too, as cross-references, so that a reader can look up any form.
    """
    items = []
    for entry in glossary.entries:
        for variant in entry.lang(language).terms:
            items.append((initial_letter(variant.term, language), variant.term, variant, entry))
    items.sort(key=lambda item: sort_key(item[1], language))
    return items


def index_page(glossary: Glossary, site: Site, language: str) -> str:
    """Markdown of glossary/index.md in `language`, sorted by that language's rules."""
    t = lambda key: text(language, key)  # noqa: E731
    items = index_items(glossary, language)
    present = []
    for letter, *_ in items:
        if letter not in present:
            present.append(letter)
    navigation = " ".join(
        f"[{letter.upper()}](#{letter_anchor(letter.upper())})"
        if letter.upper() in present
        else f'<span class="glossary-letter-empty">{letter.upper()}</span>'
        for letter in ALPHABETS[language]
    )
    lines = [
        _front_matter({"title": t("index_title"), "description": t("index_description")}),
        f"# {t('index_title')} {{ #glossary }}",
        "",
        t("index_intro").format(count=len(glossary)),
        "",
        f'<nav class="glossary-letters" aria-label="{t("letters")}" markdown>',
        navigation,
        "</nav>",
        "",
    ]
    current = None
    for letter, _term, variant, entry in items:
        if letter != current:
            lines += ["", f"## {letter} {{ #{letter_anchor(letter)} }}", ""]
            current = letter
        headword = entry.lang(language).headword
        shown = display_term(variant, language, language)
        if variant is headword:
            definition = entry.lang(language).definition
            lines.append(f"- [{shown}]({entry.slug}.md): {definition}")
        else:
            status = t(f"status_{variant.status}")
            target = display_term(headword, language, language)
            lines.append(f"- {shown} ({status}), {t('see')} [{target}]({entry.slug}.md)")
    notes = notation()[language]  # one convention for every formula, stated once
    lines += ["", f"## {notes['title']} {{ #notation }}", "", notes["text"]]
    lines += [
        "",
        f"## {t('downloads')} {{ #downloads }}",
        "",
        t("downloads_intro").format(data="../data.md"),
        "",
        f"- [glossary.json](glossary.json): {t('download_json')}",
        f"- [glossary.csv](glossary.csv): {t('download_csv')}",
        f"- [glossary.tbx](glossary.tbx): {t('download_tbx')}",
        f"- [glossary.bib](glossary.bib): {t('download_bib')}",
        "",
    ]
    return "\n".join(lines)
