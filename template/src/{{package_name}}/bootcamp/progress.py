"""The progress table printed after ``pytest`` and by ``<package> progress``."""

from .catalog import LEVELS, PROBLEMS, Problem
from .status import State, relative_module_file, todo_lines, unavailable_reason

SYMBOLS: dict[State, str] = {
    State.SOLVED: "[x]",
    State.FAILING: "[!]",
    State.TODO: "[ ]",
    State.UNAVAILABLE: "[-]",
    State.NOT_RUN: "[?]",
}


def next_problem(states: dict[int, State]) -> Problem | None:
    """The lowest-numbered available problem that is not solved yet."""
    for problem in PROBLEMS:
        if states[problem.number] in (State.FAILING, State.TODO, State.NOT_RUN):
            return problem
    return None


def render_progress(states: dict[int, State], *, package: str) -> list[str]:
    """Lines of the progress table; the first one is always ``Progress: N/M problems solved``."""
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

    upcoming = next_problem(states)
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
