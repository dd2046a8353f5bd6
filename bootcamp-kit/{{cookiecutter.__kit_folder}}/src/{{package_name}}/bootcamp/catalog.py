"""The catalogue of problems: numbers, titles, levels, hints and what each one needs.

The catalogue is data, not code: it lives in ``problems.toml`` next to this module, and the
pytest plugin, the progress table and the ``hint`` command all read it through ``PROBLEMS``
and ``LEVELS``. Adding a problem means appending one ``[[problem]]`` entry there (plus its
module and its tests).
"""

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CATALOGUE_FILE = Path(__file__).with_name("problems.toml")

FRAMEWORK_NAMES: dict[str, str] = {"flask": "Flask", "fastapi": "FastAPI"}

ADD_HOST_COMMAND = "uvx copier==9.19.1 update --defaults -d framework=both"
"""The command that adds the missing host to a kit generated with only one framework."""


class CatalogueError(ValueError):
    """``problems.toml`` breaks a rule; the message names the entry and the fix."""


@dataclass(frozen=True)
class Problem:
    """One hands-on problem: where it lives, what it teaches and how to get unstuck."""

    number: int
    level: int
    slug: str
    title: str
    concept: str
    hint: str
    requires: str | None = None
    """Import name of the framework the problem needs ("flask" or "fastapi"), if any."""

    @property
    def code(self) -> str:
        """Short name used in markers and messages, e.g. ``P03``."""
        return f"P{self.number:02d}"

    @property
    def todo_marker(self) -> str:
        """The marker that keeps a problem "not started" while it is left in its module."""
        return f"TODO({self.code})"

    @property
    def module(self) -> str:
        """Module path relative to the package, e.g. ``problems.level1.p03_deep_copy``."""
        return f"problems.level{self.level}.p{self.number:02d}_{self.slug}"


FIELD_TYPES: dict[str, type] = {
    "number": int,
    "level": int,
    "slug": str,
    "title": str,
    "concept": str,
    "hint": str,
    "requires": str,
}
"""The fields of a ``[[problem]]`` table and their TOML types (only ``requires`` is optional)."""


def load_catalogue(text: str) -> tuple[dict[int, str], tuple[Problem, ...]]:
    """The levels and the problems of a ``problems.toml`` text, checked; else ``CatalogueError``.

    Levels and problems are numbered 1, 2, 3... without gaps, in file order.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise CatalogueError(f"{CATALOGUE_FILE.name} is not valid TOML: {error}") from error
    levels: dict[int, str] = {}
    for position, entry in enumerate(data.get("level", []), 1):
        if entry.get("number") != position or not isinstance(entry.get("name"), str):
            raise CatalogueError(
                f"{CATALOGUE_FILE.name}, level #{position}: give it number = {position} and a "
                'name = "..."'
            )
        levels[position] = entry["name"]
    problems = tuple(
        _problem(entry, position, levels)
        for position, entry in enumerate(data.get("problem", []), 1)
    )
    if not problems:
        raise CatalogueError(f"{CATALOGUE_FILE.name} lists no [[problem]]")
    return levels, problems


def _problem(entry: dict[str, Any], position: int, levels: dict[int, str]) -> Problem:
    """One ``[[problem]]`` table as a ``Problem``, after checking what the kit relies on."""
    where = f"{CATALOGUE_FILE.name}, problem #{position}"
    unknown = sorted(set(entry) - FIELD_TYPES.keys())
    missing = sorted(FIELD_TYPES.keys() - {"requires"} - entry.keys())
    if unknown or missing:
        raise CatalogueError(
            f"{where}: missing fields {missing}, unknown fields {unknown}; "
            f"the fields are {list(FIELD_TYPES)}"
        )
    for name, value in entry.items():
        if type(value) is not FIELD_TYPES[name]:
            kind = "an integer" if FIELD_TYPES[name] is int else 'a string in "quotes"'
            raise CatalogueError(f"{where}: {name} must be {kind}")
    if entry["number"] != position:
        raise CatalogueError(
            f"{where} has number {entry['number']}: number the problems 1, 2, 3... in file order"
        )
    if entry["level"] not in levels:
        raise CatalogueError(
            f"{where}: level {entry['level']} is not one of the [[level]] numbers {list(levels)}"
        )
    if not entry["slug"].isidentifier() or entry["slug"] != entry["slug"].lower():
        raise CatalogueError(f"{where}: slug {entry['slug']!r} must be a lowercase identifier")
    if entry.get("requires", "flask") not in FRAMEWORK_NAMES:
        raise CatalogueError(
            f"{where}: requires {entry['requires']!r} must be one of {list(FRAMEWORK_NAMES)}"
        )
    return Problem(**entry)


LEVELS, PROBLEMS = load_catalogue(CATALOGUE_FILE.read_text(encoding="utf-8"))
"""The levels (number → name) and every problem, in order, as ``problems.toml`` lists them."""


def get_problem(number: int) -> Problem:
    """Return problem ``number`` or raise ``KeyError`` with the valid range."""
    for problem in PROBLEMS:
        if problem.number == number:
            return problem
    raise KeyError(f"There is no problem {number}: choose 1 to {len(PROBLEMS)}.")


def parse_problem_number(text: str) -> int:
    """Accept ``3``, ``03``, ``p3`` or ``P03`` and return 3; reject anything else clearly."""
    cleaned = text.strip().upper().removeprefix("P")
    if not cleaned.isdigit():
        raise ValueError(f"{text!r} is not a problem number (try 3 or P03).")
    number = int(cleaned)
    get_problem(number)
    return number
