"""Figure "softmax-temperature": how the temperature sharpens or flattens the softmax."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from snippets.figures._draw import Drawn, new_figure
from snippets.figures._html import Table
from snippets.figures._style import SERIES
from snippets.softmax import example, softmax

NAME = "softmax-temperature"
TABLE_TEMPERATURES = (0.1, 0.25, 0.5, 1.0, 2.0, 4.0, 10.0)


@dataclass(frozen=True)
class TemperatureCurves:
    tokens: tuple[str, ...]
    scores: np.ndarray  # (k,)
    temperatures: np.ndarray  # (t,)
    weights: np.ndarray  # (t, k)
    table_weights: np.ndarray  # (len(TABLE_TEMPERATURES), k)


@functools.cache
def data() -> TemperatureCurves:
    ex = example()  # same tokens and scores as the worked example on the page
    temperatures = np.geomspace(0.1, 10.0, 61)
    curves = np.stack([softmax(ex.scores, temperature=t) for t in temperatures])
    table = np.stack([softmax(ex.scores, temperature=t) for t in TABLE_TEMPERATURES])
    return TemperatureCurves(ex.tokens, ex.scores, temperatures, curves, table)


def build(t: Callable[..., str], d: TemperatureCurves | None = None) -> Drawn:
    d = d if d is not None else data()
    fig = new_figure(4.6, 2.9)
    ax = fig.add_subplot()
    for i, (token, (color, style)) in enumerate(zip(d.tokens, SERIES, strict=True)):
        ax.plot(d.temperatures, d.weights[:, i], color=color, ls=style, lw=2,
                label=f"{token} ({t('temperature.score')} {d.scores[i]:.1f})")
    ax.axhline(1 / len(d.tokens), ls=":", lw=1, alpha=0.7, label=t("temperature.uniform"))
    ax.axvline(1.0, lw=0.6, alpha=0.4)
    ax.set_xscale("log")
    ax.set_xticks([0.1, 0.25, 0.5, 1, 2, 4, 10], ["0.1", "0.25", "0.5", "1", "2", "4", "10"])
    ax.minorticks_off()
    ax.set_ylim(0, 1)
    ax.set_xlabel(t("temperature.xlabel"))
    ax.set_ylabel(t("attention_weight"))
    ax.legend(loc="upper right")
    table = Table(
        caption=t("temperature.table"),
        headers=["T", *(f"{tok} ({s:.1f})" for tok, s in zip(d.tokens, d.scores, strict=True))],
        rows=[[f"{temp:g}", *map(float, row)]
              for temp, row in zip(TABLE_TEMPERATURES, d.table_weights, strict=True)],
    )
    return Drawn(fig, t("temperature.title"), t("temperature.alt"), t("temperature.caption"),
                 table)
