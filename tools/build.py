"""Build the whole site in stages: English into site/, Spanish into site/es/.

1. Pre-build (tools/prebuild.py): draw the figures and execute the notebooks whose text
   changed, into .cache/.
2. One ``mkdocs build`` per language, each in its own subprocess (in parallel) and into its
   own folder, .cache/build/<lang> (FastAPI's scripts/docs.py does the same). Each reuses a
   page's conversion while its inputs are unchanged (hooks/render_cache.py).
3. Post-process each language's folder (tools/postprocess.py: KaTeX, Material's scripts,
   fonts, stylesheets) in a subprocess as soon as its build ends, while the other builds.
4. Merge: site/ is the English build, site/es/ the Spanish one.

Both MkDocs builds are strict: any warning (broken link, missing anchor, ...) aborts with a
non-zero exit, and so does any stage.

    python -m tools.build            # both languages
    python -m tools.build --lang es  # one language (faster while writing; site/ keeps the other)
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tools import prebuild

ROOT = Path(__file__).resolve().parent.parent
CONFIGS = {"en": ROOT / "mkdocs.yml", "es": ROOT / "mkdocs.es.yml"}
PREFIXES = {"en": "", "es": "es"}  # where each language lives in the merged site
STAGING = ROOT / ".cache" / "build"
log = logging.getLogger("tools.build")


class BuildError(RuntimeError):
    """A stage failed; its own messages are above."""


def source_date_epoch() -> str:
    """The last commit's time, so dates in the output (sitemaps) do not depend on the day."""
    result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    return result.stdout.strip() or "0"


def _build_languages(langs: list[str]) -> dict[str, Path]:
    """Per language, in parallel: ``mkdocs build`` into its own folder, then its
    post-processing (tools/postprocess.py), each a subprocess; the finished folders. A
    language is post-processed as soon as its own build ends, while the other still builds."""
    env = {**os.environ, "PYTHONHASHSEED": "0", "OPENBLAS_NUM_THREADS": "1",
           "NO_MKDOCS_2_WARNING": "1"}
    env["AG_FIGURE_CACHE"] = str(prebuild.figure_cache())  # where the pre-build drew them
    out = {lang: STAGING / lang for lang in langs}

    def build(lang: str) -> str | None:
        """The stage that failed, or None."""
        # Not --quiet: it sets MkDocs' logger to ERROR, so no warning reaches the strict-mode
        # counter and a broken link would build (MkDocs 1.6).
        steps = {"build": ["mkdocs", "build", "-f", str(CONFIGS[lang]), "-d", str(out[lang])],
                 "post-processing": ["tools.postprocess", str(out[lang])]}
        for stage, args in steps.items():
            if subprocess.run([sys.executable, "-m", *args], cwd=ROOT, env=env).returncode:
                return f"the {lang} {stage}"
        return None

    with ThreadPoolExecutor(max_workers=len(langs)) as pool:
        failed = [stage for stage in pool.map(build, langs) if stage]
    if failed:
        raise BuildError(f"{' and '.join(failed)} failed (see the messages above)")
    return out


def _merge(built: dict[str, Path], site: Path) -> None:
    """Move each language's build to its place in ``site``, replacing only that language."""
    site.mkdir(parents=True, exist_ok=True)
    for lang, folder in built.items():
        target = site / PREFIXES[lang]
        others = {site / PREFIXES[o] for o in PREFIXES if o != lang} if lang == "en" else set()
        for old in (target.iterdir() if target.is_dir() else []):
            if old not in others:
                shutil.rmtree(old) if old.is_dir() and not old.is_symlink() else old.unlink()
        target.mkdir(parents=True, exist_ok=True)
        for new in folder.iterdir():
            new.rename(target / new.name)
        folder.rmdir()


def build_site(langs: list[str] | None = None, site_dir: Path | None = None) -> None:
    """Build the given languages (default: all). Raises BuildError if a stage fails."""
    os.environ.setdefault("SOURCE_DATE_EPOCH", source_date_epoch())
    langs = [lang for lang in CONFIGS if lang in (langs or CONFIGS)]
    site = (site_dir or ROOT / "site").resolve()
    start = time.perf_counter()
    try:
        prebuild.run(langs)
        log.info("pre-build: %.1f s", time.perf_counter() - start)
        shutil.rmtree(STAGING, ignore_errors=True)
        built = _build_languages(langs)
        log.info("mkdocs and post-processing: %.1f s", time.perf_counter() - start)
        _merge(built, site)
    except ValueError as error:
        raise BuildError(str(error)) from error


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
