"""Shared input validation for the attention snippets.

Every public function in ``snippets`` validates its inputs with these helpers, so a
bad call fails early with a ``ValueError`` that names the shapes or values involved
instead of a NumPy broadcasting error (or a silent NaN) deep inside the maths.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike


def as_float_array(name: str, x: ArrayLike) -> np.ndarray:
    """Return ``x`` as a finite floating-point array.

    Floating dtypes (float32, float64, ...) are kept as they are; integers are
    converted to float64. Booleans, complex numbers and objects are rejected.
    """
    arr = np.asarray(x)
    if np.issubdtype(arr.dtype, np.integer):
        arr = arr.astype(np.float64)
    elif not np.issubdtype(arr.dtype, np.floating):
        raise ValueError(f"{name} must hold real numbers, got dtype {arr.dtype}")
    if not np.all(np.isfinite(arr)):
        bad = int(np.size(arr) - np.count_nonzero(np.isfinite(arr)))
        raise ValueError(
            f"{name} (shape {arr.shape}) contains {bad} non-finite value(s) (NaN or ±inf); "
            "use a boolean mask instead of -inf scores"
        )
    return arr


def positive_scalar(name: str, value: float) -> float:
    """Return ``value`` as a float after checking that it is finite and > 0."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a positive number, got {value!r}") from None
    if not (math.isfinite(number) and number > 0):
        raise ValueError(f"{name} must be a finite number > 0, got {value!r}")
    return number


def check_min_ndim(name: str, x: np.ndarray, ndim: int, layout: str) -> None:
    """Raise unless ``x`` has at least ``ndim`` axes; ``layout`` reads like "(..., m, d_k)"."""
    if x.ndim < ndim:
        raise ValueError(f"{name} must have shape {layout}, got shape {x.shape}")


def broadcast_batch(named_shapes: dict[str, tuple[int, ...]]) -> tuple[int, ...]:
    """Broadcast the leading (batch) shapes of several arrays, naming them on failure."""
    try:
        return np.broadcast_shapes(*named_shapes.values())
    except ValueError:
        listed = ", ".join(f"{name} {shape}" for name, shape in named_shapes.items())
        raise ValueError(f"batch dimensions do not broadcast: {listed}") from None


def check_qkv(q: np.ndarray, k: np.ndarray, v: np.ndarray) -> tuple[int, ...]:
    """Check q (..., m, d_k), k (..., n, d_k), v (..., n, d_v); return the batch shape."""
    check_min_ndim("q", q, 2, "(..., m, d_k)")
    check_min_ndim("k", k, 2, "(..., n, d_k)")
    check_min_ndim("v", v, 2, "(..., n, d_v)")
    if q.shape[-1] != k.shape[-1]:
        raise ValueError(
            f"q and k must share d_k (last axis): q has shape {q.shape}, k has shape {k.shape}"
        )
    if k.shape[-2] != v.shape[-2]:
        raise ValueError(
            f"k and v must have the same number of keys n (axis -2): "
            f"k has shape {k.shape}, v has shape {v.shape}"
        )
    return broadcast_batch({"q": q.shape[:-2], "k": k.shape[:-2], "v": v.shape[:-2]})


def check_mask(mask: ArrayLike, scores_shape: tuple[int, ...]) -> np.ndarray:
    """Return ``mask`` as a boolean array after checking it broadcasts to ``scores_shape``.

    True means "this query may attend to this key" (the PyTorch convention).
    The mask may have fewer axes than the scores but must not enlarge them.
    """
    arr = np.asarray(mask)
    if arr.dtype != np.bool_:
        raise ValueError(
            f"mask must be boolean (True = may attend), got dtype {arr.dtype} "
            f"with shape {arr.shape}"
        )
    try:
        fits = np.broadcast_shapes(arr.shape, scores_shape) == tuple(scores_shape)
    except ValueError:
        fits = False
    if not fits:
        raise ValueError(
            f"mask of shape {arr.shape} cannot broadcast to the scores' shape "
            f"{tuple(scores_shape)} (..., m, n)"
        )
    return arr
