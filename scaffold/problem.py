"""``scaffold problem SLUG --level N --title "..."``: a new course problem, in the template repo.

Run in the template repository (an instructor's course fork), it adds problem 21, 22, ... at
the next free number, in the shape of the course's 20: the marked source in
``course/problems/`` (stub with its ``TODO(Pnn)`` marker, reference solution), both trees that
``scripts/build_problems.py`` writes from it, the TODO-marked test module, a known-wrong
answer, and the catalogue entry (title, concept, hint) that the kit's plugin, progress table
and ``hint`` command read. The task, stub, solution and tests are a small placeholder, so the
problem is honest from its first commit (the stub fails, the solution passes); the instructor
then replaces them with the real problem.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import keyword
import re
import sys
import textwrap
import tomllib
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, Final

from scaffold.errors import UserError
from scaffold.kit import HOSTS_OF_FRAMEWORK
from scaffold.names import SNAKE_CASE
from scaffold.plan import UPDATE, Action, Plan, run_plan, write_action
from scaffold.rendering import template_environment

BUILD_SCRIPT: Final = Path("scripts") / "build_problems.py"
SOURCES: Final = Path("course") / "problems"
WRONG_ANSWERS: Final = Path("tests") / "wrong_answers"
MAX_SLUG: Final = 40
MAX_TITLE: Final = 60
DEFAULT_CONCEPT: Final = "Say in one sentence what this problem teaches."
DEFAULT_HINT: Final = "Nudge the student towards the concept without giving the answer away."

_environment = template_environment("problem")
# A TOML basic string: JSON's escapes are TOML's for the printable text accepted here.
_environment.filters["toml"] = lambda text: json.dumps(text, ensure_ascii=False)


@dataclass(frozen=True)
class NewProblem:
    """What the instructor asked for, checked."""

    slug: str
    level: int
    title: str
    concept: str
    hint: str
    course_module: str | None = None
    requires: str | None = None


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register ``problem`` on the ``scaffold`` command line."""
    parser = commands.add_parser(
        "problem",
        help="add a course problem (stub, solution, tests, hint) in the template repository",
        description=__doc__.splitlines()[0].split(": ", 1)[1],
    )
    parser.add_argument("slug", help="snake_case tail of the module name, e.g. retry_decorator")
    parser.add_argument("--level", type=int, required=True, help="a level of the catalogue")
    parser.add_argument("--title", required=True, help="one line, as the progress table shows")
    parser.add_argument("--concept", default=DEFAULT_CONCEPT, help="what it teaches, one line")
    parser.add_argument("--hint", default=DEFAULT_HINT, help="`<package> hint N` shows it")
    parser.add_argument("--module", dest="course_module", help="the course module, e.g. 0.7")
    parser.add_argument(
        "--requires", choices=HOSTS_OF_FRAMEWORK["both"], help="the host the problem needs, if any"
    )
    parser.add_argument(
        "--template",
        type=Path,
        help="the template repository (default: found from the current folder)",
    )
    parser.add_argument("--dry-run", action="store_true", help="print the plan, write nothing")
    parser.set_defaults(run=run)


def run(arguments: argparse.Namespace) -> int:
    root = find_template_repository(arguments.template)
    build = load_build_script(root)
    catalogue_path = root / build.CATALOGUE
    catalogue_text = catalogue_path.read_text(encoding="utf-8")
    catalogue = tomllib.loads(catalogue_text)
    problem = check(arguments, catalogue)
    number = next_number(catalogue)
    plan = plan_problem(root, build, problem, number, catalogue_text)
    if not run_plan(plan, dry_run=arguments.dry_run):
        return 0
    code = f"P{number:02d}"
    tests = problem_tests_path(build, problem, number)
    print(
        f"\nAdded {code}. Next: replace the placeholder task, stub, solution and tests in "
        f"{source_path(problem, number)} and {tests}, and the wrong "
        f"answer in {wrong_answer_path(problem, number)}; then run "
        f"`{build.BUILD_COMMAND}` and `uv run pytest` (the suite proves the stub fails and "
        "the solution passes in every combination)."
    )
    return 0


def find_template_repository(explicit: Path | None) -> Path:
    """The repository holding copier.yml, course/problems/ and the build script."""
    candidates = [explicit.resolve()] if explicit else [Path.cwd(), *Path.cwd().parents]
    for folder in candidates:
        if (folder / "copier.yml").is_file() and (folder / BUILD_SCRIPT).is_file():
            return folder
    where = explicit or Path.cwd()
    raise UserError(
        f"{where} is not the template repository (no copier.yml with {BUILD_SCRIPT} next to "
        "it): run `scaffold problem` in a clone of the template (a course fork), or pass "
        "--template DIR. Inside a kit, problems come from the template with `copier update`."
    )


