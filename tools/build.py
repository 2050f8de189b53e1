"""Build the whole site: English into site/, Spanish into site/es/, one process per language.

The parent imports the build's libraries and computes every figure's numbers once
(``snippets.figures.precompute``); it then forks one child per language, which inherit those
numbers and build in parallel (two cores: about half the time of one build after the other).
The Spanish child writes into a scratch folder that replaces site/es/ once both are done,
because the English build starts by emptying site/. Both builds are strict: any warning
(broken link, missing anchor, ...) aborts with a non-zero exit.

    python -m tools.build            # both languages
    python -m tools.build --lang es  # one language (faster while writing; site/ keeps the other)
"""

from __future__ import annotations

import argparse
import logging
import multiprocessing
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, BuildError, ConfigurationError, PluginError

ROOT = Path(__file__).resolve().parent.parent
CONFIGS = {"en": ROOT / "mkdocs.yml", "es": ROOT / "mkdocs.es.yml"}


def source_date_epoch() -> str:
    """The last commit's time, so dates in the output (sitemaps) do not depend on the day."""
    result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    return result.stdout.strip() or "0"


def build_site(langs: list[str] | None = None, site_dir: Path | None = None) -> None:
    """Build the given languages (default: all). Raises BuildError if a build fails."""
    os.environ.setdefault("SOURCE_DATE_EPOCH", source_date_epoch())
    langs = langs or list(CONFIGS)
    if langs == list(CONFIGS):
        _build_all_in_parallel(site_dir)
        return
    for lang in langs:
        config = _config(lang, site_dir)
        if lang == "en":
            _build_keeping(config, Path(config.site_dir) / "es")
        else:
            build(config)


def _config(lang: str, site_dir: Path | None, es_dir: Path | None = None):
    overrides = {}
    if lang == "es" and es_dir is not None:
        overrides["site_dir"] = str(es_dir)
    elif site_dir is not None:
        overrides["site_dir"] = str(site_dir if lang == "en" else site_dir / lang)
    return load_config(str(CONFIGS[lang]), strict=True, **overrides)


def _child(lang: str, site_dir: Path | None, es_dir: Path) -> None:
    code = 1
    try:
        build(_config(lang, site_dir, es_dir))
        code = 0
    except (Abort, BuildError, ConfigurationError, PluginError) as exc:
        print(f"build failed ({lang}): {exc}", file=sys.stderr)
    except BaseException:
        logging.exception("build failed (%s)", lang)
    finally:
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)  # not the parent's atexit handlers: they belong to the parent


def _build_all_in_parallel(site_dir: Path | None) -> None:
    from snippets.figures import precompute

    precompute()  # once, in the parent: both children inherit the numbers
    site = site_dir or Path(load_config(str(CONFIGS["en"])).site_dir)
    es_dir = site.parent / f".{site.name}-es-building"
    shutil.rmtree(es_dir, ignore_errors=True)
    fork = multiprocessing.get_context("fork")
    children = {lang: fork.Process(target=_child, args=(lang, site_dir, es_dir), name=lang)
                for lang in CONFIGS}
    for child in children.values():
        child.start()
    for child in children.values():
        child.join()
    failed = [lang for lang, child in children.items() if child.exitcode != 0]
    if failed:
        shutil.rmtree(es_dir, ignore_errors=True)
        raise BuildError(f"the {' and '.join(failed)} build failed (see the messages above)")
    shutil.rmtree(site / "es", ignore_errors=True)
    es_dir.rename(site / "es")


def _build_keeping(config, keep: Path) -> None:
    """Clean-build English without deleting the Spanish site nested inside it."""
    parked = keep.parent.parent / ".site-es-parked"
    if keep.exists():
        keep.rename(parked)
    try:
        build(config)
    finally:
        if parked.exists():
            parked.rename(keep)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=sorted(CONFIGS), action="append")
    parser.add_argument("--site-dir", type=Path)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s - %(message)s")
    start = time.perf_counter()
    try:
        build_site(args.lang, args.site_dir)
    except (Abort, BuildError, ConfigurationError, PluginError) as exc:
        print(f"build failed: {exc}", file=sys.stderr)
        return 1
    print(f"built {', '.join(args.lang or CONFIGS)} in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
