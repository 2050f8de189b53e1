"""tools/build.py: each language's MkDocs process imports what mkdocs-jupyter loads but a
cached build never uses (nbconvert, jupytext) only when it is used."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tools.build import defer_imports


@pytest.fixture(autouse=True)
def forget_demo_modules() -> Iterator[None]:
    yield
    for name in [name for name in sys.modules if name.startswith("deferred_")]:
        del sys.modules[name]


def test_a_deferred_module_is_imported_when_first_used(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "deferred_demo.py").write_text(
        "import sys\nsys.deferred_demo_runs = getattr(sys, 'deferred_demo_runs', 0) + 1\n"
        "def answer():\n    return 42\n", "utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(sys, "deferred_demo_runs", 0, raising=False)
    defer_imports("deferred_demo")
    import deferred_demo  # what mkdocs-jupyter's module does as it loads

    assert sys.deferred_demo_runs == 0, "imported before it was used"
    assert deferred_demo.answer() == 42
    assert deferred_demo.answer() == 42
    assert sys.deferred_demo_runs == 1, "imported more than once"
    assert sys.modules["deferred_demo"].answer is deferred_demo.answer


def test_a_deferred_submodule_is_found_by_a_relative_import(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """mkdocs_jupyter.plugin does ``from . import convert``."""
    package = tmp_path / "deferred_pkg"
    package.mkdir()
    (package / "__init__.py").write_text("", "utf-8")
    (package / "heavy.py").write_text("VALUE = 'loaded'\n", "utf-8")
    (package / "user.py").write_text("from . import heavy\n", "utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    defer_imports("deferred_pkg.heavy")
    from deferred_pkg import user

    assert "VALUE" not in vars(sys.modules["deferred_pkg.heavy"])
    assert user.heavy.VALUE == "loaded"
