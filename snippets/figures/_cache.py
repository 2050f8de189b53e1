"""Figures kept on disk between builds, keyed by everything that can change them.

When the environment variable ``AG_FIGURE_CACHE`` names a folder (tools.build and
``make live`` set it), ``render(name, lang)`` returns the HTML drawn by an earlier build if
no file of snippets/ (code, strings, the translator's weights) and no version of numpy or
matplotlib has changed since; otherwise it draws and stores the figure. Without the variable
(tests, notebooks, scripts) every call draws. The pre-build (tools/prebuild.py) draws every
figure into that folder before the MkDocs builds start; the key and file names are in
snippets/_figure_files.py. ``kept`` does the same for other text computed with matplotlib
(the explorer's colour map), so that a page served from the cache never imports it.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path

from snippets._figure_files import await_prebuild, kept_file


def kept(key: str, make: Callable[[], str]) -> str:
    """``make()``, or what it returned in an earlier build from the same sources (``key``:
    "<module>.<what>.<file type>", unique to ``make``). The pre-build makes what the pages
    keep, so a build running beside it waits for the file (or for the pre-build's end)."""
    folder = os.environ.get("AG_FIGURE_CACHE")
    if not folder:
        return make()
    path = kept_file(Path(folder), key)
    await_prebuild(path)
    if path.is_file():
        return path.read_text("utf-8")
    text = make()
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.partial")
    partial.write_text(text, "utf-8")
    partial.replace(path)
    return text


def on_disk(render: Callable[..., str]) -> Callable[..., str]:
    @functools.wraps(render)
    def cached(name: str, lang: str, *args: object, **kwargs: object) -> str:
        if args or kwargs:  # other inputs (the browser's): always drawn
            return render(name, lang, *args, **kwargs)
        return kept(f"{render.__module__}.{name}.{lang}.html", lambda: render(name, lang))

    return cached
