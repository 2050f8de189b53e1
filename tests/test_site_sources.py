"""A test that reads site/ must refuse a site older than its sources (issue 13): the list of
sources is derived from what the build runs, so a new module cannot escape it."""

from __future__ import annotations

import os
from pathlib import Path

from tests.conftest import ROOT, newest_source, site_code


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, "utf-8")


def test_site_code_follows_every_import_the_build_can_run(tmp_path: Path) -> None:
    _write(tmp_path, {
        "mkdocs.yml": "site_name: !ENV [NAME, x]\nhooks:\n  - hooks/a.py\n",
        "hooks/a.py": "def on_config(config):\n    from tools import b  # imported on use\n",
        "tools/__init__.py": "",
        "tools/build.py": "import json\n",
        "tools/b.py": "from .c import helper\n",
        "tools/c.py": "helper = 1\n",
        "tools/d.py": "",
        "tools/unused.py": "",
        "docs/page.md": "```python exec=\"on\"\nfrom tools.d import nothing\n```\n",
    })
    found = {path.relative_to(tmp_path).as_posix() for path in site_code(tmp_path)}
    assert found == {"hooks/a.py", "tools/__init__.py", "tools/build.py", "tools/b.py",
                     "tools/c.py", "tools/d.py"}


def test_a_changed_module_of_the_build_makes_the_site_stale(tmp_path: Path) -> None:
    _write(tmp_path, {
        "mkdocs.yml": "hooks:\n  - hooks/a.py\n",
        "hooks/a.py": "from tools import b\n",
        "tools/__init__.py": "",
        "tools/build.py": "",
        "tools/b.py": "",
        "docs/index.md": "# Home\n",
    })
    for path in tmp_path.rglob("*"):
        os.utime(path, (1_000_000, 1_000_000))
    os.utime(tmp_path / "tools" / "b.py", (2_000_000, 2_000_000))
    assert newest_source(tmp_path) == (2_000_000, tmp_path / "tools" / "b.py")


def test_the_real_build_code_includes_the_runtime_stage_and_page_helpers() -> None:
    """The two modules the former hand-written list missed: editing either left tests reading
    a stale site (the runtime's folder name, the pages' code listings)."""
    found = {path.relative_to(ROOT).as_posix() for path in site_code()}
    assert {"tools/runtime.py", "tools/page_code.py", "tools/build.py"} <= found
