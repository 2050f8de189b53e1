"""Word timestamps from cross-attention: dynamic time warping over a weight matrix.

A speech recogniser with an encoder-decoder Transformer (Whisper, Radford et al., 2023)
has a cross-attention matrix of shape (m text tokens, n audio frames) in every head of
every decoder layer. The open-source Whisper code (``whisper/timing.py``) averages the
weights of a few chosen "alignment heads", normalises each frame column, and finds the
monotonic path through ``-matrix`` of least total cost with dynamic time warping (DTW);
a token starts at the first frame where the path enters its row. This module does the
same in numpy on a constructed, audio-like example.

Public API
----------
``dtw_path(cost) -> (path, total)``
    cost (m, n) finite -> path (L, 2) of (row, column) pairs from (0, 0) to (m-1, n-1),
    each step (1, 1), (1, 0) or (0, 1), with the least sum of cost along it; total is
    that sum. Ties prefer the diagonal, then (1, 0), then (0, 1).
``alignment_matrix(weights, heads) -> (m, n)``
    weights (h, m, n) of a layer's heads, heads a sequence of head indices: the mean of
    the chosen heads after standardising each frame column over the tokens.
``token_times(path, m, frame_seconds) -> (starts, ends)``
    Start of token i: first frame of row i on the path; end: start of token i + 1 (the
    last token ends after the path's last frame). Both in seconds, shape (m,).
``example() -> TimestampExample`` / ``print_example(out, lang)``
    Six words over 40 frames of 0.1 s, three heads of which two are alignment heads.

Sections for pages: ``dtw``, ``example``.
Run: ``python -m snippets.dtw``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as `python snippets/dtw.py`: make `snippets` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np
from numpy.typing import ArrayLike

from snippets._checks import as_float_array, positive_scalar
from snippets.softmax import softmax

# The three moves of the path, in order of preference on a tie.
STEPS: tuple[tuple[int, int], ...] = ((1, 1), (1, 0), (0, 1))


# --8<-- [start:dtw]
def dtw_path(cost: ArrayLike) -> tuple[np.ndarray, float]:
    """Least-cost monotonic path through ``cost``, from the top-left to the bottom-right cell.

    Shapes: cost (m, n) -> path (L, 2) integer (row, column) pairs, max(m, n) <= L <= m + n - 1.
    """
    cost = as_float_array("cost", cost)
    if cost.ndim != 2 or 0 in cost.shape:
        raise ValueError(f"cost must have shape (m, n) with m, n >= 1, got shape {cost.shape}")
    m, n = cost.shape
    total = np.full((m + 1, n + 1), np.inf)  # total[i + 1, j + 1]: best path ending at (i, j)
    total[0, 0] = 0.0
    move = np.zeros((m + 1, n + 1), dtype=np.int8)  # index into STEPS of the last step
    for i in range(1, m + 1):
        for j in range(1, n + 1):
            before = [total[i - di, j - dj] for di, dj in STEPS]
            move[i, j] = int(np.argmin(before))  # argmin keeps the first (preferred) on a tie
            total[i, j] = cost[i - 1, j - 1] + before[move[i, j]]
    path, i, j = [], m, n
    while (i, j) != (0, 0):  # walk back from the bottom-right corner
        path.append((i - 1, j - 1))
        di, dj = STEPS[move[i, j]]
        i, j = i - di, j - dj
    return np.array(path[::-1]), float(total[m, n])
# --8<-- [end:dtw]


def alignment_matrix(weights: ArrayLike, heads: Sequence[int]) -> np.ndarray:
    """Mean over the chosen heads of the column-standardised weights.

    Shapes: weights (h, m, n), heads: indices in [0, h) -> (m, n). Each frame column is
    shifted and scaled to mean 0 and standard deviation 1 over the m tokens, as in
    Whisper's ``find_alignment``, so that frames every token attends to do not dominate.
    """
    weights = as_float_array("weights", weights)
    if weights.ndim != 3:
        raise ValueError(f"weights must have shape (h, m, n), got shape {weights.shape}")
    chosen = list(heads)
    if not chosen or any(not 0 <= r < weights.shape[0] for r in chosen):
        raise ValueError(f"heads must be a non-empty list of indices below h={weights.shape[0]},"
                         f" got {chosen}")
    w = weights[chosen]
    std = w.std(axis=-2, keepdims=True)
    return ((w - w.mean(axis=-2, keepdims=True)) / np.where(std > 0, std, 1.0)).mean(axis=0)


def token_times(path: ArrayLike, m: int, frame_seconds: float) -> tuple[np.ndarray, np.ndarray]:
    """Start and end time (seconds) of each of the m tokens along a DTW path.

    Shapes: path (L, 2) as returned by ``dtw_path`` -> starts (m,), ends (m,).
    """
    path = np.asarray(path)
    step = positive_scalar("frame_seconds", frame_seconds)
    if path.ndim != 2 or path.shape[1] != 2 or set(path[:, 0].tolist()) != set(range(m)):
        raise ValueError(f"path of shape {path.shape} does not visit every row 0..{m - 1}")
    first = np.array([path[path[:, 0] == i, 1].min() for i in range(m)])
    starts = first * step
    ends = np.append(first[1:], path[-1, 1] + 1) * step
    return starts, ends


@dataclass(frozen=True)
class TimestampExample:
    """A constructed utterance: words, their true times and what DTW recovers."""

    words: tuple[str, ...]
    frame_seconds: float
    true_frames: tuple[tuple[int, int], ...]  # [start, end) frame of each word
    weights: np.ndarray  # (3, m, n): the cross-attention of three heads
    heads: tuple[int, ...]  # the alignment heads
    matrix: np.ndarray  # (m, n): alignment_matrix(weights, heads)
    path: np.ndarray  # (L, 2)
    starts: np.ndarray  # (m,) seconds
    ends: np.ndarray  # (m,) seconds
    argmax_frames: np.ndarray  # (m,) the single frame with the largest weight, per word


WORDS: tuple[str, ...] = ("the", "black", "cat", "sat", "on", "mat")
# [start, end) frames of each word; 0-3 silence, a pause at 23-26, silence after 37.
TRUE_FRAMES: tuple[tuple[int, int], ...] = ((4, 7), (7, 13), (13, 18), (18, 23), (27, 30),
                                            (30, 37))
N_FRAMES = 40
FRAME_SECONDS = 0.1


def _heads(rng: np.random.Generator) -> np.ndarray:
    """Three heads' weights (3, m, n): two follow the speech, one parks on frame 0."""
    m, n = len(WORDS), N_FRAMES
    inside = np.zeros((m, n))
    for i, (a, b) in enumerate(TRUE_FRAMES):
        inside[i, a:b] = 1.0
    neighbour = np.roll(inside, 1, axis=0) + np.roll(inside, -1, axis=0)  # the words around
    aligned = [softmax(3.0 * inside + 1.0 * neighbour + rng.normal(0, 0.6, (m, n)))
               for _ in range(2)]
    parked = np.full((m, n), -2.0)
    parked[:, 0] = 2.0  # a head that looks at the first frame whatever the word
    return np.stack([*aligned, softmax(parked + rng.normal(0, 0.6, (m, n)))])


