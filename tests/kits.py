"""Rendering, installing and running generated kits: the machinery behind the template's tests.

Kept out of conftest.py so that it reads as a small library: `combinations()` enumerates the
choice questions of copier.yml, `Kit` renders one combination once and runs commands in it.
"""

from __future__ import annotations

import glob
import itertools
import json
import os
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from copier import run_copy

TEMPLATE_ROOT = Path(__file__).resolve().parent.parent
COPIER_YML = TEMPLATE_ROOT / "copier.yml"
GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Kit Tester",
    "GIT_AUTHOR_EMAIL": "kit@example.com",
    "GIT_COMMITTER_NAME": "Kit Tester",
    "GIT_COMMITTER_EMAIL": "kit@example.com",
}


class _IncludeLoader(yaml.SafeLoader):
    """A YAML loader that understands copier's `!include` of a sibling file."""


def _include(loader: _IncludeLoader, node: yaml.Node) -> Any:
    path = COPIER_YML.parent / loader.construct_scalar(node)  # type: ignore[arg-type]
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_IncludeLoader)


_IncludeLoader.add_constructor("!include", _include)


def _copier_config() -> dict[str, Any]:
    merged: dict[str, Any] = {}
    text = COPIER_YML.read_text(encoding="utf-8")
    for document in yaml.load_all(text, Loader=_IncludeLoader):
        merged.update(document or {})
    return merged


def copier_settings() -> dict[str, Any]:
    """The `_`-prefixed settings of copier.yml."""
    return {key: value for key, value in _copier_config().items() if key.startswith("_")}


def copier_questions() -> dict[str, dict[str, Any]]:
    """Every question and computed value in copier.yml (settings starting with `_` left out)."""
    return {key: value for key, value in _copier_config().items() if not key.startswith("_")}


def choice_values(question: dict[str, Any]) -> list[Any]:
    """The values of a choice question, whether choices are a list or a label→value mapping."""
    choices = question["choices"]
    return list(choices.values()) if isinstance(choices, dict) else list(choices)


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


def kit_id(answers: dict[str, Any]) -> str:
    """A short readable name for a combination, e.g. `both-student-py3.12`."""
    first = ("framework", "edition")
    ordered = [key for key in first if key in answers] + sorted(set(answers) - set(first))
    parts = [str(answers[key]) for key in ordered if key != "python_version"]
    if "python_version" in answers:
        parts.append(f"py{answers['python_version']}")
    return "-".join(parts)


def find_python(version: str) -> str | None:
    """An interpreter of `version` on this machine (PATH first, then pyenv), or None."""
    for candidate in (shutil.which(f"python{version}"),):
        if candidate and _runs(candidate, version):
            return candidate
    pyenv_root = os.environ.get("PYENV_ROOT", str(Path.home() / ".pyenv"))
    for candidate in sorted(glob.glob(f"{pyenv_root}/versions/{version}.*/bin/python{version}")):
        if _runs(candidate, version):
            return candidate
    return None


def _runs(python: str, version: str) -> bool:
    try:
        out = subprocess.run(
            [python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except OSError:
        return False
    return out.stdout.strip() == version


def render(
    destination: Path,
    answers: dict[str, Any],
    *,
    template: Path = TEMPLATE_ROOT,
    vcs_ref: str = "HEAD",
) -> None:
    """Render `template` at `vcs_ref` (HEAD includes uncommitted changes) with copier's API."""
    run_copy(
        str(template),
        str(destination),
        data=answers,
        defaults=True,
        quiet=True,
        unsafe=False,
        vcs_ref=vcs_ref,
    )


def clean_environment(python: str | None = None) -> dict[str, str]:
    """Environment for commands inside a kit: no leaking virtualenv, no Python downloads.

    PYTHONDONTWRITEBYTECODE is dropped on purpose: a kit's venv is fresh (uv does not compile
    bytecode at install), so without cached .pyc files every pytest run in the kit would
    recompile pydantic, FastAPI and pytest's assertion rewrites, several seconds each time.
    """
    leaking = {"VIRTUAL_ENV", "PYTHONPATH", "PYTHONDONTWRITEBYTECODE"}
    env = {k: v for k, v in os.environ.items() if k not in leaking}
    env.update(GIT_IDENTITY)
    env.update(UV_PYTHON_DOWNLOADS="never", UV_NO_PROGRESS="1", NO_COLOR="1")
    env.pop("BOOTCAMP_STRICT", None)
    if python:
        env["UV_PYTHON"] = python
    return env


@dataclass
class Kit:
    """One rendered kit: its folder, answers, environment and the time each step took."""

    path: Path
    answers: dict[str, Any]
    env: dict[str, str]
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def package(self) -> str:
        return self.answers.get("package_name", "users_and_orders_backend")

    def run(
        self, *command: str, step: str | None = None, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        """Run a command in the kit, timing it under `step` when given."""
        started = time.perf_counter()
        completed = subprocess.run(
            list(command),
            cwd=self.path,
            env={**self.env, **(env or {})},
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        if step:
            self.timings[step] = self.timings.get(step, 0.0) + time.perf_counter() - started
        return completed

    def uv_run(self, *command: str, step: str | None = None, **kwargs: Any):
        """`uv run --frozen` a command from the kit's own environment."""
        return self.run("uv", "run", "--frozen", *command, step=step, **kwargs)

    def git_commit_all(self, message: str) -> None:
        for command in (["git", "add", "-A"], ["git", "commit", "-q", "-m", message]):
            completed = self.run(*command)
            assert completed.returncode == 0, completed.stderr

    def pytest_report(
        self, *arguments: str, env: dict[str, str] | None = None, step: str | None = None
    ):
        """Run the kit's pytest with a bootcamp JSON report; return (process, report)."""
        report_path = self.path / ".bootcamp-report.json"
        report_path.unlink(missing_ok=True)
        completed = self.uv_run(
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
