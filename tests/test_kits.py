"""Every combination of answers renders a kit that is clean, installs, lints and tests green.

The combinations come from copier.yml itself (see `kits.combinations`), so a new choice question
is covered without editing this file. The expensive checks (pre-commit, the kit's own pytest)
run once per distinct input (see farm.py); each kit's test here asserts on the runs that
covered its files, whichever kit ran them.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from conftest import DEEP_KIT_NAMES, farm, kit_params
from farm import NOTEBOOKS, PROBLEMS, SERVERS, KitOutcome, PytestRun, kit_units
from kits import UVX_COPIER, Kit, missing_student_owned_paths
from test_bootcamp import catalog

EVERY_KIT = pytest.mark.parametrize("kit_name", kit_params())
SERVER_KITS = DEEP_KIT_NAMES

WINDOWS_FORBIDDEN = re.compile(r'[<>:"\\|?*\x00-\x1f]')
WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10))}
WINDOWS_RESERVED |= {f"lpt{i}" for i in range(10)}
JINJA_LEFTOVER = re.compile(r"\{\{|\{%|\{#")
# What the kit's "unavailable" hint tells students to run (bootcamp/catalog.py).
ADD_HOST_COMMAND = catalog.ADD_HOST_COMMAND
# Files that must contain Jinja-like text, and why.
JINJA_ALLOWED = {
    ".github/workflows/ci.yml": "GitHub Actions expressions `${{ ... }}`",
}


def outcome_of(kit: Kit) -> KitOutcome:
    return farm().outcome(kit.name)


@EVERY_KIT
def test_file_names_are_portable(kit: Kit) -> None:
    bad = []
    for relative in kit.files:
        for part in relative.split("/"):
            stem = part.split(".")[0].lower()
            if (
                WINDOWS_FORBIDDEN.search(part)
                or part.endswith((" ", "."))
                or stem in WINDOWS_RESERVED
            ):
                bad.append(relative)
    assert not bad, f"file names invalid on Windows: {bad}"


@EVERY_KIT
def test_no_jinja_left_in_rendered_text(kit: Kit) -> None:
    leftovers = []
    for relative in kit.files:
        if relative in JINJA_ALLOWED:
            continue
        try:
            text = (kit.path / relative).read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        for number, line in enumerate(text.splitlines(), 1):
            if JINJA_LEFTOVER.search(line):
                leftovers.append(f"{relative}:{number}: {line.strip()}")
    assert not leftovers, "leftover Jinja syntax:\n" + "\n".join(leftovers)


@EVERY_KIT
def test_only_the_chosen_hosts_are_present(kit: Kit) -> None:
    pyproject = tomllib.loads((kit.path / "pyproject.toml").read_text())
    dependencies = " ".join(pyproject["project"]["dependencies"])
    chosen = {
        "flask": kit.answers["framework"] in ("flask", "both"),
        "fastapi": kit.answers["framework"] in ("fastapi", "both"),
    }
    package_dir = kit.path / "src" / kit.package
    for framework, wanted in chosen.items():
        assert (framework in dependencies) is wanted, dependencies
        assert (package_dir / f"{framework}_app").is_dir() is wanted
        if wanted:
            continue
        # Module level only: imports inside functions or `if TYPE_CHECKING:` blocks are fine.
        pattern = re.compile(rf"^(import|from)\s+{framework}\b", re.MULTILINE)
        importing = [
            relative
            for relative in kit.files
            if relative.endswith(".py")
            and pattern.search((kit.path / relative).read_text(encoding="utf-8"))
        ]
        assert not importing, f"{framework} imported at module level in a kit without it"


@EVERY_KIT
def test_every_student_owned_path_is_rendered(kit: Kit) -> None:
    """copier's update deletes what a new version stops rendering: these paths must stay."""
    missing = missing_student_owned_paths(kit.files, kit.package)
    assert not missing, f"student-owned paths no longer rendered (see CONTRIBUTING.md): {missing}"


PROBLEM_IMPORT = re.compile(r"^\s*(from|import)\s+[\w.]*\bproblems\b", re.MULTILINE)


