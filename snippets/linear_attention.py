"""Linear (kernel) attention: a feature map instead of the softmax (Katharopoulos et al., 2020).

Softmax attention weighs value j by exp(s_ij) / sum_j' exp(s_ij'). Kernel attention
replaces exp(q_i k_j^T) by a product of features phi(q_i) phi(k_j)^T, so the output

    o_i = phi(q_i) (sum_j phi(k_j)^T v_j) / (phi(q_i) sum_j phi(k_j)^T)

can be computed right to left: the (d_phi, d_v) sum and the (d_phi,) normalizer are
built once, in time linear in n, and no (m, n) matrix ever exists. With a causal mask the
sums become running sums: a recurrent network with a constant-size state.

Public API
----------
``elu_feature_map(x)``: elu(x) + 1, Katharopoulos et al.'s feature map (positive).
``random_feature_map(d, num_features, seed=0) -> callable``
    Performer-style positive random features (Choromanski et al., 2021):
    phi(x) = exp(x W^T - |x|^2 / 2) / sqrt(r) with W (r, d) Gaussian, so that
    E[phi(q) phi(k)^T] = exp(q k^T). Apply to q / d**0.25 and k / d**0.25 to approximate
    softmax attention with the usual 1/sqrt(d) scaling (``linear_attention`` does it
    when ``scale_inputs`` is True).
``linear_attention(q, k, v, feature_map=elu_feature_map, causal=False, scale_inputs=False)``
    q (..., m, d_k), k (..., n, d_k), v (..., n, d_v) -> (..., m, d_v). ``causal`` needs
    m == n and uses the recurrent form.
``linear_attention_recurrent(q, k, v, feature_map=elu_feature_map)``
    The causal form as an explicit loop over positions: state S (d_phi, d_v) and z (d_phi,).
``implied_weights(q, k, feature_map=elu_feature_map, causal=False) -> (..., m, n)``
    The weights linear attention uses without ever storing them (for inspection only).

Sections for pages: ``linear``, ``recurrent``.
Run: ``python -m snippets.linear_attention``.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):  # run as `python snippets/linear_attention.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np
from numpy.typing import ArrayLike

from snippets._checks import as_float_array, check_qkv
from snippets.attention import scaled_dot_product_attention
from snippets.masks import _positive_int

FeatureMap = Callable[[np.ndarray], np.ndarray]


def elu_feature_map(x: np.ndarray) -> np.ndarray:
    """elu(x) + 1 = x + 1 for x > 0, exp(x) otherwise: always > 0."""
    return np.where(x > 0, x + 1.0, np.exp(np.minimum(x, 0.0)))


def random_feature_map(d: int, num_features: int, seed: int = 0) -> FeatureMap:
    """Positive random features for the kernel exp(q k^T) (Performer's FAVOR+, iid W)."""
    d, r = _positive_int("d", d), _positive_int("num_features", num_features)
    w = np.random.default_rng(seed).standard_normal((r, d))

    def phi(x: np.ndarray) -> np.ndarray:
        if x.shape[-1] != d:
            raise ValueError(f"this feature map expects vectors of size d={d}, got shape {x.shape}")
        sq = 0.5 * np.sum(x * x, axis=-1, keepdims=True)
        return np.exp(x @ w.T - sq) / math.sqrt(r)

    return phi


def _features(q: np.ndarray, k: np.ndarray, feature_map: FeatureMap,
              scale_inputs: bool) -> tuple[np.ndarray, np.ndarray]:
    if scale_inputs:  # exp(q k^T / sqrt(d)) = exp((q / d^1/4)(k / d^1/4)^T)
        factor = q.shape[-1] ** -0.25
        q, k = q * factor, k * factor
    return feature_map(q), feature_map(k)


# --8<-- [start:linear]
def linear_attention(q: ArrayLike, k: ArrayLike, v: ArrayLike,
                     feature_map: FeatureMap = elu_feature_map, causal: bool = False,
                     scale_inputs: bool = False) -> np.ndarray:
    """phi(Q) (phi(K)^T V) / (phi(Q) phi(K)^T 1): no (m, n) matrix; shapes as in SDPA."""
    q, k, v = (as_float_array(name, a) for name, a in (("q", q), ("k", k), ("v", v)))
    check_qkv(q, k, v)
    if causal:
        return linear_attention_recurrent(q, k, v, feature_map, scale_inputs)
    phi_q, phi_k = _features(q, k, feature_map, scale_inputs)  # (..., m, r), (..., n, r)
    kv = np.swapaxes(phi_k, -1, -2) @ v  # (..., r, d_v): sum_j phi(k_j)^T v_j
    z = phi_k.sum(axis=-2)  # (..., r): sum_j phi(k_j)
    return (phi_q @ kv) / (phi_q @ z[..., None])  # (..., m, d_v)
# --8<-- [end:linear]


# --8<-- [start:recurrent]
def linear_attention_recurrent(q: ArrayLike, k: ArrayLike, v: ArrayLike,
                               feature_map: FeatureMap = elu_feature_map,
                               scale_inputs: bool = False) -> np.ndarray:
    """Causal linear attention, one position at a time with a constant-size state."""
    q, k, v = (as_float_array(name, a) for name, a in (("q", q), ("k", k), ("v", v)))
    check_qkv(q, k, v)
    if q.shape[-2] != k.shape[-2]:
        raise ValueError(f"causal linear attention needs m == n: q has shape {q.shape}, "
                         f"k has shape {k.shape}")
    phi_q, phi_k = _features(q, k, feature_map, scale_inputs)
    batch = np.broadcast_shapes(phi_q.shape[:-2], phi_k.shape[:-2], v.shape[:-2])
    state = np.zeros((*batch, phi_k.shape[-1], v.shape[-1]))  # S_i = S_{i-1} + phi(k_i)^T v_i
    norm = np.zeros((*batch, phi_k.shape[-1]))  # z_i = z_{i-1} + phi(k_i)
    out = np.empty((*batch, q.shape[-2], v.shape[-1]))
    for i in range(q.shape[-2]):
        state = state + phi_k[..., i, :, None] * v[..., i, None, :]
        norm = norm + phi_k[..., i, :]
        numerator = np.einsum("...r,...rd->...d", phi_q[..., i, :], state)
        out[..., i, :] = numerator / np.sum(phi_q[..., i, :] * norm, axis=-1, keepdims=True)
    return out
# --8<-- [end:recurrent]


def implied_weights(q: ArrayLike, k: ArrayLike, feature_map: FeatureMap = elu_feature_map,
                    causal: bool = False, scale_inputs: bool = False) -> np.ndarray:
    """(..., m, n): phi(q_i) phi(k_j)^T normalized per row; built here only to look at."""
    q, k = as_float_array("q", q), as_float_array("k", k)
    phi_q, phi_k = _features(q, k, feature_map, scale_inputs)
    kernel = phi_q @ np.swapaxes(phi_k, -1, -2)
    if causal:
        kernel = np.tril(kernel)
    return kernel / kernel.sum(axis=-1, keepdims=True)


def performer_error(num_features: tuple[int, ...] = (4, 16, 64, 256, 1024),
                    n: int = 64, d: int = 16, seed: int = 0) -> list[tuple[int, float]]:
    """Mean absolute error of random-feature attention against exact softmax attention."""
    rng = np.random.default_rng(seed)
    q, k, v = (0.5 * rng.standard_normal((n, d)) for _ in range(3))
    exact, _ = scaled_dot_product_attention(q, k, v)
    errors = []
    for r in num_features:
        approx = linear_attention(q, k, v, random_feature_map(d, r, seed=seed + 1),
                                  scale_inputs=True)
        errors.append((r, float(np.mean(np.abs(approx - exact)))))
    return errors


def print_performer_error(out: Callable[..., object] = print, lang: str = "en") -> None:
    """Print the approximation error for a growing number of random features."""
    head = {"en": ("features r", "mean |error|"),
            "es": ("características r", "|error| medio")}[lang]
    width = max(10, len(head[0]))
    out(f"{head[0]:>{width}}  {head[1]:>13}")
    for r, err in performer_error():
        out(f"{r:>{width}}  {err:>13.4f}")


if __name__ == "__main__":
    print_performer_error()
