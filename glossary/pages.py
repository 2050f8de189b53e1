"""Markdown of the generated pages: one page per entry and language, and the index."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date

import yaml

from glossary.citation import apa, bibtex, csl_json, entry_citation, sentence_case
from glossary.collation import ALPHABETS, initial_letter, sort_key
from glossary.contexts import pages_linking_entries, section_title
from glossary.i18n import MONTHS, text
from glossary.markup import to_description, to_page_markdown
from glossary.model import LANGUAGES, SUBJECTS, Context, Entry, Glossary, Variant
from glossary.notation import notation
from glossary.references import Reference
from glossary.site import AUTHORS, SITE_NAMES, Site

LOCALES = {"en": "en-US", "es": "es"}


# libyaml's emitter when PyYAML has it (six times faster on ~540 pages; same text).
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _front_matter(meta: dict[str, object]) -> str:
    dumped = yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{dumped}---\n"


def display_term(variant: Variant, language: str, page_language: str) -> str:
    """A term as Markdown/HTML: loanwords in italics, other languages tagged with lang."""
    shown = f"*{variant.term}*" if variant.foreign else variant.term
    if language != page_language:
        return f'<span lang="{language}">{shown}</span>'
    return shown


def long_date(day: date, language: str) -> str:
    """December 3, 2026 / 3 de diciembre de 2026."""
    month = MONTHS[language][day.month - 1]
    if language == "es":
        return f"{day.day} de {month} de {day.year}"
    return f"{month} {day.day}, {day.year}"


def head_meta(entry: Entry, language: str, site: Site) -> list[dict[str, str]]:
    """Highwire Press (Google Scholar, Zotero) and Dublin Core tags for an entry page.

    They describe the version shown (`entry` may be an archived one): its permanent URL,
    plus the entry's address, which always shows the current version.
    """
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
        {"name": "DC.relation.isVersionOf", "content": citation.stable_url},
        {"name": "DC.hasVersion", "content": citation.version},
    ]


def search_terms(entry: Entry) -> list[str]:
    """The headword of each language (synonyms would let an entry that repeats a word in
    several of them outrank the entry whose headword is the query)."""
    terms: list[str] = []
    for language in LANGUAGES:
        term = entry.lang(language).headword.term
        if term not in terms:
            terms.append(term)
    return terms


def grammar(variant: Variant, language: str) -> str:
    """Part of speech and gender in the page's language: "sustantivo, femenino"."""
    parts = [text(language, f"pos_{variant.pos}")] if variant.pos else []
    if variant.gender:
        parts.append(text(language, f"gender_{variant.gender}"))
    return ", ".join(parts)


def _terms_table(entry: Entry, language: str) -> list[str]:
    t = lambda key: text(language, key)  # noqa: E731
    # Versions archived before the translator fields existed have no grammar to show.
    with_grammar = any(v.pos for lang in LANGUAGES for v in entry.lang(lang).terms)
    grammar_head = f" {t('grammar')} |" if with_grammar else ""
    rows = [
        f"| {t('term')} | {t('language')} | {t('status')} |{grammar_head} {t('note')} |",
        "|---|---|---|---|---|" if with_grammar else "|---|---|---|---|",
    ]
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
            grammar_cell = f" {grammar(variant, language)} |" if with_grammar else ""
            rows.append(f"| {term} | {t('lang_' + lang)} | {status} |{grammar_cell} {note} |")
    return rows


def _tab(title: str, fence: str, content: str) -> list[str]:
    body = [f"    ```{fence}", *[f"    {line}" for line in content.splitlines()], "    ```"]
    return [f'=== "{title}"', "", *body, ""]


def cite_block(
    citation_apa: Callable[[str, str], str],
    citation_bibtex: Callable[[str], str],
    citation_csl: Callable[[str], str],
    language: str,
    anchor: str,
) -> list[str]:
    """APA as formatted text with a copy button, BibTeX and CSL-JSON as code.

    The callables take the access date placeholder(s); the page's script replaces them.
    """
    t = lambda key: text(language, key)  # noqa: E731
    iso = t("accessed_iso_placeholder")
    accessed = f'<span class="ag-accessed">{t("accessed_placeholder")}</span>'
    apa_id = f"{anchor}-apa"
    # The URL as a link: APA puts it last.
    reference = re.sub(r"(https?://\S+)$", r"<\1>", citation_apa(accessed, "*{}*"))
    return [
        f'<div class="ag-cite" data-locale="{LOCALES[language]}" data-iso="{iso}" markdown>',
        "",
        '=== "APA 7"',
        "",
        f'    <span id="{apa_id}">{reference}</span>'
        f' <button class="md-clipboard md-icon" type="button" title="{t("copy")}"'
        f' aria-label="{t("copy")}" data-clipboard-target="#{apa_id}"></button>',
        "    { .ag-apa }",
        "",
        *_tab("BibTeX", "bibtex", citation_bibtex(iso)),
        *_tab("CSL-JSON", "json", citation_csl(iso)),
        "</div>",
        "",
    ]


