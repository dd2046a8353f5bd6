"""`copier update` keeps students' work: offline, with tagged template versions in a temp repo.

Follows copier's own update-test recipe: the working tree becomes template version 1.0.0; a
scripted change becomes 2.0.0 (a stub, a test and a core file reworded, a new file, a new
question, and a deleted file that a student had edited); a kit rendered from 1.0.0 gets a
student's commits; then it is updated and inspected.

Each way an update used to lose work without a word is a test here: the work is kept, or can
be restored with the command the update prints, or the update is refused with a message that
says why and how to do it safely, and nothing is touched.

Why copier's 3-way merge and not `_skip_if_exists` or excluding problems on update: the merge
keeps every student edit (non-overlapping template changes merge silently, overlapping ones
become inline conflicts that show both sides), still delivers new problems, fixed tests and
fixed stubs, and turns an edition switch over a student's solution into a visible conflict.
`_skip_if_exists` would silently drop every later fix to a stub and make the edition switch a
no-op for existing files; excluding problems on update would never deliver new problems.
"""

from __future__ import annotations

import contextlib
import io
import re
import shlex
import shutil
from pathlib import Path

import build_problems
import processes
import pytest
import yaml
from copier import run_update
from farm import GENERATED_RESOURCES
from kits import (
    COPIER_LOCK,
    DEFAULT_PACKAGE,
    TEMPLATE_DIR,
    TEMPLATE_ROOT,
    UVX_COPIER,
    Kit,
    clean_environment,
    copier_questions,
    copier_settings,
    copy_working_tree,
    default_python,
    file_digests,
    missing_student_owned_paths,
    output_of,
    render,
)

from scaffold.cli import main as scaffold

PACKAGE = DEFAULT_PACKAGE
PROBLEMS_DIR = f"src/{PACKAGE}/problems"
# Paths in the template repository (the tree is copier.yml's `_subdirectory`).
TREE = TEMPLATE_DIR.relative_to(TEMPLATE_ROOT)
STUDENT_STUBS = build_problems.edition_dir("student")
CORE_SERVICES = TREE / "src/{{package_name}}/core/services.py"
DEVCONTAINER = ".devcontainer/devcontainer.json"
CONFLICT_START = "<<<<<<< before updating"
STUDENT_NOTE = "  # student note: I am working on this"
TEMPLATE_NOTE = "  # reworded by template v2"
# What template 2.0.0 changes (tests/test_cruft.py makes its own 2.0.0 of the same changes):
# a first line of P01's stub, a new question, and a new file that uses its answer.
V2_HEADER = "# Template v2: clearer wording of this problem.\n"
NEW_QUESTION = """
cohort:
  type: str
  help: Name of the cohort
  default: "2027"
"""
NEW_FILE = "NEW_IN_V2.md"
NEW_FILE_TEMPLATE = "# New in template v2, cohort {{ cohort }}\n"
NEW_FILE_RENDERED = "# New in template v2, cohort 2027\n"


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
    p01.write_text(V2_HEADER + p01.read_text())
    p02 = stub_file(stubs, 2)  # the student edits the same line: an inline conflict
    change_line(p02, first_todo_line(p02, 2), TEMPLATE_NOTE)
    services = repo / CORE_SERVICES
    services.write_text("# Template v2: services reviewed.\n" + services.read_text())
    core_tests = sorted((repo / TREE / "tests/core").glob("test_*.py.jinja"))[0]
    core_tests.write_text(core_tests.read_text() + "\n# Template v2: tests reviewed.\n")
    (repo / TREE / f"{DEVCONTAINER}.jinja").unlink()  # a file students may have edited
    (repo / "copier.yml").write_text((repo / "copier.yml").read_text() + NEW_QUESTION)
    (repo / TREE / f"{NEW_FILE}.jinja").write_text(NEW_FILE_TEMPLATE)
    commit_all(repo, "template 2.0.0")
    git(repo, "tag", "2.0.0")
    return repo


