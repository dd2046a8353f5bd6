"""`scaffold new` and the post-generation hooks: from a checkout and installed from git.

Refusals come first: each must be one line, name the problem, and write nothing.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import processes
import pytest
import yaml
from kits import DEFAULT_PACKAGE, TEMPLATE_ROOT, clean_environment, copy_working_tree, output_of

from scaffold.source import TemplateSource, UnknownSource, from_install_record

HOOKS = [sys.executable, str(TEMPLATE_ROOT / "scaffold" / "post_generation.py")]


def scaffold(*arguments: str, cwd: Path = TEMPLATE_ROOT) -> subprocess.CompletedProcess[str]:
    """`scaffold ...` as `uv run scaffold` runs it in this checkout (an editable install)."""
    command = [sys.executable, "-m", "scaffold", *arguments]
    return processes.run(command, cwd=cwd, env=clean_environment())


def git(kit: Path, *arguments: str) -> str:
    completed = processes.run(["git", *arguments], cwd=kit)
    assert completed.returncode == 0, completed.stderr
    return completed.stdout


def assert_one_commit_with_the_lock(kit: Path) -> None:
    assert git(kit, "status", "--porcelain") == ""
    assert len(git(kit, "log", "--oneline").splitlines()) == 1
    assert "uv.lock" in git(kit, "ls-files").split(), "uv.lock is committed with the kit"


REFUSED = [
    (["-d", "framwork=flask"], 'not a question of this template (did you mean "framework"?)'),
    (["-d", "use_fastapi=false"], '"use_fastapi" is computed by copier.yml, not asked'),
    (["-d", "reserved_package_names=[]"], "is computed by copier.yml, not asked"),
    (["-d", "framework"], "write it as -d KEY=VALUE"),
    (["-d", "package_name=json"], "would shadow the standard library module"),
    (["--template", "/nowhere/template"], "/nowhere/template"),
]


@pytest.mark.parametrize(("arguments", "message"), REFUSED, ids=lambda value: repr(value))
def test_scaffold_new_refuses_bad_input_in_one_line_and_writes_nothing(
    tmp_path: Path, template_snapshot: Path, arguments: list[str], message: str
) -> None:
    kit = tmp_path / "kit"
    completed = scaffold(
        "new", str(kit), "--defaults", "--template", str(template_snapshot), *arguments
    )
    assert completed.returncode == 1, output_of(completed)
    assert completed.stderr.startswith("scaffold new: ") and message in completed.stderr
    assert len(completed.stderr.strip().splitlines()) == 1, completed.stderr
    assert not kit.exists()


def test_scaffold_new_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    kit = tmp_path / "kit"
    kit.mkdir()
    (kit / "notes.md").write_text("mine\n")
    completed = scaffold("new", str(kit), "--defaults")
    assert completed.returncode == 1
    assert "exists and is not empty" in completed.stderr, completed.stderr
    assert len(completed.stderr.strip().splitlines()) == 1, completed.stderr
    assert [path.name for path in kit.iterdir()] == ["notes.md"]


def test_scaffold_new_pretend_writes_nothing_and_runs_no_hook(
    tmp_path: Path, template_snapshot: Path
) -> None:
    kit = tmp_path / "kit"
    relative = ["--template", template_snapshot.name]  # recorded as an absolute path
    completed = scaffold(
        "new", str(kit), "--defaults", "--pretend", *relative, cwd=template_snapshot.parent
    )
    assert completed.returncode == 0, output_of(completed)
    assert "[skipped] hooks: --pretend given" in completed.stdout
    assert f'records its template as "{template_snapshot}"' in completed.stderr, completed.stderr
    assert not kit.exists()


def test_scaffold_new_from_a_checkout_commits_the_kit_and_its_lock_once(tmp_path: Path) -> None:
    kit = tmp_path / "kit"
    completed = scaffold(
        "new", str(kit), "--no-install", "--defaults", "--vcs-ref=HEAD", "-d", "framework=flask"
    )
    assert completed.returncode == 0, output_of(completed)
    for line in ("[done] git init", "[done] uv lock", "[done] first commit"):
        assert line in completed.stdout, completed.stdout
    assert "[skipped] uv sync: --no-install given" in completed.stdout
    assert_one_commit_with_the_lock(kit)
    answers = yaml.safe_load((kit / ".copier-answers.yml").read_text())
    assert answers["framework"] == "flask" and answers["_src_path"] == str(TEMPLATE_ROOT)
    assert not (kit / "src" / DEFAULT_PACKAGE / "fastapi_app").exists()

    (kit / "scratch.md").write_text("mine\n")
    again = processes.run([*HOOKS, str(kit), "--no-install"], env=clean_environment())
    assert again.returncode == 0, output_of(again)
    assert "[skipped] git init: already a git repository" in again.stdout
    assert "[skipped] first commit: the repository has commits already" in again.stdout
    assert len(git(kit, "log", "--oneline").splitlines()) == 1, "only ever one first commit"
    assert git(kit, "status", "--porcelain") == "?? scratch.md\n"


def test_scaffold_new_installed_from_a_git_url_renders_that_template(tmp_path: Path) -> None:
    """`uvx --from git+URL@TAG scaffold new DEST`, the way a lead installs it (offline here)."""
    repo = copy_working_tree(tmp_path / "repo")
    for command in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "v1"]):
        processes.run(["git", *command], cwd=repo, env=clean_environment())
    git(repo, "tag", "1.0.0")
    kit = tmp_path / "kit"
    url = f"git+{repo.as_uri()}"
    command = ["uv", "tool", "run", "--from", f"{url}@1.0.0", "scaffold", "new", str(kit)]
    completed = processes.run(
        [*command, "--defaults", "--no-install"], cwd=tmp_path, env=clean_environment(), timeout=600
    )
    assert completed.returncode == 0, output_of(completed)
    answers = yaml.safe_load((kit / ".copier-answers.yml").read_text())
    assert answers["_src_path"] == url and answers["_commit"] == "1.0.0"
    assert "[done] first commit" in completed.stdout, completed.stdout
    assert_one_commit_with_the_lock(kit)
    assert (kit / "src" / DEFAULT_PACKAGE / "core").is_dir()
    assert not list(kit.rglob("*.dist-info")), "scaffold's own site-packages were copied"
    # A file:// URL is a path on the lead's machine: the message after copy says so.
    assert f'records its template as "{url}"' in completed.stderr, completed.stderr


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        (
            {
                "url": "https://github.com/acme/template",
                "vcs_info": {"vcs": "git", "requested_revision": "0.2.0", "commit_id": "ab12"},
            },
            TemplateSource("git+https://github.com/acme/template", "0.2.0"),
        ),
        (
            {"url": "https://github.com/acme/template", "vcs_info": {"vcs": "git"}},
            TemplateSource("git+https://github.com/acme/template", None),
        ),
        (
            {"url": "file:///work/template", "dir_info": {"editable": True}},
            TemplateSource("/work/template", None),
        ),
    ],
)
def test_the_template_is_where_scaffold_was_installed_from(
    record: dict[str, object], expected: TemplateSource
) -> None:
    assert from_install_record(json.dumps(record)) == expected


@pytest.mark.parametrize(
    ("record", "message"),
    [
        (None, "installed from a package index"),
        ('{"url": "https://example.com/t.whl", "archive_info": {}}', "from an archive"),
    ],
)
def test_an_install_without_the_template_asks_for_it(record: str | None, message: str) -> None:
    with pytest.raises(UnknownSource, match=message) as unknown:
        from_install_record(record)
    assert "--template URL" in str(unknown.value)


@pytest.mark.parametrize(
    ("answers", "text"),
    [(".copier-answers.yml", "_commit: test\n"), (".cruft.json", '{"template": "t"}\n')],
    ids=["copier", "cruft"],
)
def test_hooks_say_why_they_skip_without_git_or_uv(tmp_path: Path, answers: str, text: str) -> None:
    kit = tmp_path / "kit"
    kit.mkdir()
    (kit / answers).write_text(text)
    empty_bin = tmp_path / "bin"
    empty_bin.mkdir()
    completed = processes.run(
        [*HOOKS, str(kit)], env={**clean_environment(), "PATH": str(empty_bin)}
    )
    assert completed.returncode == 0, completed.stderr
    assert "[skipped] git init: git is not on PATH" in completed.stdout
    assert "[skipped] uv lock: uv is not on PATH" in completed.stdout
    assert "[skipped] uv sync: uv is not on PATH" in completed.stdout
    assert not (kit / ".git").exists()


def test_hooks_explain_a_pyenv_shim_that_uv_could_not_run(tmp_path: Path) -> None:
    """A stand-in uv that fails the way uv does when it runs an inactive pyenv shim."""
    kit = tmp_path / "kit"
    kit.mkdir()
    (kit / ".copier-answers.yml").write_text("_commit: test\n")
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    fake_uv = fake_bin / "uv"
    pyenv_error = "pyenv: python3.13: command not found\nSee 'pyenv help global' for tips"
    fake_uv.write_text(f"#!/bin/sh\nprintf '%s\\n' \"{pyenv_error}\" >&2\nexit 2\n")
    fake_uv.chmod(0o755)
    environment = {**clean_environment(), "PATH": f"{fake_bin}{os.pathsep}/usr/bin{os.pathsep}/bin"}
    completed = processes.run([*HOOKS, str(kit)], env=environment)
    assert "[failed] uv lock: pyenv: python3.13: command not found" in completed.stdout
    assert "run `uv lock` again" in completed.stdout
    assert completed.stdout.count("export UV_PYTHON=$(pyenv prefix 3.13)/bin/python") == 2, (
        "both uv steps name the cause and the fix"
    )


def test_hooks_refuse_a_folder_that_is_not_a_kit(tmp_path: Path) -> None:
    completed = scaffold("hooks", str(tmp_path))
    assert completed.returncode == 1, "a refusal (2 is for usage errors)"
    assert "is not a generated kit" in completed.stderr
    assert ".copier-answers.yml or .cruft.json" in completed.stderr, completed.stderr
    assert len(completed.stderr.strip().splitlines()) == 1, completed.stderr


def test_scaffold_help_lists_the_new_command() -> None:
    completed = scaffold("new", "--help")
    assert completed.returncode == 0
    assert "copier copy" in completed.stdout
