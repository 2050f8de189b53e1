"""Figures of the tiny translator, drawn at build time from the committed weights.

Public API
----------
``render(name: str, lang: str) -> str``
    ``<figure class="ag-figure" id="fig-<name>">`` with an inline SVG (ids prefixed by
    ``fig-<name>``), a <figcaption> in ``lang`` and ``<details class="ag-figure-data">``
    holding the numbers as tables. Unknown names or languages and missing translations
    raise ValueError naming the figure, the language and the key.
``available() -> list[str]``: the figure names, in page order:
    ``translator-loss``        loss curve and held-out metrics during training;
    ``translator-training``    the example phrase's cross-attention at each checkpoint;
    ``translator-alignment``   final alignment as crossing lines and as a heat map;
    ``translator-errors``      where attention misses the gold word, hardest phrases.
``number(n: int, lang: str) -> str``, ``percent(share: float, lang: str) -> str``
    Counts and shares written as each language writes them (the figures' and the pages').

The drawing code is in ``_plots.py``, imported on the first figure really drawn: a figure
the cache holds (snippets/figures/_cache.py) costs no import of numpy or matplotlib.
"""

from __future__ import annotations

from snippets.figures._cache import on_disk

# The keys of _plots.FIGURES (tests/test_translator_plots.py checks it), listed here so that
# ``available`` imports nothing: the explorer asks it on every page with an explorer.
NAMES = ("translator-loss", "translator-training", "translator-alignment", "translator-errors")


def percent(share: float, lang: str) -> str:
    """63% in English, 63 % in Spanish (RAE: a non-breaking space before %)."""
    return f"{share * 100:.0f}" + ("\u00a0%" if lang == "es" else "%")


def number(n: int, lang: str) -> str:
    """12,000 in English; 12 000 in Spanish (RAE: a space groups digits from five digits up)."""
    if lang == "en":
        return f"{n:,}"
    return f"{n:,}".replace(",", "\u00a0") if n >= 10_000 else str(n)


def available() -> list[str]:
    """Names accepted by ``render``."""
    return list(NAMES)


@on_disk  # between builds only: see snippets/figures/_cache.py
def render(name: str, lang: str) -> str:
    """Draw figure ``name`` with labels in ``lang`` ("en" or "es"); return its HTML."""
    from snippets.translator._plots import draw  # imported here: see the docstring

    return draw(name, lang)
