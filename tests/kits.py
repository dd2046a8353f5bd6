"""Rendering, installing and running generated kits: the machinery behind the template's tests.

`combinations()` enumerates the choice questions of copier.yml, `render` runs copier, `Kit` is
one rendered kit and runs commands in it. Which kit runs what, and how often, is `farm.py`'s job.
"""

from __future__ import annotations

import functools
import glob
import hashlib
import itertools
import json
import os
import shutil
import subprocess
import sys
import threading
import time
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import processes
import timings
import yaml
from cookiecutter.main import cookiecutter
from copier import run_copy

TEMPLATE_ROOT = Path(__file__).resolve().parent.parent
# scripts/cookiecutter_files.py reads copier.yml and lists the template's files for the
# generators; scripts/ is on pytest's pythonpath (pyproject.toml), and is put on sys.path here
# for tests/reserved_names.py, which also runs as a script.
if str(TEMPLATE_ROOT / "scripts") not in sys.path:
    sys.path.append(str(TEMPLATE_ROOT / "scripts"))
import cookiecutter_files  # noqa: E402
from cookiecutter_files import choice_values, copier_config, questions_of  # noqa: E402

STUDENT_OWNED_PATHS = TEMPLATE_ROOT / "student-owned-paths.txt"
DEFAULT_PACKAGE = "users_and_orders_backend"
GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Kit Tester",
    "GIT_AUTHOR_EMAIL": "kit@example.com",
    "GIT_COMMITTER_NAME": "Kit Tester",
    "GIT_COMMITTER_EMAIL": "kit@example.com",
}
# Files that are not the kit's own: tool caches and environments made by running it.
NOT_KIT_FILES = {".git", ".venv", ".pytest_cache", ".ruff_cache", ".hypothesis", "__pycache__"}
# Each engine's own record of a kit's answers: the only files the two engines' kits may differ in.
ENGINE_ANSWER_FILES = {".copier-answers.yml", ".cruft.json"}


def _copier_pin() -> str:
    project = tomllib.loads((TEMPLATE_ROOT / "pyproject.toml").read_text())["project"]
    pins = [spec for spec in project["dependencies"] if spec.startswith("copier==")]
    assert len(pins) == 1, f"pyproject.toml must pin copier exactly once: {pins}"
    return pins[0].removeprefix("copier==")


# The copier version the template is tested with: every copier command the kit shows uses it.
COPIER_PIN = _copier_pin()
UVX_COPIER = f"uvx copier=={COPIER_PIN}"

# copier changes the process's working directory (plumbum's `local.cwd`) while it updates a
# project, so two copier calls must never overlap: every call in the suite holds this lock.
COPIER_LOCK = threading.RLock()


def copier_settings() -> dict[str, Any]:
    """The `_`-prefixed settings of copier.yml."""
    return {key: value for key, value in copier_config().items() if key.startswith("_")}


TEMPLATE_DIR = cookiecutter_files.template_tree(TEMPLATE_ROOT)
"""The template tree (copier's `_subdirectory`; cookiecutter's files are in its parent)."""
COOKIECUTTER_DIR = TEMPLATE_DIR.parent


def copier_questions() -> dict[str, dict[str, Any]]:
    """Every question and computed value in copier.yml (settings starting with `_` left out)."""
    return questions_of(copier_config())


def asked_choice_questions() -> dict[str, dict[str, Any]]:
    """The choice questions copier really asks (computed values, `when: false`, left out)."""
    return {
        name: question
        for name, question in copier_questions().items()
        if "choices" in question and question.get("when", True) is not False
    }


def combinations() -> list[dict[str, Any]]:
    """Every combination of the asked choice questions, read from copier.yml itself."""
    asked = {name: choice_values(question) for name, question in asked_choice_questions().items()}
    names = list(asked)
    return [dict(zip(names, values, strict=True)) for values in itertools.product(*asked.values())]


def default_choices() -> dict[str, Any]:
    """The answer `--defaults` gives to each asked choice question."""
    return {name: question["default"] for name, question in asked_choice_questions().items()}


# Answer sets that are unusual but allowed, built and checked like every combination (one farm
# pipeline each). tests/test_questions.py checks that they still test what their ids say.
LONGEST_PACKAGE_NAME = "acme_university_backend_cohort"
UNUSUAL_TEXT = {
    # Non-ASCII letters are dropped from the derived package_name; the backslash goes to JSON.
    "project_name": "Café Ñandú \\ Backend",
    "description": 'Says "hi" \\ and more',
    "author_name": "O'Brien \\ Co",
}
EXTRA_KITS: dict[str, dict[str, Any]] = {
    "both-instructor-py3.12-longest-name": {
        "framework": "both",
        "edition": "instructor",
        "python_version": "3.12",
        "package_name": LONGEST_PACKAGE_NAME,
    },
    "flask-student-py3.12-unusual-text": {
        "framework": "flask",
        "edition": "student",
        "python_version": "3.12",
        **UNUSUAL_TEXT,
    },
    # `notebooks` is a bool, not a choice: the combinations all take its default (true), so
    # this kit is the one without notebooks (no notebook unit, no Jupyter dependencies).
    "fastapi-instructor-py3.12-no-notebooks": {
        "framework": "fastapi",
        "edition": "instructor",
        "python_version": "3.12",
        "notebooks": False,
    },
}


