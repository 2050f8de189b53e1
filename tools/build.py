"""Build the whole site in stages: English into site/, Spanish into site/es/.

1. Pre-build (tools/prebuild.py): draw the figures and execute the notebooks whose text
   changed, into .cache/.
2. One ``mkdocs build`` per language, each in its own subprocess (in parallel) and into its
   own folder (``staging_folder``/<lang>; FastAPI's scripts/docs.py does the same), started with
   the pre-build: a page that includes a figure or a notebook waits for it (on two cores,
   the builds use what the pre-build leaves idle). Each reuses a page's conversion while its
   inputs are unchanged (hooks/render_cache.py).
3. Post-processing (tools/postprocess.py: KaTeX, Material's scripts, fonts, stylesheets):
   the last step of each of those builds (hooks/live.py), in its process.
4. Merge: site/ is the English build, site/es/ the Spanish one.

Both MkDocs builds are strict: any warning (broken link, missing anchor, ...) aborts with a
non-zero exit, and so does any stage.

    python -m tools.build            # both languages
    python -m tools.build --lang es  # one language (faster while writing; site/ keeps the other)
"""

from __future__ import annotations

import argparse
import filecmp
import hashlib
import importlib
import logging
import os
import shutil
import subprocess
import sys
import time
import types
from pathlib import Path

from snippets._figure_files import PREBUILD_RUNNING
from tools import prebuild

ROOT = Path(__file__).resolve().parent.parent
CONFIGS = {lang: ROOT / name for lang, name in prebuild.CONFIG_FILES.items()}
PREFIXES = {"en": "", "es": "es"}  # where each language lives in the merged site


def staging_folder(site: Path) -> Path:
    """Where the languages are built before the merge into ``site``.

    A first build (no ``site`` yet) builds beside it, on its disk: the merge then renames
    folders, and the runtime's 50 MB are hard links into .cache (copied twice through memory,
    they were 0.7 s of a clean build). A rebuild builds in memory when the system has a RAM
    disk with room (Linux's /dev/shm), and the merge moves only the files that changed:
    writing one language's 1,000 files to an ext4 disk (mounted with ``discard``) and deleting
    them after the merge took a second of a one-page rebuild, in memory a tenth of it.
    """
    ram = Path("/dev/shm")
    if site.exists() and ram.is_dir() and shutil.disk_usage(ram).free > 2**30:
        return ram / f"attention-glossary-{hashlib.sha256(str(site).encode()).hexdigest()[:12]}"
    return site.parent / f".{site.name}-staging"


log = logging.getLogger("tools.build")


class BuildError(RuntimeError):
    """A stage failed; its own messages are above."""


def source_date_epoch() -> str:
    """The last commit's time, so dates in the output (sitemaps) do not depend on the day."""
    result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    return result.stdout.strip() or "0"


# Each language's process: ``mkdocs build``, with the modules mkdocs-jupyter imports as it
# loads (0.3 s) but uses only to convert a notebook its cache does not hold imported on use,
# at a lower CPU priority than the pre-build, whose figures its pages wait for (on 2 cores,
# a clean build took 15.3-16.7 s at the same priority, 14.0-14.6 s at this one).
MKDOCS = ("import os; os.nice(10) if hasattr(os, 'nice') else None; "
          "from tools.build import defer_imports; defer_imports('jupytext', "
          "'mkdocs_jupyter.convert'); from mkdocs.__main__ import cli; cli(prog_name='mkdocs')")


class _Deferred(types.ModuleType):
    """Stands in sys.modules for a module until one of its attributes is read (``import name``
    reads none; ``name.f()`` does), then imports it and hands that attribute on."""

    def __getattr__(self, attribute: str) -> object:
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        return getattr(importlib.import_module(self.__name__), attribute)


def defer_imports(*names: str) -> None:
    """Import each module of ``names`` when it is first used, not when it is imported.
    (``importlib.util.LazyLoader`` would not do: ``import name`` reads its ``__spec__``.)"""
    for name in names:
        sys.modules[name] = _Deferred(name)


def _start_languages(langs: list[str], running: Path, staging: Path
                     ) -> dict[str, subprocess.Popen]:
    """Per language, in parallel: ``mkdocs build`` into its own folder, post-processed
    (hooks/live.py), each in a subprocess, started while the pre-build still runs: a page
    waits for its figure or notebook while ``running`` exists (snippets/_figure_files.py)."""
    env = {**os.environ, "PYTHONHASHSEED": "0", "OPENBLAS_NUM_THREADS": "1",
           "NO_MKDOCS_2_WARNING": "1", PREBUILD_RUNNING: str(running)}
    env["AG_FIGURE_CACHE"] = str(prebuild.figure_cache())  # where the pre-build draws them
    # Not --quiet: it sets MkDocs' logger to ERROR, so no warning reaches the strict-mode
    # counter and a broken link would build (MkDocs 1.6).
    return {lang: subprocess.Popen([sys.executable, "-c", MKDOCS, "build", "-f",
                                    str(CONFIGS[lang]), "-d", str(staging / lang)],
                                   cwd=ROOT, env=env)
            for lang in langs}


