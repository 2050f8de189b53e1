"""Write the English and Spanish notebooks from their sources, or check they are current.

    python -m notebooks.generate           # write notebooks/{en,es}/<name>.ipynb
    python -m notebooks.generate --check   # exit 1 if a committed notebook is stale

The files are stored without outputs: the site build and the tests execute them.
"""

from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import sys
from pathlib import Path

import nbformat
from nbformat import NotebookNode

from notebooks import sources
from notebooks.cells import LANGS, Code, Markdown, NotebookSource, Parameters, Snippet
from notebooks.embed import embedded_code
from ui import strings

HERE = Path(__file__).resolve().parent
META_KEY = "attention_glossary"  # our metadata, in the notebook and in snippet cells
HELPER_TAG = "helper"  # cell tag of folded snippet cells
PARAMETER_COMMENT = {lang: strings(lang, "notebook")["parameters_comment"] for lang in LANGS}
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


def all_sources() -> list[NotebookSource]:
    """Every notebook source, in site order (each module's ``ORDER``)."""
    found = []
    for info in pkgutil.iter_modules(sources.__path__):
        if info.name.startswith("_"):  # shared cells, not a notebook
            continue
        module = importlib.import_module(f"notebooks.sources.{info.name}")
        found.append((module.ORDER, module.SOURCE))
    return [source for _, source in sorted(found, key=lambda pair: pair[0])]


def parameters_code(source: NotebookSource, lang: str) -> str:
    """``LANG`` and ``TEXT`` for one language, as Python source."""
    def quoted(text: str) -> str:  # a double-quoted Python literal, like the other cells
        return json.dumps(text, ensure_ascii=False)

    lines = [PARAMETER_COMMENT[lang], f"LANG = {quoted(lang)}", "TEXT = {"]
    lines += [f"    {quoted(key)}: {quoted(texts[lang])}," for key, texts in source.labels.items()]
    lines.append("}")
    return "\n".join(lines)


def _cell(source: NotebookSource, cell: object, lang: str) -> NotebookNode:
    if isinstance(cell, Markdown):
        return nbformat.v4.new_markdown_cell(cell.text(lang))
    if isinstance(cell, Code):
        return nbformat.v4.new_code_cell(cell.source.strip("\n"))
    if isinstance(cell, Parameters):
        return nbformat.v4.new_code_cell(
            parameters_code(source, lang), metadata={"tags": ["parameters"]}
        )
    if isinstance(cell, Snippet):
        origin = {"snippet": cell.path}
        origin.update({"section": cell.section} if cell.section else {"names": list(cell.names)})
        metadata: dict[str, object] = {META_KEY: origin}
        if cell.fold:  # collapsed in Jupyter; notebooks/page.py folds "helper" cells too
            metadata.update(tags=[HELPER_TAG], jupyter={"source_hidden": True})
        return nbformat.v4.new_code_cell(
            embedded_code(cell.path, cell.section, cell.names), metadata=metadata
        )
    raise ValueError(f"notebook {source.name!r}: unknown cell type {type(cell).__name__}")


def build(source: NotebookSource, lang: str) -> NotebookNode:
    """The notebook ``source`` in ``lang``, without outputs, with stable cell ids."""
    if lang not in LANGS:
        raise ValueError(f"notebook {source.name!r}: unknown language {lang!r}")
    nb = nbformat.v4.new_notebook()
    nb.cells = [_cell(source, cell, lang) for cell in source.cells]
    for index, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{index:02d}"  # random ids would change every run
    nb.metadata = {
        "kernelspec": KERNELSPEC,
        "language_info": {"name": "python"},
        META_KEY: {
            "name": source.name,
            "language": lang,
            "description": source.description[lang],
            "heading_ids": source.heading_ids(),
        },
    }
    nbformat.validate(nb)
    return nb


def serialise(nb: NotebookNode) -> str:
    return json.dumps(nb, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def path_for(name: str, lang: str, root: Path = HERE) -> Path:
    return root / lang / f"{name}.ipynb"


def expected_files(root: Path = HERE) -> dict[Path, str]:
    """Every notebook file and the text it must hold."""
    return {
        path_for(source.name, lang, root): serialise(build(source, lang))
        for source in all_sources()
        for lang in LANGS
    }


def stale(root: Path = HERE) -> list[str]:
    """Notebook files that are missing, differ from their source, or have no source."""
    expected = expected_files(root)
    problems = [
        f"{path.relative_to(root.parent)}: out of date"
        for path, text in expected.items()
        if not path.is_file() or path.read_text("utf-8") != text
    ]
    extra = {p for lang in LANGS for p in (root / lang).glob("*.ipynb")} - set(expected)
    problems += [f"{p.relative_to(root.parent)}: no source in notebooks/sources/" for p in extra]
    return sorted(problems)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report stale files, write none")
    args = parser.parse_args(argv)
    if args.check:
        problems = stale()
        for problem in problems:
            print(problem)
        if problems:
            print("run: python -m notebooks.generate")
        return 1 if problems else 0
    for path, text in expected_files().items():
        path.parent.mkdir(exist_ok=True)
        if not path.is_file() or path.read_text("utf-8") != text:
            path.write_text(text, "utf-8")
            print(f"wrote {path.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
