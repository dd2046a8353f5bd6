"""The problems' single source: course/problems/ builds both committed trees, exactly.

Each problem's text is written once, in a marked source (scripts/build_problems.py explains the
markers); the student tree (stubs) and the instructor tree (solutions) in the template tree are that
script's output, committed because copier renders them. These tests fail when a committed tree
is stale or edited by hand, check that malformed sources are refused with a message that says
how to fix them, and check that a stub and its solution offer the same public names.
"""

from __future__ import annotations

import ast
import functools
import shutil
from pathlib import Path

import build_problems
import pytest
from kits import TEMPLATE_ROOT

SOURCE_ROOT = TEMPLATE_ROOT / build_problems.SOURCE_DIR
PROBLEM_MODULES = sorted(
    path.relative_to(SOURCE_ROOT).as_posix()
    for path in SOURCE_ROOT.rglob("p[0-9][0-9]_*.py")
    if build_problems.PROBLEM_FILE.match(path.relative_to(SOURCE_ROOT).as_posix())
)
P03 = build_problems.ProblemFile.at("level1/p03_deep_copy.py")


def test_committed_problem_trees_match_their_sources() -> None:
    stale = build_problems.stale_files()
    assert not stale, (
        "\n".join(stale) + "\nEdit course/problems/ (never the problem trees), then run "
        f"`{build_problems.BUILD_COMMAND}`"
    )


@functools.cache
def built_trees() -> dict[Path, str]:
    return build_problems.build()


def test_the_problem_modules_were_found() -> None:
    assert len(PROBLEM_MODULES) >= 20, PROBLEM_MODULES


def source(*body: str, note: bool = True) -> str:
    """A minimal problem source for P03 around ``body`` (one string per line)."""
    lines = ['"""P03 · A problem.', *(["### STUDENT NOTE"] if note else []), '"""', *body]
    return "\n".join(lines) + "\n"


STUB_AND_SOLUTION = (
    "### BEGIN STUB",
    "# TODO(P03): write it.",
    "### END STUB",
    "### BEGIN SOLUTION",
    "VALUE = 1",
    "### END SOLUTION",
)


def test_a_source_splits_into_stub_and_solution() -> None:
    built = build_problems.split_editions(source(*STUB_AND_SOLUTION), P03, "p03.py")

    assert built["instructor"] == '"""P03 · A problem.\n"""\nVALUE = 1\n'
    student = built["student"]
    assert student.startswith('"""P03 · A problem.\n\nRun the tests with ``uv run pytest --pro')
    assert student.endswith('TODO.\n"""\n# TODO(P03): write it.\n')
    assert "###" not in student + built["instructor"]


@pytest.mark.parametrize(
    ("body", "note", "message"),
    [
        (["### BEGIN SOLUTION", "x = 1"], True, "p03.py:4: '### BEGIN SOLUTION' is never closed"),
        (["### END STUB"], True, "p03.py:4: '### END STUB' closes nothing: no region is open"),
        (
            ["### BEGIN STUB", "# TODO(P03)", "### END SOLUTION"],
            True,
            "the open region is stub (line 4), close it with '### END STUB'",
        ),
        (
            ["### BEGIN SOLUTION", "### BEGIN STUB", "### END STUB", "### END SOLUTION"],
            True,
            "regions do not nest",
        ),
        (["### BEGIN SOLUTIONS"], True, "p03.py:4: unknown marker '### BEGIN SOLUTIONS'"),
        (["### begin stub"], True, "unknown marker '### begin stub'"),
        (
            ["### BEGIN STUB", "### STUDENT NOTE", "### END STUB"],
            True,
            "'### STUDENT NOTE' inside the stub region opened at line 4",
        ),
        (
            STUB_AND_SOLUTION,
            False,
            "exactly one '### STUDENT NOTE' line in its docstring, found none",
        ),
        ([*STUB_AND_SOLUTION, "### STUDENT NOTE"], True, "found 2 (lines 2, 10)"),
        (["VALUE = 1"], True, "the stub has no TODO marker of P03"),
        (["# TODO(P03): shared"], True, "the solution holds a TODO marker"),
        (["### BEGIN STUB", "# TODO(P03)", "# TODO(P05)", "### END STUB"], True, "markers of P05"),
    ],
    ids=[
        "unclosed",
        "end_without_begin",
        "mismatched_end",
        "nested",
        "misspelt",
        "lower_case",
        "note_in_region",
        "no_note",
        "two_notes",
        "stub_without_marker",
        "solution_with_marker",
        "other_problem_marker",
    ],
)
def test_malformed_sources_are_refused(body: list[str], note: bool, message: str) -> None:
    with pytest.raises(build_problems.SourceError) as excinfo:
        build_problems.split_editions(source(*body, note=note), P03, "p03.py")
    assert message in str(excinfo.value)
    assert "\n" not in str(excinfo.value), "one line per problem"


def copy_of_repository(tmp_path: Path) -> Path:
    """The parts of this repository the script reads and writes, copied under tmp_path."""
    root = tmp_path / "repository"
    shutil.copytree(SOURCE_ROOT, root / build_problems.SOURCE_DIR)
    (root / build_problems.CATALOGUE).parent.mkdir(parents=True)
    shutil.copy(TEMPLATE_ROOT / build_problems.CATALOGUE, root / build_problems.CATALOGUE)
    for edition in build_problems.EDITIONS:
        tree = build_problems.edition_dir(edition)
        shutil.copytree(TEMPLATE_ROOT / tree, root / tree)
    return root


