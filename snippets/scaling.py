"""Why scores are scaled by 1/sqrt(d_k): a measurement, not an assertion.

If the d_k entries of q and k are independent with mean 0 and variance 1, then
q · k is a sum of d_k products of variance 1, so its variance is d_k. Large scores
push softmax towards a one-hot vector (saturation), where its gradients vanish;
dividing by sqrt(d_k) brings the variance back to 1 (Vaswani et al., 2017, §3.2.1).
This module measures both effects on random vectors.

Public API
----------
``measure_scaling(dims=DIMS, n_keys=32, trials=200, seed=0) -> ScalingMeasurement``
    For each d_k in ``dims``: the sample variance of q · k and of q · k / sqrt(d_k), and
    the mean (over ``trials`` queries) of the largest softmax weight among ``n_keys``
    keys, without and with the scaling.
``example() -> ScalingMeasurement`` / ``print_example()``

Sections for pages: ``measure``, ``example``.
Run: ``python -m snippets.scaling``.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as `python snippets/scaling.py`: make `snippets` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np

from snippets.softmax import softmax
from snippets.strings import labels

DIMS: tuple[int, ...] = (4, 16, 64, 256, 1024)


@dataclass(frozen=True)
class ScalingMeasurement:
    """One row per d_k; arrays have shape (len(dims),)."""

    dims: tuple[int, ...]
    n_keys: int
    trials: int
    variance: np.ndarray  # Var(q · k)
    variance_scaled: np.ndarray  # Var(q · k / sqrt(d_k))
    max_weight: np.ndarray  # mean largest weight of softmax(q · k)
    max_weight_scaled: np.ndarray  # mean largest weight of softmax(q · k / sqrt(d_k))


# --8<-- [start:measure]
def measure_scaling(
    dims: Sequence[int] = DIMS, n_keys: int = 32, trials: int = 200, seed: int = 0
) -> ScalingMeasurement:
    """Measure score variance and softmax saturation for random unit-variance q and k."""
    if min(dims, default=0) < 1 or n_keys < 2 or trials < 2:
        raise ValueError(
            f"need dims >= 1, n_keys >= 2, trials >= 2; got {dims}, {n_keys}, {trials}"
        )
    rng = np.random.default_rng(seed)
    rows = []
    for d in dims:
        q = rng.standard_normal((trials, d, 1))  # one query per trial
        k = rng.standard_normal((trials, n_keys, d))  # n_keys keys per trial
        scores = (k @ q)[..., 0]  # (trials, n_keys): q · k for every key
        scaled = scores / math.sqrt(d)
        rows.append((scores.var(), scaled.var(),
                     softmax(scores).max(axis=-1).mean(), softmax(scaled).max(axis=-1).mean()))
    columns = np.array(rows).T
    return ScalingMeasurement(tuple(dims), n_keys, trials, *columns)
# --8<-- [end:measure]


# --8<-- [start:example]
def example() -> ScalingMeasurement:
    """Measure d_k = 4 … 1024 with 32 keys and 200 random queries each."""
    return measure_scaling()


def print_example(out: Callable[..., object] = print, lang: str = "en") -> None:
    """Print the worked example with ``out`` (pages pass markdown-exec's ``print``), its
    labels in ``lang`` ("en" or "es", the page's language)."""
    ex, max_w = example(), labels("scaling", lang)["max_w"]
    w_top, w_top_s = len(max_w) + 2, len(max_w) + 9  # columns as wide as their headers
    out(f"{'d_k':>5} {'Var(q·k)':>10} {'Var(q·k/√d_k)':>14} {max_w:>{w_top}} "
        f"{max_w + ' (/√d_k)':>{w_top_s}}")
    for row in zip(ex.dims, ex.variance, ex.variance_scaled, ex.max_weight,
                   ex.max_weight_scaled, strict=True):
        d, var, var_s, top, top_s = row
        out(f"{d:>5} {var:>10.3f} {var_s:>14.3f} {top:>{w_top}.3f} {top_s:>{w_top_s}.3f}")
# --8<-- [end:example]


if __name__ == "__main__":
    print_example()
