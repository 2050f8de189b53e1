"""The project's bibliography (references.bib): the one place references are parsed and printed.

Everything that shows a reference uses this module, in the reader's language: the References
page and the ``[@key]`` citations of every page (hooks/citations.py), the sources of each
glossary entry (glossary/pages.py) and the data exports. Style: APA-like author–year; in
Spanish «y» (or «e» before an /i/ sound) joins the last two authors and «En» introduces a
proceedings volume; in English ", &" and "In".

An entry without authors, title, year, or a DOI or arXiv id is refused with a ValueError that
names the file and the key.
"""

from __future__ import annotations

import codecs
import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import latexcodec  # noqa: F401  (registers the "ulatex" codec)
from pybtex.database import BibliographyData, Person, parse_file

from ui import LANGUAGES, strings

# "and"/"y", "&"/"y", "In"/"En", ... (ui/<lang>.yml, section "bibliography")
LABELS: dict[str, dict[str, str]] = {lang: strings(lang, "bibliography") for lang in LANGUAGES}


@dataclass(frozen=True)
class Author:
    last: str  # "Kaiser", "van der Maaten"
    initials: str  # "Ł.", "A. N.", "J.-B."


@dataclass(frozen=True)
class Reference:
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
    def url(self) -> str:
        """The DOI link, else the arXiv abstract page."""
        return f"https://doi.org/{self.doi}" if self.doi else \
            f"https://arxiv.org/abs/{self.eprint}"

    @property
    def sort_key(self) -> tuple[str, ...]:
        names = tuple(collation_key(author.last + " " + author.initials)
                      for author in self.authors)
        return (*names, self.year, collation_key(self.title))

    def cite(self, language: str = "en") -> str:
        """Author–year citation for running text: "Vaswani et al. (2017)"."""
        return f"{short_author(self, language)} ({self.year})"

    def markdown(self, language: str) -> str:
        """The full reference as Markdown, with its DOI or arXiv link."""
        return format_reference(self, language)

    def text(self, language: str) -> str:
        """The same reference as plain text, for data exports."""
        return format_reference(self, language, markup=False)


