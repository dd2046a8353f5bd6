"""Each known-wrong answer in tests/wrong_answers/ must be rejected by its problem's tests, and
each right answer in tests/right_answers/ accepted.

A wrong answer is a complete replacement of a problem module that embodies a classic mistake
(its first line says which). The farm copies it over the module in a kit with both hosts, runs
the problem's tests for real (`--problem N`, as a student would) and restores the module. The
kit's bootcamp report must show that problem's tests failing: tests collected and run, at least
one failed. An answer that breaks collection (an import error, say) is not a rejection. When the
answer's second line is `# Rejected with: <text>`, the failure output must contain that text:
the student who makes this mistake must be told what it is. The files are never rendered into
kits.

A right answer is a correct solution written differently from the reference one (its first
line says how), which the tests must not reject: the task allows it.

Speed: a pytest start-up in a kit costs about a second, so answers to *different* problems are
tried together, in rounds that hold at most one answer per problem (`farm.rounds`). Each answer
still gets its own test below, which reads its verdict.
"""

from __future__ import annotations

from pathlib import Path

import build_problems
import pytest
from conftest import farm
from farm import answer_key, problem_number, right_answers, rounds, wrong_answers
from kits import TEMPLATE_ROOT

WRONG_ANSWERS = wrong_answers()
RIGHT_ANSWERS = right_answers()
REJECTED_WITH = "# Rejected with: "


def expected_message(answer: Path) -> str | None:
    """The text the answer's failure output must contain, if its second line names one."""
    lines = answer.read_text().splitlines()
    if len(lines) > 1 and lines[1].startswith(REJECTED_WITH):
        return lines[1].removeprefix(REJECTED_WITH)
    return None


def test_every_problem_has_a_wrong_answer() -> None:
    numbers = set(build_problems.catalogued_modules(TEMPLATE_ROOT).values())
    covered = {problem_number(answer) for answer in WRONG_ANSWERS}
    assert covered == numbers, f"problems without a wrong answer: {sorted(numbers - covered)}"


@pytest.mark.parametrize(
    ("answers", "kind"),
    [(WRONG_ANSWERS, "Wrong"), (RIGHT_ANSWERS, "Right")],
    ids=["wrong", "right"],
)
def test_answers_say_what_they_are(answers: list[Path], kind: str) -> None:
    for answer in answers:
        first_line = answer.read_text().splitlines()[0]
        assert first_line.startswith(f"# {kind} answer for P{answer.name[1:3]}: "), answer.name
        assert "TODO(P" not in answer.read_text(), f"{answer.name} must count as an attempt"


def test_rounds_never_hold_two_answers_to_one_problem() -> None:
    answers = WRONG_ANSWERS + RIGHT_ANSWERS
    grouped = rounds(answers)
    assert sorted(answer for group in grouped for answer in group) == sorted(answers)
    for group in grouped:
        numbers = [problem_number(answer) for answer in group]
        assert len(numbers) == len(set(numbers)), numbers
    assert len({answer_key(answer) for answer in answers}) == len(answers)


@pytest.mark.parametrize("wrong_answer", WRONG_ANSWERS, ids=lambda answer: answer.stem)
def test_wrong_answer_is_rejected(wrong_answer: Path) -> None:
    verdict = farm().verdict(wrong_answer)
    where = f"{wrong_answer.name} in {verdict.kit}"
    assert verdict.exit_code == 1, f"{where}: pytest did not end in failures\n{verdict.output}"
    entry = verdict.report_entry
    assert entry is not None, f"{where}: no bootcamp report\n{verdict.output}"
    assert entry["failed"] > 0, f"{where} was not rejected: {entry}\n{verdict.output}"
    assert entry["state"] == "failing", entry
    message = expected_message(wrong_answer)
    assert message is None or message in verdict.output, (
        f"{where} was rejected, but the failures never say {message!r}:\n{verdict.output}"
    )


@pytest.mark.parametrize("right_answer", RIGHT_ANSWERS, ids=lambda answer: answer.stem)
def test_right_answer_is_accepted(right_answer: Path) -> None:
    verdict = farm().verdict(right_answer)
    where = f"{right_answer.name} in {verdict.kit}"
    entry = verdict.report_entry
    assert entry is not None, f"{where}: no bootcamp report\n{verdict.output}"
    assert entry["state"] == "solved" and entry["passed"] > 0, (
        f"{where} is a correct solution, yet: {entry}\n{verdict.output}"
    )
