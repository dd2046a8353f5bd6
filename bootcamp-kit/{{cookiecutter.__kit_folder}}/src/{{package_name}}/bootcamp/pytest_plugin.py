"""A small pytest plugin that turns the problems' tests into TODOs and a progress table.

Loaded with ``-p <package>.bootcamp.pytest_plugin`` (see ``addopts`` in pyproject.toml).

- Problem tests carry ``@pytest.mark.problem(N)``; the plugin also tags them ``pNN`` so that
  ``pytest -m p03`` selects one problem.
- A problem whose module still has a ``TODO(Pnn)`` marker is *not started*: its tests are
  skipped and reported as ``TODO``, so a fresh kit's suite is green.
- ``--problem N`` (or ``-m pNN``) focuses on one problem and runs its tests for real, markers
  or not, so the student sees the real assertion messages.
- ``--strict-todo`` or ``BOOTCAMP_STRICT=1`` runs every problem's tests for real: an unsolved
  problem is a failure. Instructors and CI use it.
- ``--bootcamp-report PATH`` writes each problem's state as JSON (used by ``<package> progress``
  and by the template's own tests).
"""

import json
import os
import re
from pathlib import Path

import pytest

from .catalog import PROBLEMS, get_problem, parse_problem_number
from .progress import render_progress
from .status import (
    PACKAGE_DIR,
    ProblemResult,
    State,
    all_states,
    is_available,
    todo_lines,
    unavailable_reason,
)

STRICT_ENV_VAR = "BOOTCAMP_STRICT"
SINGLE_PROBLEM_MARK_EXPRESSION = re.compile(r"^\s*[pP](\d+)\s*$")


def pytest_addoption(parser: pytest.Parser) -> None:
    """Register the plugin's command-line options."""
    group = parser.getgroup("bootcamp", "bootcamp problems")
    group.addoption(
        "--problem",
        action="append",
        default=[],
        metavar="N",
        help="run only problem N's tests, for real even if TODO markers remain (repeatable)",
    )
    group.addoption(
        "--strict-todo",
        action="store_true",
        default=False,
        help=f"treat unsolved problems as failures (same as {STRICT_ENV_VAR}=1)",
    )
    group.addoption(
        "--bootcamp-report",
        metavar="PATH",
        default=None,
        help="write each problem's state to PATH as JSON",
    )


def pytest_configure(config: pytest.Config) -> None:
    """Declare the markers and start tracking this session's problems."""
    config.addinivalue_line("markers", "problem(number): the test belongs to problem <number>")
    for problem in PROBLEMS:
        config.addinivalue_line("markers", f"{problem.code.lower()}: tests of {problem.title}")
    config.pluginmanager.register(ProblemTracker(config), "bootcamp-problem-tracker")


def strict_mode_requested(config: pytest.Config) -> bool:
    """Strict mode comes from the option or from the environment (handy in CI)."""
    from_env = os.environ.get(STRICT_ENV_VAR, "").strip().lower() in {"1", "true", "yes", "on"}
    return bool(config.getoption("strict_todo")) or from_env


def focused_problems(config: pytest.Config) -> set[int]:
    """Problems named with ``--problem`` (``3``, ``P03``, ``3,4``) or a ``-m pNN`` expression."""
    focus: set[int] = set()
    for value in config.getoption("problem"):
        for part in value.split(","):
            try:
                focus.add(parse_problem_number(part))
            except (ValueError, KeyError) as error:
                raise pytest.UsageError(f"--problem: {error.args[0]}") from error
    mark_expression = SINGLE_PROBLEM_MARK_EXPRESSION.match(config.getoption("markexpr") or "")
    if mark_expression:
        focus.add(int(mark_expression.group(1)))
    return focus


