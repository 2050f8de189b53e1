"""MkDocs hook for the writer's loop (``make live``: ``mkdocs serve`` on one language).

* on_pre_build: forget the project's modules (snippets, glossary, notebooks, tools), so each
  rebuild imports what is on disk now: an edited snippet shows its new printed output and
  redrawn figure, not the one cached by the first build of the serving process. The other
  hooks import project modules inside their functions for the same reason.
* on_post_build: when ``AG_LIVE`` is set (``make live`` sets it), run tools.build's
  post-processor over the served site in its preview mode: math rendered and search patched
  as when published; fonts and stylesheets left whole (they only cost a reader bytes).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

PROJECT_PACKAGES = ("snippets", "glossary", "notebooks", "tools")


def on_pre_build(config: MkDocsConfig) -> None:
    for name in [name for name in sys.modules if name.split(".")[0] in PROJECT_PACKAGES]:
        del sys.modules[name]


def on_post_build(config: MkDocsConfig) -> None:
    if not os.environ.get("AG_LIVE"):
        return  # tools.build post-processes each language after its build
    from tools.postprocess import postprocess_language

    try:
        postprocess_language(Path(config.site_dir), preview=True)
    except ValueError as error:
        raise PluginError(f"post-processing: {error}") from error