def _sources_section(entry: Entry, refs: dict[str, Reference], language: str) -> list[str]:
    """The "Sources" heading and list of an entry (or of one of its versions)."""
    lines = [f"## {text(language, 'sources')} {{ #sources }}", ""]
    if entry.sources:
        return lines + [f"- {refs[key].markdown(language)}" for key in entry.sources]
    return [*lines, text(language, "no_sources")]


def _cite_lines(entry: Entry, language: str, site: Site, anchor: str) -> list[str]:
    citation = entry_citation(entry, language, site)
    return cite_block(
        lambda accessed, italic: apa(citation, accessed, italic),
        lambda accessed: bibtex(citation, accessed),
        lambda accessed: csl_json(citation, accessed),
        language,
        anchor,
    )


def history_table(entry: Entry, language: str, link: Callable[[str], str]) -> list[str]:
    """One row per published version, newest first, each linked to its permanent page."""
    t = lambda key: text(language, key)  # noqa: E731
    rows = [
        f"| {t('history_version')} | {t('history_date')} | {t('history_changes')} |",
        "|---|---|---|",
    ]
    for line in reversed(entry.history):
        label = f"[{line.version}]({link(line.version)})"
        if line.version == entry.version:
            label += f" ({t('current')})"
        rows.append(f"| {label} | {line.date.isoformat()} | {line.changes[language]} |")
    return rows


def context_source(context: Context, refs: dict[str, Reference], language: str,
                   page_language: str, glossary: Glossary, site: Site) -> str:
    """Markdown naming where a context sentence comes from, linked when it is this site.

    The link leads to the sentence in its own language: a relative link within the page's
    language, the other language's full address otherwise (it is another build).
    """
    site_page = context.site_page
    if site_page is None:
        return refs[context.source].markdown(page_language)
    page, anchor = site_page
    name = section_title(page, anchor, language, glossary)
    if language != page_language:
        target = f"{site.language_url(language)}{page}/#{anchor}"
        return f'<span lang="{language}">[{name}]({target})</span>'
    if page.startswith("glossary/"):
        target = f"{page.removeprefix('glossary/')}.md#{anchor}"
    else:
        target = f"../{page}.md#{anchor}"
    return f"[{name}]({target})"


def _context_lines(context: Context | None, refs: dict[str, Reference], page_language: str,
                   language: str, glossary: Glossary, site: Site) -> list[str]:
    if context is None:
        return []
    t = lambda key: text(page_language, key)  # noqa: E731
    attrs = f'{{ lang="{language}" }}' if language != page_language else ""
    source = context_source(context, refs, language, page_language, glossary, site)
    return [f"> {context.text}", f"> {attrs}".rstrip(), "",
            f"{t('context_source')}: {source}", ""]


def entry_page(
    entry: Entry, glossary: Glossary, refs: dict[str, Reference], site: Site, language: str,
    linking: dict[str, list[tuple[str, str, str]]] | None = None,
) -> str:
    """The Markdown (with front matter) of glossary/<slug>.md in `language`. ``linking``:
    ``pages_linking_entries(language)`` when the caller already has it (it reads every page)."""
    t = lambda key: text(language, key)  # noqa: E731
    section = entry.lang(language)
    headword = section.headword
    correction = site.correction_url(entry.slug, language, headword.term, entry.version)

    def link(slug: str) -> str:
        return f"{slug}.md"

    def entry_link(slug: str) -> str:
        target = glossary[slug].lang(language).headword
        return f"[{display_term(target, language, language)}]({link(slug)})"

    title_md = sentence_case(headword.term)
    other = next(lang for lang in LANGUAGES if lang != language)
    other_section = entry.lang(other)
    other_name = t(f"lang_{other}")
    toc_label = t("other_language").format(language=other_name)
    other_attrs = f'lang="{other}" data-toc-label="{toc_label}"'
    lines = [
        _front_matter(
            {
                "title": title_md,
                "description": to_description(section.definition),
                "head_meta": head_meta(entry, language, site),
                # Search only (no tags plugin, so nothing is shown): Material weighs a tag
                # match above any title or text, so typing a preferred term in either
                # language finds this entry before pages that merely use the words.
                "tags": search_terms(entry),
            }
        ),
        f"# {'*' + title_md + '*' if headword.foreign else title_md} {{ #term }}",
        "",
        f'!!! abstract "{t("definition")}"',
        "",
        f"    {section.definition}",
        "",
        # A collapsed box (pymdownx.details' markup, written here so that its summary can
        # stay out of the search index, where it would be a line of every entry's result).
        '<details class="note" markdown>',
        f'<summary data-search-exclude="">'
        f"{html.escape(t('other_language_summary').format(language=other_name))}</summary>",
        "",
        # A heading, so that search finds the entry by its term in the other language (a
        # title match ranks above pages that merely mention the words).
        f"## {other_section.headword.term} {{ #other-language {other_attrs} }}",
        "",
        other_section.definition,
        f'{{ lang="{other}" }}',
        "",
        *_context_lines(other_section.context, refs, language, other, glossary, site),
        "</details>",
        "",
        f"## {t('terms')} {{ #terms }}",
        "",
        *_terms_table(entry, language),
        "",
    ]
    if entry.subject:
        lines += [f"{t('subject')}: {SUBJECTS[entry.subject][language]}.", ""]
    if section.context:
        lines += [f"## {t('context')} {{ #context }}", ""]
        lines += _context_lines(section.context, refs, language, language, glossary, site)
    lines += [
        f"## {t('explanation')} {{ #explanation }}",
        "",
        to_page_markdown(section.explanation, link),
        "",
    ]
    # The way on to the concept pages (UX review, finding 12: entries were dead ends).
    linked = (pages_linking_entries(language) if linking is None else linking).get(entry.slug, [])
    if linked:
        lines += [f"{t('read_more')}", ""]
        lines += [f"- [{name}](../{page}.md#{anchor})" for page, anchor, name in linked]
        lines.append("")
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
    lines += _sources_section(entry, refs, language)
    lines += [
        "",
        # data-search-exclude: the citation formats in the search index would only be noise.
        f"## {t('cite')} {{ #cite data-search-exclude }}",
        "",
        t("cite_version_intro").format(version=entry.version),
        "",
        *_cite_lines(entry, language, site, "cite"),
        f"## {t('version')} {{ #version }}",
        "",
        t("version_line").format(
            version=entry.version, created=entry.created.isoformat(),
            updated=entry.updated.isoformat(),
        ),
        "",
        t("history_intro"),
        "",
        *history_table(entry, language, lambda version: f"{entry.slug}/{version}.md"),
        "",
        f"## {t('suggest')} {{ #suggest }}",
        "",
        t("suggest_intro"),
        "",
        f"[{t('suggest')}]({correction}){{ .md-button }}",
        "",
    ]
    return "\n".join(lines)


