"""Each known-wrong answer in tests/wrong_answers/ must be rejected by its problem's tests.

A wrong answer is a complete replacement of a problem module that embodies a classic mistake
(its first line says which). The farm copies it over the module in a kit with both hosts, runs
the problem's tests for real (`--problem N`, as a student would) and restores the module. The
kit's bootcamp report must show that problem's tests failing: tests collected and run, at least
one failed. An answer that breaks collection (an import error, say) is not a rejection. The
files are never rendered into kits.

Speed: a pytest start-up in a kit costs about a second, so answers to *different* problems are
tried together, in rounds that hold at most one answer per problem (`farm.rounds`). Each answer
still gets its own test below, which reads its verdict.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import farm
from farm import problem_number, rounds, wrong_answers

WRONG_ANSWERS = wrong_answers()


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


@pytest.mark.parametrize("wrong_answer", WRONG_ANSWERS, ids=lambda answer: answer.stem)
def test_wrong_answer_is_rejected(wrong_answer: Path) -> None:
    verdict = farm().verdict(wrong_answer)
    where = f"{wrong_answer.name} in {verdict.kit}"
    assert verdict.exit_code == 1, f"{where}: pytest did not end in failures\n{verdict.output}"
    entry = verdict.report_entry
    assert entry is not None, f"{where}: no bootcamp report\n{verdict.output}"
    assert entry["failed"] > 0, f"{where} was not rejected: {entry}\n{verdict.output}"
    assert entry["state"] == "failing", entry
