"""The drawing of the tiny translator's figures (behind ``snippets.translator.plots``).

Imported by ``plots.render`` only when a figure must really be drawn (not when the figure
cache holds it): it imports numpy, matplotlib and the trained model.

The SVG post-processing (sentinel colour → currentColor, id prefixes, no metadata),
the <figure> HTML and the shared Matplotlib style come from ``snippets.figures``.
Numbers are computed once per process (functools.cache), so the English and Spanish
builds share them.
"""

from __future__ import annotations

import functools
import html
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import matplotlib
import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import Rectangle

from snippets.figures._draw import Drawn, heatmap, new_figure
from snippets.figures._html import Table, inline_markup, plain, table_html
from snippets.figures._style import FOREGROUND, STYLE, shade, text_on
from snippets.figures._svg import figure_to_svg
from snippets.translator.checkpoint import Saved, load
from snippets.translator.corpus import HELD_OUT_COMBINATIONS, Pair, make_splits
from snippets.translator.evaluate import (
    Metrics,
    WordAlignment,
    cross_attention,
    evaluate,
    reference_probabilities,
)
from snippets.translator.lexicon import WORD_CLASSES
from snippets.translator.lexicon import word_class as english_word_class
from snippets.translator.plots import number, percent
from snippets.translator.strings import translator
from snippets.translator.train import Schedule, example_pair

MIN_DRAWN_WEIGHT = 0.05  # thinner alignment lines would be invisible anyway
HARDEST_SHOWN = 8


@dataclass(frozen=True)
class Results:
    saved: Saved
    schedule: Schedule
    test: tuple[Pair, ...]
    metrics: Metrics
    example: Pair
    final: np.ndarray  # (len(target), len(source)) head-averaged weights, <eos> row dropped
    probabilities: list[np.ndarray]  # per held-out phrase, (len(target) + 1,)


@functools.cache
def results() -> Results:
    """Everything the figures show, computed from the committed weights."""
    saved, schedule = load(), Schedule()
    test = make_splits(schedule.n_train, schedule.n_test, schedule.seed).test
    example = example_pair()
    final = cross_attention(saved.params, saved.config, [example])[0].mean(axis=0)[:-1]
    return Results(
        saved=saved,
        schedule=schedule,
        test=test,
        metrics=evaluate(saved.params, saved.config, test),
        example=example,
        final=final,
        probabilities=reference_probabilities(saved.params, saved.config, test),
    )


def _outline(
    ax: Axes, weights: np.ndarray, cells: Sequence[tuple[int, int]], width: float = 1.2
) -> None:
    """Frame the gold cells in a colour that contrasts with the cell (in both themes)."""
    inset = 0.08
    for row, col in cells:
        ax.add_patch(Rectangle((col + inset, row + inset), 1 - 2 * inset, 1 - 2 * inset,
                               fill=False, lw=width, ec=text_on(float(weights[row, col]))))


def _gold_cells(pair: Pair) -> list[tuple[int, int]]:
    return list(enumerate(pair.alignment))


def _word_list(words: Sequence[object], lang: str) -> str:
    """"a, b and c" / "a, b y c"."""
    items = [str(w) for w in words]
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + (" and " if lang == "en" else " y ") + items[-1]


