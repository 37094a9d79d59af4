"""`make lint` in the suite: CI runs `make test` only, so types and lint rules are kept here too."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_core_type_checks():
    """mypy finds no type errors in budgetkring/ (ids that may be missing, wrong arguments…)."""
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-error-summary"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_finds_nothing():
    """ruff's checks pass on all code."""
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "budgetkring", "ui", "tests", "bench", "main.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
