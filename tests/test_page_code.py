"""The code a concept page shows runs as copied.

For every built page of both languages that shows Python, the test takes the code blocks
exactly as a reader copies them (the built HTML's Python blocks, collapsed ones included, in
page order), runs them one after the other in a fresh Python with numpy and matplotlib (Agg)
and without this repository on its path, then calls each worked example the blocks define
(``example()``, ``padded_example()``, ...), as a reader would. Build plumbing (the printers
that take markdown-exec's ``print``, a ``lang`` argument) must not be shown.
"""

from __future__ import annotations

import ast
import subprocess
import sys

import pytest
from lxml import html

from tests.conftest import ROOT, ensure_site, sitemap_paths


def _pages_with_code() -> list[str]:
    site = ensure_site()
    return [p for p in sitemap_paths(site)
            if "notebooks/" not in p and 'class="language-python highlight"'
            in (site / p / "index.html").read_text("utf-8")]


PAGES = _pages_with_code()


def shown_blocks(path: str) -> list[str]:
    """The Python code blocks of a built page, as the copy button copies them. A collapsed
    block whose body loads when opened (tools/lazy_details.py) is read through its link,
    as the reader gets it."""
    page = ensure_site() / path / "index.html"
    tree = html.parse(str(page)).getroot()
    for link in tree.xpath('//details[@data-ag-lazy]/p[@class="ag-lazy-link"]/a'):
        fragment = html.parse(str(page.parent / link.get("href"))).getroot()
        [body] = fragment.xpath('//main[@id="ag-fragment"]')
        link.getparent().getparent().replace(link.getparent(), body)
    return [code.text_content() for code in tree.xpath(
        '//article//div[contains(concat(" ", @class, " "), " language-python ")]//pre/code')]


# The examples the page prints: each top-level function named example or *_example.
CALL_EXAMPLES = """
for _name, _value in list(globals().items()):
    if (_name == "example" or _name.endswith("_example")) and callable(_value):
        _value()
"""


def test_setup_block_names_a_bad_page_or_language() -> None:
    from tools.page_code import setup_block

    with pytest.raises(ValueError, match="no-such-page"):
        setup_block("no-such-page", "en")
    with pytest.raises(ValueError, match="'fr'"):
        setup_block("attention-weights", "fr")


def test_every_concept_page_is_checked() -> None:
    names = {p.removeprefix("es/") for p in PAGES}
    assert len(PAGES) >= 12 and len(names) * 2 == len(PAGES), PAGES


@pytest.mark.parametrize("path", PAGES, ids=[f"/{p}" for p in PAGES])
def test_shown_code_runs_as_copied(path: str, tmp_path) -> None:
    blocks = shown_blocks(path)
    assert blocks, f"/{path}: no Python block found"
    program = "\n\n".join(blocks)
    ast.parse(program)  # a SyntaxError names the page's line
    tree = ast.parse(program)
    imported = {alias.name.split(".")[0] for node in ast.walk(tree)
                if isinstance(node, ast.Import) for alias in node.names}
    imported |= {(node.module or "").split(".")[0] for node in ast.walk(tree)
                 if isinstance(node, ast.ImportFrom)}
    assert not imported & {"snippets", "tools", "hooks"}, \
        f"/{path}: the shown code imports this repository's modules"
    plumbing = [b.splitlines()[0] for b in blocks if "markdown-exec" in b or "out: Callable" in b]
    assert plumbing == [], f"/{path}: build plumbing shown to readers: {plumbing}"
    # A fresh interpreter, in an empty directory, without the repository on its path.
    isolate = f"import sys\nsys.path = [p for p in sys.path if p.rstrip('/') != {str(ROOT)!r}]\n"
    script = tmp_path / "page.py"
    script.write_text(program + "\n" + CALL_EXAMPLES, "utf-8")
    run = subprocess.run(
        [sys.executable, "-I", "-c", isolate + f"exec(compile(open({str(script)!r}).read(), "
         f"{str(script)!r}, 'exec'))"],
        cwd=tmp_path, capture_output=True, text=True, timeout=300,
        env={"MPLBACKEND": "Agg", "PATH": "/usr/bin:/bin"})
    assert run.returncode == 0, f"/{path}: the shown code fails as copied:\n{run.stderr[-2000:]}"
