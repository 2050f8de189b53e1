"""Boolean attention masks: True = "this query may attend to this key".

This is the PyTorch convention (``attn_mask`` of ``scaled_dot_product_attention``).
Masks broadcast against scores of shape (..., m, n), so one (m, n) causal mask serves
a whole batch, and a (batch, 1, n) key padding mask serves every query.

Public API
----------
``causal_mask(m, n=None, align="top-left") -> (m, n) bool``
    Query i may attend to key j only if j <= i (no peeking at later tokens).
    ``n`` defaults to ``m``. For n != m, ``align`` says where the diagonal starts:
    "top-left" (the default) as ``torch.ones(m, n).tril()`` does, so query i sits at
    position i; "bottom-right" when the m queries are the LAST m of n positions (decoding
    with a key-value cache, chunked prefill): query i sits at position i + n - m and may
    attend to keys 0..i + n - m. With m > n and "bottom-right", the first m - n rows allow
    no key at all.
``sliding_window_mask(m, n, window, align="top-left") -> (m, n) bool``
    Causal and local: the query at position p may attend to keys p - window + 1 .. p,
    that is to at most ``window`` keys, itself included. Same ``align`` as causal_mask.
``padding_mask(lengths, n) -> (batch, 1, n) bool``
    Keys at positions >= lengths[b] are padding and may not be attended to.
``padding_mask_from_tokens(batch, pad="<pad>") -> (batch, 1, n) bool``
    The same, read from padded token lists.
``combine_masks(*masks) -> bool array``
    Logical AND with broadcasting: a key is allowed only if every mask allows it.
``example() -> MasksExample`` / ``print_example()``

For multi-head scores (batch, heads, m, n), add a head axis: ``mask[:, None]``.
Sections for pages: ``causal``, ``sliding_window``, ``padding``, ``combine``, ``example``.
Run: ``python -m snippets.masks``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

if __package__ in (None, ""):  # run as `python snippets/masks.py`: make `snippets` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np
from numpy.typing import ArrayLike

from snippets.strings import labels
from snippets.toy_data import SENTENCE

PAD = "<pad>"
Align = Literal["top-left", "bottom-right"]
ALIGNS: tuple[str, ...] = ("top-left", "bottom-right")


def _positive_int(name: str, value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 1:
        raise ValueError(f"{name} must be a positive integer, got {value!r}")
    return int(value)


# --8<-- [start:causal]
def query_offset(m: int, n: int, align: Align) -> int:
    """Position of query 0 among the n key positions: 0 top-left, n - m bottom-right."""
    if align not in ALIGNS:
        raise ValueError(f"align must be one of {ALIGNS}, got {align!r}")
    return 0 if align == "top-left" else n - m


def causal_mask(m: int, n: int | None = None, align: Align = "top-left") -> np.ndarray:
    """Causal mask of shape (m, n): the query at position p may attend to keys 0..p only.

    Query i sits at position p = i ("top-left") or p = i + n - m ("bottom-right").
    """
    m = _positive_int("m", m)
    n = m if n is None else _positive_int("n", n)
    # ones on and below the diagonal that starts at column query_offset
    return np.tri(m, n, k=query_offset(m, n, align), dtype=bool)
# --8<-- [end:causal]


# --8<-- [start:sliding_window]
def sliding_window_mask(m: int, n: int, window: int, align: Align = "top-left") -> np.ndarray:
    """Causal local mask (m, n): position p may attend to keys p - window + 1 .. p."""
    m, n = _positive_int("m", m), _positive_int("n", n)
    window = _positive_int("window", window)
    position = np.arange(m)[:, None] + query_offset(m, n, align)  # (m, 1)
    distance = position - np.arange(n)[None, :]  # (m, n): i - j in positions
    return (distance >= 0) & (distance < window)
# --8<-- [end:sliding_window]


# --8<-- [start:padding]
def padding_mask(lengths: Sequence[int], n: int) -> np.ndarray:
    """Key padding mask of shape (batch, 1, n): True for the first lengths[b] keys."""
    n = _positive_int("n", n)
    lengths_arr = np.asarray(lengths)
    if lengths_arr.ndim != 1 or not np.issubdtype(lengths_arr.dtype, np.integer):
        raise ValueError(f"lengths must be a 1-D sequence of integers, got {lengths!r}")
    if np.any((lengths_arr < 0) | (lengths_arr > n)):
        raise ValueError(f"every length must lie in 0..n={n}, got lengths {lengths_arr.tolist()}")
    positions = np.arange(n)
    return (positions[None, :] < lengths_arr[:, None])[:, None, :]  # (batch, 1, n)
# --8<-- [end:padding]


def padding_mask_from_tokens(batch: Sequence[Sequence[str]], pad: str = PAD) -> np.ndarray:
    """Key padding mask (batch, 1, n) from equal-length token lists padded with ``pad``."""
    widths = {len(tokens) for tokens in batch}
    if len(widths) != 1:
        raise ValueError(f"all token lists must have the same length, got lengths {sorted(widths)}")
    return np.array([[t != pad for t in tokens] for tokens in batch])[:, None, :]


# --8<-- [start:combine]
def combine_masks(*masks: ArrayLike) -> np.ndarray:
    """A key is allowed only where every mask allows it (logical AND, broadcast)."""
    if not masks:
        raise ValueError("combine_masks needs at least one mask")
    arrays = [np.asarray(mask) for mask in masks]
    for i, arr in enumerate(arrays):
        if arr.dtype != np.bool_:
            raise ValueError(f"mask #{i} must be boolean, got dtype {arr.dtype}")
    try:
        return np.logical_and.reduce(np.broadcast_arrays(*arrays))
    except ValueError:
        shapes = ", ".join(str(arr.shape) for arr in arrays)
        raise ValueError(f"masks of shapes {shapes} cannot broadcast together") from None
# --8<-- [end:combine]


@dataclass(frozen=True)
class MasksExample:
    """A causal mask, a padding mask and their combination for a batch of two sentences."""

    batch: tuple[tuple[str, ...], ...]  # (2, 6) tokens, the second padded with PAD
    causal: np.ndarray  # (6, 6)
    padding: np.ndarray  # (2, 1, 6)
    combined: np.ndarray  # (2, 6, 6)


# --8<-- [start:example]
def example() -> MasksExample:
    """Mask a batch: "the cat sat on the mat" and "the cat sat" padded to 6 tokens."""
    batch = (SENTENCE, (*SENTENCE[:3], PAD, PAD, PAD))
    causal = causal_mask(len(SENTENCE))
    padding = padding_mask_from_tokens(batch)
    return MasksExample(batch, causal, padding, combine_masks(causal, padding))


def print_example(out: Callable[..., object] = print, lang: str = "en") -> None:
    """Print the worked example with ``out`` (pages pass markdown-exec's ``print``), its
    labels in ``lang`` ("en" or "es", the page's language)."""
    ex, text = example(), labels("masks", lang)
    second = ex.batch[1]
    out(text["tokens"], " ".join(second))
    out(text["padding"], " ".join(str(int(b)) for b in ex.padding[1, 0]))
    out(text["combined"])
    for token, row in zip(second, ex.combined[1], strict=True):
        out(f"  {token:>5} " + " ".join(str(int(b)) for b in row))
# --8<-- [end:example]


if __name__ == "__main__":
    print_example()
