"""Each known-wrong answer in tests/wrong_answers/ must be rejected by its problem's tests.

A wrong answer is a complete replacement of a problem module that embodies a classic mistake
(its first line says which). It is copied over the module in a rendered kit, the problem's
tests run for real (`--problem N`), and they must fail: exit status 1, tests collected and
run, not a collection error. The files are never rendered into kits.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import KIT_PARAMS
from kits import Kit, output_of

WRONG_ANSWERS = sorted((Path(__file__).parent / "wrong_answers").glob("p[0-9][0-9]_*.py"))
# Spread the answers over the kits that have both hosts, so the work shares out between workers.
BOTH_HOST_KITS = [param for param in KIT_PARAMS if param.values[0]["framework"] == "both"]


def cases() -> list:
    """(kit, answer) pairs; the id ends with the kit's name so the answer runs on its worker."""
    pairs = []
    for index, answer in enumerate(WRONG_ANSWERS):
        kit = BOTH_HOST_KITS[index % len(BOTH_HOST_KITS)]
        pairs.append(pytest.param(kit.values[0], answer, id=f"{answer.stem}-{kit.id}"))
    return pairs


def problem_module(kit: Kit, number: int) -> Path:
    matches = list((kit.path / "src" / kit.package / "problems").glob(f"level*/p{number:02d}_*.py"))
    assert len(matches) == 1, matches
    return matches[0]


def test_every_problem_has_a_wrong_answer() -> None:
    covered = {int(answer.name[1:3]) for answer in WRONG_ANSWERS}
    assert covered == set(range(1, 21)), sorted(set(range(1, 21)) - covered)


def test_wrong_answers_say_why_they_are_wrong() -> None:
    for answer in WRONG_ANSWERS:
        first_line = answer.read_text().splitlines()[0]
        assert first_line.startswith(f"# Wrong answer for P{answer.name[1:3]}: "), answer.name
        assert "TODO(P" not in answer.read_text(), f"{answer.name} must count as an attempt"


@pytest.mark.parametrize(("kit", "answer"), cases(), indirect=["kit"])
def test_wrong_answer_is_rejected(kit: Kit, answer: Path) -> None:
    number = int(answer.name[1:3])
    module = problem_module(kit, number)
    original = module.read_text()
    try:
        module.write_text(answer.read_text())
        shutil.rmtree(module.parent / "__pycache__", ignore_errors=True)
        completed = kit.uv_run(
            "pytest",
            "-p",
            "no:cacheprovider",
            "-q",
            "--tb=line",
            "--problem",
            str(number),
            step="wrong answers",
            env={"PYTHONDONTWRITEBYTECODE": "1"},
        )
    finally:
        module.write_text(original)
        shutil.rmtree(module.parent / "__pycache__", ignore_errors=True)
    assert completed.returncode == 1, f"{answer.name} was not rejected\n{output_of(completed)}"
    assert " failed" in completed.stdout.splitlines()[-1], output_of(completed)
