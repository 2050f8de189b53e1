"""Where drawn figures (and the explorer's colour map) are kept between builds
(snippets/figures/_cache.py), and their key.

A module of its own, importing neither numpy nor matplotlib, so that the pre-build
(tools/prebuild.py) can tell that every figure is already drawn without loading them.
"""

from __future__ import annotations

import functools
import hashlib
import os
import time
from importlib.metadata import version
from pathlib import Path

SNIPPETS = Path(__file__).resolve().parent
# Set by tools/build.py: a file that exists while the pre-build is still drawing and executing
# (the MkDocs builds start at the same time and use the cores it leaves idle).
PREBUILD_RUNNING = "AG_PREBUILD_RUNNING"


@functools.cache  # once per process: `make live` (hooks/live.py) re-imports it for each build
def sources_digest() -> str:
    """A hash of every file under snippets/ that a figure can depend on, and of the versions."""
    digest = hashlib.sha256(f"{version('numpy')} {version('matplotlib')}".encode())
    for path in sorted(SNIPPETS.rglob("*")):
        if path.suffix in (".py", ".npz", ".json", ".yml") and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(SNIPPETS)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:20]


def kept_file(folder: Path, key: str) -> Path:
    """The text kept under ``key`` ("<module>.<what>.<type>"), made from the current sources."""
    stem, _, suffix = key.rpartition(".")
    return folder / f"{stem}.{sources_digest()}.{suffix}"


def figure_file(folder: Path, module: str, name: str, lang: str) -> Path:
    """The HTML of figure ``name`` of ``module``, drawn in ``lang`` from the current sources."""
    return kept_file(folder, f"{module}.{name}.{lang}.html")


def all_drawn_file(folder: Path, lang: str) -> Path:
    """Exists once every figure of ``lang`` is in ``folder`` (written by the pre-build)."""
    return folder / f"all-drawn.{lang}.{sources_digest()}"


def await_prebuild(path: Path | None = None) -> None:
    """While the pre-build runs beside this build, wait until ``path`` exists (None: until
    the pre-build ends), rather than draw or execute it a second time. Returns at once in any
    other build (``make live``, tests)."""
    running = os.environ.get(PREBUILD_RUNNING)
    while running and os.path.exists(running) and not (path is not None and path.is_file()):
        time.sleep(0.02)
