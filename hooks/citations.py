"""MkDocs hook: author–year citations and the References page, from references.bib.

In any page, ``[@key]`` or ``[@key1; @key2]`` becomes a parenthetical citation whose parts
link to the entry on the References page, e.g. "(Vaswani et al., 2017)";
``[-@key]`` prints the year only, for narrative use: "Bahdanau et al. [-@bahdanau2015align]".
Links are ordinary relative Markdown links (``references.md#<key>``), so MkDocs' strict
validation checks both the page and the anchor.

The References page (``references.md``) contains the line ``<!-- bibliography -->``; the hook
replaces it with every entry of references.bib, sorted by author, each a list item whose id
is its BibTeX key. Labels ("and"/"y", "In"/"En") follow ``config.theme["language"]``.

An unknown key, a malformed citation, or a bibliography entry without DOI or arXiv id fails
the build with a PluginError naming the page (or file) and the key.
"""

from __future__ import annotations

import codecs
import posixpath
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import latexcodec  # noqa: F401  (registers the "ulatex" codec)
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from pybtex.database import Person, parse_file

REFERENCES_PAGE = "references.md"
BIBLIOGRAPHY_MARKER = "<!-- bibliography -->"
BIB_FILE_NAME = "references.bib"

LABELS: dict[str, dict[str, str]] = {
    "en": {"and": "and", "final_and": "&", "in": "In", "pages": "pp.", "volume": "Vol."},
    "es": {"and": "y", "final_and": "y", "in": "En", "pages": "pp.", "volume": "Vol."},
}

_KEY = r"[A-Za-z0-9_:.\-]+"
# One citation group: [@a] or [@a; -@b]; not a Markdown link "[@a](...)".
CITATION_RE = re.compile(rf"\[(-?@{_KEY}(?:\s*;\s*-?@{_KEY})*)\](?!\()")
# Anything else that looks like a citation attempt, e.g. "[@a, @b]" or "[see @a]".
MALFORMED_RE = re.compile(r"\[[^\]\n]*(?<![\w.])@[A-Za-z][^\]\n]*\](?!\()")
FENCE_RE = re.compile(r"^\s*(`{3,}|~{3,})")
INLINE_CODE_RE = re.compile(r"(`+)(?:.+?)\1", re.DOTALL)


@dataclass(frozen=True)
class Author:
    last: str  # "Kaiser", "van der Maaten"
    initials: str  # "Ł.", "A. N.", "J.-B."


@dataclass(frozen=True)
class Source:
    """One entry of references.bib, decoded from LaTeX to Unicode."""

    key: str
    entry_type: str  # "inproceedings", "article", "misc", ...
    authors: tuple[Author, ...]
    more_authors: bool  # the list ends in "and others"
    year: str
    title: str
    venue: str  # booktitle or journal; "" for preprints
    volume: str
    series: str
    pages: str  # with an en dash: "1412–1421"
    doi: str
    eprint: str  # arXiv identifier

    @property
    def sort_key(self) -> tuple[str, ...]:
        names = tuple(_collation_key(author.last + " " + author.initials)
                      for author in self.authors)
        return (*names, self.year, _collation_key(self.title))