def version_page(
    shown: Entry, current: Entry, glossary: Glossary, refs: dict[str, Reference], site: Site,
    language: str,
) -> str:
    """glossary/<slug>/<version>.md: exactly the text of one published version.

    `shown` is that version (archived, or the current entry itself); the page says whether
    it is superseded and links to the entry's address, which shows the current version.
    """
    t = lambda key: text(language, key)  # noqa: E731
    section = shown.lang(language)
    term = sentence_case(section.headword.term)
    current_term = sentence_case(current.lang(language).headword.term)
    title = t("version_title").format(term=term, version=shown.version)
    published = next(line.date for line in current.history if line.version == shown.version)
    entry_link = f"../{current.slug}.md"

    def link(slug: str) -> str:
        return f"../{slug}.md"

    if shown.version == current.version:
        status_title = t("current_version")
        status = t("current_text").format(
            version=shown.version, date=long_date(published, language), term=current_term,
            link=entry_link,
        )
        kind = "success"
    else:
        status_title = t("superseded")
        status = t("superseded_text").format(
            version=shown.version, date=long_date(published, language),
            current=current.version, current_date=long_date(current.updated, language),
            link=entry_link,
        )
        kind = "warning"
    meta = {
        "title": title,
        "description": t("version_description").format(
            version=shown.version, term=term, definition=to_description(section.definition)
        ),
        "head_meta": head_meta(shown, language, site),
        # Old versions would compete with the entry in search; the entry links to them.
        "search": {"exclude": True},
    }
    lines = [
        _front_matter(meta),
        f"# {title} {{ #term }}",
        "",
        f'!!! {kind} "{status_title}"',
        "",
        f"    {status}",
        "",
        f'!!! abstract "{t("definition")}"',
        "",
        f"    {section.definition}",
        "",
        f"## {t('terms')} {{ #terms }}",
        "",
        *_terms_table(shown, language),
        "",
        f"## {t('explanation')} {{ #explanation }}",
        "",
        to_page_markdown(section.explanation, link),
        "",
    ]
    if shown.formula:
        lines += [f"## {t('formula')} {{ #formula }}", "", "$$", shown.formula, "$$", ""]
    lines += _sources_section(shown, refs, language)
    lines += [
        "",
        f"## {t('cite_version')} {{ #cite data-search-exclude }}",
        "",
        t("cite_version_intro").format(version=shown.version),
        "",
        *_cite_lines(replace_version(shown, published), language, site, "cite"),
        f"## {t('history')} {{ #history }}",
        "",
        *history_table(current, language, lambda version: f"{version}.md"),
        "",
    ]
    return "\n".join(lines)


def replace_version(entry: Entry, published: date) -> Entry:
    """An archived file keeps the 'updated' it had; its version is dated by the history."""
    return replace(entry, updated=published)


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
            target = display_term(headword, language, language)
            # A second preferred term is a synonym of equal standing: "(preferred), see"
            # read as a contradiction (UX review, finding 12).
            # «término admitido» agrees with a term of either gender (Spanish review #70).
            label = "synonym" if variant.status == "preferred" else f"index_status_{variant.status}"
            lines.append(f"- {shown} ({t(label)}), {t('see')} [{target}]({entry.slug}.md)")
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
        f"- [glossary.tsv](glossary.tsv): {t('download_tsv')}",
        f"- [glossary.tbx](glossary.tbx): {t('download_tbx')}",
        f"- [glossary.bib](glossary.bib): {t('download_bib')}",
        "",
    ]
    return "\n".join(lines)
