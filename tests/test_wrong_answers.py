"""Each known-wrong answer in tests/wrong_answers/ must be rejected by its problem's tests.

A wrong answer is a complete replacement of a problem module that embodies a classic mistake
(its first line says which). It is copied over the module in a rendered kit, the problem's
tests run for real (`--problem N`, as a student would run them), and the kit's bootcamp report
must show that problem's tests failing: tests collected and run, at least one failed. An answer
that breaks collection (an import error, say) is not a rejection. The files are never rendered
into kits.

Speed: a pytest start-up in a kit costs about a second, so answers to *different* problems are
tried together, in rounds that hold at most one answer per problem. Problem tests import only
their own problem's module, so answers in one round cannot mask each other; the report says how
each problem's tests ended. Each answer still gets its own test below, which reads its verdict.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import KIT_PARAMS
from kits import Kit, kit_id, output_of

WRONG_ANSWERS = sorted((Path(__file__).parent / "wrong_answers").glob("p[0-9][0-9]_*.py"))
# Spread the answers over the kits that have both hosts, so the work shares out between workers.
BOTH_HOST_KITS = [param for param in KIT_PARAMS if param.values[0]["framework"] == "both"]
KIT_OF_ANSWER = {
    answer.name: BOTH_HOST_KITS[index % len(BOTH_HOST_KITS)]
    for index, answer in enumerate(WRONG_ANSWERS)
}


@dataclass(frozen=True)
class Verdict:
    """How one answer's problem tests ended in its round."""

    exit_code: int
    report_entry: dict[str, Any] | None
    output: str


_verdicts: dict[str, dict[str, Verdict]] = {}


def problem_number(answer: Path) -> int:
    return int(answer.name[1:3])


def cases() -> list[Any]:
    """(kit, answer) pairs; the id ends with the kit's name so the answer runs on its worker."""
    pairs = []
    for answer in WRONG_ANSWERS:
        kit = KIT_OF_ANSWER[answer.name]
        pairs.append(pytest.param(kit.values[0], answer, id=f"{answer.stem}-{kit.id}"))
    return pairs


def rounds(answers: list[Path]) -> list[list[Path]]:
    """Group answers so that no round holds two answers to the same problem."""
    grouped: list[list[Path]] = []
    for answer in answers:
        for group in grouped:
            if problem_number(answer) not in {problem_number(other) for other in group}:
                group.append(answer)
                break
        else:
            grouped.append([answer])
    return grouped


def problem_module(kit: Kit, number: int) -> Path:
    matches = list((kit.path / "src" / kit.package / "problems").glob(f"level*/p{number:02d}_*.py"))
    assert len(matches) == 1, matches
    return matches[0]


def replace_module(module: Path, text: str) -> None:
    """Write a module and drop its folder's bytecode, so the next import reads the new text."""
    module.write_text(text)
    shutil.rmtree(module.parent / "__pycache__", ignore_errors=True)


def run_round(kit: Kit, answers: list[Path]) -> dict[str, Verdict]:
    """Put a round's answers in place, run their problems' tests once, restore the modules."""
    modules = {answer: problem_module(kit, problem_number(answer)) for answer in answers}
    originals = {module: module.read_text() for module in modules.values()}
    try:
        for answer, module in modules.items():
            replace_module(module, answer.read_text())
        completed, report = kit.pytest_report(
            "-q",
            "--tb=line",
            "--problem",
            ",".join(str(problem_number(answer)) for answer in answers),
            step="wrong answers",
            env={"PYTHONDONTWRITEBYTECODE": "1"},
        )
    finally:
        for module, original in originals.items():
            replace_module(module, original)
    output = output_of(completed)
    return {
        answer.name: Verdict(
            exit_code=completed.returncode,
            report_entry=report["problems"][f"P{problem_number(answer):02d}"] if report else None,
            output=output,
        )
        for answer in answers
    }


def verdicts(kit: Kit) -> dict[str, Verdict]:
    """The verdicts of every answer assigned to this kit, computed on first use."""
    name = kit_id(kit.answers)
    if name not in _verdicts:
        mine = [answer for answer in WRONG_ANSWERS if KIT_OF_ANSWER[answer.name].id == name]
        results: dict[str, Verdict] = {}
        for group in rounds(mine):
            results.update(run_round(kit, group))
        _verdicts[name] = results
    return _verdicts[name]


def test_every_problem_has_a_wrong_answer() -> None:
    covered = {problem_number(answer) for answer in WRONG_ANSWERS}
    assert covered == set(range(1, 21)), sorted(set(range(1, 21)) - covered)


def test_wrong_answers_say_why_they_are_wrong() -> None:
    for answer in WRONG_ANSWERS:
        first_line = answer.read_text().splitlines()[0]
        assert first_line.startswith(f"# Wrong answer for P{answer.name[1:3]}: "), answer.name
        assert "TODO(P" not in answer.read_text(), f"{answer.name} must count as an attempt"


def test_rounds_never_hold_two_answers_to_one_problem() -> None:
    grouped = rounds(WRONG_ANSWERS)
    assert sorted(answer for group in grouped for answer in group) == WRONG_ANSWERS
    for group in grouped:
        numbers = [problem_number(answer) for answer in group]
        assert len(numbers) == len(set(numbers)), numbers


@pytest.mark.parametrize(("kit", "answer"), cases(), indirect=["kit"])
def test_wrong_answer_is_rejected(kit: Kit, answer: Path) -> None:
    verdict = verdicts(kit)[answer.name]
    assert verdict.exit_code == 1, (
        f"{answer.name}: pytest did not end in failures\n{verdict.output}"
    )
    entry = verdict.report_entry
    assert entry is not None, f"{answer.name}: no bootcamp report\n{verdict.output}"
    assert entry["failed"] > 0, f"{answer.name} was not rejected: {entry}\n{verdict.output}"
    assert entry["state"] == "failing", entry
