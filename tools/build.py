"""Build the whole site: English into site/, Spanish into site/es/, in one process.

One process means numpy/matplotlib are imported once and every figure's numbers are
computed once (module-level caches) even though both languages draw them. Both builds are
strict: any warning (broken link, missing anchor, ...) aborts with a non-zero exit.

    python -m tools.build            # both languages
    python -m tools.build --lang es  # one language (faster while writing; site/ keeps the other)
"""

from __future__ import annotations

import argparse
import logging
import os
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
    """Build the given languages (default: all, English first since it cleans site/)."""
    os.environ.setdefault("SOURCE_DATE_EPOCH", source_date_epoch())
    for lang in langs or list(CONFIGS):
        overrides = {}
        if site_dir is not None:
            overrides["site_dir"] = str(site_dir if lang == "en" else site_dir / lang)
        config = load_config(str(CONFIGS[lang]), strict=True, **overrides)
        if lang == "en" and langs == ["en"]:
            _build_keeping(config, Path(config.site_dir) / "es")
        else:
            build(config)


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
