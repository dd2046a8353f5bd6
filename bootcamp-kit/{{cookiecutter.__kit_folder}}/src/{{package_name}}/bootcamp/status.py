"""Where each problem stands: not started, unavailable, failing or solved.

A problem counts as *not started* while its module still contains a ``TODO(Pnn)`` marker, the
same convention rustlings uses with its "I AM NOT DONE" line: the student decides when an attempt
is ready to be judged, so half-finished work shows as TODO instead of a wall of failures.
"""

import importlib.util
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from .catalog import ADD_HOST_COMMAND, FRAMEWORK_NAMES, PROBLEMS, Problem

PACKAGE_DIR = Path(__file__).resolve().parent.parent


class State(Enum):
    """The states a problem can be in after a test run."""

    SOLVED = "solved"
    FAILING = "failing"
    TODO = "todo"
    UNAVAILABLE = "unavailable"
    NOT_RUN = "not run"


def module_file(problem: Problem) -> Path:
    """The file the student edits for ``problem``."""
    return PACKAGE_DIR.joinpath(*problem.module.split(".")).with_suffix(".py")


def todo_lines(problem: Problem) -> list[int]:
    """Line numbers of the problem's ``TODO(Pnn)`` markers (empty once the student is done)."""
    path = module_file(problem)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    lines = text.splitlines()
    return [number for number, line in enumerate(lines, 1) if problem.todo_marker in line]


def is_available(problem: Problem) -> bool:
    """False when the problem needs a framework this kit was generated without."""
    return problem.requires is None or importlib.util.find_spec(problem.requires) is not None


def unavailable_reason(problem: Problem) -> str:
    """Why the problem cannot run here, and the exact command that makes it available."""
    framework = FRAMEWORK_NAMES.get(problem.requires or "", problem.requires)
    return (
        f"{problem.code} needs {framework}, which this kit was generated without. "
        f"Add {framework} with: {ADD_HOST_COMMAND}"
    )


def relative_module_file(problem: Problem) -> str:
    """The problem's file as a path a student can click, relative to the kit when possible."""
    path = module_file(problem)
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


@dataclass
class ProblemResult:
    """Outcomes of one problem's tests in a run."""

    passed: int = 0
    failed: int = 0
    skipped: int = 0
    nodeids: list[str] = field(default_factory=list)

    def record(self, outcome: str) -> None:
        """Count one test outcome: ``passed``, ``failed`` or ``skipped``."""
        if outcome == "passed":
            self.passed += 1
        elif outcome == "failed":
            self.failed += 1
        else:
            self.skipped += 1


def decide_state(problem: Problem, result: ProblemResult | None, *, strict: bool) -> State:
    """Combine availability, markers and test outcomes into one state.

    In strict mode markers are ignored: only the tests decide, which is what instructors and CI
    want to know ("does this code pass?").
    """
    if not is_available(problem):
        return State.UNAVAILABLE
    if result is None or (result.passed == 0 and result.failed == 0):
        if not strict and todo_lines(problem):
            return State.TODO
        return State.NOT_RUN
    if result.failed:
        return State.FAILING
    if not strict and todo_lines(problem):
        return State.TODO
    return State.SOLVED


def all_states(results: dict[int, ProblemResult], *, strict: bool) -> dict[int, State]:
    """The state of every problem in the catalogue, in catalogue order."""
    return {p.number: decide_state(p, results.get(p.number), strict=strict) for p in PROBLEMS}
