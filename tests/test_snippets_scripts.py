"""Every snippet runs as a script (`python snippets/x.py`) and prints its example."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Every module of snippets/ with a `__main__` block: a new one is tested without a list edit.
SCRIPTS = sorted(path.stem for path in (ROOT / "snippets").glob("*.py")
                 if 'if __name__ == "__main__":' in path.read_text("utf-8"))


def test_the_scripts_are_found() -> None:
    assert {"softmax", "attention", "memory"} <= set(SCRIPTS)


@pytest.mark.parametrize("name", SCRIPTS)
def test_snippet_runs_as_a_script(name: str) -> None:
    # run from another directory: nothing may depend on the working directory
    result = subprocess.run([sys.executable, str(ROOT / "snippets" / f"{name}.py")],
                            capture_output=True, text=True, cwd="/", timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip(), f"{name}.py printed nothing"
    assert "nan" not in result.stdout.lower()
