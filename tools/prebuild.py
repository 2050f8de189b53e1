"""Pre-build stage: write the figures and the executed notebooks the MkDocs builds include.

* Figures: every figure of snippets.figures and snippets.translator.plots, in each language,
  the explorers' colour map and the link-preview image (tools/social_card.py), drawn into
  the figure cache (snippets/figures/_cache.py: ``AG_FIGURE_CACHE``, by default
  .cache/figures), where the pages' ``render`` calls find them. One process draws them all,
  so the numbers behind them are computed once for both languages. When every figure of the
  current snippets/ is there already, nothing is started (matplotlib is not even imported).
* Notebooks: each is generated from notebooks/sources and the snippet code it embeds, then
  executed into .cache/notebooks/<lang>/notebooks/<name>.ipynb, keyed by a hash of its text
  (which holds that snippet code) and of the library versions; an unchanged notebook is not
  run again (d2lbook's ``eval`` stage). All run one after another in one kernel. When no
  file the notebooks are generated from has changed since the last pre-build, not even
  their texts are generated.

The figures are drawn in a second process while the notebooks run. Both are deterministic.
tools/build.py starts the MkDocs builds at the same time: their pages wait for the figures
and notebooks they include (snippets/_figure_files.py: ``await_prebuild``).

    python -m tools.prebuild                  # both languages
    python -m tools.prebuild --figures-only   # draw the figures, in this process
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from notebooks.execute import NOTEBOOK_CACHE, execute_changed
from snippets._figure_files import all_drawn_file

ROOT = Path(__file__).resolve().parent.parent
FIGURE_CACHE = ROOT / ".cache" / "figures"  # unless AG_FIGURE_CACHE names another folder
FAILED = "pre-build failed: "
CONFIG_FILES = {"en": "mkdocs.yml", "es": "mkdocs.es.yml"}  # each language's MkDocs config


def read_config(config_file: Path) -> dict:
    """An MkDocs config file as plain data, with what it INHERITs, read without loading MkDocs
    (the pre-build needs it before any MkDocs build is ready): its tags (!ENV and the like)
    read as None."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    config = yaml.load(config_file.read_text("utf-8"), Loader)  # a SafeLoader
    if "INHERIT" in config:
        config = {**read_config(config_file.parent / config["INHERIT"]), **config}
    return config


def figure_cache() -> Path:
    """The folder the pages' figures are read from (snippets/figures/_cache.py)."""
    return Path(os.environ.get("AG_FIGURE_CACHE") or FIGURE_CACHE).resolve()


def draw_figures(langs: list[str]) -> None:
    """Draw every figure of ``langs`` into the figure cache (those not there yet); raises
    ValueError naming the figure and the language that failed."""
    os.environ["AG_FIGURE_CACHE"] = str(figure_cache())  # what the renders' on_disk reads
    from snippets import explorer, figures
    from snippets.translator import plots
    from tools import social_card

    explorer.colormap()  # the explorers' colours: the first page with one waits for them
    for module in (figures, plots):  # in page order, the languages side by side: each
        for name in module.available():  # language's build waits for its figures in turn
            for lang in langs:
                try:
                    module.render(name, lang)
                except Exception as error:  # whatever the failure, name the figure
                    raise ValueError(f"figure {name!r} ({lang}) cannot be drawn: "
                                     f"{type(error).__name__}: {error}") from error
    for lang in langs:  # last: only the end of each build uses it
        social_card.png(ROOT, social_card.config_texts(ROOT / CONFIG_FILES[lang]))
    for lang in langs:
        all_drawn_file(figure_cache(), lang).touch()


def _start_drawing(langs: list[str]) -> subprocess.Popen[str] | None:
    """A process drawing the figures of ``langs`` not drawn yet, or None if all are."""
    if all(all_drawn_file(figure_cache(), lang).is_file() for lang in langs):
        return None
    # As in the MkDocs builds (tools/build.py), whose figures these are.
    env = {**os.environ, "PYTHONHASHSEED": "0", "OPENBLAS_NUM_THREADS": "1",
           "AG_FIGURE_CACHE": str(figure_cache())}
    args = [sys.executable, "-m", "tools.prebuild", "--figures-only"]
    return subprocess.Popen(args + [f"--lang={lang}" for lang in langs], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def run(langs: list[str]) -> None:
    """Draw the missing figures and execute the stale notebooks of ``langs``, at the same
    time; raises ValueError naming a failing figure or notebook cell."""
    drawing = _start_drawing(langs)
    try:
        execute_changed(NOTEBOOK_CACHE, langs)
    except BaseException:
        if drawing is not None:  # the notebook's error is the one to report
            drawing.kill()
            drawing.wait()
        raise
    if drawing is not None:
        _finish_drawing(drawing)


def _finish_drawing(drawing: subprocess.Popen[str]) -> None:
    """Wait for the drawing process (only once the notebooks have run: waiting must not
    delay them); raises ValueError with its message if it failed."""
    _, errors = drawing.communicate()
    lines = errors.splitlines()
    if drawing.returncode and lines and lines[-1].startswith(FAILED):  # names the figure
        raise ValueError(lines[-1].removeprefix(FAILED))
    sys.stderr.write(errors)  # warnings, or a traceback, as a MkDocs build would show them
    if drawing.returncode:
        raise ValueError(f"drawing the figures failed (exit status {drawing.returncode})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=("en", "es"), action="append")
    parser.add_argument("--figures-only", action="store_true",
                        help="draw the missing figures in this process; no notebooks")
    args = parser.parse_args(argv)
    langs = args.lang or ["en", "es"]
    try:
        draw_figures(langs) if args.figures_only else run(langs)
    except ValueError as error:
        print(f"{FAILED}{error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
