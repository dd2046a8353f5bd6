"""This repository's own Python (scaffold, scripts, tests) passes ruff, as every kit file must.

The template tree is left to the kits' own lint (its files are Jinja until rendered); the
exclusions are in pyproject.toml's `[tool.ruff]`.
"""

from __future__ import annotations

import sys

import processes
import pytest
from kits import TEMPLATE_ROOT, output_of


@pytest.mark.parametrize("command", [["check"], ["format", "--check"]], ids=["check", "format"])
def test_the_repository_passes_ruff(command: list[str]) -> None:
    completed = processes.run([sys.executable, "-m", "ruff", *command, "."], cwd=TEMPLATE_ROOT)
    assert completed.returncode == 0, output_of(completed)
