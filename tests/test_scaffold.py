"""`scaffold new` and the post-generation hooks: git, idempotence, clear skips."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import processes
from kits import GIT_IDENTITY, TEMPLATE_ROOT

HOOKS = [sys.executable, str(TEMPLATE_ROOT / "hooks" / "post_generation.py")]


def scaffold(
    *arguments: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "scaffold", *arguments]
    return processes.run(
        command, cwd=TEMPLATE_ROOT, env={**os.environ, **GIT_IDENTITY, **(env or {})}
    )


def git(kit: Path, *arguments: str) -> str:
    completed = processes.run(["git", *arguments], cwd=kit)
    assert completed.returncode == 0, completed.stderr
    return completed.stdout


def test_scaffold_new_generates_a_committed_kit(tmp_path: Path) -> None:
    kit = tmp_path / "kit"
    completed = scaffold(
        "new", str(kit), "--no-install", "--defaults", "--vcs-ref=HEAD", "-d", "framework=flask"
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "[done] git init" in completed.stdout
    assert "[done] first commit" in completed.stdout
    assert "[skipped] uv sync: --no-install given" in completed.stdout
    assert git(kit, "status", "--porcelain") == ""
    assert "framework: flask" in (kit / ".copier-answers.yml").read_text()
    assert not (kit / "src" / "users_and_orders_backend" / "fastapi_app").exists()

    again = processes.run([*HOOKS, str(kit), "--no-install"])
    assert again.returncode == 0, again.stderr
    assert "[skipped] git init: already a git repository" in again.stdout
    assert "[skipped] first commit: nothing to commit" in again.stdout
    assert len(git(kit, "log", "--oneline").splitlines()) == 1


def test_scaffold_new_stops_before_hooks_when_copier_refuses(tmp_path: Path) -> None:
    kit = tmp_path / "kit"
    completed = scaffold("new", str(kit), "--defaults", "--vcs-ref=HEAD", "-d", "package_name=json")
    assert completed.returncode == 1
    assert "would shadow the standard library module" in completed.stderr
    assert "no hook was run" in completed.stderr
    assert not (kit / ".git").exists()


def test_hooks_say_why_they_skip_without_git_or_uv(tmp_path: Path) -> None:
    kit = tmp_path / "kit"
    kit.mkdir()
    (kit / ".copier-answers.yml").write_text("_commit: test\n")
    empty_bin = tmp_path / "bin"
    empty_bin.mkdir()
    completed = processes.run([*HOOKS, str(kit)], env={**os.environ, "PATH": str(empty_bin)})
    assert completed.returncode == 0, completed.stderr
    assert "[skipped] git init: git is not on PATH" in completed.stdout
    assert "[skipped] uv sync: uv is not on PATH" in completed.stdout
    assert not (kit / ".git").exists()


def test_hooks_refuse_a_folder_that_is_not_a_kit(tmp_path: Path) -> None:
    completed = processes.run([*HOOKS, str(tmp_path)])
    assert completed.returncode == 2
    assert "is not a generated kit" in completed.stderr


def test_scaffold_help_lists_the_new_command() -> None:
    completed = scaffold("new", "--help")
    assert completed.returncode == 0
    assert "copier copy" in completed.stdout
