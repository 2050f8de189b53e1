"""The figure cache (snippets/figures/_cache.py): a figure an earlier build drew is served from
disk without loading the drawing code (the figure modules, numpy, matplotlib: about 0.3 s per
language and build otherwise), a missing one is drawn and kept, and a bad name or language
still fails by name with the cache on."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from snippets import figures
from snippets._figure_files import figure_file, kept_file
from snippets.translator import plots

ROOT = Path(__file__).resolve().parent.parent
DRAWING = ["matplotlib", "numpy", "snippets.figures._render", "snippets.translator._plots"]

# What a warm build does: its pages render cached figures and explorers (a page with an
# explorer converts again when edited) and ask which figures the translator has; its hooks read
# the defaults of the figures the reader can redraw (tools/runtime_site.py) and import the
# explorer for figure titles (hooks/nav.py).
PAGE = f"""
import sys
from snippets.figures import render
from snippets.translator import plots
print(render("masks", "es"))
print(plots.render("translator-loss", "en"))
print(plots.available())
print([name for name in {DRAWING} if name in sys.modules])
import inspect
from snippets.explorer import render_explorer
from snippets.figures import inputs
inspect.signature(inputs.temperature)
explorer = render_explorer("self", "es")
print('<p>heatmap</p>' in explorer, '"cmap":"kept"' in explorer)
print([name for name in {DRAWING} if name in sys.modules])
"""


def test_a_cached_figure_loads_neither_the_drawing_code_nor_matplotlib(tmp_path: Path) -> None:
    kept = {
        figure_file(tmp_path, "snippets.figures", "masks", "es"): "<p>masks</p>",
        figure_file(tmp_path, "snippets.translator.plots", "translator-loss", "en"): "<p>loss</p>",
        figure_file(tmp_path, "snippets.figures", "attention-heatmap", "es"): "<p>heatmap</p>",
        kept_file(tmp_path, "snippets.explorer.colormap.txt"): "kept",
    }
    for path, text in kept.items():
        path.write_text(text, "utf-8")
    env = {**os.environ, "AG_FIGURE_CACHE": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", PAGE], cwd=ROOT, env=env, capture_output=True,
                            text=True, check=True, timeout=60)
    assert result.stdout.splitlines() == [
        "<p>masks</p>", "<p>loss</p>", repr(plots.available()), "[]", "True True", "['numpy']"]


def test_a_figure_missing_from_the_cache_is_drawn_and_kept(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AG_FIGURE_CACHE", raising=False)
    fresh = figures.render("masks", "es")
    monkeypatch.setenv("AG_FIGURE_CACHE", str(tmp_path))
    assert figures.render("masks", "es") == fresh
    kept = figure_file(tmp_path, "snippets.figures", "masks", "es")
    assert kept.read_text("utf-8") == fresh
    kept.write_text("<p>kept</p>", "utf-8")
    assert figures.render("masks", "es") == "<p>kept</p>"  # served, not drawn again
    assert [p.name for p in tmp_path.iterdir()] == [kept.name]  # no partial file left


def test_bad_names_and_languages_fail_by_name_with_the_cache_on(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AG_FIGURE_CACHE", str(tmp_path))
    with pytest.raises(ValueError, match=r"^unknown figure 'nope' \(language 'es'\); "
                                         r"available: \['attention-heatmap', "):
        figures.render("nope", "es")
    with pytest.raises(ValueError, match=r"^figure 'masks': no label catalog for language 'fr'"):
        figures.render("masks", "fr")
    with pytest.raises(ValueError, match=r"^unknown figure 'translator-nope' \(language 'en'\); "
                                         r"available: \['translator-loss', "):
        plots.render("translator-nope", "en")
    with pytest.raises(ValueError, match=r"^figure 'translator-loss': no label catalog for "
                                         r"language 'fr'"):
        plots.render("translator-loss", "fr")
    assert not list(tmp_path.iterdir())  # nothing kept for a figure that failed
