"""Copy code out of ``snippets/`` so that a notebook runs without the repository.

Two ways to point at code, both read from the file as it is now (one source of truth):

* a marked section, ``# --8<-- [start:name]`` ... ``# --8<-- [end:name]`` (the markers that
  pymdownx.snippets uses on the pages);
* top-level definitions by name (functions, classes, constants), for helpers that the
  marked code calls but that live outside any marker.
"""

from __future__ import annotations

import ast
import re
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _read(path: str) -> str:
    file = ROOT / path
    if not path.startswith("snippets/") or not file.is_file():
        raise ValueError(f"snippet file {path!r} does not exist under snippets/")
    return file.read_text("utf-8")


def section(path: str, name: str) -> str:
    """The text between the start and end markers of section ``name`` in ``path``."""
    text = _read(path)
    pattern = re.compile(
        rf"^[ \t]*# --8<-- \[start:{re.escape(name)}\][^\n]*\n(.*?)^[ \t]*# --8<-- \[end:"
        rf"{re.escape(name)}\]",
        re.MULTILINE | re.DOTALL,
    )
    found = pattern.findall(text)
    if len(found) != 1:
        raise ValueError(f"{path}: expected one section {name!r}, found {len(found)}")
    return textwrap.dedent(found[0]).strip("\n")


def _defined_names(node: ast.stmt) -> list[str]:
    if isinstance(node, ast.FunctionDef | ast.ClassDef):
        return [node.name]
    if isinstance(node, ast.Assign):
        return [t.id for t in node.targets if isinstance(t, ast.Name)]
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
        return [node.target.id]
    return []


def definitions(path: str, names: tuple[str, ...]) -> str:
    """The source of the named top-level definitions of ``path``, in the order given."""
    text = _read(path)
    lines = text.splitlines()
    found: dict[str, str] = {}
    for node in ast.parse(text).body:
        for name in _defined_names(node):
            start = min([d.lineno for d in getattr(node, "decorator_list", [])] + [node.lineno])
            found[name] = "\n".join(lines[start - 1 : node.end_lineno])
    missing = [name for name in names if name not in found]
    if missing:
        raise ValueError(f"{path}: no top-level definition named {missing}")
    return "\n\n\n".join(found[name] for name in names)


def header(path: str, section_name: str | None, names: tuple[str, ...]) -> str:
    """First line of an embedded cell: where the code comes from (same in every language)."""
    what = f"section {section_name!r}" if section_name else ", ".join(names)
    lines = textwrap.wrap(f"From {path}: {what}.", width=96)
    lines.append("Copied by notebooks/generate.py: edit the snippet, not this cell.")
    return "\n".join(f"# {line}" for line in lines)


def embedded_code(path: str, section_name: str | None, names: tuple[str, ...]) -> str:
    """The full source of an embedded cell: header line, then the code."""
    if (section_name is None) == (not names):
        raise ValueError(f"{path}: give either a section or names, not both or neither")
    body = section(path, section_name) if section_name else definitions(path, names)
    return header(path, section_name, names) + "\n" + body
