"""Steps after `copier copy`: git, uv.lock, a first commit, `uv sync`, pre-commit.

copier.yml has no `_tasks` (they would force `--trust`), so these steps run from
`scaffold new`, or by hand on a kit made with `copier copy`: `scaffold hooks KIT [--no-install]`
(or `python scaffold/post_generation.py KIT`: this file needs nothing but the standard library).

The kit commits its uv.lock, so the lock is made before the first commit: a later `uv run`
then finds nothing to write, and the tree stays clean for `copier update`. Every step is
idempotent (running twice changes nothing the second time; there is only ever one first
commit), needs no network beyond package installs, and reports what it did or why it skipped.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

FALLBACK_IDENTITY = ("Bootcamp Scaffold", "scaffold@example.com")
FIRST_COMMIT_MESSAGE = "Generate the kit from the bootcamp template"
COPIER_ANSWERS = ".copier-answers.yml"
CRUFT_ANSWERS = ".cruft.json"  # a kit made with cookiecutter, through cruft
ANSWERS_FILES = (COPIER_ANSWERS, CRUFT_ANSWERS)


@dataclass(frozen=True)
class StepResult:
    """What one step did: `done`, `skipped` or `failed`, with a sentence saying why."""

    step: str
    status: str
    detail: str

    def __str__(self) -> str:
        return f"[{self.status}] {self.step}: {self.detail}"


def _run(command: Sequence[str], kit: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(command), cwd=kit, capture_output=True, text=True, check=False)


def _last_lines(text: str, count: int = 5) -> str:
    return " | ".join(text.strip().splitlines()[-count:])


def _pyenv_shim_advice(stderr: str) -> str | None:
    """How to point uv at a real interpreter, when uv's error is pyenv's "command not found"."""
    if "pyenv help global" not in stderr:
        return None
    found = re.search(r"python(\d+\.\d+)", stderr)
    version = found.group(1) if found else "3.X"
    return (
        "uv ran a pyenv shim for a Python that pyenv has not activated here; point uv at a real "
        f"interpreter (`export UV_PYTHON=$(pyenv prefix {version})/bin/python`, or "
        f"`pyenv shell {version}`)"
    )


def _uv_failure(completed: subprocess.CompletedProcess[str], retry: str) -> str:
    """uv's last lines, what to run again, and the known cause when uv's error shows it."""
    detail = f"{_last_lines(completed.stderr)} ({retry})"
    advice = _pyenv_shim_advice(completed.stderr)
    return f"{detail}; {advice}" if advice else detail


def init_git(kit: Path) -> StepResult:
    """Create the git repository that `copier update` needs later."""
    if shutil.which("git") is None:
        return StepResult("git init", "skipped", "git is not on PATH; install git, then run it")
    if (kit / ".git").exists():
        return StepResult("git init", "skipped", "already a git repository")
    completed = _run(["git", "init", "-q"], kit)
    if completed.returncode:
        return StepResult("git init", "failed", _last_lines(completed.stderr))
    return StepResult("git init", "done", "created the repository")


def lock(kit: Path) -> StepResult:
    """Write uv.lock, so the first commit pins the versions every student will install."""
    if shutil.which("uv") is None:
        return StepResult("uv lock", "skipped", "uv is not on PATH; run `uv lock`, commit uv.lock")
    completed = _run(["uv", "lock", "--quiet"], kit)
    if completed.returncode:
        detail = _uv_failure(completed, "run `uv lock` again, then commit uv.lock")
        return StepResult("uv lock", "failed", detail)
    return StepResult("uv lock", "done", "uv.lock pins every dependency")


def _has_commits(kit: Path) -> bool:
    return _run(["git", "rev-parse", "--verify", "--quiet", "HEAD"], kit).returncode == 0


def _identity_options(kit: Path) -> list[str]:
    """Use the user's git identity if set; otherwise a clearly fake one, only for this commit."""
    name = _run(["git", "config", "user.name"], kit).stdout.strip()
    email = _run(["git", "config", "user.email"], kit).stdout.strip()
    if name and email:
        return []
    fallback_name, fallback_email = FALLBACK_IDENTITY
    return [
        "-c",
        f"user.name={name or fallback_name}",
        "-c",
        f"user.email={email or fallback_email}",
    ]


def first_commit(kit: Path) -> StepResult:
    """Commit the generated files once, so later changes show up as the user's own diff."""
    if shutil.which("git") is None or not (kit / ".git").exists():
        return StepResult("first commit", "skipped", "no git repository")
    if _has_commits(kit):
        return StepResult(
            "first commit", "skipped", "the repository has commits already; commit changes yourself"
        )
    _run(["git", "add", "-A"], kit)
    command = ["git", *_identity_options(kit), "commit", "-q", "-m", FIRST_COMMIT_MESSAGE]
    completed = _run(command, kit)
    if completed.returncode:
        return StepResult("first commit", "failed", _last_lines(completed.stderr))
    return StepResult("first commit", "done", FIRST_COMMIT_MESSAGE)


def uv_sync(kit: Path) -> StepResult:
    """Create .venv and install the kit with its dev tools, at the locked versions."""
    if shutil.which("uv") is None:
        return StepResult("uv sync", "skipped", "uv is not on PATH (pip install uv)")
    completed = _run(["uv", "sync"], kit)
    if completed.returncode:
        return StepResult("uv sync", "failed", _uv_failure(completed, "run `uv sync` again"))
    return StepResult("uv sync", "done", "installed the kit into .venv")


def install_pre_commit(kit: Path) -> StepResult:
    """Install the git hook that runs the kit's local pre-commit hooks on every commit."""
    if shutil.which("uv") is None:
        return StepResult("pre-commit install", "skipped", "uv is not on PATH")
    if not (kit / ".git").exists():
        return StepResult("pre-commit install", "skipped", "no git repository")
    completed = _run(["uv", "run", "pre-commit", "install"], kit)
    if completed.returncode:
        return StepResult("pre-commit install", "failed", _last_lines(completed.stderr))
    return StepResult("pre-commit install", "done", "git hook installed")


def run_all(kit: Path, *, install: bool = True) -> list[StepResult]:
    """Run the steps in order; installs are optional (`install=False` skips them)."""
    results = [init_git(kit), lock(kit), first_commit(kit)]
    if install:
        results += [uv_sync(kit), install_pre_commit(kit)]
    else:
        for step in ("uv sync", "pre-commit install"):
            results.append(StepResult(step, "skipped", "--no-install given"))
    return results


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("kit", type=Path, help="folder of a generated kit")
    parser.add_argument(
        "--no-install", action="store_true", help="skip uv sync and pre-commit install"
    )


def report(results: Sequence[StepResult]) -> int:
    """Print what each step did; the exit code: 1 if one failed, else 0."""
    for result in results:
        print(result)
    return 1 if any(result.status == "failed" for result in results) else 0


def run(arguments: argparse.Namespace) -> int:
    """Run every step on `arguments.kit` and print what each did; 1 if refused or one failed."""
    if not any((arguments.kit / name).is_file() for name in ANSWERS_FILES):
        print(
            f"{arguments.kit} is not a generated kit (it has no {' or '.join(ANSWERS_FILES)}): "
            "give the folder of a kit made with `copier copy` or cruft",
            file=sys.stderr,
        )
        return 1
    return report(run_all(arguments.kit, install=not arguments.no_install))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