def build_loss(t: Callable[..., str], lang: str) -> tuple[Drawn, list[Table]]:
    r = results()
    h, s = r.saved.history, r.schedule
    fig = new_figure(6.8, 2.8)
    left, right = fig.subplots(1, 2)
    # data colours from the middle of viridis: at least 3:1 contrast on light and dark pages
    left.plot(h.loss_steps, h.loss, color=shade(0.5), lw=1.5)
    left.set_yscale("log")
    left.set_xlabel(t("loss.xlabel"))
    left.set_ylabel(t("loss.ylabel"))
    for step in h.checkpoint_steps:
        left.axvline(step, color=FOREGROUND, lw=0.5, alpha=0.3, ls=":")
    right.plot(h.checkpoint_steps, h.exact_match, "o-", color=shade(0.4), label=t("exact_match"))
    right.plot(h.checkpoint_steps, h.alignment, "s--", color=shade(0.6), label=t("alignment"))
    right.set_ylim(-0.03, 1.03)
    right.set_xlabel(t("loss.xlabel"))
    right.set_ylabel(t("loss.accuracy"))
    right.legend(loc="lower right")
    for ax in (left, right):
        ax.grid(True)
    checkpoints = [int(c) for c in h.checkpoint_steps]
    values = {
        "steps": s.steps,
        "first": float(h.loss[0]),
        "last": np.format_float_positional(float(h.loss[-1]), precision=2, fractional=False),
        "phrases": number(len(r.test), lang),
        "em_first": percent(float(h.exact_match[0]), lang),
        "em_last": percent(float(h.exact_match[-1]), lang),
        "al_first": percent(float(h.alignment[0]), lang),
        "al_last": percent(float(h.alignment[-1]), lang),
        "checkpoints": _word_list(checkpoints, lang),
    }
    window = int(h.loss_steps[0])
    metrics_table = Table(
        caption=t("loss.table"),
        headers=[t("step_header"), t("exact_match"), t("alignment")],
        rows=[
            [step, float(em), float(al)]
            for step, em, al in zip(checkpoints, h.exact_match, h.alignment, strict=True)
        ],
    )
    every = max(1, len(h.loss) // 20)  # about twenty rows
    curve_table = Table(
        caption=t("loss.curve_table", window=window),
        headers=[t("step_header"), t("loss.loss_header")],
        rows=[
            [int(step), np.format_float_positional(float(loss), precision=3, fractional=False)]
            for step, loss in zip(h.loss_steps[every - 1 :: every], h.loss[every - 1 :: every],
                                  strict=True)
        ],
    )
    caption = t(
        "loss.caption",
        window=window,
        batch=s.batch_size,
        n_train=number(s.n_train, lang),
        phrases=number(len(r.test), lang),
    )
    drawn = Drawn(fig, t("loss.title"), t("loss.alt", **values), caption, metrics_table)
    return drawn, [metrics_table, curve_table]


def build_training(t: Callable[..., str], lang: str) -> tuple[Drawn, list[Table]]:
    r = results()
    h, ex = r.saved.history, r.example
    snapshots = h.attention.mean(axis=1)[:, : len(ex.target)]  # (c, T, S), <eos> row dropped
    count = len(snapshots)
    cols = 3
    rows = -(-count // cols)
    fig = new_figure(7.2, 2.7 * rows)
    axes = fig.subplots(rows, cols, squeeze=False)
    mesh = None
    for k, ax in enumerate(axes.flat):
        if k >= count:
            ax.axis("off")
            continue
        first_col, last_row = k % cols == 0, k // cols == rows - 1 or k + cols >= count
        mesh = heatmap(ax, snapshots[k], ex.target, ex.source, vmax=1.0, annotate=False)
        _outline(ax, snapshots[k], _gold_cells(ex), width=0.8)
        ax.set_title(t("step", step=int(h.checkpoint_steps[k])))
        if not first_col:
            ax.set_yticklabels([])
        if not last_row:
            ax.set_xticklabels([])
    fig.colorbar(mesh, ax=axes, shrink=0.6).set_label(t("weight"))
    final = snapshots[-1]
    correct = sum(int(np.argmax(final[j]) == g) for j, g in enumerate(ex.alignment))
    held = [c for c in ex.combinations if c in HELD_OUT_COMBINATIONS]
    combination = " ".join(reversed(held[0]))  # (noun, adjective) → "red house"
    alt = t(
        "training.alt",
        checkpoints=_word_list([int(c) for c in h.checkpoint_steps], lang),
        source=" ".join(ex.source),
        target=" ".join(ex.target),
        first_max=float(snapshots[0].max()),
        correct=correct,
        words=len(ex.target),
    )
    table = Table(
        caption=t("training.table"),
        headers=[t("training.word"), *(t("step", step=int(s)) for s in h.checkpoint_steps)],
        rows=[
            [f"{word} ({ex.source[g]})", *(float(snap[j, g]) for snap in snapshots)]
            for j, (word, g) in enumerate(zip(ex.target, ex.alignment, strict=True))
        ],
    )
    caption = t("training.caption", heads=r.saved.config.heads, combination=combination)
    return Drawn(fig, t("training.title"), alt, caption, table), [table]


def _crossing_lines(ax: Axes, pair: Pair, weights: np.ndarray) -> None:
    """English words on top, Spanish words below, one line per (Spanish, English) weight."""
    x_src = np.linspace(0.0, 1.0, len(pair.source))
    x_tgt = np.linspace(0.0, 1.0, len(pair.target))
    for j, i in zip(*np.nonzero(weights >= MIN_DRAWN_WEIGHT), strict=True):
        w = float(weights[j, i])
        # one mid-colormap hue reads on light and dark pages; the width carries the weight
        ax.plot([x_tgt[j], x_src[i]], [0.0, 1.0], color=shade(0.5), lw=0.4 + 3.5 * w,
                alpha=0.35 + 0.65 * w, solid_capstyle="round")
    for x, word in zip(x_src, pair.source, strict=True):
        ax.text(x, 1.06, word, ha="left", va="bottom", rotation=40, rotation_mode="anchor")
    for x, word in zip(x_tgt, pair.target, strict=True):
        ax.text(x, -0.06, word, ha="right", va="top", rotation=40, rotation_mode="anchor")
    ax.set_xlim(-0.12, 1.12)
    ax.set_ylim(-0.8, 1.8)
    ax.axis("off")


def build_alignment(t: Callable[..., str], lang: str) -> tuple[Drawn, list[Table]]:
    r = results()
    ex, final = r.example, r.final
    fig = new_figure(7.2, 3.4)
    lines, grid = fig.subplots(1, 2, width_ratios=[1, 1.1])
    _crossing_lines(lines, ex, final)
    lines.text(0.5, 1.0, t("english"), ha="center", va="top", fontweight="bold",
               transform=lines.transAxes)
    lines.text(0.5, 0.0, t("spanish"), ha="center", va="bottom", fontweight="bold",
               transform=lines.transAxes)
    mesh = heatmap(grid, final, ex.target, ex.source, vmax=1.0, annotate=True)
    _outline(grid, final, _gold_cells(ex))
    grid.set_xlabel(t("english"))
    grid.set_ylabel(t("spanish"))
    fig.colorbar(mesh, ax=grid, shrink=0.8).set_label(t("weight"))
    correct = sum(int(np.argmax(final[j]) == g) for j, g in enumerate(ex.alignment))
    alt = t(
        "alignment.alt",
        source=" ".join(ex.source),
        target=" ".join(ex.target),
        rows=len(ex.target),
        cols=len(ex.source),
        correct=correct,
    )
    table = Table(
        caption=t("alignment.table"),
        headers=[t("alignment.corner"), *ex.source],
        rows=[[w, *map(float, row)] for w, row in zip(ex.target, final, strict=True)],
    )
    caption = t("alignment.caption", heads=r.saved.config.heads, min_weight=MIN_DRAWN_WEIGHT)
    return Drawn(fig, t("alignment.title"), alt, caption, table), [table]


@dataclass(frozen=True)
class ErrorSummary:
    by_class: dict[str, tuple[int, int]]  # class → (words, correctly aligned)
    misses: list[tuple[tuple[str, str, str], int]]  # (Spanish, gold, attended) → count
    top: tuple[str, str]  # most frequent (Spanish word, gold English word) among misses
    top_count: int
    next_count: int  # of those, how many attend to the English word right after the gold one
    example: int  # index of the shortest held-out phrase with a top miss
    hardest: list[tuple[int, int, float]]  # (phrase, position, probability), least sure first


@functools.cache
def error_summary() -> ErrorSummary:
    """Alignment misses on the held-out phrases, and the phrases the model is least sure of."""
    r = results()
    by_class = {c: [0, 0] for c in WORD_CLASSES}
    misses: Counter[tuple[str, str, str]] = Counter()
    missed = []
    for a in r.metrics.alignments:
        pair = r.test[a.phrase]
        counts = by_class[english_word_class(pair.source[a.gold])]
        counts[0] += 1
        counts[1] += a.predicted == a.gold
        if a.predicted != a.gold:
            misses[(pair.target[a.position], pair.source[a.gold], pair.source[a.predicted])] += 1
            missed.append(a)
    if not missed:  # the caption explains the commonest miss: it needs one
        raise ValueError("figure 'translator-errors': the model makes no alignment miss")

    def word_and_gold(a: WordAlignment) -> tuple[str, str]:
        return r.test[a.phrase].target[a.position], r.test[a.phrase].source[a.gold]

    top, top_count = Counter(word_and_gold(a) for a in missed).most_common(1)[0]
    top_missed = [a for a in missed if word_and_gold(a) == top]
    shortest = min(top_missed, key=lambda a: (len(r.test[a.phrase].target), a.phrase))
    lows = [(float(p[:-1].min()), i, int(np.argmin(p[:-1]))) for i, p in enumerate(
        r.probabilities)]  # p[:-1]: the reference words, without <eos>
    return ErrorSummary(
        by_class={c: (v[0], v[1]) for c, v in by_class.items()},
        misses=misses.most_common(),
        top=top,
        top_count=top_count,
        next_count=sum(a.predicted == a.gold + 1 for a in top_missed),
        example=shortest.phrase,
        hardest=[(i, j, p) for p, i, j in sorted(lows)[:HARDEST_SHOWN]],
    )


def build_errors(t: Callable[..., str], lang: str) -> tuple[Drawn, list[Table]]:
    r, e = results(), error_summary()
    fig = new_figure(7.2, 3.2)
    bars, grid = fig.subplots(1, 2, width_ratios=[1, 1.3])
    labels = [t(f"class.{c}") for c in WORD_CLASSES]
    shares = [e.by_class[c][1] / max(e.by_class[c][0], 1) for c in WORD_CLASSES]
    y = np.arange(len(WORD_CLASSES))
    bars.barh(y, shares, color=shade(0.5), height=0.6)
    for yy, share in zip(y, shares, strict=True):
        bars.text(share + 0.02, yy, percent(share, lang), ha="left", va="center", fontsize=8)
    bars.set_yticks(y, labels)
    bars.invert_yaxis()
    bars.set_xlim(0, 1.22)  # room for the labels after the bars
    bars.set_xticks(np.linspace(0, 1, 6))
    bars.set_xlabel(t("errors.xlabel"))
    pair = r.test[e.example]
    weights = cross_attention(r.saved.params, r.saved.config, [pair])[0].mean(axis=0)
    weights = weights[: len(pair.target)]
    mesh = heatmap(grid, weights, pair.target, pair.source, vmax=1.0, annotate=False)
    _outline(grid, weights, _gold_cells(pair))
    grid.set_xlabel(t("english"))
    grid.set_ylabel(t("spanish"))
    fig.colorbar(mesh, ax=grid, shrink=0.8).set_label(t("weight"))
    miss_row = next(
        j for j, g in enumerate(pair.alignment)
        if (pair.target[j], pair.source[g]) == e.top and int(np.argmax(weights[j])) != g
    )
    alt = t(
        "errors.alt",
        bars=_word_list([f"{lab} {percent(s, lang)}" for lab, s in zip(labels, shares,
                                                                       strict=True)], lang),
        source=" ".join(pair.source),
        word=pair.target[miss_row],
        attended=pair.source[int(np.argmax(weights[miss_row]))],
        gold=pair.source[pair.alignment[miss_row]],
    )
    m = r.metrics
    caption = t(
        "errors.caption",
        words=number(m.words, lang),
        phrases=number(m.phrases, lang),
        top_count=e.top_count,
        misses=sum(n for _, n in e.misses),
        top_word=e.top[0],
        top_gold=e.top[1],
        next_count=e.next_count,
        mistakes=len(m.mistakes),
    )
    class_table = Table(
        caption=t("errors.class_table"),
        headers=[t("errors.class_header"), t("errors.words"), t("errors.correct"),
                 t("errors.accuracy")],
        rows=[[lab, e.by_class[c][0], e.by_class[c][1], share]
              for lab, c, share in zip(labels, WORD_CLASSES, shares, strict=True)],
    )
    miss_table = Table(
        caption=t("errors.miss_table"),
        headers=[t("errors.spanish_word"), t("errors.gold_word"), t("errors.attended_word"),
                 t("errors.count")],
        rows=[[*key, n] for key, n in e.misses],
    )
    outputs = {i: " ".join(r.test[i].target) for i, _, _ in e.hardest}
    wrong = {x.source: " ".join(x.output) for x in m.mistakes}
    hard_table = Table(
        caption=t("errors.hard_table", count=len(e.hardest)),
        headers=[t("errors.phrase"), t("errors.output"), t("errors.hardest_word"),
                 t("errors.probability")],
        rows=[
            [" ".join(r.test[i].source), wrong.get(r.test[i].source, outputs[i]),
             r.test[i].target[j], p]
            for i, j, p in e.hardest
        ],
    )
    drawn = Drawn(fig, t("errors.title"), alt, caption, class_table)
    return drawn, [class_table, miss_table, hard_table]


FIGURES: dict[str, Callable[[Callable[..., str], str], tuple[Drawn, list[Table]]]] = {
    "translator-loss": build_loss,
    "translator-training": build_training,
    "translator-alignment": build_alignment,
    "translator-errors": build_errors,
}


def draw(name: str, lang: str) -> str:
    """Figure ``name`` with labels in ``lang`` ("en" or "es"); its HTML."""
    if name not in FIGURES:
        raise ValueError(f"unknown figure {name!r} (language {lang!r}); "
                         f"available: {list(FIGURES)}")
    t = translator(name, lang)
    with matplotlib.rc_context(STYLE):  # every artist is created inside the shared style
        drawn, tables = FIGURES[name](t, lang)
    prefix = f"fig-{name}"
    svg = figure_to_svg(drawn.figure, prefix, plain(drawn.title), plain(drawn.alt))
    return (
        f'<figure class="ag-figure" id="{prefix}">{svg}'
        f"<figcaption>{inline_markup(drawn.caption)}</figcaption>"
        f'<details class="ag-figure-data"><summary>{html.escape(t("data_summary"))}</summary>'
        + "".join(table_html(table) for table in tables)
        + "</details></figure>"
    )
