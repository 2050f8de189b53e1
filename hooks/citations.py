"""MkDocs hook: author–year citations and the References page, from references.bib.

In any page, ``[@key]`` or ``[@key1; @key2]`` becomes a parenthetical citation whose parts
link to the entry on the References page, e.g. "(Vaswani et al., 2017)";
``[-@key]`` prints the year only, for narrative use: "Bahdanau et al. [-@bahdanau2015align]".
Links are ordinary relative Markdown links (``references.md#<key>``), so MkDocs' strict
validation checks both the page and the anchor.

The References page (``references.md``) contains the line ``<!-- bibliography -->``; the hook
replaces it with every entry of references.bib, sorted by author, each a list item whose id
is its BibTeX key. Labels ("and"/"y", "In"/"En") follow ``config.theme["language"]``; the
parsing and the formatting live in glossary/references.py, shared with the glossary pages.

An unknown key, a malformed citation, or a bibliography entry without DOI or arXiv id fails
the build with a PluginError naming the page (or file) and the key.
"""

from __future__ import annotations

import functools
import posixpath
import re
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

if TYPE_CHECKING:
    from glossary.references import Reference

REFERENCES_PAGE = "references.md"
BIBLIOGRAPHY_MARKER = "<!-- bibliography -->"
BIB_FILE_NAME = "references.bib"

_KEY = r"[A-Za-z0-9_:.\-]+"
# One citation group: [@a] or [@a; -@b]; not a Markdown link "[@a](...)".
CITATION_RE = re.compile(rf"\[(-?@{_KEY}(?:\s*;\s*-?@{_KEY})*)\](?!\()")
# Anything else that looks like a citation attempt, e.g. "[@a, @b]" or "[see @a]".
MALFORMED_RE = re.compile(r"\[[^\]\n]*(?<![\w.])@[A-Za-z][^\]\n]*\](?!\()")
FENCE_RE = re.compile(r"^\s*(`{3,}|~{3,})")
INLINE_CODE_RE = re.compile(r"(`+)(?:.+?)\1", re.DOTALL)


def _cite_group(body: str, sources: dict[str, Reference], labels: dict[str, str],
                link_base: str, where: str) -> str:
    parts = []
    for item in (piece.strip() for piece in body.split(";")):
        year_only = item.startswith("-")
        key = item.lstrip("-")[1:]
        if key not in sources:
            raise ValueError(f"{where}: unknown citation key {key!r} (not in {BIB_FILE_NAME})")
        label = labels[key]
        text = label.rsplit(", ", 1)[1] if year_only else label
        # No title attribute: site-deferred.js shows the whole reference on hover and focus,
        # and a browser's own title tooltip would appear on top of it (and cost 1 KB gzip on
        # a page with 20 citations).
        parts.append(f"[{text}]({link_base}#{key})")
    return "(" + "; ".join(parts) + ")"


def _cite_line(line: str, sources: dict[str, Reference], labels: dict[str, str],
               link_base: str, where: str) -> str:
    """Replace citations in one line of prose, leaving inline code spans alone."""
    pieces = []
    position = 0
    for code in INLINE_CODE_RE.finditer(line):
        pieces.append(_cite_prose(line[position:code.start()], sources, labels, link_base,
                                  where))
        pieces.append(code.group(0))
        position = code.end()
    pieces.append(_cite_prose(line[position:], sources, labels, link_base, where))
    return "".join(pieces)


def _cite_prose(text: str, sources: dict[str, Reference], labels: dict[str, str],
                link_base: str, where: str) -> str:
    replaced = CITATION_RE.sub(
        lambda match: _cite_group(match.group(1), sources, labels, link_base, where), text)
    leftover = MALFORMED_RE.search(CITATION_RE.sub("", text))
    if leftover:
        raise ValueError(f"{where}: malformed citation {leftover.group(0)!r} "
                         "(write [@key] or [@key1; @key2])")
    return replaced


def replace_citations(markdown: str, sources: dict[str, Reference], lang: str,
                      page_path: str, labels: dict[str, str] | None = None) -> str:
    """Turn every [@key] outside code into linked author–year citations.

    page_path is the page's path inside docs/ (e.g. "glossary/x.md"): the links are relative
    to it. Raises ValueError naming page_path and the key for an unknown key. ``labels``:
    ``citation_labels(sources, lang)`` when the caller has it (the same for every page).
    """
    from glossary.references import citation_labels  # imported per build: see hooks/live.py

    labels = citation_labels(sources, lang) if labels is None else labels
    link_base = posixpath.relpath(REFERENCES_PAGE, posixpath.dirname(page_path) or ".")
    where = f"{page_path} ({lang})"
    lines = markdown.split("\n")
    fence: str | None = None
    for index, line in enumerate(lines):
        match = FENCE_RE.match(line)
        if fence is None and match:
            fence = match.group(1)
        elif fence is not None:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence) \
                    and not line.strip()[len(match.group(1)):].strip():
                fence = None
        elif "@" in line:
            lines[index] = _cite_line(line, sources, labels, link_base, where)
    return "\n".join(lines)


def bib_path(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent / BIB_FILE_NAME


@functools.lru_cache(maxsize=1)
def _parsed(path: Path, version: int) -> dict[str, Reference]:
    from glossary import build
    from glossary.references import load_references

    if path == build.BIB_PATH:  # the project's: already parsed with the glossary's data
        return build.project_data().references
    return load_references(path)


@functools.lru_cache(maxsize=2)
def _labels(path: Path, version: int, lang: str) -> dict[str, str]:
    """The citation labels, once per version of the bibliography and language (not per page)."""
    from glossary.references import citation_labels

    return citation_labels(_parsed(path, version), lang)


def _sources(config: MkDocsConfig) -> dict[str, Reference]:
    """The bibliography, parsed once per version of the file (not once per page)."""
    path = bib_path(config)
    try:
        return _parsed(path, path.stat().st_mtime_ns)
    except (OSError, ValueError) as error:
        raise PluginError(f"hooks/citations.py: {error}") from error


def on_files(files: Files, config: MkDocsConfig) -> Files:
    # A broken bibliography fails before any page is rendered. Not in on_config: hooks/live.py
    # forgets the glossary package in between, so it would be loaded twice.
    _sources(config)
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    from glossary.references import LABELS, render_bibliography

    lang = str(config.theme["language"])
    if lang not in LABELS:
        raise PluginError(f"hooks/citations.py: no citation labels for language {lang!r}")
    sources = _sources(config)
    page_path = page.file.src_uri
    if page_path == REFERENCES_PAGE:
        if BIBLIOGRAPHY_MARKER not in markdown:
            raise PluginError(f"{page_path} ({lang}): the line {BIBLIOGRAPHY_MARKER} is missing")
        markdown = markdown.replace(BIBLIOGRAPHY_MARKER, render_bibliography(sources, lang))
    path = bib_path(config)
    labels = _labels(path, path.stat().st_mtime_ns, lang)
    try:
        return replace_citations(markdown, sources, lang, page_path, labels)
    except ValueError as error:
        raise PluginError(str(error)) from error