@EVERY_KIT
def test_suite_unit_reads_no_problem_code(kit: Kit) -> None:
    """The `suite` unit's key leaves the problem folders out (farm.py); this keeps that true."""
    problem_code = (f"src/{kit.package}/problems/", "tests/problems/")
    importing = [
        relative
        for relative in kit.files
        if relative.endswith(".py")
        and not relative.startswith(problem_code)
        and PROBLEM_IMPORT.search((kit.path / relative).read_text(encoding="utf-8"))
    ]
    assert not importing, f"code outside the problems imports problem modules: {importing}"


@EVERY_KIT
def test_pre_commit_passes_on_all_files(kit: Kit) -> None:
    """ruff check, ruff format --check and the hygiene hooks, on every file of the kit."""
    lint = outcome_of(kit).lint
    assert set(kit.files) <= set(lint), sorted(set(kit.files) - set(lint))
    failed = {run.kit: run for run in lint.values() if not run.passed}
    assert not failed, "\n".join(
        f"pre-commit in {name} (checking {len(run.files)} files):\n{run.completed.stdout}"
        for name, run in failed.items()
    )


def unit_passed(run: PytestRun, unit: str) -> None:
    assert unit not in run.failing, run.output
    assert run.tests.get(unit, 0) > 0, f"no test of unit {unit} ran\n{run.output}"


@EVERY_KIT
def test_kit_test_suite_passes_and_reports_progress(kit: Kit) -> None:
    """`uv run pytest` is green in the kit: its own run and the runs that covered its units."""
    outcome = outcome_of(kit)
    own = outcome.own_run
    assert own is not None and PROBLEMS in own.units, "every kit runs its own problem unit"
    assert own.completed.returncode == 0, own.output
    for unit in kit_units(kit):
        unit_passed(outcome.unit_runs[unit], unit)
    assert own.report is not None, own.output
    states = {code: entry["state"] for code, entry in own.report["problems"].items()}
    available = [code for code, state in states.items() if state != "unavailable"]
    lines = own.completed.stdout.splitlines()
    if kit.edition == "student":
        assert all(states[code] == "todo" for code in available), states
        assert f"Progress: 0/{len(states)} problems solved" in lines, own.output
    else:
        assert all(states[code] == "solved" for code in available), states
        progress = f"Progress: {len(available)}/{len(states)} problems solved"
        assert progress in lines, own.output


HOSTS_OF_FRAMEWORK = {"flask": ("flask",), "fastapi": ("fastapi",), "both": ("flask", "fastapi")}
NOTEBOOK_OF_HOST = {"flask": "notebooks/0B_flask.ipynb", "fastapi": "notebooks/0C_fastapi.ipynb"}
ADD_NOTEBOOKS_COMMAND = f"{UVX_COPIER} update --defaults -d notebooks=true"


@EVERY_KIT
def test_the_kit_has_the_notebooks_its_answers_ask_for(kit: Kit) -> None:
    """0A always, 0B and 0C with their host; without notebooks, no file and no Jupyter tool.

    A missing notebook is named in the README with the command that adds it.
    """
    with_notebooks = kit.answers.get("notebooks", True)
    hosts = HOSTS_OF_FRAMEWORK[kit.answers["framework"]]
    expected = {"notebooks/0A_core.ipynb", "notebooks/_kit.py", "tests/notebooks/test_notebooks.py"}
    expected |= {NOTEBOOK_OF_HOST[host] for host in hosts}
    present = {path for path in kit.files if path.startswith(("notebooks/", "tests/notebooks/"))}
    assert present == (expected if with_notebooks else set())
    groups = tomllib.loads((kit.path / "pyproject.toml").read_text())["dependency-groups"]
    dev = " ".join(groups["dev"])
    assert ("nbclient" in dev and "ipykernel" in dev) is with_notebooks, groups
    assert ("notebooks" in groups) is with_notebooks, groups
    readme = " ".join((kit.path / "README.md").read_text(encoding="utf-8").split())
    assert (ADD_NOTEBOOKS_COMMAND in readme) is not with_notebooks
    for host, notebook in NOTEBOOK_OF_HOST.items():
        missing = with_notebooks and host not in hosts
        assert (f"`{notebook.removeprefix('notebooks/')}` (the same scenarios" in readme) is missing
    if with_notebooks and len(hosts) == 1:
        assert ADD_HOST_COMMAND in readme


