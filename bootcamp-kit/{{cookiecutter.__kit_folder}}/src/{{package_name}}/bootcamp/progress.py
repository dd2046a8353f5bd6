"""The progress table printed after ``pytest`` and by ``<package> progress``."""

from collections.abc import Collection

from .catalog import LEVELS, PROBLEMS, Problem
from .status import State, relative_module_file, todo_lines, unavailable_reason

SYMBOLS: dict[State, str] = {
    State.SOLVED: "[x]",
    State.FAILING: "[!]",
    State.TODO: "[ ]",
    State.UNAVAILABLE: "[-]",
    State.NOT_RUN: "[?]",
}

UNSOLVED = (State.FAILING, State.TODO, State.NOT_RUN)
"""States that leave a problem to do (a problem that did not run may still be unsolved)."""


def next_problem(states: dict[int, State], focus: Collection[int] = ()) -> Problem | None:
    """The problem to work on next: the lowest-numbered available one that is not solved yet.

    In focus mode (``--problem 12``) the other problems did not run, so their state says
    nothing: the focused problem comes first, then the problems after it, then the rest.
    """
    last_focused = max(focus, default=0)
    order = sorted(
        PROBLEMS,
        key=lambda problem: (
            problem.number not in focus,
            problem.number <= last_focused,
            problem.number,
        ),
    )
    for problem in order:
        if states[problem.number] in UNSOLVED:
            return problem
    return None


def render_progress(
    states: dict[int, State], *, package: str, focus: Collection[int] = ()
) -> list[str]:
    """Lines of the progress table; the first one is always ``Progress: N/M problems solved``.

    ``focus`` holds the problems a focused run (``--problem N``) was limited to.
    """
    solved = sum(state is State.SOLVED for state in states.values())
    lines = [f"Progress: {solved}/{len(PROBLEMS)} problems solved"]
    for level, name in LEVELS.items():
        problems = [p for p in PROBLEMS if p.level == level]
        if not problems:
            continue
        done = sum(states[p.number] is State.SOLVED for p in problems)
        marks = " ".join(f"{SYMBOLS[states[p.number]]} {p.code}" for p in problems)
        lines.append(f"  Level {level} {name:<20} {done}/{len(problems)}  {marks}")
    lines.append("  [x] solved  [!] failing  [ ] todo  [-] unavailable  [?] not run")

    for problem in PROBLEMS:
        if states[problem.number] is State.UNAVAILABLE:
            lines.append(f"  {unavailable_reason(problem)}")

    upcoming = next_problem(states, focus)
    if upcoming is None:
        lines.append("All available problems are solved. Well done!")
        return lines
    lines.append(f"Next: {upcoming.code} {upcoming.title} ({relative_module_file(upcoming)})")
    markers = todo_lines(upcoming)
    if markers:
        where = ", ".join(str(number) for number in markers)
        lines.append(f"  {len(markers)} {upcoming.todo_marker} marker(s) left, line(s) {where}")
    lines.append(
        f"  run its tests: uv run pytest --problem {upcoming.number}"
        f"   hint: uv run {package} hint {upcoming.number}"
    )
    return lines
