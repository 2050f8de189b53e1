"""MkDocs hook: what a build of one language does besides MkDocs' own work, first and last.

* on_pre_build, under ``mkdocs serve`` (``make live``): forget the project's modules
  (snippets, glossary, notebooks, tools, ui), so each rebuild imports what is on disk now:
  an edited snippet shows its new printed output and redrawn figure, an edited UI string
  its new text, not the ones cached by the first build of the serving process. The other
  hooks import project modules inside their functions for the same reason. A
  ``mkdocs build`` is a process of its own: nothing to forget.
* on_post_build, last: run the post-processor (tools/postprocess.py) over the built site, in
  this process (a second one would import it all again). Under ``mkdocs serve``, its preview
  mode: math rendered and search patched as when published; fonts and stylesheets left whole
  (they only cost a reader bytes).
"""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

PROJECT_PACKAGES = ("snippets", "glossary", "notebooks", "tools", "ui")
log = logging.getLogger("mkdocs.hooks.live")
_serving = False


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"  # the process's mode, not a build's state


def on_pre_build(config: MkDocsConfig) -> None:
    if not _serving:
        return
    for name in [name for name in sys.modules if name.split(".")[0] in PROJECT_PACKAGES]:
        del sys.modules[name]


@event_priority(-100)  # after every other hook and plugin has written its files
def on_post_build(config: MkDocsConfig) -> None:
    from tools.postprocess import postprocess_language

    start = time.perf_counter()
    try:
        postprocess_language(Path(config.site_dir), preview=_serving)
    except ValueError as error:
        raise PluginError(f"post-processing: {error}") from error
    log.info("post-processed in %.1f s", time.perf_counter() - start)