def all_kits() -> dict[str, dict[str, Any]]:
    """Every kit the suite builds, by id: each combination of the choices, then EXTRA_KITS."""
    return {kit_id(answers): answers for answers in combinations()} | EXTRA_KITS


def kit_id(answers: dict[str, Any]) -> str:
    """A short readable name for a combination, e.g. `both-student-py3.12`."""
    first = ("framework", "edition")
    ordered = [key for key in first if key in answers] + sorted(set(answers) - set(first))
    parts = [str(answers[key]) for key in ordered if key != "python_version"]
    if "python_version" in answers:
        parts.append(f"py{answers['python_version']}")
    return "-".join(parts)


def student_owned_paths(package: str) -> list[str]:
    """The kit paths students own (student-owned-paths.txt), for a kit of `package`."""
    lines = STUDENT_OWNED_PATHS.read_text(encoding="utf-8").splitlines()
    paths = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    return [path.replace("{{package_name}}", package) for path in paths]


def missing_student_owned_paths(kit_files: Iterable[str], package: str) -> list[str]:
    """The student-owned paths a kit does not render: a template version must never do that."""
    rendered = set(kit_files)
    return [path for path in student_owned_paths(package) if path not in rendered]


def find_python(version: str) -> str | None:
    """An interpreter of `version` on this machine (PATH first, then pyenv), or None."""
    candidates = [shutil.which(f"python{version}")]
    pyenv_root = os.environ.get("PYENV_ROOT", str(Path.home() / ".pyenv"))
    candidates += sorted(glob.glob(f"{pyenv_root}/versions/{version}.*/bin/python{version}"))
    for candidate in candidates:
        if candidate and interpreter_version(candidate).startswith(f"{version}."):
            return candidate
    return None


def interpreter_version(python: str) -> str:
    """The full version (`3.12.1`) of an interpreter, or "" if it does not run."""
    try:
        completed = processes.run(
            [python, "-c", "import platform; print(platform.python_version())"], timeout=30
        )
    except OSError:
        return ""
    return completed.stdout.strip() if completed.returncode == 0 else ""


def working_tree_files(root: Path = TEMPLATE_ROOT) -> list[str]:
    """The template repository's files as git sees them: tracked and untracked, not ignored.

    git must list them (OSError otherwise): the suite never copies a folder as it is.
    """
    return [path.as_posix() for path in cookiecutter_files.git_files(root)]


def copy_working_tree(destination: Path, root: Path = TEMPLATE_ROOT) -> Path:
    """Copy the template's working tree (uncommitted changes included) into `destination`."""
    for name in working_tree_files(root):
        (destination / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / name, destination / name)
    return destination


def render(
    destination: Path,
    answers: dict[str, Any],
    *,
    template: Path = TEMPLATE_ROOT,
    vcs_ref: str | None = "HEAD",
    quiet: bool = True,
) -> None:
    """Render `template` with copier's API, as `copier copy --defaults` would (never trusted).

    `vcs_ref="HEAD"` renders a git template's working tree, uncommitted changes included; a
    plain folder (the suite's snapshot of the working tree) is rendered with `vcs_ref=None`,
    which spares copier a git clone per kit.
    """
    with COPIER_LOCK:
        run_copy(
            str(template),
            str(destination),
            data=answers,
            defaults=True,
            quiet=quiet,
            unsafe=False,
            vcs_ref=vcs_ref,
        )


def render_with_cookiecutter(
    output_dir: Path, answers: dict[str, Any], *, template: Path = TEMPLATE_ROOT
) -> Path:
    """Render `template` with cookiecutter's API, as `cookiecutter --no-input` would; the kit.

    In-process (about 0.5 s a kit, a third of copier's); cookiecutter changes the working
    directory while it renders, so it holds COPIER_LOCK too. Its user configuration (template
    cache, replay files) is kept next to `output_dir` in `<output_dir>.cookiecutter/`, never in
    the home folder.
    """
    output_dir.mkdir(parents=True, exist_ok=True)
    home = output_dir.with_name(f"{output_dir.name}.cookiecutter")
    home.mkdir(exist_ok=True)
    config = home / "config.yaml"
    config.write_text(
        f"cookiecutters_dir: {home / 'cookiecutters'}\nreplay_dir: {home / 'replay'}\n",
        encoding="utf-8",
    )
    with COPIER_LOCK:
        made = cookiecutter(
            str(template),
            directory=COOKIECUTTER_DIR.relative_to(TEMPLATE_ROOT).as_posix(),
            no_input=True,
            extra_context=dict(answers),
            output_dir=str(output_dir),
            config_file=str(config),
        )
    return Path(made)


@functools.cache
def default_python() -> str | None:
    """An interpreter of the version `--defaults` picks, for kits rendered with the defaults."""
    return find_python(str(copier_questions()["python_version"]["default"]))


