"""Figure "self-vs-cross": one attention function, two sources of keys, two matrix shapes.

Left, the Spanish sentence attends over itself (self-attention, Z = X): an m × m square.
Right, the same Spanish queries attend over the English sentence (cross-attention): m × n.
Both come from ``snippets.cross_attention.cross_attention`` with the worked example's
hand-built states and identity projections; only the second argument changes.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from snippets.cross_attention import SOURCE_EN, TARGET_ES, cross_attention, toy_states
from snippets.figures._draw import Drawn, heatmap, new_figure
from snippets.figures._html import Table

NAME = "self-vs-cross"


@dataclass(frozen=True)
class SelfVersusCross:
    queries: tuple[str, ...]  # the Spanish sentence X (m = 8)
    source: tuple[str, ...]  # the English sentence Z (n = 7)
    self_weights: np.ndarray  # (m, m): X attends over X
    cross_weights: np.ndarray  # (m, n): X attends over Z


@functools.cache
def data() -> SelfVersusCross:
    concepts = tuple(dict.fromkeys(SOURCE_EN))
    x, z = toy_states(TARGET_ES, concepts), toy_states(SOURCE_EN, concepts)
    identity = np.eye(x.shape[1])  # as in the worked example: the states share one space
    _, self_weights = cross_attention(x, x, identity, identity, identity)
    _, cross_weights = cross_attention(x, z, identity, identity, identity)
    return SelfVersusCross(TARGET_ES, SOURCE_EN, self_weights, cross_weights)


def build(t: Callable[..., str]) -> Drawn:
    d = data()
    m, n = len(d.queries), len(d.source)
    top = float(max(d.self_weights.max(), d.cross_weights.max()))  # one colour scale
    fig = new_figure(6.8, 3.6)
    left, right = fig.subplots(1, 2, width_ratios=[m, n])
    heatmap(left, d.self_weights, d.queries, d.queries, vmax=top, annotate=False)
    mesh = heatmap(right, d.cross_weights, d.queries, d.source, vmax=top, annotate=False)
    left.set_title(t("selfcross.self", m=m))
    right.set_title(t("selfcross.cross", m=m, n=n))
    left.set_ylabel(t("selfcross.queries"))
    left.set_xlabel(t("selfcross.keys_x"))
    right.set_xlabel(t("selfcross.keys_z"))
    right.tick_params(labelleft=False)  # same queries as on the left
    fig.colorbar(mesh, ax=[left, right], shrink=0.7).set_label(t("attention_weight"))
    table = Table(
        caption=t("selfcross.table"),
        headers=[t("query_key"), *(f"X: {w}" for w in d.queries), *(f"Z: {w}" for w in d.source)],
        rows=[[word, *map(float, own), *map(float, other)]
              for word, own, other in zip(d.queries, d.self_weights, d.cross_weights,
                                          strict=True)],
    )
    return Drawn(fig, t("selfcross.title"), t("selfcross.alt", m=m, n=n),
                 t("selfcross.caption", m=m, n=n), table)