def _collation_key(text: str) -> str:
    """Accent- and case-insensitive key, so "Ré" sorts with "Re"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def _latex_to_text(value: str) -> str:
    """Decode LaTeX accents and drop protective braces; keep $...$ math for KaTeX."""
    return codecs.decode(value, "ulatex").replace("{", "").replace("}", "").strip()


def _initials(given_names: list[str]) -> str:
    """["Aidan", "N."] -> "A. N."; ["Jean-Baptiste"] -> "J.-B."."""
    parts = []
    for name in given_names:
        name = _latex_to_text(name)
        parts.append("-".join(piece[0] + "." for piece in name.split("-") if piece))
    return " ".join(parts)


def _author(person: Person) -> Author:
    last = " ".join(_latex_to_text(part) for part in person.prelast_names + person.last_names)
    return Author(last=last, initials=_initials(person.first_names + person.middle_names))


def load_sources(path: Path) -> dict[str, Source]:
    """Parse references.bib; ValueError naming the file and key on any unusable entry."""
    try:
        data = parse_file(str(path), bib_format="bibtex")
    except Exception as error:  # pybtex raises several unrelated exception types
        raise ValueError(f"{path}: cannot parse BibTeX: {error}") from error
    sources: dict[str, Source] = {}
    for key, entry in data.entries.items():
        fields = entry.fields
        people = list(entry.persons.get("author", []))
        more = bool(people) and str(people[-1]) == "others"
        people = people[:-1] if more else people
        missing = [name for name in ("title", "year") if not fields.get(name)]
        if not people:
            missing.insert(0, "author")
        if missing:
            raise ValueError(f"{path}: entry {key!r} has no {', '.join(missing)}")
        if not fields.get("doi") and not fields.get("eprint"):
            raise ValueError(f"{path}: entry {key!r} has neither a doi nor an arXiv eprint")
        sources[key] = Source(
            key=key,
            entry_type=entry.type.lower(),
            authors=tuple(_author(person) for person in people),
            more_authors=more,
            year=fields["year"].strip(),
            title=_latex_to_text(fields["title"]),
            venue=_latex_to_text(fields.get("booktitle") or fields.get("journal") or ""),
            volume=fields.get("volume", "").strip(),
            series=_latex_to_text(fields.get("series", "")),
            pages=_latex_to_text(fields.get("pages", "")).replace("-", "–").replace("––", "–"),
            doi=fields.get("doi", "").strip(),
            eprint=fields.get("eprint", "").strip(),
        )
    return sources


_CACHE: dict[tuple[str, int], dict[str, Source]] = {}


def cached_sources(path: Path) -> dict[str, Source]:
    """load_sources once per file version, so the Spanish build reuses the English parse."""
    cache_key = (str(path.resolve()), path.stat().st_mtime_ns)
    if cache_key not in _CACHE:
        _CACHE[cache_key] = load_sources(path)
    return _CACHE[cache_key]


def _join_two(first: str, second: str, lang: str) -> str:
    word = LABELS[lang]["and"]
    # Spanish "y" becomes "e" before an /i/ sound: "Jain e Ibáñez" (not before "hie-", "hia-").
    folded = _collation_key(second)
    if lang == "es" and re.match(r"h?i(?![aeou])", folded):
        word = "e"
    return f"{first} {word} {second}"


def short_author(source: Source, lang: str) -> str:
    """"Graves", "Jain and Wallace" / "Jain y Wallace", "Vaswani et al."."""
    lasts = [author.last for author in source.authors]
    if len(lasts) == 1 and not source.more_authors:
        return lasts[0]
    if len(lasts) == 2 and not source.more_authors:
        return _join_two(lasts[0], lasts[1], lang)
    return f"{lasts[0]} et al."


def citation_labels(sources: dict[str, Source], lang: str) -> dict[str, str]:
    """Key -> "Author, year", with 2017a/2017b where two entries would read the same."""
    plain = {key: (short_author(source, lang), source.year) for key, source in sources.items()}
    groups: dict[tuple[str, str], list[str]] = {}
    for key, label in plain.items():
        groups.setdefault(label, []).append(key)
    labels = {}
    for (author, year), keys in groups.items():
        keys.sort(key=lambda k: sources[k].sort_key)
        for index, key in enumerate(keys):
            suffix = "abcdefghijklmnopqrstuvwxyz"[index] if len(keys) > 1 else ""
            labels[key] = f"{author}, {year}{suffix}"
    return labels


def _tooltip(title: str) -> str:
    """A link title attribute: no quotes or math delimiters to confuse the inline parsers."""
    return re.sub(r'["$\\]', "", title)


def _cite_group(body: str, sources: dict[str, Source], labels: dict[str, str],
                link_base: str, where: str) -> str:
    parts = []
    for item in (piece.strip() for piece in body.split(";")):
        year_only = item.startswith("-")
        key = item.lstrip("-")[1:]
        if key not in sources:
            raise ValueError(f"{where}: unknown citation key {key!r} (not in {BIB_FILE_NAME})")
        label = labels[key]
        text = label.rsplit(", ", 1)[1] if year_only else label
        title = _tooltip(sources[key].title)
        parts.append(f'[{text}]({link_base}#{key} "{title}")')
    return "(" + "; ".join(parts) + ")"


def _cite_line(line: str, sources: dict[str, Source], labels: dict[str, str],
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


def _cite_prose(text: str, sources: dict[str, Source], labels: dict[str, str],
                link_base: str, where: str) -> str:
    replaced = CITATION_RE.sub(
        lambda match: _cite_group(match.group(1), sources, labels, link_base, where), text)
    leftover = MALFORMED_RE.search(CITATION_RE.sub("", text))
    if leftover:
        raise ValueError(f"{where}: malformed citation {leftover.group(0)!r} "
                         "(write [@key] or [@key1; @key2])")
    return replaced


def replace_citations(markdown: str, sources: dict[str, Source], lang: str,
                      page_path: str) -> str:
    """Turn every [@key] outside code into linked author–year citations.

    page_path is the page's path inside docs/ (e.g. "glossary/x.md"): the links are relative
    to it. Raises ValueError naming page_path and the key for an unknown key.
    """
    labels = citation_labels(sources, lang)
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


def _author_list(source: Source, lang: str) -> str:
    """APA style: "Bahdanau, D., Cho, K., & Bengio, Y." (Spanish: "… y Bengio, Y.")."""
    names = [f"{author.last}, {author.initials}".rstrip(", ") for author in source.authors]
    if source.more_authors:
        return ", ".join(names) + ", et al."
    if len(names) == 1:
        return names[0]
    final_and = LABELS[lang]["final_and"]
    # APA puts a comma before "&" ("Jain, S., & Wallace, B. C.") but never before "y".
    separator = ", " if final_and == "&" else " "
    return ", ".join(names[:-1]) + f"{separator}{final_and} {names[-1]}"


def format_reference(source: Source, lang: str) -> str:
    """One bibliography entry as Markdown (no list marker, no anchor)."""
    labels = LABELS[lang]
    title = source.title.rstrip(".")
    text = f"{_author_list(source, lang)} ({source.year}). "
    if source.venue:
        details = []
        if source.volume:
            details.append(f"{source.series} {labels['volume']} {source.volume}".strip())
        if source.pages:
            details.append(f"{labels['pages']} {source.pages}")
        in_word = f"{labels['in']} " if source.entry_type != "article" else ""
        extra = f" ({', '.join(details)})" if details else ""
        text += f"{title}. {in_word}*{source.venue}*{extra}."
    else:
        text += f"*{title}*."
    if source.doi:
        url = f"https://doi.org/{source.doi}"
        text += f" [{url}]({url})."
    if source.eprint:
        text += f" arXiv: [{source.eprint}](https://arxiv.org/abs/{source.eprint})."
    return text


def render_bibliography(sources: dict[str, Source], lang: str) -> str:
    """Every entry, sorted by author, as a Markdown list; each item's id is its key."""
    items = []
    for source in sorted(sources.values(), key=lambda s: s.sort_key):
        items.append(f"- {format_reference(source, lang)}\n  {{ #{source.key} }}")
    return "\n".join(items) + "\n"


def bib_path(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent / BIB_FILE_NAME


def _sources(config: MkDocsConfig) -> dict[str, Source]:
    try:
        return cached_sources(bib_path(config))
    except (OSError, ValueError) as error:
        raise PluginError(f"hooks/citations.py: {error}") from error


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _sources(config)  # a broken bibliography fails before any page is rendered
    return config


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    lang = str(config.theme["language"])
    if lang not in LABELS:
        raise PluginError(f"hooks/citations.py: no citation labels for language {lang!r}")
    sources = _sources(config)
    page_path = page.file.src_uri
    if page_path == REFERENCES_PAGE:
        if BIBLIOGRAPHY_MARKER not in markdown:
            raise PluginError(f"{page_path} ({lang}): the line {BIBLIOGRAPHY_MARKER} is missing")
        markdown = markdown.replace(BIBLIOGRAPHY_MARKER, render_bibliography(sources, lang))
    try:
        return replace_citations(markdown, sources, lang, page_path)
    except ValueError as error:
        raise PluginError(str(error)) from error
