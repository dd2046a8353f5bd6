"""`copier update` keeps students' work: offline, with tagged template versions in a temp repo.

Follows copier's own update-test recipe: the working tree becomes template version 1.0.0; a
scripted change (a stub, a test, a core file, a new file) becomes 2.0.0; a kit rendered from
1.0.0 gets a student's commits; then it is updated and inspected.

Why copier's 3-way merge and not `_skip_if_exists` or excluding problems on update: the merge
keeps every student edit (non-overlapping template changes merge silently, overlapping ones
become inline conflicts that show both sides), still delivers new problems, fixed tests and
fixed stubs, and turns an edition switch over a student's solution into a visible conflict.
`_skip_if_exists` would silently drop every later fix to a stub and make the edition switch a
no-op for existing files; excluding problems on update would never deliver new problems.
"""

from __future__ import annotations

from pathlib import Path

import processes
import pytest
from copier import run_update
from kits import (
    COPIER_LOCK,
    Kit,
    clean_environment,
    copy_working_tree,
    find_python,
    output_of,
    render,
)

PACKAGE = "users_and_orders_backend"
PROBLEMS_DIR = f"src/{PACKAGE}/problems"
STUDENT_STUBS = "template/src/{{package_name}}/{% if edition == 'student' %}problems{% endif %}"
CORE_SERVICES = "template/src/{{package_name}}/core/services.py"
CONFLICT_START = "<<<<<<< before updating"
STUDENT_NOTE = "  # student note: I am working on this"
TEMPLATE_NOTE = "  # reworded by template v2"


def git(folder: Path, *arguments: str, check: bool = True) -> str:
    completed = processes.run(["git", *arguments], cwd=folder, env=clean_environment(), timeout=120)
    if check:
        assert completed.returncode == 0, output_of(completed)
    return completed.stdout


def commit_all(folder: Path, message: str) -> None:
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", message)


def stub_file(root: Path, number: int) -> Path:
    matches = sorted(root.glob(f"level*/p{number:02d}_*.py"))
    assert len(matches) == 1, f"problem {number}: {matches}"
    return matches[0]


def first_todo_line(path: Path, number: int) -> int:
    lines = path.read_text().splitlines()
    return next(i for i, line in enumerate(lines) if f"TODO(P{number:02d})" in line)


def change_line(path: Path, index: int, suffix: str) -> None:
    lines = path.read_text().splitlines(keepends=True)
    lines[index] = lines[index].rstrip("\n") + suffix + "\n"
    path.write_text("".join(lines))


@pytest.fixture(scope="module")
def template_versions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git repo holding the working tree as 1.0.0 and a scripted change of it as 2.0.0."""
    repo = copy_working_tree(tmp_path_factory.mktemp("template-repo"))
    git(repo, "init", "-q", "-b", "main")
    commit_all(repo, "template 1.0.0")
    git(repo, "tag", "1.0.0")

    stubs = repo / STUDENT_STUBS
    p01 = stub_file(stubs, 1)  # the student edits a TODO line far below: merges cleanly
    assert first_todo_line(p01, 1) > 6, "P01's first TODO must be away from line 1"
    p01.write_text("# Template v2: clearer wording of this problem.\n" + p01.read_text())
    p02 = stub_file(stubs, 2)  # the student edits the same line: an inline conflict
    change_line(p02, first_todo_line(p02, 2), TEMPLATE_NOTE)
    services = repo / CORE_SERVICES
    services.write_text("# Template v2: services reviewed.\n" + services.read_text())
    core_tests = sorted((repo / "template/tests/core").glob("test_*.py.jinja"))[0]
    core_tests.write_text(core_tests.read_text() + "\n# Template v2: tests reviewed.\n")
    (repo / "template/NEW_IN_V2.md").write_text("# New in template v2\n")
    commit_all(repo, "template 2.0.0")
    git(repo, "tag", "2.0.0")
    return repo


def generate(template: Path, destination: Path, **answers: str) -> Path:
    """Render version 1.0.0 into a fresh git repository with one commit."""
    render(destination, answers, template=template, vcs_ref="1.0.0")
    git(destination, "init", "-q", "-b", "main")
    commit_all(destination, "Generated kit")
    return destination


def update(kit: Path, **answers: str) -> None:
    """What a team lead runs: `copier update --defaults [-d key=value]` to 2.0.0."""
    with COPIER_LOCK:
        run_update(
            str(kit),
            data=answers,
            defaults=True,
            overwrite=True,
            quiet=True,
            unsafe=False,
            vcs_ref="2.0.0",
        )


def keep_student_side(path: Path) -> None:
    """Resolve copier's inline conflicts the way a student keeping their work would."""
    kept, side = [], "both"
    for line in path.read_text().splitlines(keepends=True):
        if line.startswith("<<<<<<< "):
            side = "student"
        elif line.startswith("=======") and side == "student":
            side = "template"
        elif line.startswith(">>>>>>> ") and side == "template":
            side = "both"
        elif side in ("both", "student"):
            kept.append(line)
    path.write_text("".join(kept))


