"""Weight × value norm (Kobayashi et al., 2020): how far each key actually moves an output.

The output of query i is o_i = Σ_j a_ij v_j. A weight a_ij says what share of the
average key j gets; the vector it adds, a_ij v_j, has length a_ij ‖v_j‖. A large weight on
a short value moves the output little, and a small weight on a long value can move it more.

Public API
----------
``weighted_norms(weights, values) -> ndarray``
    weights (..., m, n), values (..., n, d_v) -> (..., m, n): entry (i, j) is ‖a_ij v_j‖.
``print_example()``
    The row of "sat" in the no-op head of ``snippets.sinks``: weight, ‖v_j‖, ‖a_ij v_j‖.

Sections for pages (pymdownx.snippets): ``weighted_norms``, ``example``.
Run: ``python -m snippets.value_norm``.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike

from snippets._checks import as_float_array, check_min_ndim
from snippets.sinks import noop_head


# --8<-- [start:weighted_norms]
def weighted_norms(weights: ArrayLike, values: ArrayLike) -> np.ndarray:
    """‖a_ij v_j‖ = a_ij ‖v_j‖ for every query i and key j (weights are never negative).

    Shapes: weights (..., m, n), values (..., n, d_v) -> (..., m, n).
    """
    a = as_float_array("weights", weights)
    v = as_float_array("values", values)
    check_min_ndim("weights", a, 2, "(..., m, n)")
    check_min_ndim("values", v, 2, "(..., n, d_v)")
    if a.shape[-1] != v.shape[-2]:
        raise ValueError(f"weights (..., m, n) and values (..., n, d_v) must share n: "
                         f"weights have shape {a.shape}, values have shape {v.shape}")
    if np.any(a < 0):
        raise ValueError(f"weights must be non-negative, got a minimum of {a.min():.3g}")
    return a * np.linalg.norm(v, axis=-1)[..., None, :]
# --8<-- [end:weighted_norms]


# --8<-- [start:example]
def print_example(out: Callable[..., object] = print) -> None:
    """Row "sat" of the no-op head: the key with the largest weight adds the least."""
    ex = noop_head()
    i = ex.tokens.index("sat")
    norms = np.linalg.norm(ex.values, axis=-1)
    moved = weighted_norms(ex.weights, ex.values)[i]
    out(f"{'j':<7}{'a_ij':>7}{'‖v_j‖':>8}{'‖a_ij v_j‖':>12}{'/ Σ_j':>7}")
    for j, token in enumerate(ex.tokens):
        out(f"{token:<7}{ex.weights[i, j]:>7.3f}{norms[j]:>8.3f}{moved[j]:>12.3f}"
            f"{moved[j] / moved.sum():>7.3f}")
# --8<-- [end:example]


if __name__ == "__main__":
    print_example()
