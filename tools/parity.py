"""Check that the English and Spanish pages are in step.

For every page under docs/en there must be the same page under docs/es (and vice versa)
with the same heading ids in the same order, and the same number of code includes,
executed blocks, figures, formulas and links (and the same internal link targets).
Prose may differ freely; structure may not.

    python -m tools.parity [--docs DIR]     # exit 1 and one line per problem
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("en", "es")

_FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})(.*)$")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
_HEADING_ID = re.compile(r"\{[^}]*#([A-Za-z0-9_-]+)[^}]*\}\s*$")
_INCLUDE = re.compile(r'--8<--\s+"([^"]+)"')
_FIGURE = re.compile(r"""\brender\(\s*["']([\w-]+)["']""")
_IMAGE = re.compile(r"!\[[^\]]*\]\(([^)\s]+)")
_LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)")
_DISPLAY_MATH = re.compile(r"^\s*\$\$", re.MULTILINE)
_INLINE_MATH = re.compile(r"(?<![\\$])\$(?!\$)(?=\S)(.+?)(?<=\S)(?<![\\$])\$(?!\$)")


@dataclass(frozen=True)
class Structure:
    """What must match between the two languages of one page."""

    heading_ids: tuple[str, ...]
    headings_without_id: tuple[str, ...]
    includes: tuple[str, ...]
    executed_blocks: int
    figures: tuple[str, ...]
    images: int
    display_formulas: int
    inline_formulas: int
    links: int
    internal_targets: tuple[str, ...]


def _strip_front_matter(text: str) -> str:
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end != -1:
            return text[end + 5 :]
    return text


def structure(text: str) -> Structure:
    """Extract the language-independent structure of a Markdown page."""
    text = _strip_front_matter(text)
    heading_ids: list[str] = []
    without_id: list[str] = []
    prose: list[str] = []
    executed = 0
    fence: str | None = None
    for line in text.splitlines():
        match = _FENCE.match(line)
        if match:
            marker, info = match.group(2), match.group(3)
            if fence is None:
                fence = marker
                if re.search(r"\bexec=[\"']?(1|on|true)", info):
                    executed += 1
                continue
            if marker.startswith(fence[0]) and len(marker) >= len(fence) and not info.strip():
                fence = None
                continue
        if fence is not None:
            continue
        prose.append(line)
        heading = _HEADING.match(line)
        if heading and len(heading.group(1)) >= 2:
            found = _HEADING_ID.search(heading.group(2))
            if found:
                heading_ids.append(found.group(1))
            else:
                without_id.append(heading.group(2))
    body = "\n".join(prose)
    links = [target for target in _LINK.findall(body)]
    internal = sorted(t for t in links if not re.match(r"^[a-z][a-z0-9+.-]*:", t))
    return Structure(
        heading_ids=tuple(heading_ids),
        headings_without_id=tuple(without_id),
        includes=tuple(_INCLUDE.findall(text)),
        executed_blocks=executed,
        figures=tuple(_FIGURE.findall(text)),
        images=len(_IMAGE.findall(body)),
        display_formulas=len(_DISPLAY_MATH.findall(body)) // 2,
        inline_formulas=len(_INLINE_MATH.findall(body)),
        links=len(links),
        internal_targets=tuple(internal),
    )


def _diff(name: str, en: tuple[str, ...], es: tuple[str, ...]) -> list[str]:
    """Human-readable differences between two sequences of items."""
    missing_es = list((Counter(en) - Counter(es)).elements())
    missing_en = list((Counter(es) - Counter(en)).elements())
    out = [f"missing {name} {item!r} (present in English)" for item in missing_es]
    out += [f"missing {name} {item!r} (present in Spanish)" for item in missing_en]
    if not out and en != es:
        out.append(f"{name} in a different order: en={list(en)} es={list(es)}")
    return out


def compare_page(rel: str, en_text: str, es_text: str) -> list[str]:
    """Problems for one page pair, each prefixed with the Spanish page path."""
    en, es = structure(en_text), structure(es_text)
    problems: list[str] = []
    for lang, page in (("en", en), ("es", es)):
        for heading in page.headings_without_id:
            problems.append(f"docs/{lang}/{rel}: heading without an explicit id: {heading!r}")
    problems += [f"docs/es/{rel}: {p}" for p in _diff("heading id", en.heading_ids, es.heading_ids)]
    problems += [f"docs/es/{rel}: {p}" for p in _diff("code include", en.includes, es.includes)]
    problems += [f"docs/es/{rel}: {p}" for p in _diff("figure", en.figures, es.figures)]
    problems += [
        f"docs/es/{rel}: {p}"
        for p in _diff("internal link", en.internal_targets, es.internal_targets)
    ]
    for label, a, b in (
        ("executed blocks", en.executed_blocks, es.executed_blocks),
        ("images", en.images, es.images),
        ("display formulas", en.display_formulas, es.display_formulas),
        ("inline formulas", en.inline_formulas, es.inline_formulas),
        ("links", en.links, es.links),
    ):
        if a != b:
            problems.append(f"docs/es/{rel}: {label}: English has {a}, Spanish has {b}")
    return problems


def check(docs: Path) -> list[str]:
    """All parity problems under ``docs`` (which holds en/ and es/)."""
    pages = {lang: {p.relative_to(docs / lang).as_posix() for p in (docs / lang).rglob("*.md")}
             for lang in LANGS}
    problems = [f"docs/es/{rel}: missing Spanish page (docs/en/{rel} exists)"
                for rel in sorted(pages["en"] - pages["es"])]
    problems += [f"docs/en/{rel}: missing English page (docs/es/{rel} exists)"
                 for rel in sorted(pages["es"] - pages["en"])]
    for rel in sorted(pages["en"] & pages["es"]):
        problems += compare_page(rel, (docs / "en" / rel).read_text("utf-8"),
                                 (docs / "es" / rel).read_text("utf-8"))
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=Path, default=ROOT / "docs")
    args = parser.parse_args(argv)
    problems = check(args.docs)
    for problem in problems:
        print(problem)
    print(f"parity: {len(problems)} problem(s)" if problems else "parity: pages in step")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
