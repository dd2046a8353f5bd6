"""The kit's bootcamp machinery, imported straight from the template (it is plain Python).

The catalogue is data (bootcamp/problems.toml): these tests check that it loads, that a
problem appended to it (what `scaffold problem` does) is picked up, that a broken entry is
refused with a message naming the fix, and what the progress footer says in focus mode. They
run in this process: nothing here needs a rendered kit.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from types import ModuleType

import build_problems
import pytest
from kits import TEMPLATE_ROOT

PACKAGE_DIR = TEMPLATE_ROOT / build_problems.PACKAGE_DIR
PACKAGE = "template_kit_package"


def import_from_template(module: str) -> ModuleType:
    """``<package>.<module>`` of the template's source tree, under a name of our own."""
    if PACKAGE not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            PACKAGE, PACKAGE_DIR / "__init__.py", submodule_search_locations=[str(PACKAGE_DIR)]
        )
        assert spec is not None and spec.loader is not None
        package = importlib.util.module_from_spec(spec)
        sys.modules[PACKAGE] = package
        spec.loader.exec_module(package)
    return importlib.import_module(f"{PACKAGE}.{module}")


catalog = import_from_template("bootcamp.catalog")
progress = import_from_template("bootcamp.progress")
State = import_from_template("bootcamp.status").State
CATALOGUE_TEXT = catalog.CATALOGUE_FILE.read_text(encoding="utf-8")

NEXT = len(catalog.PROBLEMS) + 1
"""The number an appended problem gets (21 for the course as it ships)."""
APPENDED = f"""
[[problem]]
number = {NEXT}
level = 2
slug = "rate_limiter"
title = "Write a token-bucket rate limiter"
concept = "A limit needs a clock and a shared budget."
hint = "Refill by elapsed time, spend one token per call."
"""


def test_the_catalogue_lists_the_course_problems_in_order() -> None:
    numbers = [problem.number for problem in catalog.PROBLEMS]
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) >= 20
    assert catalog.LEVELS == {
        1: "Foundations",
        2: "Backend-Oriented",
        3: "Concurrency & Traps",
        4: "Framework-Ready",
    }
    p03 = catalog.get_problem(3)
    assert (p03.code, p03.module, p03.title) == (
        "P03",
        "problems.level1.p03_deep_copy",
        "Write deep copy manually",
    )
    assert [p.requires for p in catalog.PROBLEMS if p.requires] == ["flask", "fastapi"]
    assert all(problem.hint and problem.concept for problem in catalog.PROBLEMS)


def test_an_appended_problem_is_picked_up() -> None:
    levels, problems = catalog.load_catalogue(CATALOGUE_TEXT + APPENDED)

    assert len(problems) == NEXT
    assert problems[-1].module == f"problems.level2.p{NEXT:02d}_rate_limiter"
    assert levels == catalog.LEVELS


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (f"number = {NEXT}", "number = 99", f"#{NEXT} has number 99: number the problems 1, 2, 3"),
        ("level = 2", "level = 5", f"problem #{NEXT}: level 5 is not one of the [[level]] numbers"),
        ('hint = "Refill', 'hints = "Refill', "missing fields ['hint'], unknown fields ['hints']"),
        ("level = 2", 'level = "2"', f"problem #{NEXT}: level must be an integer"),
        ('slug = "rate_limiter"', 'slug = "Rate-Limiter"', "must be a lowercase identifier"),
        ("level = 2", 'level = 2\nrequires = "django"', "requires 'django' must be one of"),
        ("[[problem]]", "[[problem]", "is not valid TOML"),
    ],
    ids=[
        "gap",
        "unknown_level",
        "misspelt_field",
        "wrong_type",
        "bad_slug",
        "unknown_host",
        "toml",
    ],
)
def test_a_broken_entry_is_refused_with_the_fix(old: str, new: str, message: str) -> None:
    with pytest.raises(catalog.CatalogueError) as excinfo:
        catalog.load_catalogue(CATALOGUE_TEXT + APPENDED.replace(old, new, 1))
    assert message in str(excinfo.value)
    assert str(excinfo.value).startswith("problems.toml")


def states(**by_code: State) -> dict[int, State]:
    """Every problem not run, except the ones given as ``P12=State.FAILING``."""
    given = {int(code.removeprefix("P")): state for code, state in by_code.items()}
    return {
        problem.number: given.get(problem.number, State.NOT_RUN) for problem in catalog.PROBLEMS
    }


def footer(lines: list[str]) -> str:
    return next(line for line in lines if line.startswith(("Next:", "All available")))


def test_without_focus_the_footer_names_the_first_unsolved_problem() -> None:
    lines = progress.render_progress(states(P01=State.SOLVED), package="kit")
    assert footer(lines).startswith("Next: P02 Implement custom exception hierarchy (")


def test_in_focus_mode_the_footer_names_the_focused_problem() -> None:
    """`pytest --problem 12` ran only P12: the others are "not run", which says nothing."""
    lines = progress.render_progress(states(P12=State.FAILING), package="kit", focus={12})
    assert footer(lines).startswith("Next: P12 Implement retry with exponential backoff (")
    assert "  run its tests: uv run pytest --problem 12   hint: uv run kit hint 12" in lines


def test_a_solved_focused_problem_points_to_the_one_after_it() -> None:
    lines = progress.render_progress(states(P12=State.SOLVED), package="kit", focus={12})
    assert footer(lines).startswith("Next: P13 Simulate race condition & fix it (")

    lines = progress.render_progress(states(P20=State.SOLVED), package="kit", focus={20})
    assert footer(lines).startswith("Next: P01 "), "after the last problem, back to the first"
