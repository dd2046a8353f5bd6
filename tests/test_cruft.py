"""Cookiecutter kits are updated with cruft: the round trip, offline, from a local git repo.

`cruft create` from template 1.0.0, a student's edit, template 2.0.0 (a reworded stub, a new
question picked up by rerunning scripts/cookiecutter_files.py, a new file), `cruft update`
(the edit is kept), a framework switch with `--variables-to-update`, then `cruft check`. cruft
runs cookiecutter in-process (it changes the working directory), so every call holds
kits.COPIER_LOCK, and it reads the user's cookiecutter configuration from COOKIECUTTER_CONFIG.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import tomllib
from pathlib import Path

import build_problems
import cookiecutter_files
import pytest
from cruft import check, create, update
from kits import (
    COOKIECUTTER_DIR,
    COPIER_LOCK,
    TEMPLATE_DIR,
    TEMPLATE_ROOT,
    copier_questions,
    copy_working_tree,
)
from test_update import (
    NEW_FILE,
    NEW_FILE_RENDERED,
    NEW_FILE_TEMPLATE,
    NEW_QUESTION,
    PACKAGE,
    V2_HEADER,
    change_line,
    commit_all,
    first_todo_line,
    git,
    stub_file,
)

from scaffold.cli import main as scaffold

DIRECTORY = COOKIECUTTER_DIR.relative_to(TEMPLATE_ROOT).as_posix()
STUDENT_NOTE = "  # student note: cruft must keep this"


@pytest.fixture
def cookiecutter_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cookiecutter configuration of the test's own (no ~/.cookiecutterrc, no replay at home)."""
    home = tmp_path / "cookiecutter-home"
    home.mkdir()
    config = home / "config.yaml"
    config.write_text(f"cookiecutters_dir: {home / 'cache'}\nreplay_dir: {home / 'replay'}\n")
    monkeypatch.setenv("COOKIECUTTER_CONFIG", str(config))
    return home


@pytest.fixture
def template_repo(tmp_path: Path) -> Path:
    """A git repo: the working tree as 1.0.0, then 2.0.0 with its cookiecutter files rewritten."""
    repo = copy_working_tree(tmp_path / "template-repo")
    git(repo, "init", "-q", "-b", "main")
    commit_all(repo, "template 1.0.0")
    git(repo, "tag", "1.0.0")
    p01 = stub_file(repo / build_problems.edition_dir("student"), 1)
    p01.write_text(V2_HEADER + p01.read_text())
    (repo / "copier.yml").write_text((repo / "copier.yml").read_text() + NEW_QUESTION)
    tree = repo / TEMPLATE_DIR.relative_to(TEMPLATE_ROOT)
    (tree / f"{NEW_FILE}.jinja").write_text(NEW_FILE_TEMPLATE)
    assert cookiecutter_files.main(["--root", str(repo)]) == 0
    commit_all(repo, "template 2.0.0")
    git(repo, "tag", "2.0.0")
    return repo


def cruft_state(kit: Path) -> dict:
    return json.loads((kit / ".cruft.json").read_text())


def assert_stores_answers_only(kit: Path) -> None:
    """Computed values and the reserved-name lists stay out of .cruft.json."""
    text = (kit / ".cruft.json").read_text()
    context = cruft_state(kit)["context"]["cookiecutter"]
    computed = [name for name, q in copier_questions().items() if q.get("when", True) is False]
    for name in (*computed, cookiecutter_files.KIT_FOLDER_VARIABLE, "stdlib", "keywords"):
        assert name not in text, f"{name} is stored in .cruft.json"
    assert context["package_name"] == PACKAGE


def test_cruft_creates_updates_and_switches_a_kit_keeping_student_work(
    template_repo: Path, tmp_path: Path, cookiecutter_home: Path
) -> None:
    with COPIER_LOCK:
        kit = create(
            str(template_repo),
            output_dir=tmp_path / "kits",
            directory=DIRECTORY,
            checkout="1.0.0",
            extra_context={"framework": "flask"},
            no_input=True,
        )
    assert kit.name == PACKAGE.replace("_", "-")
    assert (kit / f"src/{PACKAGE}/flask_app/app.py").is_file()
    assert not (kit / f"src/{PACKAGE}/fastapi_app").exists()
    assert not list(kit.rglob("*.jinja")) and not list(kit.rglob("*.prune"))
    state = cruft_state(kit)
    assert state["template"] == str(template_repo) and state["directory"] == DIRECTORY
    assert_stores_answers_only(kit)
    git(kit, "init", "-q", "-b", "main")
    commit_all(kit, "Generated kit")
    p01 = stub_file(kit / f"src/{PACKAGE}/problems", 1)
    change_line(p01, first_todo_line(p01, 1), STUDENT_NOTE)
    commit_all(kit, "Student work")
    assert check(kit) is False, "2.0.0 is newer than the kit"

    with COPIER_LOCK:
        assert update(kit, checkout="2.0.0", skip_apply_ask=True)
    text = p01.read_text()
    assert text.startswith(V2_HEADER) and STUDENT_NOTE in text, "edit and template change merge"
    assert (kit / NEW_FILE).read_text() == NEW_FILE_RENDERED
    assert cruft_state(kit)["context"]["cookiecutter"]["cohort"] == "2027"
    assert_stores_answers_only(kit)
    assert not list(kit.rglob("*.rej")), "nothing was rejected"
    commit_all(kit, "Take template 2.0.0")

    with COPIER_LOCK:
        assert update(
            kit, checkout="2.0.0", extra_context={"framework": "both"}, skip_apply_ask=True
        )
    assert (kit / f"src/{PACKAGE}/fastapi_app/main.py").is_file()
    assert (kit / f"src/{PACKAGE}/flask_app/app.py").is_file()
    assert (kit / "tests/http/test_http_hosts_agree.py").is_file()
    assert "fastapi" in (kit / "pyproject.toml").read_text()
    assert STUDENT_NOTE in p01.read_text()
    assert cruft_state(kit)["context"]["cookiecutter"]["framework"] == "both"
    assert_stores_answers_only(kit)
    assert not list(kit.rglob("*.jinja")) and not list(kit.rglob("*.prune"))
    commit_all(kit, "Add FastAPI")
    assert check(kit) is True

    # scaffold finds a cruft kit through .cruft.json, and plans a resource for both hosts.
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        assert scaffold(["resource", "products", "name:str", "--dry-run", "--kit", str(kit)]) == 0
    for host in ("flask", "fastapi"):
        assert f"create  src/{PACKAGE}/resources/products/{host}_routes.py" in printed.getvalue()


def test_every_cruft_command_the_kit_shows_runs_the_pinned_cruft() -> None:
    pyproject = tomllib.loads((TEMPLATE_ROOT / "pyproject.toml").read_text())
    pins = [spec for spec in pyproject["dependency-groups"]["dev"] if spec.startswith("cruft==")]
    assert len(pins) == 1, pins
    readme = (TEMPLATE_DIR / "README.md.jinja").read_text()
    commands = re.findall(r"\bcruft(?:==\S+)? (?:create|update|check)\b", readme)
    assert commands, "the kit README shows how to update with cruft"
    assert all(command.startswith(f"{pins[0]} ") for command in commands), commands
