"""Where drawn figures (and the explorer's colour map) are kept between builds
(snippets/figures/_cache.py), and their key.

A module of its own, importing neither numpy nor matplotlib, so that the pre-build
(tools/prebuild.py) can tell that every figure is already drawn without loading them.
"""

from __future__ import annotations

import functools
import hashlib
from importlib.metadata import version
from pathlib import Path

SNIPPETS = Path(__file__).resolve().parent


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
