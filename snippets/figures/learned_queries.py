"""Figure "learned-queries": query-key scores per layer as the input grows, for N learned
queries (N·n, then (N + t)² in the language model) and for early fusion ((n + t)²)."""

from __future__ import annotations

import functools
from collections.abc import Callable

from snippets.figures._draw import Drawn, new_figure
from snippets.figures._html import Table
from snippets.figures._style import SERIES
from snippets.learned_queries import LearnedQueryExample, example, grouped

NAME = "learned-queries"


@functools.cache
def data() -> LearnedQueryExample:
    return example()  # the very numbers printed on the page


def build(t: Callable[..., str]) -> Drawn:
    ex = data()
    lengths = list(ex.lengths)
    connector, with_queries, early = (list(column) for column in zip(*ex.counts, strict=True))
    num_queries = ex.outputs[0].shape[0]
    fig = new_figure(4.6, 2.9)
    ax = fig.add_subplot()
    labels = (t("lq.connector", N=num_queries), t("lq.with_queries", N=num_queries,
                                                  t=ex.text_tokens),
              t("lq.early", t=ex.text_tokens))
    markers = ("o", "s", "^")
    for (color, style), marker, label, values in zip(SERIES, markers, labels,
                                                     (connector, with_queries, early),
                                                     strict=True):
        ax.plot(lengths, values, marker=marker, ls=style, color=color, label=label)
    ax.set_xscale("log", base=2)
    ax.set_yscale("log", base=10)
    ax.set_xticks(lengths, [str(n) for n in lengths])
    ax.minorticks_off()
    ax.set_xlabel(t("lq.xlabel"))
    ax.set_ylabel(t("lq.ylabel"))
    ax.grid(True)
    ax.legend(fontsize=7)
    table = Table(
        caption=t("lq.table"),
        headers=["n", labels[0], labels[1], labels[2]],
        rows=[[n, *(grouped(x, t("lq.thousands")) for x in (a, b, c))]
              for n, a, b, c in zip(lengths, connector, with_queries, early, strict=True)],
    )
    return Drawn(fig, t("lq.title"),
                 t("lq.alt", N=num_queries, t=ex.text_tokens, big=lengths[-1],
                   early=grouped(early[-1], t("lq.thousands")), fixed=with_queries[-1]),
                 t("lq.caption", N=num_queries, t=ex.text_tokens), table)
