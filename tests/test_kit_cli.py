"""The kit's command line and the plugin's focus options, as a student uses them."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest
from kits import Kit, output_of


def test_hint_points_to_the_problem(default_kit: Kit) -> None:
    completed = default_kit.uv_run(default_kit.package, "hint", "P03")
    assert completed.returncode == 0, output_of(completed)
    assert completed.stdout.startswith("P03 · Level 1 Foundations · Write deep copy manually")
    assert "Hint:" in completed.stdout and "uv run pytest --problem 3" in completed.stdout


def test_hint_refuses_an_unknown_problem(default_kit: Kit) -> None:
    completed = default_kit.uv_run(default_kit.package, "hint", "99")
    assert completed.returncode == 2
    assert "There is no problem 99: choose 1 to 20." in completed.stderr


def test_progress_command_prints_the_table(default_kit: Kit) -> None:
    completed = default_kit.uv_run(default_kit.package, "progress")
    assert completed.returncode == 0, output_of(completed)
    lines = completed.stdout.splitlines()
    assert lines[0] == "Progress: 0/20 problems solved"
    assert any(line.startswith("Next: P01 ") for line in lines), completed.stdout


@pytest.mark.parametrize("selection", [["--problem", "3"], ["-m", "p03"]])
def test_focusing_on_a_problem_shows_its_real_failures(
    default_kit: Kit, selection: list[str]
) -> None:
    completed = default_kit.uv_run("pytest", "-p", "no:cacheprovider", *selection)
    assert completed.returncode == 1, output_of(completed)
    assert "FAILED tests/problems/level1/test_p03_" in completed.stdout
    assert " todo" not in completed.stdout.splitlines()[-1]
    assert "\nNext: P03 Write deep copy manually (" in completed.stdout, (
        "the footer must name the focused problem, not the first unsolved one"
    )


# Runs a command with its stdout connected to a pipe whose reader is already gone, as at the
# end of `... | head`: every write to it fails with EPIPE.
CLOSED_PIPE = """
import os, subprocess, sys
read_end, write_end = os.pipe()
os.close(read_end)
sys.exit(subprocess.run(sys.argv[1:], stdout=write_end).returncode)
"""


def test_progress_into_a_closed_pipe_ends_without_a_traceback(default_kit: Kit) -> None:
    """`uv run <package> progress | head` must end quietly when head stops reading."""
    command = ["uv", "run", "--frozen", default_kit.package, "progress"]
    completed = default_kit.run(sys.executable, "-c", CLOSED_PIPE, *command)
    assert "Traceback" not in completed.stderr, completed.stderr
    assert "BrokenPipeError" not in completed.stderr, completed.stderr
    assert completed.returncode == 1, "a broken pipe exits with 1, as Python itself does"


def test_seed_loads_the_live_test_data_once(default_kit: Kit, tmp_path: Path) -> None:
    database = tmp_path / "seed.sqlite3"
    for _ in range(2):
        completed = default_kit.uv_run(
            default_kit.package, "seed", env={"DATABASE_PATH": str(database)}
        )
        assert completed.returncode == 0, output_of(completed)
    with sqlite3.connect(database) as connection:
        users = connection.execute("SELECT id, name, email FROM users ORDER BY id").fetchall()
        orders = connection.execute("SELECT id, user_id, amount FROM orders ORDER BY id").fetchall()
    assert users == [(1, "Raj", "raj@gmail.com"), (2, "Amit", None)]
    assert orders == [(101, 1, 2500), (102, 2, None)]
