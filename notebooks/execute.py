"""Execute notebooks with nbclient, deterministically, failing on the first error.

* ``execute_fresh(nb)`` runs one notebook in a new kernel, exactly as a reader's Jupyter
  would (the tests use it).
* ``execute_shared(nbs)`` runs several notebooks one after another in ONE kernel, resetting
  its namespace in between: a kernel with matplotlib loaded costs 1 to 2 s of CPU to start,
  so the site build pays that once instead of six times. The tests check that both ways
  give the same outputs.
* ``execute_stale(cache, texts)`` executes the notebooks whose executed copy under
  ``.cache/notebooks`` is missing or stale (keyed by the notebook's text, which embeds the
  snippet code it uses, and by the versions that shape its outputs), all in one kernel.
* ``execute_changed(cache, langs)`` is the pre-build stage (tools/prebuild.py): the same for
  every notebook of ``langs``, skipped without generating a text when no file the texts
  come from has changed since it last ran (a warm build then imports neither nbformat nor
  asyncio).

Every failure (a raising cell, a timeout, a dead kernel) becomes a ValueError naming the
notebook, the language and the cell.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import subprocess
import tempfile
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported when a notebook runs: a cached build never pays for them
    from jupyter_client.asynchronous import AsyncKernelClient
    from jupyter_client.manager import AsyncKernelManager
    from nbformat import NotebookNode

CELL_TIMEOUT_S = 60
# In the repository that holds the notebooks, wherever MkDocs runs from (a test may build a
# copy of the project elsewhere and should still find the executed notebooks).
ROOT = Path(__file__).resolve().parent.parent
CACHE_ROOT = ROOT / ".cache"
# The shared kernel starts like a fresh one would be right after a notebook's first import
# of pyplot (which applies the inline backend's settings); between notebooks it goes back to
# that state: empty namespace, no figures, the same matplotlib and numpy print settings.
_SNAPSHOT = """
import matplotlib, matplotlib.pyplot, numpy
matplotlib._ag_rc, numpy._ag_print = matplotlib.rcParams.copy(), numpy.get_printoptions()
"""
_RESET = """
get_ipython().run_line_magic("reset", "-f")
import matplotlib, matplotlib.pyplot, numpy
matplotlib.pyplot.close("all")
matplotlib.rcParams.update(matplotlib._ag_rc)
numpy.set_printoptions(**numpy._ag_print)
"""


def _label(nb: NotebookNode) -> str:
    meta = nb.metadata.get("attention_glossary", {})
    return f"notebook {meta.get('name', '?')!r} ({meta.get('language', '?')})"


def _kernel_env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("SOURCE_DATE_EPOCH", "0")  # matplotlib stamps SVGs with this date
    env["PYTHONHASHSEED"] = "0"
    # The matrices are tiny: BLAS threads only contend with each other (3x slower under load).
    env.setdefault("OPENBLAS_NUM_THREADS", "1")
    env.pop("MPLBACKEND", None)  # the kernel's inline backend, whatever the caller uses
    return env


async def _start_kernel(workdir: str) -> tuple[AsyncKernelManager, AsyncKernelClient]:
    """A new kernel and one client for all it runs: each new client waits for the kernel to
    be ready, which costs at least 0.2 s of idle polling (jupyter_client)."""
    from jupyter_client.manager import AsyncKernelManager

    km = AsyncKernelManager(kernel_name="python3")
    # The kernel's "running over TCP without encryption" notice would clutter the build log.
    await km.start_kernel(cwd=workdir, env=_kernel_env(), stderr=subprocess.DEVNULL)
    kc = km.client()
    kc.start_channels()
    try:
        await kc.wait_for_ready(timeout=CELL_TIMEOUT_S)
    except RuntimeError as error:
        kc.stop_channels()
        await km.shutdown_kernel(now=True)
        raise ValueError(f"the notebook kernel did not start: {error}") from None
    return km, kc


async def _run(nb: NotebookNode, km: AsyncKernelManager, kc: AsyncKernelClient) -> None:
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    # coalesce_streams: one stream output per cell, however the kernel chunked the text
    client = NotebookClient(nb, km=km, timeout=CELL_TIMEOUT_S, allow_errors=False,
                            record_timing=False, coalesce_streams=True)
    client.kc = kc  # reused: nbclient neither waits for a new one nor stops this one
    try:
        await client.async_execute()
    except CellExecutionError as error:
        cell = next((i for i, c in enumerate(nb.cells) if _failed(c)), "?")
        raise ValueError(
            f"{_label(nb)}: cell {cell} failed: {error.ename}: {error.evalue}"
        ) from None
    except (CellTimeoutError, DeadKernelError) as error:
        raise ValueError(f"{_label(nb)}: {type(error).__name__}: {error}") from None


def _one_cell(source: str) -> NotebookNode:
    import nbformat

    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source.strip())])


def _failed(cell: NotebookNode) -> bool:
    return any(out.get("output_type") == "error" for out in cell.get("outputs", []))


async def _execute_all(notebooks: list[NotebookNode], shared: bool,
                       on_done: Callable[[int, NotebookNode], None] | None = None) -> None:
    with tempfile.TemporaryDirectory(prefix="ag-notebooks-") as workdir:
        kernel: tuple[AsyncKernelManager, AsyncKernelClient] | None = None

        async def stop() -> None:
            if kernel is not None:
                kernel[1].stop_channels()
                await kernel[0].shutdown_kernel(now=True)

        try:
            for index, nb in enumerate(notebooks):
                if kernel is not None and shared:
                    await _run(_one_cell(_RESET), *kernel)
                else:
                    await stop()
                    kernel = None
                    kernel = await _start_kernel(workdir)
                    if shared:
                        await _run(_one_cell(_SNAPSHOT), *kernel)
                await _run(nb, *kernel)
                if on_done is not None:
                    on_done(index, nb)
        finally:
            await stop()


def _run_in_own_thread(coroutine: Coroutine) -> None:
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    try:
        asyncio.get_running_loop()
    except RuntimeError:  # the build: no loop here, run in this thread
        asyncio.run(coroutine)
        return
    # asyncio.run() refuses to start where an event loop is already running (for example in
    # a test process that also drives Playwright's sync API); a short-lived thread has none.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="notebook-run") as pool:
        pool.submit(asyncio.run, coroutine).result()


def execute_fresh(nb: NotebookNode) -> NotebookNode:
    """``nb`` executed in a new kernel (in place, and returned)."""
    _run_in_own_thread(_execute_all([nb], shared=False))
    return nb


def execute_shared(notebooks: list[NotebookNode],
                   on_done: Callable[[int, NotebookNode], None] | None = None
                   ) -> list[NotebookNode]:
    """``notebooks`` executed in order in one kernel (in place, and returned).

    ``on_done(index, nb)`` is called as soon as each one has run.
    """
    _run_in_own_thread(_execute_all(notebooks, shared=True, on_done=on_done))
    return notebooks


def _versions() -> str:
    """The installed versions that shape the outputs, read without importing the libraries
    (the runner process that drives the kernel never needs them)."""
    return f"{platform.python_version()} {version('numpy')} {version('matplotlib')}"


def cache_key(text: str) -> str:
    """Identifies an execution: the notebook's text and what shapes its outputs."""
    return hashlib.sha256(f"{_versions()}\n{text}".encode()).hexdigest()[:16]