def generate(template: Path, destination: Path, *, lock: bool = False, **answers: object) -> Path:
    """Render 1.0.0 and make its first commit, as the message after copy says (`uv lock` first)."""
    render(destination, answers, template=template, vcs_ref="1.0.0")
    if lock:
        locked = processes.run(["uv", "lock", "--quiet"], cwd=destination, env=environment())
        assert locked.returncode == 0, output_of(locked)
    git(destination, "init", "-q", "-b", "main")
    commit_all(destination, "Generated kit")
    return destination


def update(kit: Path, **answers: object) -> str:
    """What a team lead runs: `copier update --defaults [-d key=value]` to 2.0.0; its output."""
    printed = io.StringIO()
    with COPIER_LOCK, contextlib.redirect_stderr(printed):
        run_update(
            str(kit),
            data=answers,
            defaults=True,
            overwrite=True,
            quiet=False,
            unsafe=False,
            vcs_ref="2.0.0",
        )
    return printed.getvalue()


def refused_update(kit: Path, **answers: object) -> str:
    """The message of an update that copier.yml refuses (copier raises it as a ValueError)."""
    with pytest.raises(ValueError, match="Validation error") as refused:
        update(kit, **answers)
    return str(refused.value)


def printed_command(output: str, start: str) -> list[str]:
    """The command of the line of `output` that starts with `start` (its comment left out)."""
    for line in output.splitlines():
        if line.strip().startswith(start):
            return shlex.split(line.split("#")[0])
    raise AssertionError(f"no line starting with {start!r} in:\n{output}")


def answers_of(kit: Path) -> dict[str, object]:
    return yaml.safe_load((kit / ".copier-answers.yml").read_text())


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


def environment() -> dict[str, str]:
    """The kits here take copier.yml's default python_version: they need that interpreter."""
    python = default_python()
    if python is None:
        version = copier_questions()["python_version"]["default"]
        pytest.skip(f"Python {version} is needed to install the updated kit")
    return clean_environment(python)


def install(kit_path: Path) -> Kit:
    """`uv sync`, the first thing a student's `uv run` does."""
    kit = Kit(path=kit_path, answers={"framework": "both"}, env=environment())
    synced = kit.run("uv", "sync", "--quiet")
    assert synced.returncode == 0, output_of(synced)
    return kit


def test_update_keeps_student_work_and_prints_how_to_finish(
    template_versions: Path, tmp_path: Path
) -> None:
    kit = generate(
        template_versions, tmp_path / "kit", lock=True, framework="both", edition="student"
    )
    installed = install(kit)
    assert git(kit, "status", "--porcelain") == "", "a first run must not block `copier update`"
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
    devcontainer = kit / DEVCONTAINER
    edited_devcontainer = devcontainer.read_text().replace("[5000, 8000]", "[5000, 8000, 8080]")
    devcontainer.write_text(edited_devcontainer)
    commit_all(kit, "Student work")

    printed = update(kit)

    answers = answers_of(kit)
    assert answers["_commit"] == "2.0.0"
    assert answers["cohort"] == "2027", "a new question takes its default without asking"
    assert (kit / NEW_FILE).read_text() == NEW_FILE_RENDERED
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
    assert (kit / "NOTES.md").read_text() == "# My notes\n"

    # The file 2.0.0 no longer has is deleted, but the printed command brings the edit back.
    assert not devcontainer.exists()
    restore = printed_command(printed, "git restore")
    restored = processes.run([*restore[:-1], DEVCONTAINER], cwd=kit, env=clean_environment())
    assert restored.returncode == 0, output_of(restored)
    assert devcontainer.read_text() == edited_devcontainer

    # The printed command lists the conflicts; the kit's hook refuses to let them be committed.
    conflicts = git(kit, *printed_command(printed, "git diff --name-only --diff-filter=U")[1:])
    assert conflicts.split() == [p02.relative_to(kit).as_posix()]
    assert not [p for p in kit.rglob("*.py") if CONFLICT_START in p.read_text() and p != p02]
    check = ("pre-commit", "run", "check-merge-conflict", "--files", str(p02.relative_to(kit)))
    refused = installed.uv_run(*check)
    assert refused.returncode == 1 and "Merge conflict string" in refused.stdout, output_of(refused)
    keep_student_side(p02)
    accepted = installed.uv_run(*check)
    assert accepted.returncode == 0, output_of(accepted)
    assert printed_command(printed, "uv sync") == ["uv", "sync"]

    commit_all(kit, "Take template 2.0.0")
    merged = installed.uv_run(
        "python", "-c", f"from {PACKAGE}.core import services as s; print(s.student_helper())"
    )
    assert merged.stdout.strip() == "1", output_of(merged)
    completed, report = installed.pytest_report("--problem", "4,5")
    assert completed.returncode == 0, output_of(completed)
    assert report is not None
    assert report["problems"]["P04"]["state"] == "solved", report["problems"]["P04"]
    assert report["problems"]["P05"]["state"] == "solved", report["problems"]["P05"]


