"""Context sentences quoted from this site (source `site:<page>#<anchor>`), and their check.

A context sentence must be a sentence of the page and section it names, as a reader sees
it: links reduced to their text, emphasis removed. Pages are docs/<lang>/<page>.md, or a
glossary entry (`site:glossary/<slug>#explanation`). The check is what keeps the quotation
honest when a page is edited.
"""

from __future__ import annotations

import re
from pathlib import Path

from glossary.markup import find_term
from glossary.model import Context, Glossary

DOCS_DIR = Path(__file__).resolve().parents[1] / "docs"
HEADING = re.compile(r"^(#{1,6})\s+(?P<title>.*?)\s*\{\s*#(?P<anchor>[\w-]+)[^}]*\}\s*$")
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
MD_LINK = re.compile(r"!?\[(?P<text>[^\]]*)\]\((?:[^()]|\([^)]*\))*\)")
REF_LINK = re.compile(r"\[(?P<text>[^\]]+)\]\[[^\]]*\]")
ATTRS = re.compile(r"\{\s*[:#.][^}]*\}")
# A citation such as [@key] or [@a; -@b]: a quotation may leave it out, as quotations do,
# or give it as the page shows it, "(Press et al., 2022)"; both are compared without it.
CITATION = re.compile(r"\s*\[-?@[^\]]+\]")
RENDERED_CITATION = re.compile(
    r"\s*\((?:(?:[A-Z][^()]*?,? )?\d{4}[a-z]?(?:; )?)+\)")
# TeX as KaTeX shows it: the Greek letters quoted as characters, markup characters dropped.
GREEK = {name: chr(code) for name, code in (
    ("alpha", 945), ("beta", 946), ("gamma", 947), ("delta", 948), ("epsilon", 949),
    ("lambda", 955), ("mu", 956), ("pi", 960), ("sigma", 963), ("tau", 964), ("theta", 952),
    ("ell", 8467))}
TEX_MARKUP = re.compile(r"[_^{}]|\\[,;!]")


def loose(text: str) -> str:
    """Text compared without TeX markup or citations: what the reader sees, roughly."""
    text = RENDERED_CITATION.sub("", text)
    text = re.sub(r"\\([a-z]+)", lambda m: GREEK.get(m.group(1), m.group(0)), text)
    return " ".join(TEX_MARKUP.sub("", text).split())
INLINE_MATH = re.compile(r"(?<![\\$])\$(?P<tex>[^$\s][^$]*?)\$")
EMPHASIS = re.compile(r"(\*{1,2}|_{1,2})(?P<inner>\S(?:.*?\S)?)\1")


def plain(markdown: str) -> str:
    """Markdown prose as read: links to their text, no emphasis, attribute lists or
    citation markers."""
    text = CITATION.sub("", markdown)
    text = INLINE_MATH.sub(r"\g<tex>", text)  # $k$ reads as k
    text = MD_LINK.sub(r"\g<text>", text)
    text = REF_LINK.sub(r"\g<text>", text)
    text = ATTRS.sub(" ", text)
    for _ in range(2):  # nested *[*x*](...)*
        text = EMPHASIS.sub(r"\g<inner>", text)
    return " ".join(text.split())


def sections(markdown: str) -> dict[str, str]:
    """anchor -> plain text of that section (up to the next heading of the same or a
    higher level), without code blocks, tables or admonition titles."""
    found: dict[str, list[str]] = {}
    open_sections: list[tuple[int, str]] = []
    fence = None
    for line in markdown.splitlines():
        if fence:
            if FENCE.match(line) and line.strip().startswith(fence):
                fence = None
            continue
        match = FENCE.match(line)
        if match:
            fence = match.group(1)
            continue
        heading = HEADING.match(line)
        if heading:
            level = len(heading.group(1))
            open_sections = [(lv, a) for lv, a in open_sections if lv < level]
            open_sections.append((level, heading.group("anchor")))
            found.setdefault(heading.group("anchor"), [])
            continue
        stripped = line.strip()
        if stripped.startswith(("|", "!!!", "???", "<", "===")):
            continue
        for _level, anchor in open_sections:
            found[anchor].append(stripped)
    return {anchor: plain(" ".join(lines)) for anchor, lines in found.items()}


