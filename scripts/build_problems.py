"""Write the template's two problem trees from the one marked source of each problem.

Each problem is written once, in ``course/problems/levelL/pNN_slug.py`` (never rendered by
copier). Its text and its shared code are plain lines; what belongs to one edition only sits
between marker lines, nbgrader-style:

    ### BEGIN SOLUTION      ...lines only the instructor edition gets (the reference solution)
    ### END SOLUTION
    ### BEGIN STUB          ...lines only the student edition gets (the stub, its TODO markers)
    ### END STUB
    ### STUDENT NOTE        the standard "how to work on it" paragraph, student edition only

A marker is a line of its own (indentation allowed, nothing else on the line). Regions do not
nest. This script writes the template tree's ``src/{{package_name}}/{% if edition == 'student'
%}problems...{% endif %}/`` (stubs) and its ``instructor`` twin (solutions) from
``course/problems/``; it
refuses malformed markers, a stub without its ``TODO(Pnn)`` markers, a solution with one, and
a problem the catalogue (``bootcamp/problems.toml``) does not list, and writes nothing then.

    uv run python scripts/build_problems.py           rewrite both trees
    uv run python scripts/build_problems.py --check   change nothing; exit 1 if a tree is stale
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cookiecutter_files import (
    COOKIECUTTER_ONLY_BRANCH,
    PRUNED_SUFFIX,
    copier_config,
    template_subdirectory,
)
from generated_files import Generator

REPOSITORY = Path(__file__).resolve().parent.parent
SOURCE_DIR = Path("course") / "problems"
PACKAGE_DIR = Path(template_subdirectory(copier_config(REPOSITORY))) / "src" / "{{package_name}}"
EDITIONS = ("student", "instructor")
CATALOGUE = PACKAGE_DIR / "bootcamp" / "problems.toml"
BUILD_COMMAND = "uv run python scripts/build_problems.py"

BEGIN = {"### BEGIN SOLUTION": "solution", "### BEGIN STUB": "stub"}
END = {"### END SOLUTION": "solution", "### END STUB": "stub"}
STUDENT_NOTE = "### STUDENT NOTE"
MARKERS = (*BEGIN, *END, STUDENT_NOTE)
REGION_OF_EDITION = {"student": "stub", "instructor": "solution"}

PROBLEM_FILE = re.compile(r"^level(?P<level>\d+)/p(?P<number>\d{2})_(?P<slug>[a-z][a-z0-9_]*)\.py$")
# The marker that keeps a problem "not started" (see bootcamp/status.py), split so that this
# file never holds one.
TODO_MARKER = re.compile(r"TODO\(" + r"P(\d+)\)")

NOTE_TEMPLATE = """
Run the tests with ``uv run pytest --problem {number}`` and ask for a hint with
``uv run <package> hint {number}``. Each place to work on is marked by a ``# TODO`` comment
tagged ``{code}``: delete each marker as you finish that part. While any is left, the
problem's tests are reported as TODO.
"""
"""The student note, said once for every problem (its leading newline makes it a paragraph)."""


class SourceError(Exception):
    """A problem source that cannot be built; the message says where and how to fix it."""


@dataclass(frozen=True)
class ProblemFile:
    """Where a source sits in the problems tree, and which problem it is, if it is one."""

    relative: str
    """Path under ``course/problems/``, e.g. ``level1/p03_deep_copy.py``."""
    number: int | None = None
    level: int | None = None
    slug: str | None = None

    @classmethod
    def at(cls, relative: str) -> ProblemFile:
        match = PROBLEM_FILE.match(relative)
        if match is None:
            return cls(relative)
        return cls(relative, int(match["number"]), int(match["level"]), match["slug"])

    @property
    def code(self) -> str:
        return f"P{self.number:02d}"


def edition_dir(edition: str) -> Path:
    """The template folder whose name renders ``problems/`` only for ``edition``.

    Under cookiecutter the other edition's folder renders ``problems.prune`` instead of an empty
    name, and is deleted (CONTRIBUTING.md, "Two engines").
    """
    condition = f"{{% if edition == '{edition}' %}}problems"
    return (
        PACKAGE_DIR / f"{condition}{COOKIECUTTER_ONLY_BRANCH}problems{PRUNED_SUFFIX}{{% endif %}}"
    )


def split_editions(text: str, source: ProblemFile, shown_as: str) -> dict[str, str]:
    """The student and the instructor text of one source; ``SourceError`` if it is malformed."""
    outputs: dict[str, list[str]] = {edition: [] for edition in EDITIONS}
    open_region: tuple[str, int] | None = None
    notes: list[int] = []
    for number, line in enumerate(text.splitlines(keepends=True), 1):
        where = f"{shown_as}:{number}"
        marker = line.strip()
        if marker.startswith("###"):
            if marker not in MARKERS:
                raise SourceError(
                    f"{where}: unknown marker {marker!r}; the markers are: {', '.join(MARKERS)}"
                )
            if marker in BEGIN:
                if open_region is not None:
                    region, opened = open_region
                    raise SourceError(
                        f"{where}: {marker!r} inside the {region} region opened at line "
                        f"{opened}; regions do not nest, close it first with "
                        f"'### END {region.upper()}'"
                    )
                open_region = (BEGIN[marker], number)
            elif marker in END:
                if open_region is None or open_region[0] != END[marker]:
                    expected = (
                        f"the open region is {open_region[0]} (line {open_region[1]}), close it "
                        f"with '### END {open_region[0].upper()}'"
                        if open_region
                        else f"no region is open; start one with '### BEGIN {END[marker].upper()}'"
                    )
                    raise SourceError(f"{where}: {marker!r} closes nothing: {expected}")
                open_region = None
            else:
                if open_region is not None:
                    raise SourceError(
                        f"{where}: {STUDENT_NOTE!r} inside the {open_region[0]} region opened "
                        f"at line {open_region[1]}; put it outside every region"
                    )
                if source.number is None:
                    raise SourceError(
                        f"{where}: {STUDENT_NOTE!r} belongs in a problem module "
                        "(levelL/pNN_slug.py) only"
                    )
                notes.append(number)
                note = NOTE_TEMPLATE.format(number=source.number, code=source.code)
                outputs["student"].append(note)
            continue
        for edition in EDITIONS:
            if open_region is None or open_region[0] == REGION_OF_EDITION[edition]:
                outputs[edition].append(line)
    if open_region is not None:
        region, opened = open_region
        raise SourceError(
            f"{shown_as}:{opened}: '### BEGIN {region.upper()}' is never closed; "
            f"add '### END {region.upper()}' where the region ends"
        )
    if source.number is not None and len(notes) != 1:
        found = "none" if not notes else f"{len(notes)} (lines {', '.join(map(str, notes))})"
        raise SourceError(
            f"{shown_as}: a problem module needs exactly one {STUDENT_NOTE!r} line in its "
            f"docstring, found {found}"
        )
    built = {edition: "".join(lines) for edition, lines in outputs.items()}
    if source.number is not None:
        check_todo_markers(built, source, shown_as)
    return built


def check_todo_markers(built: dict[str, str], source: ProblemFile, shown_as: str) -> None:
    """A stub holds its own problem's TODO markers and no other; a solution holds none."""
    stub_markers = {int(found) for found in TODO_MARKER.findall(built["student"])}
    solution_markers = TODO_MARKER.findall(built["instructor"])
    if source.number not in stub_markers:
        raise SourceError(
            f"{shown_as}: the stub has no TODO marker of {source.code}: put a "
            f"'# TODO({source.code}): ...' comment in a '### BEGIN STUB' region where the "
            "work is needed"
        )
    if stub_markers != {source.number}:
        others = ", ".join(f"P{other:02d}" for other in sorted(stub_markers - {source.number}))
        raise SourceError(f"{shown_as}: the stub of {source.code} holds markers of {others}")
    if solution_markers:
        raise SourceError(
            f"{shown_as}: the solution holds a TODO marker ({len(solution_markers)}), so it "
            "would never count as solved: move each marker into a '### BEGIN STUB' region"
        )


