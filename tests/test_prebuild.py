"""The pre-build stage (tools/prebuild.py) draws every figure before the MkDocs builds: a
figure that cannot be drawn fails it by name and language, and a pre-build whose figures are
all drawn already starts no drawing process and loads no matplotlib."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from snippets._figure_files import all_drawn_file
from tests.conftest import copy_project
from tools import prebuild

ROOT = Path(__file__).resolve().parent.parent


def _without_notebooks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(prebuild, "execute_changed", lambda cache, langs: None)


def test_a_figure_that_cannot_be_drawn_fails_the_prebuild_by_name_and_language(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_project(tmp_path / "project", "snippets", "tools", "notebooks", "ui",
                           "mkdocs.yml", "mkdocs.es.yml")
    broken = project / "snippets" / "figures" / "temperature.py"
    broken.write_text(broken.read_text("utf-8") + "\n\ndef build(t, data=None):\n"
                      "    return 1 / 0\n", "utf-8")
    monkeypatch.setattr(prebuild, "ROOT", project)  # the drawing process runs the copy
    monkeypatch.setenv("AG_FIGURE_CACHE", str(tmp_path / "figures"))
    _without_notebooks(monkeypatch)
    with pytest.raises(ValueError, match=r"^figure 'softmax-temperature' \(es\) cannot be drawn: "
                                         r"ZeroDivisionError: division by zero$"):
        prebuild.run(["es"])
    drawn = [p.name for p in (tmp_path / "figures").iterdir()]
    assert not [n for n in drawn if "softmax-temperature" in n or "all-drawn" in n], drawn


def test_a_prebuild_with_every_figure_drawn_starts_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AG_FIGURE_CACHE", str(tmp_path))
    _without_notebooks(monkeypatch)

    def no_process(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"a process was started: {args}")

    for lang in ("en", "es"):
        all_drawn_file(tmp_path, lang).touch()
    monkeypatch.setattr(subprocess, "Popen", no_process)
    prebuild.run(["en", "es"])
    all_drawn_file(tmp_path, "es").unlink()  # one language missing: it is drawn
    with pytest.raises(AssertionError, match="a process was started"):
        prebuild.run(["en", "es"])


def test_the_warm_check_imports_neither_matplotlib_nor_numpy(tmp_path: Path) -> None:
    code = ("import sys; from tools import prebuild; prebuild._start_drawing(['en', 'es']); "
            "print(sorted({'matplotlib', 'numpy'} & set(sys.modules)))")
    for lang in ("en", "es"):
        all_drawn_file(tmp_path, lang).touch()
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, check=True, env={"AG_FIGURE_CACHE": str(tmp_path)})
    assert result.stdout.strip() == "[]"


def test_notebooks_are_not_even_generated_while_their_sources_are_unchanged(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from notebooks import execute

    generated: list[list[str]] = []
    monkeypatch.setattr(execute, "clean_texts", lambda langs: generated.append(langs) or {})
    monkeypatch.setattr(execute, "execute_stale", lambda cache, texts: None)
    cache = execute.ExecutionCache(tmp_path)
    execute.execute_changed(cache, ["en", "es"])
    execute.execute_changed(cache, ["en", "es"])
    execute.execute_changed(cache, ["es"])
    assert generated == [["en", "es"]]
    monkeypatch.setattr(execute, "sources_digest", lambda: "an edited snippet")
    execute.execute_changed(cache, ["es"])
    assert generated == [["en", "es"], ["es"]]


def test_the_notebook_sources_digest_covers_every_file_the_texts_are_generated_from() -> None:
    """Every project file that generating the notebooks opens (modules, strings, snippets) is
    one that ``sources_digest`` hashes (``text_sources``): editing it regenerates the texts."""
    code = """
import sys
from pathlib import Path
opened = set()
sys.addaudithook(lambda event, args: opened.add(str(args[0])) if event == "open" else None)
from notebooks import execute
execute.clean_texts(["en", "es"])
root = Path(execute.__file__).resolve().parent.parent
hashed = {path.resolve() for path in execute.text_sources()}
for name in sorted(opened):
    path = Path(name).resolve()
    if path.is_file() and root in path.parents and ".venv" not in path.parts \\
            and "__pycache__" not in path.parts and path not in hashed:
        print(path.relative_to(root))
"""
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, check=True)
    assert result.stdout == "", f"read but not in the digest: {result.stdout}"


def test_a_figure_read_beside_a_running_prebuild_is_waited_for_not_drawn_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """tools/build.py starts the MkDocs builds with the pre-build: a page's figure is the
    pre-build's file, once written; drawn by the page only if the pre-build ended without it."""
    import threading

    from snippets._figure_files import PREBUILD_RUNNING, kept_file
    from snippets.figures._cache import kept

    running = tmp_path / "running"
    running.touch()
    monkeypatch.setenv("AG_FIGURE_CACHE", str(tmp_path / "figures"))
    monkeypatch.setenv(PREBUILD_RUNNING, str(running))
    path = kept_file(tmp_path / "figures", "demo.figure.en.html")

    def prebuild_writes_it() -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("<figure>drawn by the pre-build</figure>", "utf-8")

    threading.Timer(0.3, prebuild_writes_it).start()
    assert kept("demo.figure.en.html", lambda: "drawn twice") == (
        "<figure>drawn by the pre-build</figure>")
    threading.Timer(0.3, running.unlink).start()  # the pre-build ends without this one
    assert kept("demo.other.en.html", lambda: "drawn by the page") == (
        "drawn by the page")


def test_a_failing_prebuild_stops_the_mkdocs_builds_started_beside_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    from tools import build

    started: list[subprocess.Popen] = []

    def builds_that_wait(langs: list[str], running: Path, staging: Path
                         ) -> dict[str, subprocess.Popen]:
        assert running.is_file(), "the builds start while the pre-build runs"
        started.extend(subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
                       for _ in langs)
        return dict(zip(langs, started, strict=True))

    def failing(langs: list[str]) -> None:
        raise ValueError("figure 'x' (es) cannot be drawn: demo")

    monkeypatch.setattr(build, "_start_languages", builds_that_wait)
    monkeypatch.setattr(build.prebuild, "run", failing)
    start = time.perf_counter()
    with pytest.raises(build.BuildError, match=r"figure 'x' \(es\) cannot be drawn: demo"):
        build.build_site(["en", "es"], tmp_path / "site")
    assert time.perf_counter() - start < 10
    assert [process.poll() for process in started] != [None, None]
    assert all(process.returncode is not None for process in started)
    assert not build.staging_folder(tmp_path / "site").exists()
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("config_file", ["mkdocs.yml", "mkdocs.es.yml"])
def test_the_prebuild_draws_the_social_card_from_the_texts_mkdocs_loads(
        config_file: str) -> None:
    """Else each build waits for the pre-build to end and draws its card itself."""
    from mkdocs.config import load_config

    from tools import social_card

    config = load_config(str(ROOT / config_file))
    assert social_card.config_texts(ROOT / config_file) == social_card.texts(
        config.site_name, config.site_description)
