"""tools/build.py: each language's MkDocs process imports what mkdocs-jupyter loads but a
cached build never uses (nbconvert, jupytext) only when it is used; the merge puts exactly
the language's build in place, leaving the other language and the unchanged files."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tools.build import _merge, defer_imports


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


def _tree(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): p.read_text("utf-8") if p.is_file() else "/"
            for p in sorted(root.rglob("*"))}


def test_a_merged_language_is_its_build_and_the_other_language_stays(tmp_path: Path) -> None:
    site = tmp_path / "site"
    for name, text in {"index.html": "old home", "same.html": "same", "gone.html": "gone",
                       "was-file": "x", "was-dir/a.html": "a", "es/index.html": "inicio"}.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, "utf-8")
    kept = (site / "same.html").stat()
    os.utime(site / "same.html", (1e9, 1e9))  # built long ago
    build = tmp_path / "build" / "en"
    for name, text in {"index.html": "new home", "same.html": "same", "was-file/b.html": "b",
                       "was-dir": "now a file", "new/c.html": "c"}.items():
        (build / name).parent.mkdir(parents=True, exist_ok=True)
        (build / name).write_text(text, "utf-8")
    expected = {**_tree(build), "es": "/", "es/index.html": "inicio"}
    _merge({"en": build}, site)
    assert _tree(site) == expected
    assert not build.exists()
    same = (site / "same.html").stat()
    assert same.st_ino == kept.st_ino, "an unchanged file was written again"
    assert same.st_mtime > 1e9 + 1, "a kept file must be dated by the build that made it"


def test_a_first_build_is_staged_beside_the_site_and_moved_in_whole(tmp_path: Path) -> None:
    """No site yet: each language is built on the site's disk and renamed into place (the
    same files, not copies); a rebuild (the site exists) may be staged in memory."""
    from tools.build import staging_folder

    site = tmp_path / "site"
    staging = staging_folder(site)
    assert staging.parent == tmp_path
    built = {}
    for lang, name in (("en", "index.html"), ("es", "index.html")):
        built[lang] = staging / lang
        (built[lang] / "assets").mkdir(parents=True)
        (built[lang] / name).write_text(f"home {lang}", "utf-8")
        (built[lang] / "assets" / "a.css").write_text(f"css {lang}", "utf-8")
    inodes = {lang: (folder / "assets" / "a.css").stat().st_ino for lang, folder in built.items()}
    _merge(built, site)
    assert _tree(site) == {"assets": "/", "assets/a.css": "css en", "index.html": "home en",
                           "es": "/", "es/assets": "/", "es/assets/a.css": "css es",
                           "es/index.html": "home es"}
    assert (site / "assets" / "a.css").stat().st_ino == inodes["en"]
    assert (site / "es" / "assets" / "a.css").stat().st_ino == inodes["es"]
    assert not built["en"].exists() and not built["es"].exists()


def test_post_processing_never_writes_through_a_hard_link(tmp_path: Path) -> None:
    """tools/postprocess.py writes a changed page as a new file: it may be a hard link into
    a cache (the runtime stage links its files into site/runtime/)."""
    from tools.postprocess import _write_changed

    cached, linked, plain = tmp_path / "cached.html", tmp_path / "linked.html", tmp_path / "p.html"
    cached.write_text("cached", "utf-8")
    os.link(cached, linked)
    plain.write_text("old", "utf-8")
    _write_changed({linked: "new", plain: "new"}, {linked: "cached", plain: "old"})
    assert cached.read_text("utf-8") == "cached"
    assert linked.read_text("utf-8") == plain.read_text("utf-8") == "new"


def test_a_merged_file_never_writes_through_a_hard_link(tmp_path: Path) -> None:
    """A site file may be a hard link into a cache (site/runtime/): a changed build replaces
    the link and leaves the cache alone, also when it comes from the RAM disk (a copy)."""
    cached = tmp_path / "cache" / "runtime.js"
    cached.parent.mkdir()
    cached.write_text("cached", "utf-8")
    site = tmp_path / "site"
    site.mkdir()
    os.link(cached, site / "runtime.js")
    ram = Path("/dev/shm")
    with tempfile.TemporaryDirectory(dir=ram if ram.is_dir() else tmp_path) as staging:
        build = Path(staging, "en")
        build.mkdir()
        (build / "runtime.js").write_text("changed", "utf-8")
        _merge({"en": build}, site)
    assert (site / "runtime.js").read_text("utf-8") == "changed"
    assert cached.read_text("utf-8") == "cached"


def test_make_live_forgets_the_project_modules_before_each_rebuild() -> None:
    """Under ``mkdocs serve`` each rebuild imports the project's code and UI strings anew
    (hooks/live.py): an edited snippet, glossary entry or ui/<lang>.yml is never served from
    the first build's modules. A plain ``mkdocs build`` forgets nothing."""
    import importlib.util

    import snippets.softmax  # noqa: F401
    import ui

    root = Path(__file__).resolve().parent.parent
    spec = importlib.util.spec_from_file_location("live_under_test", root / "hooks" / "live.py")
    live = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(live)
    project = {name: module for name, module in sys.modules.items()
               if name.split(".")[0] in live.PROJECT_PACKAGES}
    try:
        live.on_startup("build", dirty=False)
        live.on_pre_build(None)
        assert sys.modules["ui"] is ui
        live.on_startup("serve", dirty=False)
        live.on_pre_build(None)
        assert not {"snippets", "snippets.softmax", "ui"} & set(sys.modules)
    finally:  # the other tests of this process keep the modules they imported
        sys.modules.update(project)