def catalogued_modules(root: Path) -> dict[str, int]:
    """The problem module each catalogue entry expects, e.g. ``level1/p03_deep_copy.py`` → 3."""
    path = root / CATALOGUE
    try:
        entries = tomllib.loads(path.read_text(encoding="utf-8")).get("problem", [])
        return {
            f"level{entry['level']}/p{entry['number']:02d}_{entry['slug']}.py": entry["number"]
            for entry in entries
        }
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as error:
        raise SourceError(f"{CATALOGUE}: cannot read the problem catalogue ({error})") from error


def build(root: Path = REPOSITORY) -> dict[Path, str]:
    """Every file of both trees (path relative to ``root`` → text), or ``SourceError``."""
    source_root = root / SOURCE_DIR
    sources = sorted(
        path.relative_to(source_root).as_posix()
        for path in source_root.rglob("*.py")
        if "__pycache__" not in path.parts
    )
    if not sources:
        raise SourceError(f"{SOURCE_DIR}/ holds no problem sources")
    expected = catalogued_modules(root)
    problem_sources = {relative for relative in sources if PROBLEM_FILE.match(relative)}
    errors = [
        f"{SOURCE_DIR / relative}: not in {CATALOGUE}; add its [[problem]] entry (or fix the "
        "file name: levelL/pNN_slug.py)"
        for relative in sorted(problem_sources - expected.keys())
    ] + [
        f"{CATALOGUE}: problem {number} expects {SOURCE_DIR / relative}, which does not exist"
        for relative, number in sorted(expected.items())
        if relative not in problem_sources
    ]
    files: dict[Path, str] = {}
    for relative in sources:
        shown_as = (SOURCE_DIR / relative).as_posix()
        text = (source_root / relative).read_text(encoding="utf-8")
        try:
            built = split_editions(text, ProblemFile.at(relative), shown_as)
        except SourceError as error:
            errors.append(str(error))
            continue
        for edition, output in built.items():
            files[edition_dir(edition) / relative] = output
    if errors:
        raise SourceError("\n".join(errors))
    return files


def committed_files(root: Path) -> dict[Path, str]:
    """The Python files the two trees hold today."""
    found: dict[Path, str] = {}
    for edition in EDITIONS:
        tree = root / edition_dir(edition)
        for path in tree.rglob("*.py"):
            if "__pycache__" not in path.parts:
                found[path.relative_to(root)] = path.read_text(encoding="utf-8")
    return found


GENERATOR = Generator(
    build=build,
    owned=committed_files,
    error=SourceError,
    subject="The problem trees",
    sources="their sources",
    fix=f"edit {SOURCE_DIR.as_posix()}/, then run {BUILD_COMMAND}",
)


def stale_files(root: Path = REPOSITORY) -> list[str]:
    """What differs between the built trees and the committed ones, one line per file."""
    return GENERATOR.stale_files(root)


def write(root: Path = REPOSITORY) -> list[str]:
    """Rewrite both trees (files without a source are removed); one line per change."""
    return GENERATOR.write(root)


def main(argv: Sequence[str] | None = None) -> int:
    return GENERATOR.main(argv, description=__doc__.splitlines()[0])


if __name__ == "__main__":
    raise SystemExit(main())
