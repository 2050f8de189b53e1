"""Peak memory of full versus chunked attention, measured with tracemalloc.

NumPy reports its array allocations to Python's ``tracemalloc``, so the peak traced
memory during a call is (to within a few kilobytes) the largest set of arrays alive
at once. Full attention holds the (..., m, n) scores and weights; chunked attention
only (..., m, chunk_size) scores at a time.

Public API
----------
``peak_bytes(fn, *args, **kwargs) -> (result, peak)``
    Call ``fn`` and return its result with the peak bytes allocated during the call.
``measure_memory(lengths, d=64, heads=1, chunk_size=256, seed=0) -> list[MemoryPoint]``
    Self-attention on random float32 inputs (heads, L, d) for each L in ``lengths``.
``example() -> tuple[MemoryPoint, ...]`` / ``print_example()``
    Measured once per process. tracemalloc counts the allocations of every thread, so a
    measurement taken while another thread works comes out a few tens of KB higher: the site
    build's processes run no other thread (its notebooks and figures run in processes of
    their own).

Sections for pages: ``peak_bytes``, ``example``.
Run: ``python -m snippets.memory``.
"""

from __future__ import annotations

import functools
import sys
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

if __package__ in (None, ""):  # run as `python snippets/memory.py`: make `snippets` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np

from snippets.attention import scaled_dot_product_attention
from snippets.chunked import chunked_attention
from snippets.strings import labels

T = TypeVar("T")
MIB = 2**20


# --8<-- [start:peak_bytes]
def peak_bytes(fn: Callable[..., T], *args: Any, **kwargs: Any) -> tuple[T, int]:
    """Run fn(*args, **kwargs); return (result, peak bytes allocated during the call)."""
    was_tracing = tracemalloc.is_tracing()
    if not was_tracing:
        tracemalloc.start()
    try:
        baseline = tracemalloc.get_traced_memory()[0]  # what was alive before the call
        tracemalloc.reset_peak()
        result = fn(*args, **kwargs)
        peak = tracemalloc.get_traced_memory()[1] - baseline
    finally:
        if not was_tracing:
            tracemalloc.stop()
    return result, peak
# --8<-- [end:peak_bytes]


@dataclass(frozen=True)
class MemoryPoint:
    """Peak bytes of one self-attention call of length L."""

    length: int
    full_bytes: int
    chunked_bytes: int


def measure_memory(
    lengths: Sequence[int], d: int = 64, heads: int = 1, chunk_size: int = 256, seed: int = 0
) -> list[MemoryPoint]:
    """Peak memory of full and chunked self-attention on random float32 (heads, L, d)."""
    rng = np.random.default_rng(seed)
    warm = rng.standard_normal((3, heads, 8, d), dtype=np.float32)
    scaled_dot_product_attention(*warm)  # first calls fill one-off caches; keep them
    chunked_attention(*warm, chunk_size=chunk_size)  # out of the measured peaks
    points = []
    for length in lengths:
        q, k, v = rng.standard_normal((3, heads, length, d), dtype=np.float32)
        _, full = peak_bytes(scaled_dot_product_attention, q, k, v)
        _, chunked = peak_bytes(chunked_attention, q, k, v, chunk_size=chunk_size)
        points.append(MemoryPoint(length, full, chunked))
    return points


# --8<-- [start:example]
@functools.cache  # measured once per process: the table and the figure reuse one measurement
def example() -> tuple[MemoryPoint, ...]:
    """One head, d = 64, float32, keys in chunks of 256."""
    return tuple(measure_memory([256, 512, 1024, 2048]))


def print_example(out: Callable[..., object] = print, lang: str = "en") -> None:
    """Print the worked example with ``out`` (pages pass markdown-exec's ``print``), its
    labels in ``lang`` ("en" or "es", the page's language)."""
    text = labels("memory", lang)
    w_full, w_chunked, w_ratio = (len(text[key]) + 1 for key in ("full", "chunked", "ratio"))
    out(f"{'L':>6} {text['full']:>{w_full}} {text['chunked']:>{w_chunked}} "
        f"{text['ratio']:>{w_ratio}}")
    for p in example():
        # 0.1 MiB: tracemalloc's peak moves by a few KB between runs (allocator noise), and
        # the page must come out the same in every build; the ratio is of the shown values.
        full, chunked = round(p.full_bytes / MIB, 1), round(p.chunked_bytes / MIB, 1)
        out(f"{p.length:>6} {full:>{w_full}.1f} {chunked:>{w_chunked}.1f} "
            f"{full / chunked:>{w_ratio}.1f}")
# --8<-- [end:example]


if __name__ == "__main__":
    print_example()