def clean_environment(python: str | None = None) -> dict[str, str]:
    """Environment for commands inside a kit: no leaking virtualenv, no Python downloads.

    uv is always told which interpreter to use (the default kit's one unless `python` says
    otherwise): left to search PATH, it may run a pyenv shim whose version is not active
    there, and `uv lock` then fails with pyenv's "command not found".

    PYTHONDONTWRITEBYTECODE is dropped on purpose: a kit's venv is fresh (uv does not compile
    bytecode at install), so without cached .pyc files every pytest run in the kit would
    recompile pydantic, FastAPI and pytest's assertion rewrites, several seconds each time.
    """
    leaking = {"VIRTUAL_ENV", "PYTHONPATH", "PYTHONDONTWRITEBYTECODE", "UV_PROJECT_ENVIRONMENT"}
    env = {k: v for k, v in os.environ.items() if k not in leaking}
    env.update(GIT_IDENTITY)
    env.update(UV_PYTHON_DOWNLOADS="never", UV_NO_PROGRESS="1", NO_COLOR="1")
    env.pop("BOOTCAMP_STRICT", None)
    python = python or default_python()
    if python:
        env["UV_PYTHON"] = python
    return env


def file_digests(root: Path) -> dict[str, str]:
    """sha256 of every file under `root` that belongs to the kit, by POSIX relative path."""
    digests = {}
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if path.is_file() and not NOT_KIT_FILES.intersection(relative.parts):
            digests[relative.as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return digests


def file_modes(root: Path) -> dict[str, int]:
    """The permission bits of every file under `root` that belongs to the kit."""
    return {
        path.relative_to(root).as_posix(): path.stat().st_mode & 0o7777
        for path in sorted(root.rglob("*"))
        if path.is_file() and not NOT_KIT_FILES.intersection(path.relative_to(root).parts)
    }


def digest_of(*parts: object) -> str:
    """One short sha256 over `parts` (strings, or mappings dumped as sorted JSON)."""
    hasher = hashlib.sha256()
    for part in parts:
        text = part if isinstance(part, str) else json.dumps(part, sort_keys=True)
        hasher.update(text.encode("utf-8") + b"\0")
    return hasher.hexdigest()[:16]


@dataclass
class Kit:
    """One rendered kit: its folder, answers, environment and the files copier wrote."""

    path: Path
    answers: dict[str, Any]
    env: dict[str, str]
    name: str = ""
    files: dict[str, str] = field(default_factory=dict)
    """sha256 of each file as rendered, before any tool ran in the kit."""
    modes: dict[str, int] = field(default_factory=dict)
    """Permission bits of each file as rendered."""

    @property
    def package(self) -> str:
        """The kit's package: the answer given, or the one copier derived from the project name."""
        if "package_name" in self.answers:
            return self.answers["package_name"]
        recorded = self.path / ".copier-answers.yml"
        if recorded.is_file():
            return yaml.safe_load(recorded.read_text(encoding="utf-8"))["package_name"]
        return DEFAULT_PACKAGE

    @property
    def edition(self) -> str:
        return self.answers.get("edition", "student")

    def run(
        self,
        *command: str,
        step: str | None = None,
        env: dict[str, str] | None = None,
        timeout: float = processes.DEFAULT_TIMEOUT,
    ) -> processes.Completed:
        """Run a command in the kit (bounded by `timeout`), timing it under `step` when given."""
        started = time.perf_counter()
        if step is None:
            return processes.run(
                command, cwd=self.path, env={**self.env, **(env or {})}, timeout=timeout
            )
        with timings.phase(timings.phase_of(step)):
            completed = processes.run(
                command, cwd=self.path, env={**self.env, **(env or {})}, timeout=timeout
            )
        seconds = time.perf_counter() - started
        timings.record(step, seconds, cpu=completed.cpu_seconds, kit=self.name)
        return completed

    def uv_run(self, *command: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
        """`uv run --frozen` a command from the kit's own environment."""
        return self.run("uv", "run", "--frozen", *command, **kwargs)

    def pytest_report(
        self,
        *arguments: str,
        env: dict[str, str] | None = None,
        step: str | None = None,
        groups: tuple[str, ...] = (),
    ) -> tuple[subprocess.CompletedProcess[str], dict[str, Any] | None]:
        """Run the kit's pytest with a bootcamp JSON report; return (process, report).

        ``groups`` are dependency groups `uv run` installs first (`--group labs`).
        """
        report_path = self.path / ".bootcamp-report.json"
        report_path.unlink(missing_ok=True)
        completed = self.uv_run(
            *(option for group in groups for option in ("--group", group)),
            "pytest",
            "-p",
            "no:cacheprovider",
            f"--bootcamp-report={report_path}",
            *arguments,
            step=step,
            env=env,
        )
        report = json.loads(report_path.read_text()) if report_path.exists() else None
        report_path.unlink(missing_ok=True)
        return completed, report


def output_of(completed: subprocess.CompletedProcess[str]) -> str:
    """Both streams of a finished command, for assertion messages."""
    streams = f"--- stdout\n{completed.stdout}\n--- stderr\n{completed.stderr}"
    return f"exit {completed.returncode}\n{streams}"
