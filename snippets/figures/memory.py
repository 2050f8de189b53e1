"""Figure "chunked-memory": measured peak memory of full and chunked attention."""

from __future__ import annotations

import functools
from collections.abc import Callable

from snippets.figures._draw import Drawn, new_figure
from snippets.figures._html import Table
from snippets.figures._style import SERIES
from snippets.memory import MIB, MemoryPoint, example

NAME = "chunked-memory"
CHUNK = 256  # the chunk size used by snippets.memory.example


@functools.cache
def data() -> tuple[MemoryPoint, ...]:
    return example()


def _mib(n_bytes: int) -> float:
    # the arrays dominate the peak, but the interpreter adds a few KB that vary between
    # processes; 0.1 MiB steps keep the page identical from one build to the next
    return round(n_bytes / MIB, 1)


def build(t: Callable[..., str]) -> Drawn:
    points = data()
    lengths = [p.length for p in points]
    full = [_mib(p.full_bytes) for p in points]
    chunked = [_mib(p.chunked_bytes) for p in points]
    fig = new_figure(4.6, 2.9)
    ax = fig.add_subplot()
    (full_color, _), (chunked_color, dashed) = SERIES[:2]
    ax.plot(lengths, full, "o-", color=full_color, label=t("memory.full"))
    ax.plot(lengths, chunked, "s", ls=dashed, color=chunked_color,
            label=t("memory.chunked", chunk=CHUNK))
    ax.set_xscale("log", base=2)
    ax.set_yscale("log", base=2)
    ax.set_xticks(lengths, [str(n) for n in lengths])
    y_ticks = [2.0**e for e in range(-1, 8) if min(chunked) / 2 <= 2.0**e <= max(full) * 2]
    ax.set_yticks(y_ticks, [f"{y:g}" for y in y_ticks])
    ax.minorticks_off()
    ax.set_xlabel(t("memory.length"))
    ax.set_ylabel(t("memory.peak"))
    ax.grid(True)
    ax.legend()
    table = Table(
        caption=t("memory.table"),
        headers=["L", t("memory.full"), t("memory.chunked", chunk=CHUNK), t("memory.ratio")],
        # the ratio of the values shown (0.1 MiB), as snippets.memory prints it
        rows=[[n, f"{f:.1f}", f"{c:.1f}", f"{f / c:.1f}"]
              for n, f, c in zip(lengths, full, chunked, strict=True)],
    )
    alt = t("memory.alt", full_mib=f"{full[-1]:.0f}", chunked_mib=f"{chunked[-1]:.0f}")
    return Drawn(fig, t("memory.title"), alt, t("memory.caption", chunk=CHUNK), table)