def source_sections(page: str, language: str, glossary: Glossary) -> dict[str, str] | None:
    """The sections of a site page in one language; None if there is no such page."""
    if page.startswith("glossary/"):
        slug = page.removeprefix("glossary/")
        if slug not in glossary.by_slug:
            return None
        section = glossary[slug].lang(language)
        return {"explanation": plain(section.explanation), "definition": plain(section.definition)}
    path = DOCS_DIR / language / f"{page}.md"
    if not path.is_file():
        return None
    return sections(path.read_text(encoding="utf-8"))


def term_forms(term: str) -> list[str]:
    """The term and simple plurals: of its first or last word (pesos de atención, keys), or
    of every word (estados ocultos)."""
    words = term.split()
    forms = {term, " ".join(w + ("s" if w[-1] in "aeiouáéó" else "es") for w in words)}
    for index in {0, len(words) - 1}:
        word = words[index]
        plurals = [word + "s", word + "es"]
        if word.endswith("z"):
            plurals.append(word[:-1] + "ces")
        if word.endswith("y"):
            plurals.append(word[:-1] + "ies")
        for plural in plurals:
            forms.add(" ".join([*words[:index], plural, *words[index + 1:]]))
    return sorted(forms)


def uses_term(text: str, terms: list[str]) -> bool:
    return any(find_term(form, text) for term in terms for form in term_forms(term))


def context_problem(context: Context, language: str, glossary: Glossary) -> str | None:
    """Why a site: context is not a sentence of the section it names; None when it is."""
    site_page = context.site_page
    if site_page is None:
        return None  # a bibliography quotation: checked by whoever adds it, against the paper
    page, anchor = site_page
    found = source_sections(page, language, glossary)
    if found is None:
        return f"no page '{page}' in language '{language}'"
    if anchor not in found:
        return f"page '{page}' ({language}) has no section '#{anchor}'"
    # A sentence that introduces a display formula ends in ":" on the page, "." when quoted.
    quoted = loose(plain(context.text)).rstrip(".:;")
    if quoted not in loose(found[anchor]):
        return f"the sentence is not in '{page}#{anchor}' ({language}) as written"
    return None


def section_title(page: str, anchor: str, language: str, glossary: Glossary) -> str:
    """A reader's name for a site: source: "Attention weights › Temperature"."""
    if page.startswith("glossary/"):
        slug = page.removeprefix("glossary/")
        if slug in glossary.by_slug:
            return glossary[slug].lang(language).headword.term
        return page
    path = DOCS_DIR / language / f"{page}.md"
    if not path.is_file():
        return page
    page_title, heading = page, ""
    for line in path.read_text(encoding="utf-8").splitlines():
        match = HEADING.match(line)
        if match and len(match.group(1)) == 1 and page_title == page:
            page_title = plain(match.group("title"))
        if match and match.group("anchor") == anchor and len(match.group(1)) > 1:
            heading = plain(match.group("title"))
    return f"{page_title} › {heading}" if heading else page_title


GLOSSARY_LINK = re.compile(r"\]\((?:\.\./)*glossary/(?P<slug>[a-z0-9-]+)\.md(?:#[^)]*)?\)")


def pages_linking_entries(language: str) -> dict[str, list[tuple[str, str, str]]]:
    """slug -> [(page, anchor, "Page › Section")] for the concept pages of one language
    that link to the entry, first link per page, pages in name order."""
    found: dict[str, list[tuple[str, str, str]]] = {}
    for path in sorted((DOCS_DIR / language).glob("*.md")):
        page = path.stem
        if page in ("index", "data", "references"):
            continue
        title, anchor, heading = page, "", ""
        seen: set[str] = set()
        for line in path.read_text(encoding="utf-8").splitlines():
            match = HEADING.match(line)
            if match:
                if len(match.group(1)) == 1:
                    title, anchor = plain(match.group("title")), match.group("anchor")
                else:
                    anchor, heading = match.group("anchor"), plain(match.group("title"))
                continue
            for link in GLOSSARY_LINK.finditer(line):
                slug = link.group("slug")
                if slug not in seen:
                    seen.add(slug)
                    name = f"{title} › {heading}" if heading else title
                    found.setdefault(slug, []).append((page, anchor, name))
    return found
