"""Check that the first use of each glossary term on a page links to its entry.

For the concept pages: a reader meeting a term for the first time should be one click away
from its definition. `unlinked_first_uses` scans the running text of a Markdown page (code,
math, headings, HTML and link targets excluded), finds the first occurrence of every term
of the glossary (singular or plural, longest term first, so that "atención cruzada" is not
counted as a use of "atención"), and reports those that are not inside a link to the entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from glossary.model import Glossary

_FENCE = re.compile(r"^[ \t]*(```|~~~).*?^[ \t]*\1[^\n]*$", re.MULTILINE | re.DOTALL)
_MASKED = [
    re.compile(r"\A---\n.*?\n---\n", re.DOTALL),  # front matter
    re.compile(r"\$\$.*?\$\$", re.DOTALL),  # display math
    re.compile(r"(?<![\\$])\$[^$\n]+\$"),  # inline math
    re.compile(r"`[^`\n]+`"),  # inline code
    re.compile(r"<!--.*?-->", re.DOTALL),  # comments
    re.compile(r"<[^>\n]+>"),  # HTML tags (their text stays)
    re.compile(r"^#{1,6}[ \t].*$", re.MULTILINE),  # headings
    re.compile(r"^[ \t]*(?:!!!|\?\?\?\+?|===).*$", re.MULTILINE),  # admonition / tab titles
    re.compile(r"^[ \t]*-{1,2}8<-{1,2}.*$", re.MULTILINE),  # snippet includes
    re.compile(r"\[@[^\]]+\]"),  # citations
    re.compile(r"\{[ \t]*[#.][^}\n]*\}"),  # attribute lists
]
_LINK = re.compile(r"\[(?P<text>[^\]]+)\]\((?P<target>[^)\s]+)(?:\s+\"[^\"]*\")?\)")


@dataclass(frozen=True)
class FirstUse:
    slug: str
    text: str  # the words as they appear on the page
    line: int  # 1-based
    linked: bool  # inside a link to the entry


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))  # keep offsets and line numbers


def prose_mask(markdown: str) -> tuple[str, list[tuple[int, int, str]]]:
    """The page with non-prose blanked out, and the (start, end, target) of every link text."""
    text = _FENCE.sub(_blank, markdown)
    for pattern in _MASKED:
        text = pattern.sub(_blank, text)
    links = []
    for match in _LINK.finditer(text):
        links.append((match.start("text"), match.end("text"), match.group("target")))
    # Link targets are not prose.
    text = _LINK.sub(
        lambda m: m.group(0)[: m.end("text") - m.start() + 1] + " " * (m.end() - m.end("text") - 1),
        text,
    )
    return text, links


def _word_pattern(word: str, language: str) -> str:
    """A word in the singular or the plural (regular plurals of English and Spanish)."""
    escaped = re.escape(word)
    if not word[-1:].isalpha():
        return escaped
    if language == "es" and word.endswith("z"):
        return re.escape(word[:-1]) + "(?:z|ces)"
    if language == "es" and word.endswith(("ón", "án", "én", "ín", "ún")):
        plain = {"ó": "o", "á": "a", "é": "e", "í": "i", "ú": "u"}[word[-2]]
        return re.escape(word[:-2]) + f"(?:{word[-2:]}|{plain}nes)"
    if language == "en" and word.endswith("y") and word[-2:-1] not in "aeiou":
        return re.escape(word[:-1]) + "(?:y|ies)"
    return escaped + "(?:s|es)?"


def term_pattern(term: str, language: str) -> re.Pattern[str]:
    words = [_word_pattern(w, language) for w in re.split(r"[\s]+", term.strip())]
    return re.compile(r"(?<![\w-])" + r"\s+".join(words) + r"(?![\w-])", re.IGNORECASE)


def _links_to(target: str, slug: str) -> bool:
    return re.search(rf"glossary/{re.escape(slug)}(?:\.md|/|#|$)", target) is not None


def first_uses(
    markdown: str, glossary: Glossary, language: str, statuses: tuple[str, ...] = ("preferred",)
) -> list[FirstUse]:
    """The first use of every entry's terms (of the given statuses) on the page, in order."""
    text, links = prose_mask(markdown)
    candidates = []
    for entry in glossary.entries:
        for variant in entry.lang(language).terms:
            if variant.status not in statuses:
                continue
            for match in term_pattern(variant.term, language).finditer(text):
                length = match.end() - match.start()
                candidates.append((match.start(), -length, match, entry.slug))
    candidates.sort(key=lambda c: (c[0], c[1]))
    taken_until = -1
    first: dict[str, FirstUse] = {}
    for start, _negative_length, match, slug in candidates:
        if start < taken_until:
            continue  # inside a longer term ("atención" within "atención cruzada")
        taken_until = match.end()
        if slug in first:
            continue
        linked = any(s <= start and match.end() <= e and _links_to(t, slug) for s, e, t in links)
        line = text.count("\n", 0, start) + 1
        first[slug] = FirstUse(slug=slug, text=match.group(0), line=line, linked=linked)
    return sorted(first.values(), key=lambda use: use.line)


def unlinked_first_uses(
    markdown: str, glossary: Glossary, language: str, statuses: tuple[str, ...] = ("preferred",)
) -> list[FirstUse]:
    """First uses that do not link to their entry: what a page author should fix."""
    return [u for u in first_uses(markdown, glossary, language, statuses) if not u.linked]
