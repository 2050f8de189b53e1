"""The small Markdown dialect of entry texts, and its conversions.

Entry texts may use *italics* (glosses, loanwords), $inline math$, and links to other
entries written as Markdown reference links whose label is a slug: [texto][softmax].
"""

from __future__ import annotations

import re
from collections.abc import Callable

ENTRY_LINK = re.compile(r"\[(?P<text>[^\]]+)\]\[(?P<slug>[^\]]+)\]")
# An English (or other) term glossed in parentheses, the only place where a deprecated
# form may appear: *autoatención* (*self-attention*).
GLOSS = re.compile(r"\(\*[^*()]+\*\)")
INLINE_MATH = re.compile(r"\$[^$]+\$")
EMPHASIS = re.compile(r"(\*{1,2})(?P<inner>[^*]+)\1")
ITALIC_SPAN = re.compile(r"(?<!\*)\*(?P<inner>[^*]+)\*(?!\*)")


def linked_slugs(text: str) -> list[str]:
    """Slugs that `text` links to, in order of appearance."""
    return [m.group("slug") for m in ENTRY_LINK.finditer(text)]


def replace_links(text: str, render: Callable[[str, str], str]) -> str:
    """Replace every [text][slug] with render(text, slug)."""
    return ENTRY_LINK.sub(lambda m: render(m.group("text"), m.group("slug")), text)


def to_page_markdown(text: str, url_of: Callable[[str], str]) -> str:
    """Markdown for a page: entry links become inline links to url_of(slug)."""
    return replace_links(text, lambda label, slug: f"[{label}]({url_of(slug)})")


def to_plain_text(text: str) -> str:
    """Text for data exports: links reduced to their text, emphasis markers removed.

    Inline math keeps its $...$ delimiters so that consumers can still recognise LaTeX.
    """
    plain = replace_links(text, lambda label, _slug: label)
    pieces = re.split(r"(\$[^$]+\$)", plain)
    # Emphasis markers are removed only outside math, where * may be a real operator.
    pieces = [p if p.startswith("$") else EMPHASIS.sub(r"\g<inner>", p) for p in pieces]
    return " ".join("".join(pieces).split())


def prose_only(text: str) -> str:
    """The running text that must follow the terminology: glosses and math removed."""
    without_links = replace_links(text, lambda label, _slug: label)
    return INLINE_MATH.sub(" ", GLOSS.sub(" ", without_links))


def find_term(term: str, text: str) -> bool:
    """Whether `term` occurs in `text` as whole words, ignoring case."""
    pattern = r"(?<!\w)" + r"\s+".join(map(re.escape, term.split())) + r"(?!\w)"
    return re.search(pattern, text, flags=re.IGNORECASE) is not None


def italic_spans(text: str) -> list[str]:
    """Contents of the *italic* spans of `text` (links reduced to their text)."""
    plain = replace_links(text, lambda label, _slug: label)
    return [m.group("inner") for m in ITALIC_SPAN.finditer(plain)]


_LATEX_SYMBOLS = {
    r"\alpha": "α", r"\theta": "θ", r"\pi": "π", r"\infty": "∞", r"\top": "ᵀ",
    r"\cdot": "·", r"\times": "×", r"\le": "≤", r"\ll": "≪", r"\to": "→", r"\dots": "…",
}


def math_to_text(latex: str) -> str:
    """A readable approximation of simple inline LaTeX, for <meta> descriptions."""
    text = re.sub(r"\\(?:text|mathrm|operatorname)\{([^{}]*)\}", r"\1", latex)
    text = re.sub(r"\\sqrt\{([^{}]*)\}", r"√\1", text)
    for command, symbol in _LATEX_SYMBOLS.items():
        text = re.sub(re.escape(command) + r"(?![A-Za-z])", symbol, text)
    text = re.sub(r"\\[,;!]", "", text)
    text = re.sub(r"\\([A-Za-z]+)", r"\1", text)
    return text.replace("{", "").replace("}", "")


def to_description(text: str) -> str:
    """Plain text without LaTeX markup: the content of a <meta name="description">."""
    plain = to_plain_text(text)
    return INLINE_MATH.sub(lambda m: math_to_text(m.group(0)[1:-1]), plain)