def install(kit_path: Path) -> Kit:
    python = find_python("3.12")
    if python is None:
        pytest.skip("Python 3.12 is needed to install the updated kit")
    kit = Kit(path=kit_path, answers={"framework": "both"}, env=clean_environment(python))
    synced = kit.run("uv", "sync", "--quiet")
    assert synced.returncode == 0, output_of(synced)
    return kit


def test_update_keeps_student_work_and_applies_template_changes(
    template_versions: Path, tmp_path: Path
) -> None:
    kit = generate(template_versions, tmp_path / "kit", framework="both", edition="student")
    problems = kit / PROBLEMS_DIR
    reference = tmp_path / "reference"
    render(reference, {"edition": "instructor"}, template=template_versions, vcs_ref="1.0.0")
    solved = {}
    for number in (4, 5):  # the student solves two problems
        solution = stub_file(reference / PROBLEMS_DIR, number).read_text()
        stub_file(problems, number).write_text(solution)
        solved[number] = solution
    p01, p02 = stub_file(problems, 1), stub_file(problems, 2)
    change_line(p01, first_todo_line(p01, 1), STUDENT_NOTE)
    change_line(p02, first_todo_line(p02, 2), STUDENT_NOTE)
    services = kit / f"src/{PACKAGE}/core/services.py"
    services.write_text(services.read_text() + "\n\ndef student_helper() -> int:\n    return 1\n")
    (kit / "NOTES.md").write_text("# My notes\n")
    commit_all(kit, "Student work")

    update(kit)

    assert "_commit: 2.0.0" in (kit / ".copier-answers.yml").read_text()
    for number, solution in solved.items():
        assert stub_file(problems, number).read_text() == solution, f"P{number:02d} lost"
    p01_text = p01.read_text()
    assert p01_text.startswith("# Template v2"), "the template's change to P01 was not applied"
    assert STUDENT_NOTE in p01_text and CONFLICT_START not in p01_text
    p02_text = p02.read_text()
    assert CONFLICT_START in p02_text, "overlapping edits must become an inline conflict"
    assert STUDENT_NOTE in p02_text and TEMPLATE_NOTE in p02_text, "both sides must be shown"
    services_text = services.read_text()
    assert services_text.startswith("# Template v2: services reviewed.")
    assert services_text.rstrip().endswith("return 1")
    core_tests = sorted((kit / "tests/core").glob("test_*.py"))[0]
    assert core_tests.read_text().rstrip().endswith("# Template v2: tests reviewed.")
    assert (kit / "NEW_IN_V2.md").is_file()
    assert (kit / "NOTES.md").read_text() == "# My notes\n"
    conflicted = [
        str(path.relative_to(kit))
        for path in kit.rglob("*.py")
        if ".git" not in path.parts and CONFLICT_START in path.read_text()
    ]
    assert conflicted == [str(p02.relative_to(kit))]

    keep_student_side(p02)
    commit_all(kit, "Take template 2.0.0")
    installed = install(kit)
    merged = installed.uv_run(
        "python", "-c", f"from {PACKAGE}.core import services as s; print(s.student_helper())"
    )
    assert merged.stdout.strip() == "1", output_of(merged)
    completed, report = installed.pytest_report("--problem", "4,5")
    assert completed.returncode == 0, output_of(completed)
    assert report is not None
    assert report["problems"]["P04"]["state"] == "solved", report["problems"]["P04"]
    assert report["problems"]["P05"]["state"] == "solved", report["problems"]["P05"]


