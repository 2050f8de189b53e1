"""Figures kept on disk between builds, keyed by everything that can change them.

When the environment variable ``AG_FIGURE_CACHE`` names a folder (tools.build and
``make live`` set it), ``render(name, lang)`` returns the HTML drawn by an earlier build if
no file of snippets/ (code, strings, the translator's weights) and no version of numpy or
matplotlib has changed since; otherwise it draws and stores the figure. Without the variable
(tests, notebooks, scripts) every call draws.
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Callable
from pathlib import Path

import matplotlib
import numpy as np

SNIPPETS = Path(__file__).resolve().parents[1]


def sources_digest() -> str:
    """A hash of every file under snippets/ that a figure can depend on, and of the versions."""
    digest = hashlib.sha256(f"{np.__version__} {matplotlib.__version__}".encode())
    for path in sorted(SNIPPETS.rglob("*")):
        if path.suffix in (".py", ".npz", ".json", ".yml") and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(SNIPPETS)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:20]


def on_disk(render: Callable[..., str]) -> Callable[..., str]:
    @functools.wraps(render)
    def cached(name: str, lang: str, *args: object, **kwargs: object) -> str:
        folder = os.environ.get("AG_FIGURE_CACHE")
        if not folder or args or kwargs:  # other inputs (the browser's): always drawn
            return render(name, lang, *args, **kwargs)
        path = Path(folder) / f"{render.__module__}.{name}.{lang}.{sources_digest()}.html"
        if path.is_file():
            return path.read_text("utf-8")
        html = render(name, lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.partial")
        partial.write_text(html, "utf-8")
        partial.replace(path)
        return html

    return cached
