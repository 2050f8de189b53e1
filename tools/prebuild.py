"""Pre-build stage: write the executed notebooks the MkDocs builds render.

Each notebook is generated from notebooks/sources and the snippet code it embeds, then
executed into .cache/notebooks/<lang>/notebooks/<name>.ipynb, keyed by a hash of its text
(which holds that snippet code) and of the library versions; an unchanged notebook is not run
again (d2lbook's ``eval`` stage). The languages run at the same time in one kernel each, from
one event loop in this thread: nothing runs beside the MkDocs builds, which start afterwards.

    python -m tools.prebuild           # both languages
"""

from __future__ import annotations

import argparse
import sys

from notebooks.execute import NOTEBOOK_CACHE, clean_texts, execute_stale


def run(langs: list[str]) -> None:
    """Execute the stale notebooks of ``langs``; raises ValueError naming a failing cell."""
    execute_stale(NOTEBOOK_CACHE, clean_texts(langs))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=("en", "es"), action="append")
    args = parser.parse_args(argv)
    try:
        run(args.lang or ["en", "es"])
    except ValueError as error:
        print(f"pre-build failed: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