def test_framework_switch_adds_then_removes_a_host_and_keeps_edits(
    template_versions: Path, tmp_path: Path
) -> None:
    kit = generate(template_versions, tmp_path / "kit", framework="flask", edition="student")
    p01 = stub_file(kit / PROBLEMS_DIR, 1)
    change_line(p01, first_todo_line(p01, 1), STUDENT_NOTE)
    own_extension = kit / f"src/{PACKAGE}/flask_app/student_extension.py"
    own_extension.write_text('"""Added by a student."""\n')
    commit_all(kit, "Student work")

    update(kit, framework="both")
    assert (kit / f"src/{PACKAGE}/fastapi_app/main.py").is_file()
    assert "fastapi" in (kit / "pyproject.toml").read_text()
    assert STUDENT_NOTE in p01.read_text()
    installed = install(kit)
    collected = installed.uv_run("pytest", "tests/http", "--collect-only", "-q")
    assert collected.returncode == 0, output_of(collected)
    assert "fastapi" in collected.stdout and "flask" in collected.stdout, collected.stdout
    commit_all(kit, "Add FastAPI")

    update(kit, framework="fastapi")
    assert not (kit / f"src/{PACKAGE}/flask_app/app.py").exists()
    assert own_extension.is_file(), "a file the student added must survive"
    assert "flask" not in (kit / "pyproject.toml").read_text().lower().replace("fastapi", "")
    assert STUDENT_NOTE in p01.read_text()


def test_edition_switch_never_silently_replaces_a_student_solution(
    template_versions: Path, tmp_path: Path
) -> None:
    kit = generate(template_versions, tmp_path / "kit", framework="both", edition="student")
    reference = tmp_path / "reference"
    render(reference, {"edition": "instructor"}, template=template_versions, vcs_ref="2.0.0")
    p04 = stub_file(kit / PROBLEMS_DIR, 4)
    own_solution = "# My own solution, written in week 1.\n" + p04.read_text().replace(
        "TODO(P04)", "DONE(P04)"
    )
    p04.write_text(own_solution)
    commit_all(kit, "Student's own attempt at P04")

    update(kit, edition="instructor")
    p04_text = p04.read_text()
    assert "My own solution, written in week 1." in p04_text
    assert CONFLICT_START in p04_text, "the reference solution must arrive as a visible conflict"
    untouched = stub_file(kit / PROBLEMS_DIR, 5).read_text()
    assert untouched == stub_file(reference / PROBLEMS_DIR, 5).read_text()


def test_update_refuses_a_dirty_tree_and_changes_nothing(
    template_versions: Path, tmp_path: Path
) -> None:
    kit = generate(template_versions, tmp_path / "kit", framework="both", edition="student")
    readme = kit / "README.md"
    readme.write_text(readme.read_text() + "\nUncommitted line.\n")
    before = git(kit, "status", "--porcelain")
    with pytest.raises(Exception, match="dirty"):
        update(kit)
    assert git(kit, "status", "--porcelain") == before
    assert "_commit: 1.0.0" in (kit / ".copier-answers.yml").read_text()
    assert not (kit / "NEW_IN_V2.md").exists()


def test_updating_twice_changes_nothing_the_second_time(
    template_versions: Path, tmp_path: Path
) -> None:
    kit = generate(template_versions, tmp_path / "kit", framework="fastapi", edition="student")
    update(kit)
    commit_all(kit, "Take template 2.0.0")
    update(kit)
    assert git(kit, "status", "--porcelain") == ""


def test_answers_file_holds_no_derived_value_and_no_secret(
    template_versions: Path, tmp_path: Path
) -> None:
    kit = generate(template_versions, tmp_path / "kit", framework="flask", edition="student")
    answers = (kit / ".copier-answers.yml").read_text().lower()
    for word in ("use_flask", "use_fastapi", "reserved", "token", "secret", "password"):
        assert word not in answers
    assert f"_src_path: {template_versions}".lower() in answers