def test_the_script_rebuilds_a_stale_tree_and_refuses_a_malformed_source(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--check reports what is stale, a build fixes it, a broken source changes nothing."""
    root = copy_of_repository(tmp_path)
    main = build_problems.main
    assert main(["--check", "--root", str(root)]) == 0

    stub = root / build_problems.edition_dir("student") / "level1" / "p03_deep_copy.py"
    stub.write_text(stub.read_text() + "# edited by hand\n")
    orphan = stub.with_name("p99_orphan.py")
    orphan.write_text('"""Left over from a renamed problem."""\n')
    capsys.readouterr()
    assert main(["--check", "--root", str(root)]) == 1
    err = capsys.readouterr().err
    assert f"stale: {stub.relative_to(root)}" in err
    assert f"no source: {orphan.relative_to(root)}" in err
    assert "edit course/problems/, then run uv run python scripts/build_problems.py" in err

    assert main(["--root", str(root)]) == 0
    assert not orphan.exists()
    assert main(["--check", "--root", str(root)]) == 0

    before = build_problems.committed_files(root)
    p05 = root / build_problems.SOURCE_DIR / "level1" / "p05_nested_validation.py"
    p05.write_text(p05.read_text().replace("### END SOLUTION", "### END STUB", 1))
    p03 = root / build_problems.SOURCE_DIR / "level1" / "p03_deep_copy.py"
    p03.write_text(p03.read_text().replace("### STUDENT NOTE\n", ""))
    capsys.readouterr()
    assert main(["--root", str(root)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("course/problems/level1/p03_deep_copy.py: a problem module needs")
    assert err[1].startswith("course/problems/level1/p05_nested_validation.py:")
    assert "closes nothing: the open region is solution" in err[1]
    assert err[-1] == "Nothing was written."
    assert build_problems.committed_files(root) == before


def test_the_catalogue_and_the_sources_must_agree(tmp_path: Path) -> None:
    """A source without a catalogue entry, or an entry without a source, is refused."""
    root = copy_of_repository(tmp_path)
    sources = root / build_problems.SOURCE_DIR
    moved = sources / "level2" / "p21_deep_copy.py"
    (sources / "level1" / "p03_deep_copy.py").rename(moved)
    moved.write_text(moved.read_text().replace("TODO(P03)", "TODO(P21)"))

    with pytest.raises(build_problems.SourceError) as excinfo:
        build_problems.build(root)

    lines = str(excinfo.value).splitlines()
    catalogue = build_problems.CATALOGUE
    assert catalogue.as_posix().endswith("/src/{{package_name}}/bootcamp/problems.toml")
    assert lines == [
        f"course/problems/level2/p21_deep_copy.py: not in {catalogue}; add its [[problem]] "
        "entry (or fix the file name: levelL/pNN_slug.py)",
        f"{catalogue}: problem 3 expects course/problems/level1/p03_deep_copy.py, which does "
        "not exist",
    ]


# --- The stub and the solution of a problem offer the same public names --------------------


def signature(node: ast.FunctionDef | ast.AsyncFunctionDef) -> str:
    """A function's shape as callers see it: async or not, parameter names, kinds, defaults.

    Annotations and default values may differ (P01's fix changes both); what a caller can pass
    may not.
    """
    arguments = node.args
    positional = [*arguments.posonlyargs, *arguments.args]
    first_default = len(positional) - len(arguments.defaults)
    parts = [
        f"{argument.arg}{'=' if index >= first_default else ''}"
        for index, argument in enumerate(positional)
    ]
    if arguments.posonlyargs:
        parts.insert(len(arguments.posonlyargs), "/")
    if arguments.vararg:
        parts.append(f"*{arguments.vararg.arg}")
    elif arguments.kwonlyargs:
        parts.append("*")
    parts += [
        f"{argument.arg}{'=' if default is not None else ''}"
        for argument, default in zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True)
    ]
    if arguments.kwarg:
        parts.append(f"**{arguments.kwarg.arg}")
    kind = "async def" if isinstance(node, ast.AsyncFunctionDef) else "def"
    return f"{kind}({', '.join(parts)})"


def public_api(text: str) -> dict[str, str]:
    """Public top-level names (functions, classes, constants) and public methods, described.

    Imports are left out: they are the module's tools, not its API.
    """
    api: dict[str, str] = {}
    for node in ast.parse(text).body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            api[node.name] = signature(node)
        elif isinstance(node, ast.ClassDef):
            api[node.name] = "class"
            for member in node.body:
                is_function = isinstance(member, ast.FunctionDef | ast.AsyncFunctionDef)
                if is_function and (
                    not member.name.startswith("_") or member.name in PROTOCOL_METHODS
                ):
                    api[f"{node.name}.{member.name}"] = signature(member)
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name):
                    api[target.id] = "name"
    return {name: kind for name, kind in api.items() if not name.split(".")[0].startswith("_")}


PROTOCOL_METHODS = {"__enter__", "__exit__", "__call__", "__iter__", "__next__"}
"""Dunder methods that are a class's public protocol (``__init__`` may differ: P02's stub lets
the solver write it)."""


@pytest.mark.parametrize("relative", PROBLEM_MODULES)
def test_stub_and_solution_expose_the_same_public_api(relative: str) -> None:
    built = built_trees()
    stub, solution = (
        public_api(built[build_problems.edition_dir(edition) / relative])
        for edition in build_problems.EDITIONS
    )
    only_stub = {name: stub[name] for name in stub.keys() - solution.keys()}
    only_solution = {name: solution[name] for name in solution.keys() - stub.keys()}
    differ = {
        name: (stub[name], solution[name])
        for name in stub.keys() & solution.keys()
        if stub[name] != solution[name]
    }
    assert not (only_stub or only_solution or differ), (
        f"{relative}: only in the stub {only_stub}; only in the solution {only_solution}; "
        f"different (stub, solution) {differ}"
    )
