"""peak_bytes and the full-versus-chunked memory measurement."""

from __future__ import annotations

import tracemalloc

import numpy as np

from snippets.memory import measure_memory, peak_bytes


def test_peak_bytes_sees_a_numpy_allocation() -> None:
    result, peak = peak_bytes(np.ones, (1000, 1000))  # 8 MB of float64
    assert result.nbytes == 8_000_000
    assert 8_000_000 <= peak < 8_100_000
    assert not tracemalloc.is_tracing()  # left as it was found


def test_peak_bytes_counts_temporaries_freed_before_returning() -> None:
    def make_and_drop() -> float:
        return float(np.ones(1_000_000).sum())  # 8 MB alive only inside the call

    _, peak = peak_bytes(make_and_drop)
    assert peak >= 8_000_000


def test_chunked_needs_a_fraction_of_full_attention_memory() -> None:
    points = measure_memory([512, 2048], d=16, chunk_size=128)
    small, large = points
    # full attention holds L² scores of 4 bytes each (float32)
    assert large.full_bytes >= 2048 * 2048 * 4
    assert large.chunked_bytes * 5 <= large.full_bytes
    # quadrupling L multiplies the full peak by about 16, the chunked one by about 4
    assert 12 < large.full_bytes / small.full_bytes < 20
    assert large.chunked_bytes / small.chunked_bytes < 6