def test_update_of_a_kit_with_generated_resources_has_no_conflicts_and_stays_green(
    template_versions: Path, tmp_path: Path
) -> None:
    """The generator only adds files in its own folders, so an update never meets them."""
    kit = generate(template_versions, tmp_path / "kit", lock=True, edition="instructor")
    for spec in GENERATED_RESOURCES:
        assert scaffold(["resource", *spec, "--kit", str(kit)]) == 0, spec
    commit_all(kit, "Generated resources")
    generated = {
        path: digest
        for path, digest in file_digests(kit).items()
        if "resource" in path and path.endswith((".py", ".toml"))
    }
    assert len(generated) >= 20, sorted(generated)

    update(kit)

    assert answers_of(kit)["_commit"] == "2.0.0"
    assert git(kit, "diff", "--name-only", "--diff-filter=U") == ""
    assert not [p for p in kit.rglob("*.py") if CONFLICT_START in p.read_text()]
    after = file_digests(kit)
    assert {path: after.get(path) for path in generated} == generated, "a resource file changed"
    installed = install(kit)
    # The resources' own tests: their tables, services and routes on the updated core and hosts.
    modules = sorted(str(p.relative_to(kit)) for p in kit.glob("tests/*/test_*resource_*.py"))
    assert len(modules) == 2 * len(GENERATED_RESOURCES), modules  # a core and an HTTP module each
    completed = installed.uv_run("pytest", "-q", "-rA", "-p", "no:cacheprovider", *modules)
    assert completed.returncode == 0, output_of(completed)
    for module in modules:
        assert f"PASSED {module}::" in completed.stdout, f"{module} did not run"


def test_renaming_a_student_module_fails_the_template_suite(tmp_path: Path) -> None:
    """A version that renames a problem module would delete its solution: the suite catches it.

    test_kits.py runs `missing_student_owned_paths` on every kit the suite builds; here a copy
    of the template renames P04's module, as a careless release would.
    """
    template = copy_working_tree(tmp_path / "template")
    for edition in ("student", "instructor"):
        level1 = template / build_problems.edition_dir(edition) / "level1"
        (level1 / "p04_context_manager.py").rename(level1 / "p04_context_managers.py")
    render(tmp_path / "kit", {}, template=template, vcs_ref=None)
    missing = missing_student_owned_paths(file_digests(tmp_path / "kit"), PACKAGE)
    assert missing == [f"{PROBLEMS_DIR}/level1/p04_context_manager.py"]


