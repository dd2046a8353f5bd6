"""What the notebooks share: this kit's package, found without naming it, and your problems.

Every kit chooses its package name when it is generated, and these notebooks are the same in
every kit, so they never write that name: ``load("core.errors")`` imports
``<package>.core.errors``, the name read from the kit's ``pyproject.toml``. ``solution(N)``
gives problem N's module once you have solved it, so a cell that shows your solution at work
says what to do and skips cleanly until then.

The leading underscore keeps this module's name apart from any package name a kit may have.
"""

import importlib
import tomllib
from pathlib import Path
from types import ModuleType

KIT_ROOT = Path(__file__).resolve().parent.parent


def package_name() -> str:
    """The kit's import name, as its build backend knows it."""
    pyproject = tomllib.loads((KIT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    name: str = pyproject["tool"]["uv"]["build-backend"]["module-name"]
    return name


def load(module: str) -> ModuleType:
    """``load("core.services")``: the kit's module of that dotted path."""
    return importlib.import_module(f"{package_name()}.{module}")


def solution(number: int) -> ModuleType | None:
    """Problem ``number``'s module once no ``TODO`` marker is left in it, else ``None``.

    ``None`` comes with one line saying why (not solved yet, or its host is missing) and the
    command to run, so the cell that asked can skip without an error.
    """
    catalog = load("bootcamp.catalog")
    status = load("bootcamp.status")
    problem = catalog.get_problem(number)
    if not status.is_available(problem):
        print(f"Skipped: {status.unavailable_reason(problem)}")
        return None
    if status.todo_lines(problem):
        print(
            f"Skipped: {problem.code} ({problem.title}) is not solved yet. "
            f"Solve it with `uv run pytest --problem {number}`, then run this cell again."
        )
        return None
    return load(problem.module)
