"""KV cache size: the formula, the cited configurations, the printed table, errors."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from snippets.kv_cache import CONFIGS, MIB, example, kv_cache_bytes, print_example


@given(*(st.integers(1, 64) for _ in range(6)))
@settings(max_examples=60, deadline=None)
def test_formula_counts_every_cached_number(layers, heads, dim, length, batch, size) -> None:
    # oracle: count the numbers one by one (a key and a value per layer, head, position)
    count = 0
    for _ in range(layers):
        for _ in range(heads):
            count += 2 * dim * length * batch
    assert kv_cache_bytes(layers, heads, dim, length, batch, size) == count * size


def test_cited_configurations_and_table(capsys: pytest.CaptureFixture[str]) -> None:
    mistral = next(c for c in CONFIGS if c.name == "Mistral 7B")
    assert (mistral.layers, mistral.query_heads, mistral.kv_heads, mistral.head_dim) == \
        (32, 32, 8, 128)
    rows = {(r.config.name, r.length): r for r in example()}
    row = rows["Mistral 7B", 8192]
    assert row.cache_bytes == 2**30  # 2 · 32 · 8 · 128 · 8192 · 2 bytes = 1 GiB
    assert row.multi_head_bytes == 4 * row.cache_bytes  # 32 kv heads instead of 8
    assert row.step_score_bytes == 32 * 8192 * 2
    print_example(lang="es")
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:3] == ["modelo", "longitud", "h_kv"]
    assert lines[-1].split() == ["Mistral", "7B", "8192", "8", f"{2**30 // MIB}", "4096", "512"]


def test_errors_name_the_values() -> None:
    with pytest.raises(ValueError, match="kv_heads must be a positive integer, got 0"):
        kv_cache_bytes(1, 0, 64, 10, 1, 2)
    with pytest.raises(ValueError, match=r"bytes_per_value must be a positive integer, got 0\.5"):
        kv_cache_bytes(1, 1, 64, 10, 1, 0.5)  # type: ignore[arg-type]
