"""How the cost of attention grows with the length: measured numpy timings.

Run: ``python -m tools.bench_complexity [--lengths 512 1024 2048 4096]``.

float32, one head, d = 64. For each length n, the best time of several runs (the machine
is shared: the minimum is the run least disturbed by other work) of:

* ``softmax self-attention`` (``scaled_dot_product_attention``, m = n): O(n² d);
* ``cross-attention, m = 256`` (256 queries over n keys): O(m n d), linear in n;
* ``linear attention`` (``linear_attention``, elu + 1 features, m = n): O(n d²);
* ``linear attention, causal (recurrent loop)`` (``linear_attention_recurrent``): O(n d²)
  too, but one Python step per position.

For each method, the growth exponent is the slope of log(time) against log(n), fitted by
least squares over all the lengths: about 2 for quadratic cost, about 1 for linear.
``run(lengths) -> list[dict]`` returns the data, ``exponents(results) -> dict`` the fitted
slopes; ``main(argv)`` prints both as Markdown tables.
Numbers are printed, never asserted (timing belongs to benchmarks, not tests).

BLAS runs on one thread (OPENBLAS_NUM_THREADS=1 and friends, set before numpy loads: ``main``
re-runs this module in a fresh process when they are not set), so the growth reflects the
arithmetic rather than how many cores other work leaves free.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from snippets.attention import scaled_dot_product_attention
from snippets.linear_attention import linear_attention, linear_attention_recurrent

D = 64
CROSS_QUERIES = 256
LENGTHS = (512, 1024, 2048, 4096)

Method = Callable[[np.ndarray, np.ndarray, np.ndarray], object]
METHODS: dict[str, Method] = {
    "softmax self-attention": lambda q, k, v: scaled_dot_product_attention(q, k, v),
    f"cross-attention, m = {CROSS_QUERIES}":
        lambda q, k, v: scaled_dot_product_attention(q[:CROSS_QUERIES], k, v),
    "linear attention": linear_attention,
    "linear attention, causal (recurrent loop)": linear_attention_recurrent,
}


def _best_seconds(fn: Method, args: Sequence[np.ndarray], runs: int) -> float:
    fn(*args)  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn(*args)
        times.append(time.perf_counter() - start)
    return min(times)


def run(lengths: Sequence[int] = LENGTHS, seed: int = 0) -> list[dict[str, Any]]:
    """One dict per (method, length): method, length, best_s."""
    rng = np.random.default_rng(seed)
    inputs = {n: rng.standard_normal((3, n, D), dtype=np.float32) for n in lengths}
    return [{"method": name, "length": n,
             "best_s": _best_seconds(fn, inputs[n], runs=7 if n <= 1024 else 5)}
            for name, fn in METHODS.items() for n in lengths]


def exponents(results: Sequence[dict[str, Any]]) -> dict[str, float]:
    """Least-squares slope of log(time) against log(n), per method."""
    slopes = {}
    for name in dict.fromkeys(r["method"] for r in results):
        rows = [r for r in results if r["method"] == name]
        x = np.log([r["length"] for r in rows])
        y = np.log([r["best_s"] for r in rows])
        slopes[name] = float(np.polyfit(x, y, 1)[0])
    return slopes


ONE_THREAD = {name: "1" for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS",
                                      "MKL_NUM_THREADS")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lengths", type=int, nargs="+", default=list(LENGTHS))
    args = parser.parse_args(argv)
    if any(os.environ.get(name) != "1" for name in ONE_THREAD):
        # numpy is already loaded with its thread pool: measure in a fresh process
        command = [sys.executable, "-m", "tools.bench_complexity", "--lengths",
                   *map(str, args.lengths)]
        done = subprocess.run(command, env={**os.environ, **ONE_THREAD}, check=True,
                              capture_output=True, text=True)
        print(done.stdout, end="")
        return 0
    print(f"float32, one head, d = {D}; best of several runs after one warm-up; "
          "exponent = least-squares slope of log(time) against log(n).\n")
    results = run(args.lengths)
    lengths = list(dict.fromkeys(r["length"] for r in results))
    lines = ["| method | " + " | ".join(f"n = {n} (ms)" for n in lengths) + " | exponent |",
             "|---|" + "---|" * (len(lengths) + 1)]
    for name, slope in exponents(results).items():
        times = [f"{r['best_s'] * 1e3:.2f}" for r in results if r["method"] == name]
        lines.append(f"| {name} | " + " | ".join(times) + f" | {slope:.2f} |")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
