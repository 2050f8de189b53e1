"""tools.bench_attention returns well-formed data (a tiny run; no timing is asserted)."""

from __future__ import annotations

import pytest

from tools.bench_attention import main, run, targets


def test_run_returns_one_row_per_method_and_correct_outputs() -> None:
    results = run(lengths=(64,))
    assert [r["method"] for r in results] == ["naive", "chunked", "torch"]
    naive, chunked = results[0], results[1]
    for r in (naive, chunked):
        assert r["length"] == 64 and r["median_s"] > 0 and r["peak_mib"] > 0
    assert chunked["max_abs_diff"] < 1e-5  # the benchmark compares equal results
    evaluated = targets(results, length=64)
    assert [t["met"] for t in evaluated] == [
        chunked["peak_mib"] <= naive["peak_mib"] / 5,
        chunked["median_s"] <= 1.1 * naive["median_s"],
    ]


def test_main_prints_a_markdown_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lengths", "32"]) == 0
    out = capsys.readouterr().out
    assert "| L | method | median time (s) | peak memory (MiB) |" in out
    assert "| 32 | chunked |" in out