@functools.cache  # every page's citations sort the whole bibliography again
def collation_key(text: str) -> str:
    """Accent- and case-insensitive key, so "Ré" sorts with "Re"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


@functools.lru_cache(maxsize=8192)  # a pure function; latexcodec is slow and names repeat
def decode_latex(text: str) -> str:
    """LaTeX accents to Unicode, grouping braces removed; $math$ is kept as written (KaTeX
    renders it), braces included."""
    pieces = re.split(r"(\$[^$]+\$)", text)
    return "".join(p if p.startswith("$") else
                   codecs.decode(p, "ulatex").replace("{", "").replace("}", "")
                   for p in pieces).strip()


def _initials(given_names: list[str]) -> str:
    """["Aidan", "N."] -> "A. N."; ["Jean-Baptiste"] -> "J.-B."."""
    parts = []
    for name in given_names:
        name = decode_latex(name)
        parts.append("-".join(piece[0] + "." for piece in name.split("-") if piece))
    return " ".join(parts)


def _author(person: Person) -> Author:
    last = " ".join(decode_latex(part) for part in person.prelast_names + person.last_names)
    return Author(last=last, initials=_initials(person.first_names + person.middle_names))


def load_bibliography(path: Path) -> BibliographyData:
    """Parse a BibTeX file; a syntax error becomes a ValueError naming the file."""
    try:
        return parse_file(str(path), bib_format="bibtex")
    except Exception as error:  # pybtex raises several unrelated exception types
        raise ValueError(f"{path}: cannot parse BibTeX: {error}") from error


def references(data: BibliographyData, path: Path | str = "references.bib"
               ) -> dict[str, Reference]:
    """Every entry of the bibliography, by key; ValueError naming ``path`` and the key on any
    unusable entry."""
    found: dict[str, Reference] = {}
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
        found[key] = Reference(
            key=key,
            entry_type=entry.type.lower(),
            authors=tuple(_author(person) for person in people),
            more_authors=more,
            year=fields["year"].strip(),
            title=decode_latex(fields["title"]),
            venue=decode_latex(fields.get("booktitle") or fields.get("journal") or ""),
            volume=fields.get("volume", "").strip(),
            series=decode_latex(fields.get("series", "")),
            pages=decode_latex(fields.get("pages", "")).replace("-", "–").replace("––", "–"),
            doi=fields.get("doi", "").strip(),
            eprint=fields.get("eprint", "").strip(),
        )
    return found


def load_references(path: Path) -> dict[str, Reference]:
    return references(load_bibliography(path), path)


def _join_two(first: str, second: str, lang: str) -> str:
    word = LABELS[lang]["and"]
    # Spanish "y" becomes "e" before an /i/ sound: "Jain e Ibáñez" (not before "hie-", "hia-").
    if lang == "es" and re.match(r"h?i(?![aeou])", collation_key(second)):
        word = "e"
    return f"{first} {word} {second}"


def short_author(ref: Reference, lang: str) -> str:
    """"Graves", "Jain and Wallace" / "Jain y Wallace", "Vaswani et al."."""
    lasts = [author.last for author in ref.authors]
    if len(lasts) == 1 and not ref.more_authors:
        return lasts[0]
    if len(lasts) == 2 and not ref.more_authors:
        return _join_two(lasts[0], lasts[1], lang)
    return f"{lasts[0]} et al."


def citation_labels(refs: dict[str, Reference], lang: str) -> dict[str, str]:
    """Key -> "Author, year", with 2017a/2017b where two entries would read the same."""
    groups: dict[tuple[str, str], list[str]] = {}
    for key, ref in refs.items():
        groups.setdefault((short_author(ref, lang), ref.year), []).append(key)
    labels = {}
    for (author, year), keys in groups.items():
        keys.sort(key=lambda k: refs[k].sort_key)
        for index, key in enumerate(keys):
            suffix = "abcdefghijklmnopqrstuvwxyz"[index] if len(keys) > 1 else ""
            labels[key] = f"{author}, {year}{suffix}"
    return labels


def author_list(ref: Reference, lang: str) -> str:
    """APA style: "Bahdanau, D., Cho, K., & Bengio, Y." (Spanish: "… Cho, K. y Bengio, Y.")."""
    names = [f"{author.last}, {author.initials}".rstrip(", ") for author in ref.authors]
    if ref.more_authors:
        return ", ".join(names) + ", et al."
    if len(names) == 1:
        return names[0]
    final_and = LABELS[lang]["final_and"]
    # APA puts a comma before "&" ("Jain, S., & Wallace, B. C.") but never before "y".
    separator = ", " if final_and == "&" else " "
    return ", ".join(names[:-1]) + f"{separator}{final_and} {names[-1]}"


def format_reference(ref: Reference, lang: str, markup: bool = True) -> str:
    """One bibliography entry as Markdown (``markup``) or plain text; no list marker."""
    labels = LABELS[lang]
    italic = "*" if markup else ""
    title = ref.title.rstrip(".")
    text = f"{author_list(ref, lang)} ({ref.year}). "
    if ref.venue:
        details = []
        if ref.volume:
            details.append(f"{ref.series} {labels['volume']} {ref.volume}".strip())
        if ref.pages:
            details.append(f"{labels['pages']} {ref.pages}")
        in_word = f"{labels['in']} " if ref.entry_type != "article" else ""
        extra = f" ({', '.join(details)})" if details else ""
        text += f"{title}. {in_word}{italic}{ref.venue}{italic}{extra}."
    else:
        text += f"{italic}{title}{italic}."
    if ref.doi:
        url = f"https://doi.org/{ref.doi}"
        text += f" [{url}]({url})." if markup else f" {url}."
    if ref.eprint:
        url = f"https://arxiv.org/abs/{ref.eprint}"
        text += f" arXiv: [{ref.eprint}]({url})." if markup else f" arXiv: {ref.eprint}."
    return text


def render_bibliography(refs: dict[str, Reference], lang: str) -> str:
    """Every entry, sorted by author, as a Markdown list; each item's id is its key."""
    items = [f"- {format_reference(ref, lang)}\n  {{ #{ref.key} }}"
             for ref in sorted(refs.values(), key=lambda r: r.sort_key)]
    return "\n".join(items) + "\n"