def test_host_switch_adds_with_the_hint_and_removes_with_an_account(
    template_versions: Path, tmp_path: Path
) -> None:
    kit = generate(template_versions, tmp_path / "kit", framework="flask", edition="student")
    p01 = stub_file(kit / PROBLEMS_DIR, 1)
    change_line(p01, first_todo_line(p01, 1), STUDENT_NOTE)
    own_extension = kit / f"src/{PACKAGE}/flask_app/student_extension.py"
    own_extension.write_text('"""Added by a student."""\n')
    commit_all(kit, "Student work")

    # Exactly what P17's "unavailable" hint tells the student to run, without copier installed.
    catalog = (kit / f"src/{PACKAGE}/bootcamp/catalog.py").read_text()
    hint = re.search(r'^ADD_HOST_COMMAND = "(.*)"$', catalog, re.MULTILINE)
    assert hint and hint.group(1).startswith(f"{UVX_COPIER} update"), catalog
    command = [*shlex.split(hint.group(1)), "--vcs-ref=2.0.0", "--quiet"]
    added = processes.run(command, cwd=kit, env=environment(), timeout=600)
    assert added.returncode == 0, output_of(added)
    assert (kit / f"src/{PACKAGE}/fastapi_app/main.py").is_file()
    assert "fastapi" in (kit / "pyproject.toml").read_text()
    assert STUDENT_NOTE in p01.read_text()
    installed = install(kit)
    collected = installed.uv_run("pytest", "tests/http", "--collect-only", "-q")
    assert collected.returncode == 0, output_of(collected)
    assert "fastapi" in collected.stdout and "flask" in collected.stdout, collected.stdout
    commit_all(kit, "Add FastAPI")

    printed = update(kit, framework="fastapi")
    assert not (kit / f"src/{PACKAGE}/flask_app/app.py").exists()
    assert not (kit / "tests/http/flask_host.py").exists()
    assert "flask" not in (kit / "pyproject.toml").read_text().lower().replace("fastapi", "")
    assert STUDENT_NOTE in p01.read_text()
    for removed in (f"src/{PACKAGE}/flask_app/", "tests/http/flask_host.py", "uninstalls flask"):
        assert removed in printed, f"the update must say {removed!r}:\n{printed}"
    left = processes.run(printed_command(printed, "ls"), cwd=kit, env=clean_environment())
    modules = [name for name in left.stdout.split() if name.endswith(".py")]
    assert modules == [own_extension.name], "the student's own file is kept, and listed"

    synced = installed.run(*printed_command(printed, "uv sync"))
    assert synced.returncode == 0, output_of(synced)
    test_p16 = "tests/problems/level4/test_p16_flask_error_handler.py"
    completed, report = installed.pytest_report("--problem", "16", test_p16)
    assert report is not None, output_of(completed)
    assert report["problems"]["P16"]["state"] == "unavailable", "local progress must agree with CI"