def _finish_languages(builds: dict[str, subprocess.Popen], staging: Path) -> dict[str, Path]:
    """Wait for the builds; the finished folders. Raises BuildError naming those that failed."""
    failed = [f"the {lang} build" for lang, process in builds.items() if process.wait()]
    if failed:
        raise BuildError(f"{' and '.join(failed)} failed (see the messages above)")
    return {lang: staging / lang for lang in builds}


def _merge(built: dict[str, Path], site: Path) -> None:
    """Put each language's build in its place in ``site``, replacing only that language.

    A file whose bytes did not change stays where it is, with a new date, and the new copy is
    deleted with the staging folder: on a disk mounted with ``discard``, deleting a file
    written more than half a minute ago costs milliseconds (0.1 to 2 s for one language's 650
    files)."""
    for lang, folder in built.items():
        target = site / PREFIXES[lang]
        others = {site / PREFIXES[o] for o in PREFIXES if o != lang} if lang == "en" else set()
        _move_changed(folder, target, others)
        shutil.rmtree(folder, ignore_errors=True)  # gone if it was moved whole


def _move_changed(new: Path, old: Path, keep: set[Path]) -> None:
    """Make folder ``old`` hold what folder ``new`` holds (but the entries in ``keep``),
    moving only the files that differ."""
    if old.is_symlink() or (old.exists() and not old.is_dir()):
        old.unlink()
    if not old.exists() and not keep:  # a first build: the whole folder (a rename)
        old.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(new, old)
        return
    old.mkdir(parents=True, exist_ok=True)
    for entry in old.iterdir():
        if entry not in keep and not (new / entry.name).exists():
            shutil.rmtree(entry) if entry.is_dir() and not entry.is_symlink() else entry.unlink()
    for entry in new.iterdir():
        dest = old / entry.name
        if entry.is_dir() and not entry.is_symlink():
            _move_changed(entry, dest, set())
        elif _same_file(entry, dest):
            if not os.path.samefile(entry, dest):  # a hard link into a cache keeps its date
                os.utime(dest)
        else:  # moved, or copied from a RAM disk, never written through a hard link
            if dest.is_dir() and not dest.is_symlink():
                shutil.rmtree(dest)
            elif dest.exists() or dest.is_symlink():
                dest.unlink()
            shutil.move(entry, dest)


def _same_file(new: Path, old: Path) -> bool:
    """Whether ``old`` is a regular file with the bytes of the regular file ``new``."""
    if new.is_symlink() or old.is_symlink() or not old.is_file():
        return False
    return os.path.samefile(new, old) or filecmp.cmp(new, old, shallow=False)


def build_site(langs: list[str] | None = None, site_dir: Path | None = None) -> None:
    """Build the given languages (default: all). Raises BuildError if a stage fails."""
    os.environ.setdefault("SOURCE_DATE_EPOCH", source_date_epoch())
    langs = [lang for lang in CONFIGS if lang in (langs or CONFIGS)]
    site = (site_dir or ROOT / "site").resolve()
    start = time.perf_counter()
    staging = staging_folder(site)
    shutil.rmtree(staging, ignore_errors=True)
    running = staging / "pre-build-running"
    running.parent.mkdir(parents=True)
    running.touch()
    builds = _start_languages(langs, running, staging)
    try:
        try:
            prebuild.run(langs)
        finally:
            running.unlink()  # the builds stop waiting: a failed pre-build stops them below
        log.info("pre-build: %.1f s", time.perf_counter() - start)
        built = _finish_languages(builds, staging)
        log.info("mkdocs and post-processing: %.1f s", time.perf_counter() - start)
        _merge(built, site)
    except ValueError as error:
        raise BuildError(str(error)) from error
    finally:  # a failed build leaves nothing behind (the staging folder may be in memory)
        for process in builds.values():
            if process.poll() is None:
                process.kill()
                process.wait()
        shutil.rmtree(staging, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=sorted(CONFIGS), action="append")
    parser.add_argument("--site-dir", type=Path)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s - %(message)s")
    start = time.perf_counter()
    try:
        build_site(args.lang, args.site_dir)
    except BuildError as exc:
        print(f"build failed: {exc}", file=sys.stderr)
        return 1
    print(f"built {', '.join(args.lang or CONFIGS)} in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
