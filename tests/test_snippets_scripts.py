"""Every snippet runs as a script (`python snippets/x.py`) and prints its example."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = ["softmax", "scores", "masks", "attention", "multihead", "cross_attention", "chunked",
           "scaling", "memory", "mask_patterns", "grouped_query", "position", "linear_attention",
           "kv_cache", "complexity"]


@pytest.mark.parametrize("name", SCRIPTS)
def test_snippet_runs_as_a_script(name: str) -> None:
    # run from another directory: nothing may depend on the working directory
    result = subprocess.run([sys.executable, str(ROOT / "snippets" / f"{name}.py")],
                            capture_output=True, text=True, cwd="/", timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip(), f"{name}.py printed nothing"
    assert "nan" not in result.stdout.lower()