def test_edition_switch_shows_solutions_as_conflicts_and_never_switches_back(
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
    keep_student_side(p04)
    commit_all(kit, "Keep my own P04 next to the references")
    kept = p04.read_text()

    message = refused_update(kit, edition="student")
    assert "edition cannot go back from instructor to student" in message
    assert "generate a new student kit" in message and UVX_COPIER in message
    assert git(kit, "status", "--porcelain") == ""
    assert p04.read_text() == kept
    assert answers_of(kit)["edition"] == "instructor"


def test_updates_that_cannot_start_or_would_delete_work_change_nothing(
    template_versions: Path, tmp_path: Path
) -> None:
    kit = generate(template_versions, tmp_path / "kit", framework="both", edition="student")
    readme = kit / "README.md"
    readme.write_text(readme.read_text() + "\nUncommitted line.\n")
    before = git(kit, "status", "--porcelain")
    with pytest.raises(Exception, match="dirty"):
        update(kit)
    assert git(kit, "status", "--porcelain") == before
    assert not (kit / NEW_FILE).exists()
    git(kit, "checkout", "--", "README.md")

    message = refused_update(kit, package_name="renamed_backend")
    assert f'package_name cannot change from "{PACKAGE}" to "renamed_backend"' in message
    assert f"delete src/{PACKAGE}/" in message and "Renaming the package" in message
    assert git(kit, "status", "--porcelain") == ""
    assert (kit / PROBLEMS_DIR).is_dir() and not (kit / "src/renamed_backend").exists()
    assert answers_of(kit)["_commit"] == "1.0.0"


def is_text_with_crlf(path: Path) -> bool:
    """A text file (git's rule: no NUL byte in the first 8000) with CRLF line ends; a PNG's
    signature holds CRLF, but git never converts a binary file."""
    data = path.read_bytes()
    return b"\0" not in data[:8000] and b"\r\n" in data


def test_update_rewrites_only_what_it_changes_even_with_autocrlf(
    template_versions: Path, tmp_path: Path
) -> None:
    """The kit's .gitattributes keeps LF on a `core.autocrlf=true` checkout (Windows' default)."""
    kit = generate(template_versions, tmp_path / "kit", framework="fastapi", edition="student")
    git(kit, "config", "core.autocrlf", "true")
    git(kit, "rm", "-r", "-q", "--cached", ".")
    git(kit, "reset", "-q", "--hard")  # check every file out again, as a Windows clone would
    assert not [name for name in file_digests(kit) if is_text_with_crlf(kit / name)]
    before = file_digests(kit)
    update(kit)
    after = file_digests(kit)
    rewritten = {
        name for name in before.keys() | after.keys() if before.get(name) != after.get(name)
    }
    status = git(kit, "status", "--porcelain", "--untracked-files=all").splitlines()
    assert rewritten == {line[3:] for line in status}
    assert len(rewritten) < 10, rewritten

    commit_all(kit, "Take template 2.0.0")
    update(kit)
    assert git(kit, "status", "--porcelain") == "", "updating twice must change nothing"


def test_answers_file_holds_no_derived_value_and_no_secret(
    template_versions: Path, tmp_path: Path
) -> None:
    kit = generate(template_versions, tmp_path / "kit", framework="flask", edition="student")
    answers = (kit / ".copier-answers.yml").read_text().lower()
    for word in ("use_flask", "use_fastapi", "reserved", "token", "secret", "password"):
        assert word not in answers
    assert f"_src_path: {template_versions}".lower() in answers


def test_an_update_adds_the_notebooks_to_a_kit_generated_without_them(
    template_versions: Path, tmp_path: Path
) -> None:
    """The README's command, `-d notebooks=true`: the notebooks of the kit's hosts, no conflict."""
    kit = generate(
        template_versions, tmp_path / "kit", framework="flask", edition="student", notebooks=False
    )
    assert answers_of(kit)["notebooks"] is False, "a real answer is stored"
    assert not (kit / "notebooks").exists() and not (kit / "tests/notebooks").exists()
    readme = " ".join((kit / "README.md").read_text().split())
    assert f"{UVX_COPIER} update --defaults -d notebooks=true" in readme

    update(kit, notebooks=True)
    assert answers_of(kit)["notebooks"] is True
    notebooks = sorted(path.name for path in (kit / "notebooks").iterdir())
    assert notebooks == ["0A_core.ipynb", "0B_flask.ipynb", "_kit.py"], "the Flask kit's notebooks"
    assert (kit / "tests/notebooks/test_notebooks.py").is_file()
    assert "nbclient" in (kit / "pyproject.toml").read_text()
    assert git(kit, "diff", "--name-only", "--diff-filter=U") == ""
    status = git(kit, "status", "--porcelain", "--untracked-files=all")
    changed = [kit / line[3:] for line in status.splitlines()]  # 2.0.0 deletes one file
    conflicted = [
        path
        for path in changed
        if path.is_file()  # the README quotes the marker; a conflict starts a line with it
        and any(line.startswith(CONFLICT_START) for line in path.read_text().splitlines())
    ]
    assert not conflicted, conflicted

    # And back: `-d notebooks=false` deletes them, edits included, and says how to restore one.
    notebook = kit / "notebooks" / "0A_core.ipynb"
    notebook.write_text(notebook.read_text().replace('"cells": [', '"cells": [ ', 1))
    commit_all(kit, "Notebooks, with a student's edit")
    printed = update(kit, notebooks=False)
    assert not notebook.exists() and not (kit / "tests/notebooks").exists()
    assert "notebooks is now false" in printed, printed
    restore = printed_command(printed, "git restore")
    restored = processes.run([*restore[:-1], "notebooks/0A_core.ipynb"], cwd=kit)
    assert restored.returncode == 0 and '"cells": [ ' in notebook.read_text(), output_of(restored)


COPIER_COMMAND = re.compile(r"(uvx )?copier(==\S+)? (copy|update|recopy)\b")


def test_every_copier_command_the_kit_shows_runs_the_pinned_copier_without_installing_it() -> None:
    """The kit README, P16/P17's "unavailable" hint and copier.yml's messages and validators."""
    shown = [setting for name, setting in copier_settings().items() if name.startswith("_message")]
    shown += [question.get("validator", "") for question in copier_questions().values()]
    texts = {
        "README.md.jinja": (TEMPLATE_DIR / "README.md.jinja").read_text(),
        "catalog.py": next((TEMPLATE_DIR / "src").rglob("catalog.py")).read_text(),
        "copier.yml": "\n".join(shown),
    }
    commands = {
        where: [match.group(0) for match in COPIER_COMMAND.finditer(text)]
        for where, text in texts.items()
    }
    assert all(commands.values()), f"each of them names a copier command: {commands}"
    wrong = {
        where: [command for command in found if not command.startswith(f"{UVX_COPIER} ")]
        for where, found in commands.items()
    }
    assert not any(wrong.values()), f"write them as `{UVX_COPIER} ...`: {wrong}"


# ----- kits made before the two-engine layout (template/ at the root, no cookiecutter files) -----

OLD_TREE = "template"
OLD_ANSWERS_TEMPLATE = (
    "# Changes here will be overwritten by Copier; NEVER EDIT MANUALLY\n"
    "{{ _copier_answers|to_nice_yaml -}}\n"
)


def old_layout_name(name: str) -> str:
    """A template path part as it was named before each conditional folder had its branch."""
    if name.startswith("{% if _copier_conf is defined %}"):
        return "{{_copier_conf.answers_file}}.jinja"
    return re.sub(r"\{% elif cookiecutter %\}[^{}]*\.prune", "", name)


def write_old_layout(repo: Path) -> None:
    """Turn the working tree copied into `repo` into the layout of every version before 0.3."""
    tree = repo / TREE
    for path in sorted(p for p in tree.rglob("*") if p.is_file()):
        relative = path.relative_to(tree)
        target = repo / OLD_TREE / Path(*(old_layout_name(part) for part in relative.parts))
        target.parent.mkdir(parents=True, exist_ok=True)
        path.rename(target)
    (repo / OLD_TREE / "{{_copier_conf.answers_file}}.jinja").write_text(OLD_ANSWERS_TEMPLATE)
    shutil.rmtree(repo / TREE.parts[0])  # cookiecutter's folder, which held the tree
    copier_yml = repo / "copier.yml"
    text, count = re.subn(
        r"^_subdirectory: .*$",
        f"_subdirectory: {OLD_TREE}",
        copier_yml.read_text(),
        flags=re.MULTILINE,
    )
    assert count == 1
    copier_yml.write_text(text)


def test_a_kit_made_before_the_two_engine_layout_updates_without_conflicts(tmp_path: Path) -> None:
    """The layout moved every template path; the kits it renders did not change, nor may they."""
    repo = copy_working_tree(tmp_path / "template-repo")
    write_old_layout(repo)
    old_flask = repo / OLD_TREE / "src/{{package_name}}/{% if use_flask %}flask_app{% endif %}"
    assert (old_flask / "app.py").is_file() and not (repo / "bootcamp-kit").exists()
    git(repo, "init", "-q", "-b", "main")
    commit_all(repo, "template 1.0.0, template/ at the root")
    git(repo, "tag", "1.0.0")
    shutil.rmtree(repo / OLD_TREE)
    copy_working_tree(repo)
    commit_all(repo, "template 2.0.0, the two-engine layout")
    git(repo, "tag", "2.0.0")

    kit = generate(repo, tmp_path / "kit", framework="flask", edition="student")
    assert (kit / f"src/{PACKAGE}/flask_app/app.py").is_file(), "1.0.0 has the old layout"
    p01 = stub_file(kit / PROBLEMS_DIR, 1)
    change_line(p01, first_todo_line(p01, 1), STUDENT_NOTE)
    commit_all(kit, "Student work")
    before = file_digests(kit)

    update(kit)
    after = file_digests(kit)
    changed = {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}
    assert changed == {".copier-answers.yml"}, "the same kit, only its recorded version moves"
    assert answers_of(kit)["_commit"] == "2.0.0"
    assert git(kit, "diff", "--name-only", "--diff-filter=U") == ""
    assert STUDENT_NOTE in p01.read_text()
