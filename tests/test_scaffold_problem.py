"""`scaffold problem`: a new course problem in a copy of the template, honest from its first commit.

The refusals run in-process on one copy of the working tree and must leave it byte for byte as
it was. The end-to-end test commits that copy as template 1.0.0, adds P21 as 2.0.0, updates a
student kit made from 1.0.0 (progress now counts 21; P21's stub fails in strict mode) and
renders an instructor kit from 2.0.0 (the solution passes; the generated wrong answer fails).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from kits import Kit, copy_working_tree, file_digests, output_of, render
from test_bootcamp import import_from_template
from test_scaffold_resource import scaffold
from test_update import commit_all, environment, git, install, update

from scaffold.problem import load_build_script

NEW = ["problem", "retry_decorator", "--level", "2", "--title", "Retry a flaky call"]
P21_TESTS = "tests/problems/level2/test_p21_retry_decorator.py"
P21_MODULE = "problems/level2/p21_retry_decorator.py"
catalog = import_from_template("bootcamp.catalog")


@pytest.fixture(scope="module")
def template_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_working_tree(tmp_path_factory.mktemp("problem-template"))


REFUSALS = {
    "slug not snake_case": (["problem", "Retry-Decorator"], 'slug "Retry-Decorator"'),
    "slug a keyword": (["problem", "import"], 'slug "import"'),
    "slug taken": (["problem", "deep_copy"], "is already P03"),
    "unknown level": (["problem", "retry", "--level", "9"], "1 (Foundations)"),
    "two-line title": (["problem", "retry", "--title", "Retry\nit"], "--title"),
    "backslash in the concept": (["problem", "retry", "--concept", "a\\b"], "--concept"),
    "long title": (["problem", "retry", "--title", "x" * 61], "at most 60"),
    "bad course module": (["problem", "retry", "--module", "seven"], '--module "seven"'),
}


@pytest.mark.parametrize("arguments, message", REFUSALS.values(), ids=REFUSALS.keys())
def test_bad_requests_are_refused_and_nothing_is_written(
    template_copy: Path, capsys: pytest.CaptureFixture[str], arguments: list[str], message: str
) -> None:
    defaults = {"--level": "2", "--title": "Retry a flaky call"}
    for option, value in defaults.items():
        if option not in arguments:
            arguments = [*arguments, option, value]
    before = file_digests(template_copy)
    code, out, err = scaffold(capsys, *arguments, "--template", template_copy)
    assert code == 1, out + err
    assert message in err, err
    assert file_digests(template_copy) == before


def test_outside_the_template_it_refuses_and_usage_errors_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = scaffold(capsys, *NEW, "--template", tmp_path)
    assert code == 1 and "is not the template repository" in err and "--template DIR" in err
    assert list(tmp_path.iterdir()) == []
    code, _, err = scaffold(capsys, "problem", "retry_decorator", "--title", "Retry")
    assert code == 2 and "--level" in err, err
    code, _, err = scaffold(capsys, *NEW, "--requires", "django")
    assert code == 2 and "invalid choice" in err, err


def test_dry_run_shows_every_file_and_writes_nothing(
    template_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = file_digests(template_copy)
    code, out, _ = scaffold(capsys, *NEW, "--dry-run", "--template", template_copy)
    assert code == 0
    build = load_build_script(template_copy)
    tree = Path(build.PACKAGE_DIR).parent.parent
    for path in (
        Path("course/problems/level2/p21_retry_decorator.py"),
        tree / "tests/problems/level2/test_p21_retry_decorator.py.jinja",
        Path("tests/wrong_answers/p21_returns_first_value.py"),
        build.edition_dir("student") / "level2/p21_retry_decorator.py",
        build.edition_dir("instructor") / "level2/p21_retry_decorator.py",
    ):
        assert f"create  {path.as_posix()}" in out, path
    assert f"update  {Path(build.CATALOGUE).as_posix()}" in out
    assert "+number = 21" in out and "(dry run: nothing was written)" in out
    assert file_digests(template_copy) == before


def test_a_file_in_the_way_is_a_conflict_without_a_force_to_offer(
    template_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    in_the_way = template_copy / "tests" / "wrong_answers" / "p21_returns_first_value.py"
    in_the_way.write_text("# an instructor's draft\n")
    try:
        before = file_digests(template_copy)
        code, out, err = scaffold(capsys, *NEW, "--template", template_copy)
        assert code == 1, out + err
        assert "conflict  tests/wrong_answers/p21_returns_first_value.py" in out, out
        assert "Nothing was written" in err and "move them away" in err, err
        assert "--force" not in err, "scaffold problem has no --force to offer"
        assert file_digests(template_copy) == before
    finally:
        in_the_way.unlink()


def test_a_new_problem_is_honest_in_both_editions_and_reaches_kits_by_update(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    template = copy_working_tree(tmp_path / "template")
    git(template, "init", "-q", "-b", "main")
    commit_all(template, "template 1.0.0")
    git(template, "tag", "1.0.0")
    student = tmp_path / "student"
    render(student, {"edition": "student"}, template=template, vcs_ref="1.0.0")
    git(student, "init", "-q", "-b", "main")
    commit_all(student, "Generated kit")

    code, out, err = scaffold(capsys, *NEW, "--module", "0.3", "--template", template)
    assert code == 0, out + err
    assert "Added P21" in out
    build = load_build_script(template)
    assert build.stale_files(template) == [], "the trees must match the new source"
    _, problems = catalog.load_catalogue((template / build.CATALOGUE).read_text())
    assert (problems[-1].number, problems[-1].level, problems[-1].title) == (
        21,
        2,
        "Retry a flaky call",
    )
    again = scaffold(capsys, *NEW, "--template", template)
    assert again[0] == 1 and "is already P21" in again[2], "a second run must not add P22"
    commit_all(template, "template 2.0.0: P21")
    git(template, "tag", "2.0.0")

    update(student)
    installed = install(student)
    completed, report = installed.pytest_report("--problem", "21", "--strict")
    assert completed.returncode == 1, output_of(completed)
    assert "Progress: 0/21 problems solved" in completed.stdout, completed.stdout
    assert report is not None
    p21 = report["problems"]["P21"]
    assert p21["state"] == "failing" and (p21["passed"], p21["failed"]) == (0, 3), p21

    instructor_path = tmp_path / "instructor"
    render(instructor_path, {"edition": "instructor"}, template=template, vcs_ref="2.0.0")
    shutil.copy(student / "uv.lock", instructor_path)  # same pyproject.toml: the same venv
    shared_venv = {**environment(), "UV_PROJECT_ENVIRONMENT": str(student / ".venv")}
    instructor = Kit(path=instructor_path, answers={"framework": "both"}, env=shared_venv)
    completed, report = instructor.pytest_report("--problem", "21")
    assert completed.returncode == 0, output_of(completed)
    assert report is not None and report["problems"]["P21"]["state"] == "solved"

    module = instructor_path / "src" / instructor.package / P21_MODULE
    for command in ("check", "format --check"):
        lint = instructor.uv_run("ruff", *command.split(), P21_TESTS, str(module))
        assert lint.returncode == 0, output_of(lint)

    shutil.copy(template / "tests/wrong_answers/p21_returns_first_value.py", module)
    completed, report = instructor.pytest_report("--problem", "21")
    assert completed.returncode == 1, "the generated wrong answer must be rejected"
    assert report is not None and report["problems"]["P21"]["failed"] >= 1
