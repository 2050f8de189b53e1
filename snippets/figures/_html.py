"""The HTML around an inline SVG: <figure>, <figcaption> and the data table."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Table:
    """The numbers behind a figure; the first cell of each row is its header."""

    caption: str
    headers: Sequence[str]
    rows: Sequence[Sequence[str | float | int]]


def _cell(value: str | float | int) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    return html.escape(str(value))


def plain(text: str) -> str:
    """Drop the *italic* markers of a catalog string (for <title> and <desc>)."""
    return re.sub(r"\*([^*]+)\*", r"\1", text)


def inline_markup(text: str) -> str:
    """Escape text, then turn *word* into <em>word</em> (glosses in captions)."""
    return re.sub(r"\*([^*]+)\*", r"<em>\1</em>", html.escape(text))


def table_html(table: Table) -> str:
    head = "".join(f'<th scope="col">{html.escape(h)}</th>' for h in table.headers)
    body = "".join(
        f'<tr><th scope="row">{_cell(row[0])}</th>'
        + "".join(f"<td>{_cell(value)}</td>" for value in row[1:])
        + "</tr>"
        for row in table.rows
    )
    return (
        f"<table><caption>{html.escape(table.caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def figure_html(name: str, svg: str, caption: str, summary: str, table: Table) -> str:
    """One <figure> block; no blank lines, so Markdown leaves it alone."""
    return (
        f'<figure class="ag-figure" id="fig-{name}">{svg}'
        f"<figcaption>{inline_markup(caption)}</figcaption>"
        f'<details class="ag-figure-data"><summary>{html.escape(summary)}</summary>'
        f"{table_html(table)}</details></figure>"
    )
