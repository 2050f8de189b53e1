"""Naive versus chunked attention: median time and peak memory.

Run: ``python -m tools.bench_attention [--lengths 1024 4096]``.

Inputs: self-attention, float32, 8 heads, d = 64, L = 1024 and 4096 (q, k, v of shape
(8, L, 64)). "naive" is ``snippets.attention.scaled_dot_product_attention`` (it builds
the (8, L, L) weights); "chunked" is ``snippets.chunked.chunked_attention`` with its
default chunk size. Peak memory comes from tracemalloc, which sees NumPy's allocations.
When PyTorch happens to be importable, ``torch.nn.functional.scaled_dot_product_attention``
on CPU is timed on the same inputs (never a dependency; its memory is invisible to
tracemalloc). Targets, at L = 4096: chunked peak memory <= 1/5 of naive, and chunked
median time <= 1.1 x naive.

``run(lengths=(1024, 4096)) -> list[dict]`` returns the measurements as data (one dict
per length and method) for pages or the README; ``targets(results) -> list[dict]``
evaluates the targets; ``main(argv)`` prints both as Markdown tables. Numbers are
printed, never asserted (timing belongs to benchmarks, not tests).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from snippets.attention import scaled_dot_product_attention
from snippets.chunked import chunked_attention
from snippets.memory import MIB, peak_bytes

HEADS, D_HEAD = 8, 64
LENGTHS = (1024, 4096)
TARGET_LENGTH = 4096
MEMORY_TARGET = 1 / 5  # chunked peak <= this fraction of naive
TIME_TARGET = 1.1  # chunked median time <= this multiple of naive


def _naive(q: np.ndarray, k: np.ndarray, v: np.ndarray) -> np.ndarray:
    return scaled_dot_product_attention(q, k, v)[0]


def _chunked(q: np.ndarray, k: np.ndarray, v: np.ndarray) -> np.ndarray:
    return chunked_attention(q, k, v)


def _torch_method() -> Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray] | None:
    try:
        import torch  # optional: only timed when already installed
        from torch.nn.functional import scaled_dot_product_attention as torch_sdpa
    except ImportError:
        return None

    def run_torch(q: np.ndarray, k: np.ndarray, v: np.ndarray) -> np.ndarray:
        with torch.no_grad():
            tensors = (torch.from_numpy(a) for a in (q, k, v))
            return torch_sdpa(*tensors).numpy()

    return run_torch


def _median_seconds(fn: Callable[..., object], args: Sequence[np.ndarray], runs: int) -> float:
    fn(*args)  # warm-up: first-call costs (page faults, thread pools) are not the steady state
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn(*args)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run(lengths: Sequence[int] = LENGTHS, seed: int = 0) -> list[dict[str, Any]]:
    """Measure every method at every length; returns one dict per (length, method).

    Keys: length, method, runs, median_s, peak_mib (None where tracemalloc cannot see
    the allocations), max_abs_diff (largest difference from the naive output).
    """
    rng = np.random.default_rng(seed)
    methods: dict[str, Callable[..., np.ndarray] | None] = {
        "naive": _naive, "chunked": _chunked, "torch": _torch_method(),
    }
    results = []
    for length in lengths:
        q, k, v = rng.standard_normal((3, HEADS, length, D_HEAD), dtype=np.float32)
        runs = 5 if length <= 1024 else 3
        reference = None
        for name, fn in methods.items():
            if fn is None:
                results.append({"length": length, "method": name, "runs": 0, "median_s": None,
                                "peak_mib": None, "max_abs_diff": None})
                continue
            output, peak = peak_bytes(fn, q, k, v)
            reference = output if reference is None else reference
            results.append({
                "length": length,
                "method": name,
                "runs": runs,
                "median_s": _median_seconds(fn, (q, k, v), runs),
                "peak_mib": None if name == "torch" else peak / MIB,
                "max_abs_diff": float(np.max(np.abs(output - reference))),
            })
            del output
    return results


def targets(results: Sequence[dict[str, Any]], length: int = TARGET_LENGTH) -> list[dict[str, Any]]:
    """Evaluate the memory and time targets at ``length``."""
    by_method = {r["method"]: r for r in results if r["length"] == length}
    naive, chunked = by_method["naive"], by_method["chunked"]
    memory_ratio = chunked["peak_mib"] / naive["peak_mib"]
    time_ratio = chunked["median_s"] / naive["median_s"]
    return [
        {"target": f"chunked peak memory <= 1/5 of naive at L={length}",
         "measured": f"{chunked['peak_mib']:.1f} / {naive['peak_mib']:.1f} MiB "
                     f"= {memory_ratio:.3f}",
         "met": memory_ratio <= MEMORY_TARGET},
        {"target": f"chunked time <= {TIME_TARGET}x naive at L={length}",
         "measured": f"{chunked['median_s']:.3f} / {naive['median_s']:.3f} s = {time_ratio:.2f}x",
         "met": time_ratio <= TIME_TARGET},
    ]


def _markdown(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def _fmt(value: float | None, spec: str) -> str:
    return "n/a" if value is None else format(value, spec)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lengths", type=int, nargs="+", default=list(LENGTHS))
    args = parser.parse_args(argv)
    print(f"float32, {HEADS} heads, d = {D_HEAD}, self-attention; "
          "time = median of several runs after one warm-up; memory = tracemalloc peak.\n")
    results = run(args.lengths)
    rows = []
    for r in results:
        if r["median_s"] is None:
            rows.append([r["length"], r["method"], "not installed", "", ""])
            continue
        rows.append([r["length"], r["method"], f"{r['median_s']:.3f} (n={r['runs']})",
                     _fmt(r["peak_mib"], ".1f"), f"{r['max_abs_diff']:.1e}"])
    print(_markdown(["L", "method", "median time (s)", "peak memory (MiB)",
                     "max abs diff vs naive"], rows))
    if TARGET_LENGTH in args.lengths:
        print()
        print(_markdown(["target", "measured", "met"],
                        [[t["target"], t["measured"], "yes" if t["met"] else "**no**"]
                         for t in targets(results)]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