class ProblemTracker:
    """Per-session state: which test belongs to which problem, and how each test ended."""

    def __init__(self, config: pytest.Config) -> None:
        self.strict = strict_mode_requested(config)
        self.focus = focused_problems(config)
        self.problem_of: dict[str, int] = {}
        self.todo_nodeids: set[str] = set()
        self.unavailable_nodeids: set[str] = set()
        self.outcomes: dict[str, str] = {}
        self.report_path: str | None = config.getoption("bootcamp_report")

    @pytest.hookimpl(tryfirst=True)
    def pytest_collection_modifyitems(
        self, config: pytest.Config, items: list[pytest.Item]
    ) -> None:
        """Tag problem tests, skip not-started ones, and narrow the run to focused problems."""
        selected: list[pytest.Item] = []
        deselected: list[pytest.Item] = []
        for item in items:
            marker = item.get_closest_marker("problem")
            number = marker.args[0] if marker else None
            if self.focus and number not in self.focus:
                deselected.append(item)
                continue
            selected.append(item)
            if number is not None:
                self._prepare_problem_item(item, number)
        if deselected:
            config.hook.pytest_deselected(items=deselected)
            items[:] = selected

    def _prepare_problem_item(self, item: pytest.Item, number: int) -> None:
        problem = get_problem(number)
        item.add_marker(getattr(pytest.mark, problem.code.lower()))
        self.problem_of[item.nodeid] = number
        if not is_available(problem):
            item.add_marker(pytest.mark.skip(reason=unavailable_reason(problem)))
            self.unavailable_nodeids.add(item.nodeid)
            return
        markers = todo_lines(problem)
        if markers and not self.strict and number not in self.focus:
            reason = (
                f"TODO: {problem.code} not started ({len(markers)} {problem.todo_marker} "
                f"marker(s) left). See its failures with: uv run pytest --problem {number}"
            )
            item.add_marker(pytest.mark.skip(reason=reason))
            self.todo_nodeids.add(item.nodeid)

    def pytest_report_teststatus(
        self, report: pytest.TestReport, config: pytest.Config
    ) -> tuple[str, str, str] | None:
        """Show not-started problems as TODO and missing hosts as UNAVAILABLE, not as skips."""
        if report.skipped and report.when == "setup":
            if report.nodeid in self.todo_nodeids:
                return "todo", "T", "TODO"
            if report.nodeid in self.unavailable_nodeids:
                return "unavailable", "U", "UNAVAILABLE"
        return None

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        """Remember each problem test's outcome; a failure in any phase wins."""
        if report.nodeid not in self.problem_of:
            return
        if report.failed:
            self.outcomes[report.nodeid] = "failed"
        elif report.when == "call" or (report.skipped and report.when == "setup"):
            self.outcomes.setdefault(report.nodeid, report.outcome)

    def results(self) -> dict[int, ProblemResult]:
        """Outcomes grouped by problem number."""
        grouped: dict[int, ProblemResult] = {}
        for nodeid, outcome in self.outcomes.items():
            result = grouped.setdefault(self.problem_of[nodeid], ProblemResult())
            result.record(outcome)
            result.nodeids.append(nodeid)
        return grouped

    def states(self) -> dict[int, State]:
        """Every problem's state after this run."""
        return all_states(self.results(), strict=self.strict)

    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        """Print the progress table when the run included problem tests."""
        if not self.problem_of:
            return
        terminalreporter.section("bootcamp progress", bold=True)
        lines = render_progress(self.states(), package=PACKAGE_DIR.name, focus=self.focus)
        for line in lines:
            terminalreporter.write_line(line)
        if self.strict:
            terminalreporter.write_line("(strict mode: every problem's tests ran for real)")

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        """Write the JSON report when asked for."""
        if not self.report_path:
            return
        results = self.results()
        states = self.states()
        problems = {}
        for problem in PROBLEMS:
            result = results.get(problem.number, ProblemResult())
            problems[problem.code] = {
                "state": states[problem.number].value,
                "passed": result.passed,
                "failed": result.failed,
                "skipped": result.skipped,
                "todo_lines": todo_lines(problem),
            }
        report = {"strict": self.strict, "problems": problems}
        Path(self.report_path).write_text(json.dumps(report, indent=2), encoding="utf-8")