@EVERY_KIT
def test_every_notebook_runs_top_to_bottom_in_the_kits_tests(kit: Kit) -> None:
    """Its notebook unit ran each notebook in a kernel, green (an unsolved student kit too)."""
    notebooks = sorted(path for path in kit.files if path.endswith(".ipynb"))
    if NOTEBOOKS not in kit_units(kit):
        assert not notebooks, notebooks
        return
    run = outcome_of(kit).unit_runs[NOTEBOOKS]
    unit_passed(run, NOTEBOOKS)
    ran = {case.rsplit("[", 1)[-1].rstrip("]") for case in run.cases if "tests.notebooks." in case}
    assert ran == {Path(path).stem for path in notebooks}, run.output


@EVERY_KIT
def test_problem_tests_fail_on_stubs_and_pass_on_solutions(kit: Kit) -> None:
    """Student kits: strict mode fails every stub. Instructor kits: every solution passes.

    An instructor kit's non-strict run already ran every problem's tests for real (solutions
    carry no TODO marker), so its report is the proof; a student kit needs the strict run.
    """
    outcome = outcome_of(kit)
    run = outcome.strict_run if kit.edition == "student" else outcome.own_run
    assert run is not None and run.report is not None, outcome
    if kit.edition == "student":
        assert run.report["strict"] is True
    problems = run.report["problems"]
    for code, entry in problems.items():
        if entry["state"] == "unavailable":
            assert ADD_HOST_COMMAND in run.completed.stdout, code
            continue
        if kit.edition == "student":
            assert entry["failed"] > 0, f"{code}: its tests pass against the stub: {entry}"
            assert entry["state"] == "failing", entry
        else:
            assert entry["todo_lines"] == [], f"{code}: a solution carries a TODO marker"
            assert entry["failed"] == 0 and entry["passed"] > 0, f"{code}: {entry}"
    expected_exit = 1 if kit.edition == "student" else 0
    assert run.completed.returncode == expected_exit, run.output
    unavailable = {code for code, entry in problems.items() if entry["state"] == "unavailable"}
    expected_unavailable = {
        "flask": {"P17"},
        "fastapi": {"P16"},
        "both": set(),
    }[kit.answers["framework"]]
    assert unavailable == expected_unavailable


@pytest.mark.parametrize("kit_name", kit_params(SERVER_KITS))
def test_real_servers_of_the_kit_pass(kit: Kit) -> None:
    """The kit's `-m servers` tests (the bench's and the labs' smoke tests): once per framework
    (see farm.py), none skipped: the labs' plots need the `labs` group the farm installs."""
    run = outcome_of(kit).servers_run
    assert run is not None, "the farm did not run this kit's server tests"
    assert run.completed.returncode == 0, run.output
    unit_passed(run, SERVERS)
    assert "SKIPPED" not in run.completed.stdout, run.output
    labs = {case for case in run.cases if case.startswith("tests.servers.test_labs::")}
    assert len(labs) >= 5, f"the labs' smoke test did not run:\n{run.output}"


@pytest.mark.parametrize("kit_name", kit_params(SERVER_KITS))
def test_generated_resources_pass_the_kits_own_checks(kit: Kit) -> None:
    """`scaffold resource` for each of farm.GENERATED_RESOURCES, then the copy's whole
    `uv run pytest` (their core and contract tests on every host) and pre-commit."""
    run = outcome_of(kit).resources
    assert run is not None, "the farm did not generate resources for this kit"
    for completed in run.commands:
        assert completed.returncode == 0, completed.stderr
    assert run.pytest is not None and run.lint is not None
    assert run.pytest.completed.returncode == 0, run.pytest.output
    hosts = {"flask": ["flask"], "fastapi": ["fastapi"], "both": ["fastapi", "flask"]}
    for resource in ("products", "reviews"):
        assert any(f"tests.core.test_resource_{resource}::" in c for c in run.pytest.cases)
        for host in hosts[kit.answers["framework"]]:
            contract = f"tests.http.test_http_resource_{resource}::"
            ran = [case for case in run.pytest.cases if contract in case and f"[{host}]" in case]
            assert ran, f"no contract test of {resource} ran on {host}"
    assert run.lint.returncode == 0, run.lint.stdout