# --8<-- [start:example]
def example() -> TimestampExample:
    """Recover word times from the cross-attention of the two alignment heads (0 and 1)."""
    weights = _heads(np.random.default_rng(15))  # (3, m=6 words, n=40 frames)
    heads = (0, 1)  # head 2 attends to frame 0 for every word: not an alignment head
    matrix = alignment_matrix(weights, heads)
    path, _ = dtw_path(-matrix)  # high attention = low cost
    starts, ends = token_times(path, len(WORDS), FRAME_SECONDS)
    argmax_frames = matrix.argmax(axis=-1)
    return TimestampExample(WORDS, FRAME_SECONDS, TRUE_FRAMES, weights, heads, matrix,
                            path, starts, ends, argmax_frames)


LABELS = {
    "en": {"word": "word", "true": "true (s)", "dtw": "DTW (s)", "argmax": "argmax frame",
           "path": "path length"},
    "es": {"word": "palabra", "true": "real (s)", "dtw": "DTW (s)",
           "argmax": "trama argmax", "path": "longitud del camino"},
}
# --8<-- [end:example]


def print_example(out: Callable[..., object] = print, lang: str = "en") -> None:
    """Print true and recovered word times with ``out``, labels in ``lang``."""
    if lang not in LABELS:
        raise ValueError(f"unknown language {lang!r}; expected one of {sorted(LABELS)}")
    t, ex = LABELS[lang], example()
    out(f"weights.shape = {ex.weights.shape}  heads = {ex.heads}  "
        f"{t['path']} = {len(ex.path)}")
    out(f"{t['word']:>8} {t['true']:>13} {t['dtw']:>13} {t['argmax']:>17}")
    for w, (a, b), s, e, f in zip(ex.words, ex.true_frames, ex.starts, ex.ends,
                                  ex.argmax_frames, strict=True):
        true = f"{a * ex.frame_seconds:.1f}-{b * ex.frame_seconds:.1f}"
        out(f"{w:>8} {true:>13} {f'{s:.1f}-{e:.1f}':>13} {int(f):>17}")


if __name__ == "__main__":
    print_example()
