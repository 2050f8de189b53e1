"""The code a concept page shows must run as copied: this writes the block that makes it so.

A page shows sections of ``snippets/`` (``--8<-- "snippets/x.py:section"``). Those sections
call helpers the page does not show (input checks, toy data, result dataclasses) and rely on
the modules' imports. ``setup_block(page, lang)`` reads the page's source, finds every name
its shown sections use but do not define, and collects, from the snippets that define them,
the imports and the definitions they need (and what those need in turn), in dependency
order. The page prints it, collapsed, before its first code block: a reader who runs that
block and then the page's blocks in order, in a fresh Python with numpy, gets no NameError.

Everything is read from the sources at build time: nothing here is copied by hand, and
tests/test_page_code.py runs the built pages' blocks to prove it.
"""

from __future__ import annotations

import ast
import builtins
import html
import re
import symtable
import textwrap
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_INCLUDE = re.compile(r'--8<-- "(snippets/[\w/]+\.py):(\w+)"')


@dataclass(frozen=True)
class Definition:
    """One top-level statement of a snippet module that binds ``names``."""

    module: str  # "snippets/x.py"
    source: str
    names: frozenset[str]
    node: ast.stmt


@cache
def _module(path: str) -> tuple[str, ast.Module]:
    text = (ROOT / path).read_text("utf-8")
    return text, ast.parse(text, path)


def section(path: str, name: str) -> str:
    """The text of ``# --8<-- [start:name]`` ... ``[end:name]`` in ``path``, dedented."""
    text, _ = _module(path)
    found = re.search(rf"# --8<-- \[start:{name}\]\n(.*?)^\s*# --8<-- \[end:{name}\]",
                      text, re.DOTALL | re.MULTILINE)
    if not found:
        raise ValueError(f"{path}: no section {name!r}")
    return textwrap.dedent(found.group(1))


def shown_sections(page: str, lang: str) -> list[tuple[str, str]]:
    """(module path, section) of every snippet a page shows, in page order."""
    source = ROOT / "docs" / lang / f"{page}.md"
    if not source.is_file():
        raise ValueError(f"no page {source.relative_to(ROOT)} (page {page!r}, language {lang!r})")
    text = source.read_text("utf-8")
    return _INCLUDE.findall(text)


def _bound(node: ast.stmt) -> set[str]:
    """Names a top-level statement binds."""
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return {node.name}
    if isinstance(node, ast.Import | ast.ImportFrom):
        return {(alias.asname or alias.name).split(".")[0] for alias in node.names}
    targets = node.targets if isinstance(node, ast.Assign) else (
        [node.target] if isinstance(node, ast.AnnAssign | ast.AugAssign) else [])
    return {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}


def _used(source: str) -> set[str]:
    """Global names that ``source`` reads, in any scope (locals and parameters excluded)."""
    used = set()

    def walk(table: symtable.SymbolTable) -> None:
        for symbol in table.get_symbols():
            if symbol.is_referenced() and (table.get_type() == "module" or symbol.is_global()):
                used.add(symbol.get_name())
        for child in table.get_children():
            walk(child)

    walk(symtable.symtable(source, "<page code>", "exec"))
    return used


def _statement_source(text: str, node: ast.stmt) -> str:
    lines = text.splitlines()
    first = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
    return "\n".join(lines[first - 1:node.end_lineno])


def _without_docstrings(source: str) -> str:
    """``source`` minus the docstrings of its functions and classes (they stay in the
    repository; the page's setup block is long enough without them)."""
    lines = source.split("\n")
    drop: set[int] = set()
    for node in ast.walk(ast.parse(source)):
        body = getattr(node, "body", None)
        if (isinstance(node, ast.FunctionDef | ast.ClassDef) and len(body) > 1
                and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant)
                and isinstance(body[0].value.value, str)):
            drop.update(range(body[0].lineno - 1, body[0].end_lineno))
            if not lines[body[0].end_lineno].strip():  # the blank line after it
                drop.add(body[0].end_lineno)
    return "\n".join(line for i, line in enumerate(lines) if i not in drop)


