"""tools.bench_complexity returns well-formed data (a tiny run; no timing is asserted)."""

from __future__ import annotations

import pytest

from tools.bench_complexity import METHODS, ONE_THREAD, exponents, main, run


def test_run_measures_every_method_at_every_length() -> None:
    results = run(lengths=(32, 64))
    assert [(r["method"], r["length"]) for r in results] == [
        (name, n) for name in METHODS for n in (32, 64)]
    assert all(r["best_s"] > 0 for r in results)
    slopes = exponents(results)
    assert list(slopes) == list(METHODS)


def test_exponent_is_the_log_log_slope() -> None:
    fake = [{"method": "m", "length": n, "best_s": 1e-6 * n**2} for n in (10, 20, 40)]
    assert exponents(fake)["m"] == pytest.approx(2.0)


def test_main_prints_a_markdown_table(capsys: pytest.CaptureFixture[str],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in ONE_THREAD.items():
        monkeypatch.setenv(name, value)  # measure in this process
    assert main(["--lengths", "16", "32"]) == 0
    out = capsys.readouterr().out
    assert "| method | n = 16 (ms) | n = 32 (ms) | exponent |" in out
    assert "| linear attention |" in out
