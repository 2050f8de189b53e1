"""Figures kept on disk between builds, keyed by everything that can change them.

When the environment variable ``AG_FIGURE_CACHE`` names a folder (tools.build and
``make live`` set it), ``render(name, lang)`` returns the HTML drawn by an earlier build if
no file of snippets/ (code, strings, the translator's weights) and no version of numpy or
matplotlib has changed since; otherwise it draws and stores the figure. Without the variable
(tests, notebooks, scripts) every call draws. The pre-build (tools/prebuild.py) draws every
figure into that folder before the MkDocs builds start; the key and file names are in
snippets/_figure_files.py.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path

from snippets._figure_files import figure_file


def on_disk(render: Callable[..., str]) -> Callable[..., str]:
    @functools.wraps(render)
    def cached(name: str, lang: str, *args: object, **kwargs: object) -> str:
        folder = os.environ.get("AG_FIGURE_CACHE")
        if not folder or args or kwargs:  # other inputs (the browser's): always drawn
            return render(name, lang, *args, **kwargs)
        path = figure_file(Path(folder), render.__module__, name, lang)
        if path.is_file():
            return path.read_text("utf-8")
        html = render(name, lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.partial")
        partial.write_text(html, "utf-8")
        partial.replace(path)
        return html

    return cached
