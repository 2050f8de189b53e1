"""Figure "scaling": measured score variance and softmax saturation against d_k."""

from __future__ import annotations

import functools
from collections.abc import Callable

from snippets.figures._draw import Drawn, new_figure
from snippets.figures._html import Table
from snippets.figures._style import SERIES
from snippets.scaling import ScalingMeasurement, example

NAME = "scaling"


@functools.cache
def data() -> ScalingMeasurement:
    return example()  # measured, not asserted: the same run the page prints


def build(t: Callable[..., str]) -> Drawn:
    d = data()
    fig = new_figure(6.4, 2.8)
    left, right = fig.subplots(1, 2)
    (unscaled, _), (scaled, dashed) = SERIES[:2]
    left.plot(d.dims, d.variance, "o-", color=unscaled, label="q·k")
    left.plot(d.dims, d.variance_scaled, "s", ls=dashed, color=scaled, label="q·k / √dₖ")
    left.set_yscale("log")
    left.set_ylabel(t("scaling.variance"))
    right.plot(d.dims, d.max_weight, "o-", color=unscaled, label=t("scaling.unscaled"))
    right.plot(d.dims, d.max_weight_scaled, "s", ls=dashed, color=scaled, label=t("scaling.scaled"))
    right.set_ylim(0, 1)
    right.set_ylabel(t("scaling.max_weight"))
    for ax in (left, right):
        ax.set_xscale("log", base=2)
        ax.set_xticks(d.dims, [str(x) for x in d.dims])
        ax.minorticks_off()
        ax.set_xlabel(t("scaling.dim"))
        ax.grid(True)
        ax.legend()
    table = Table(
        caption=t("scaling.table"),
        headers=["dₖ", f"{t('scaling.variance_header')} q·k",
                 f"{t('scaling.variance_header')} q·k / √dₖ",
                 f"{t('scaling.max_header')}, {t('scaling.unscaled')}",
                 f"{t('scaling.max_header')}, {t('scaling.scaled')}"],
        rows=[[dim, float(a), float(b), float(c), float(e)] for dim, a, b, c, e in zip(
            d.dims, d.variance, d.variance_scaled, d.max_weight, d.max_weight_scaled,
            strict=True)],
    )
    alt = t("scaling.alt", scaled_top=f"{d.max_weight_scaled.mean():.2f}")
    caption = t("scaling.caption", trials=d.trials, n_keys=d.n_keys)
    return Drawn(fig, t("scaling.title"), alt, caption, table)
