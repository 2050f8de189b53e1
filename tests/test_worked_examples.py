"""The numbers a page prints are the snippet's numbers: every `print_example(print)` block
in docs/ must show, in the built page, exactly what that snippet prints now."""

from __future__ import annotations

import html
import importlib
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT

_BLOCK = re.compile(
    r"```python exec=\"(?:on|1)\"[^\n]*\n(?P<code>.*?)```", re.DOTALL)
_CALL = re.compile(r"from (?P<module>[\w.]+) import (?P<func>print_\w+)\n"
                   r"(?P=func)\(print(?:, (?:lang=)?\"(?P<lang>en|es)\")?\)")


def _printed_examples() -> list[tuple[str, str, str, str | None]]:
    found = []
    for page in sorted((ROOT / "docs").rglob("*.md")):
        for block in _BLOCK.finditer(page.read_text("utf-8")):
            for call in _CALL.finditer(block.group("code")):
                rel = page.relative_to(ROOT / "docs").as_posix()
                found.append((rel, call.group("module"), call.group("func"),
                              call.group("lang")))
    return found


def _built_page(site: Path, rel: str) -> Path:
    lang, _, name = rel.partition("/")
    stem = name.removesuffix(".md")
    parts = [] if lang == "en" else ["es"]
    parts += [] if stem == "index" else [stem]
    return site.joinpath(*parts, "index.html")


EXAMPLES = _printed_examples()


def test_pages_print_worked_examples() -> None:
    assert len(EXAMPLES) >= 4, "no page prints a worked example from snippets/"


@pytest.mark.parametrize(("rel", "module", "func", "lang"), EXAMPLES,
                         ids=[f"{r}:{m}" for r, m, _, _ in EXAMPLES])
def test_printed_numbers_match_the_snippet(site: Path, rel: str, module: str, func: str,
                                           lang: str | None) -> None:
    lines: list[str] = []
    printer = getattr(importlib.import_module(module), func)
    def collect(*args: object, sep: str = " ", end: str = "\n") -> None:
        lines.append(sep.join(map(str, args)))

    printer(collect, **({} if lang is None else {"lang": lang}))
    page = _built_page(site, rel).read_text("utf-8")
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    missing = [line for line in lines if line.strip() and line not in text]
    assert missing == [], f"{rel}: {module}.{func} output not on the page: {missing[:3]}"