def _definition(path: str, name: str) -> Definition:
    """The top-level statement of ``path`` that binds ``name`` (following snippet imports)."""
    text, tree = _module(path)
    for node in tree.body:
        if name not in _bound(node):
            continue
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("snippets"):
            alias = next(a for a in node.names if (a.asname or a.name) == name)
            target = "snippets/" + "/".join(node.module.split(".")[1:])
            target = target + ".py" if (ROOT / f"{target}.py").is_file() else \
                f"{target}/__init__.py"
            found = _definition(target, alias.name)
            if alias.asname and alias.asname != alias.name:
                raise ValueError(f"{path}: renamed import of {alias.name} is not supported")
            return found
        if isinstance(node, ast.Import | ast.ImportFrom):
            kept = [a for a in node.names if (a.asname or a.name).split(".")[0] == name]
            node = ast.ImportFrom(node.module, kept, node.level) if isinstance(
                node, ast.ImportFrom) else ast.Import(kept)
            return Definition(path, ast.unparse(node), frozenset({name}), node)
        return Definition(path, _statement_source(text, node), frozenset(_bound(node)), node)
    raise ValueError(f"{path}: the page's code uses {name!r}, which {path} does not define")


def setup_code(sections: list[tuple[str, str]]) -> str:
    """Imports and definitions that the shown ``sections`` need and do not define."""
    shown = [(path, section(path, name)) for path, name in sections]
    defined = {n for _, code in shown for node in ast.parse(code).body for n in _bound(node)}
    known = set(dir(builtins)) | defined
    order: list[Definition] = []
    seen: dict[str, Definition] = {}

    def need(path: str, name: str, eager: bool = False) -> None:
        # A name the page defines later is enough for code that runs later (a function
        # body); a statement that runs at once (a constant, a class) needs it now.
        if name in known and not (eager and name not in dir(builtins)):
            return
        found = _definition(path, name)
        if name in seen:
            if seen[name].source != found.source:
                raise ValueError(f"{name!r} is defined differently in {seen[name].module} and "
                                 f"{found.module}: the page's code cannot hold both")
            return
        for bound in found.names:
            seen[bound] = found
        if isinstance(found.node, ast.Import | ast.ImportFrom):
            order.append(found)
            return
        runs_now = not isinstance(found.node, ast.FunctionDef)
        for used in sorted(_used(found.source) - found.names):
            need(found.module, used, eager or runs_now)
        order.append(found)

    for path, code in shown:
        for used in sorted(_used(code)):
            need(path, used)
    imports = sorted({d.source for d in order if isinstance(d.node, ast.Import | ast.ImportFrom)},
                     key=lambda line: (line.startswith("from"), line))
    rest = [_without_docstrings(d.source) for d in order
            if not isinstance(d.node, ast.Import | ast.ImportFrom)]
    head = "from __future__ import annotations\n\n" + "\n".join(imports)
    return head + "\n\n\n" + "\n\n\n".join(rest) + "\n" if rest else head + "\n"


def setup_block(page: str, lang: str) -> str:
    """HTML for the page: the setup code in a collapsed block, titled in ``lang``.

    Highlighted like the page's other code blocks (Pygments' classes, which Material colours;
    Material gives it a copy button). Its body loads only when a reader opens it
    (tools/lazy_details.py), so its 500 lines on the longest pages weigh nothing in the
    page's first view.
    """
    from pygments import highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import PythonLexer

    from ui import strings

    title = strings(lang, "page_code")["setup_title"]  # ValueError naming an unknown lang
    code = highlight(setup_code(shown_sections(page, lang)), PythonLexer(),
                     HtmlFormatter(nowrap=True))
    return (f'<details class="example"><summary>{html.escape(title)}</summary>'
            f'<div class="language-python highlight"><pre><code>{code}</code></pre></div>'
            "</details>")
