"""The project's bibliography (references.bib): keys and human-readable references."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

import latexcodec  # noqa: F401  (registers the "ulatex" codec)
from pybtex.database import BibliographyData, Entry, Person, parse_file

IN_WORD = {"en": "In", "es": "En"}


@dataclass(frozen=True)
class Reference:
    """One primary source, ready to print."""

    key: str
    authors: str  # "Vaswani, A., Shazeer, N., … & Polosukhin, I."
    short_authors: str  # "Vaswani et al."
    year: str
    title: str
    venue: str  # booktitle or journal; empty for preprints
    in_proceedings: bool  # a chapter of a book ("In …") rather than a journal article
    pages: str
    url: str  # DOI link, else arXiv abstract page

    def cite(self) -> str:
        """Author–year citation for running text, e.g. "Vaswani et al. (2017)"."""
        return f"{self.short_authors} ({self.year})"

    def markdown(self, language: str) -> str:
        """Full reference in Markdown, APA-like, with a link to the DOI or arXiv page."""
        return self._format(language, italic="*", link="<{}>")

    def text(self, language: str) -> str:
        """The same reference as plain text, for data exports."""
        return self._format(language, italic="", link="{}")

    def _format(self, language: str, italic: str, link: str) -> str:
        parts = [f"{self.authors} ({self.year}). {self.title}."]
        if self.venue:
            pages = f" (pp. {self.pages})" if self.pages else ""
            prefix = f"{IN_WORD[language]} " if self.in_proceedings else ""
            parts.append(f"{prefix}{italic}{self.venue}{italic}{pages}.")
        if self.url:
            parts.append(link.format(self.url))
        return " ".join(parts)


def load_bibliography(path: Path) -> BibliographyData:
    """Parse a BibTeX file; a syntax error becomes a ValueError naming the file."""
    try:
        return parse_file(str(path), bib_format="bibtex")
    except Exception as error:  # pybtex raises several unrelated exception types
        raise ValueError(f"{path}: cannot parse BibTeX: {error}") from error


def decode_latex(text: str) -> str:
    """LaTeX accents to Unicode, grouping braces removed (kept inside $math$)."""
    decoded = codecs.decode(text, "ulatex")
    pieces = re.split(r"(\$[^$]+\$)", decoded)
    return "".join(p if p.startswith("$") else p.replace("{", "").replace("}", "") for p in pieces)


def _initials(first_names: list[str]) -> str:
    initials = []
    for name in first_names:
        name = decode_latex(name)
        # "Minh-Thang" -> "M.-T.", "N." -> "N."
        initials.append("-".join(part[0] + "." for part in name.split("-") if part))
    return " ".join(initials)


def _person(person: Person) -> str:
    last = decode_latex(" ".join(person.prelast_names + person.last_names))
    initials = _initials(person.first_names + person.middle_names)
    return f"{last}, {initials}" if initials else last


def _author_list(persons: list[Person]) -> tuple[str, str]:
    others = bool(persons) and str(persons[-1]) == "others"
    named = [_person(p) for p in (persons[:-1] if others else persons)]
    first_last = decode_latex(" ".join(persons[0].last_names)) if persons else ""
    short = first_last if len(named) == 1 and not others else f"{first_last} et al."
    if len(named) == 2 and not others:
        short = f"{first_last} & {decode_latex(' '.join(persons[1].last_names))}"
    if others:
        full = ", ".join(named) + ", et al."
    elif len(named) > 1:
        full = ", ".join(named[:-1]) + ", & " + named[-1]
    else:
        full = "".join(named)
    return full, short


def reference(key: str, entry: Entry) -> Reference:
    fields = entry.fields
    full, short = _author_list(list(entry.persons.get("author", [])))
    if "doi" in fields:
        url = f"https://doi.org/{fields['doi']}"
    elif "eprint" in fields:
        url = f"https://arxiv.org/abs/{fields['eprint']}"
    else:
        url = fields.get("url", "")
    return Reference(
        key=key,
        authors=full,
        short_authors=short,
        year=fields.get("year", ""),
        title=decode_latex(fields.get("title", "")),
        venue=decode_latex(fields.get("booktitle", fields.get("journal", ""))),
        in_proceedings="booktitle" in fields,
        pages=fields.get("pages", "").replace("--", "–"),
        url=url,
    )


def references(bibliography: BibliographyData) -> dict[str, Reference]:
    """Every entry of the bibliography, by key."""
    return {key: reference(key, entry) for key, entry in bibliography.entries.items()}