def text_sources() -> list[Path]:
    """Every file the notebooks' texts can be generated from: their sources and the
    generator (notebooks/), the UI strings (ui/), the code they embed (snippets/)."""
    return [path for folder in ("notebooks", "ui", "snippets")
            for path in sorted((ROOT / folder).rglob("*"))
            if path.suffix in (".py", ".yml", ".json") and "__pycache__" not in path.parts]


def sources_digest() -> str:
    """A hash of ``text_sources()`` and of what cache_key holds besides: the same digest,
    the same texts and keys (milliseconds, where generating the texts takes 0.2 s)."""
    digest = hashlib.sha256(f"{_versions()} {version('nbformat')}".encode())
    for path in text_sources():
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:20]


@dataclass(frozen=True)
class Job:
    """One notebook to execute: its clean text and where its executed copy goes."""

    text: str
    target: Path


class ExecutionCache:
    """Executed notebooks under ``root``/<lang>/notebooks/<name>.ipynb, re-run when stale.

    The ``notebooks/`` level mirrors the page path, so ``root``/<lang> can serve as the
    ``src_dir`` of a MkDocs File (mkdocs-jupyter reads ``abs_src_path``).
    """

    def __init__(self, root: Path) -> None:
        self.root = root

    def src_dir(self, lang: str) -> Path:
        return self.root / lang

    def target(self, lang: str, name: str) -> Path:
        return self.src_dir(lang) / "notebooks" / f"{name}.ipynb"

    def all_current_file(self, lang: str) -> Path:
        """Exists while every notebook of ``lang`` generated from the current sources has
        run (written by ``execute_changed``)."""
        return self.root / f"all-current.{lang}.{sources_digest()}"

    def _key_file(self, target: Path) -> Path:
        return target.with_suffix(".key")

    def is_current(self, job: Job) -> bool:
        key = self._key_file(job.target)
        return job.target.is_file() and key.is_file() and key.read_text() == cache_key(job.text)

    def store(self, job: Job, nb: NotebookNode) -> None:
        job.target.parent.mkdir(parents=True, exist_ok=True)
        self._key_file(job.target).unlink(missing_ok=True)  # stale until both are written
        partial = job.target.with_suffix(".partial")
        partial.write_text(json.dumps(nb, indent=1, ensure_ascii=False, sort_keys=True), "utf-8")
        partial.replace(job.target)
        self._key_file(job.target).write_text(cache_key(job.text))


NOTEBOOK_CACHE = ExecutionCache(CACHE_ROOT / "notebooks")


def clean_texts(langs: list[str] | tuple[str, ...]) -> dict[tuple[str, str], str]:
    """(lang, name) -> the clean notebook (no outputs), generated from its source now."""
    from notebooks.generate import all_sources, build, serialise

    return {(lang, source.name): serialise(build(source, lang))
            for source in all_sources() for lang in langs}


def execute_stale(cache: ExecutionCache, texts: dict[tuple[str, str], str]) -> None:
    """Execute the notebooks of ``texts`` whose cached copy is stale, one after another in one
    kernel (``execute_shared``), each stored as soon as it has run. One kernel, not one per
    language: starting one costs about 0.8 s of CPU, and the MkDocs builds running beside the
    pre-build (tools/build.py) use the cores while it waits on the kernel."""
    jobs = [Job(text, cache.target(lang, name)) for (lang, name), text in texts.items()]
    stale = [job for job in jobs if not cache.is_current(job)]
    if not stale:
        return
    import nbformat

    execute_shared([nbformat.reads(job.text, as_version=4) for job in stale],
                   on_done=lambda index, nb: cache.store(stale[index], nb))


def execute_changed(cache: ExecutionCache, langs: list[str]) -> None:
    """``execute_stale`` for every notebook of ``langs``, unless none of the files they are
    generated from has changed since the last time (then no text is generated)."""
    done = [cache.all_current_file(lang) for lang in langs]
    if all(file.is_file() for file in done):
        return
    execute_stale(cache, clean_texts(langs))
    cache.root.mkdir(parents=True, exist_ok=True)
    for file in done:
        file.touch()