def load_build_script(root: Path) -> ModuleType:
    """The repository's own scripts/build_problems.py: it knows the marker rules and paths."""
    spec = importlib.util.spec_from_file_location("build_problems", root / BUILD_SCRIPT)
    if spec is None or spec.loader is None:
        raise UserError(f"cannot load {root / BUILD_SCRIPT}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    scripts = str(root / BUILD_SCRIPT.parent)
    sys.path.insert(0, scripts)  # the script imports its neighbours, as when it is run
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(scripts)
    return module


def check(arguments: argparse.Namespace, catalogue: dict[str, Any]) -> NewProblem:
    """The request, refused (``UserError``) when it breaks a rule of the catalogue."""
    slug = arguments.slug
    if not SNAKE_CASE.fullmatch(slug) or keyword.iskeyword(slug) or len(slug) > MAX_SLUG:
        raise UserError(
            f'slug "{slug}": use lowercase snake_case of at most {MAX_SLUG} characters that '
            "starts with a letter, e.g. retry_decorator"
        )
    taken = {entry["slug"]: entry["number"] for entry in catalogue.get("problem", [])}
    if slug in taken:
        raise UserError(f'slug "{slug}" is already P{taken[slug]:02d}: pick another slug')
    levels = {entry["number"]: entry["name"] for entry in catalogue.get("level", [])}
    if arguments.level not in levels:
        known = ", ".join(f"{number} ({name})" for number, name in sorted(levels.items()))
        raise UserError(
            f"--level {arguments.level}: the catalogue's levels are {known}; add a [[level]] "
            "table to problems.toml first for a new one"
        )
    texts = {"--title": arguments.title, "--concept": arguments.concept, "--hint": arguments.hint}
    for option, text in texts.items():
        if not text.strip() or not text.isprintable() or '"""' in text or "\\" in text:
            raise UserError(
                f"{option} {text!r}: give one printable line, without backslashes or triple "
                "quotes (it goes into a docstring and the catalogue)"
            )
    if len(arguments.title) > MAX_TITLE:
        raise UserError(
            f"--title: at most {MAX_TITLE} characters (it heads the module), got "
            f"{len(arguments.title)}"
        )
    course_module = arguments.course_module
    if course_module is not None and not re.fullmatch(r"\d+\.\d+", course_module):
        raise UserError(f'--module "{course_module}": give the course module, e.g. 0.7')
    return NewProblem(
        slug=slug,
        level=arguments.level,
        title=arguments.title.strip(),
        concept=arguments.concept.strip(),
        hint=arguments.hint.strip(),
        course_module=course_module,
        requires=arguments.requires,
    )


def next_number(catalogue: dict[str, Any]) -> int:
    return max((entry["number"] for entry in catalogue.get("problem", [])), default=0) + 1


def module_name(problem: NewProblem, number: int) -> str:
    return f"p{number:02d}_{problem.slug}"


def source_path(problem: NewProblem, number: int) -> Path:
    return SOURCES / f"level{problem.level}" / f"{module_name(problem, number)}.py"


def problem_tests_path(build: ModuleType, problem: NewProblem, number: int) -> Path:
    """In the template tree's tests/problems/ (the tree is where the build script says)."""
    tree = Path(build.PACKAGE_DIR).parent.parent
    return (
        tree
        / "tests"
        / "problems"
        / f"level{problem.level}"
        / (f"test_{module_name(problem, number)}.py.jinja")
    )


def wrong_answer_path(problem: NewProblem, number: int) -> Path:
    return WRONG_ANSWERS / f"p{number:02d}_returns_first_value.py"


def plan_problem(
    root: Path, build: ModuleType, problem: NewProblem, number: int, catalogue_text: str
) -> Plan:
    """Every file the problem needs, with the trees built exactly as the build script would."""
    context = {
        "code": f"P{number:02d}",
        "number": number,
        "level": problem.level,
        "slug": problem.slug,
        "module": module_name(problem, number),
        "title": problem.title,
        "concept": textwrap.fill(problem.concept, width=96),
        "hint": problem.hint,
        "requires": problem.requires,
        "module_note": f", module {problem.course_module}" if problem.course_module else "",
    }
    source = _environment.get_template("source.py.jinja").render(context)
    relative = source_path(problem, number).relative_to(SOURCES).as_posix()
    try:
        editions = build.split_editions(source, build.ProblemFile.at(relative), relative)
    except build.SourceError as error:  # a template bug, or a build script the fork changed
        raise UserError(f"the new problem does not build: {error}") from None
    files = {
        source_path(problem, number): source,
        problem_tests_path(build, problem, number): _environment.get_template(
            "test.py.jinja"
        ).render(context),
        wrong_answer_path(problem, number): _environment.get_template(
            "wrong_answer.py.jinja"
        ).render(context),
    }
    for edition, text in editions.items():
        files[build.edition_dir(edition) / relative] = text
    actions = [write_action(root, path, text) for path, text in files.items()]
    entry = _environment.get_template("catalogue_entry.toml.jinja").render(context)
    catalogue = catalogue_text.rstrip("\n") + "\n" + entry
    tomllib.loads(catalogue)  # the entry's strings are escaped; this proves it
    actions.append(Action(UPDATE, Path(build.CATALOGUE), catalogue, "one [[problem]] added"))
    return Plan(root, tuple(actions))
