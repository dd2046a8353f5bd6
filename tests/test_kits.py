"""Every combination of answers renders a kit that is clean, installs, lints and tests green.

The combinations come from copier.yml itself (see `kits.combinations`), so a new choice question
is covered without editing this file.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from conftest import KIT_PARAMS
from kits import Kit, output_of

pytestmark = pytest.mark.parametrize("kit", KIT_PARAMS, indirect=True)

WINDOWS_FORBIDDEN = re.compile(r'[<>:"\\|?*\x00-\x1f]')
WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10))}
WINDOWS_RESERVED |= {f"lpt{i}" for i in range(10)}
JINJA_LEFTOVER = re.compile(r"\{\{|\{%|\{#")
# Files that must contain Jinja-like text, and why.
JINJA_ALLOWED = {
    ".github/workflows/ci.yml": "GitHub Actions expressions `${{ ... }}`",
}
SKIPPED_DIRS = {".git", ".venv", ".pytest_cache", ".ruff_cache", ".hypothesis", "__pycache__"}
FRAMEWORK_MODULES = ("flask", "fastapi", "starlette")


def kit_files(kit: Kit) -> list[Path]:
    """Files that came from the template (tool caches and the environment left out)."""
    return [
        path
        for path in kit.path.rglob("*")
        if path.is_file() and not SKIPPED_DIRS.intersection(path.relative_to(kit.path).parts)
    ]


def test_file_names_are_portable(kit: Kit) -> None:
    bad = []
    for path in kit_files(kit):
        for part in path.relative_to(kit.path).parts:
            stem = part.split(".")[0].lower()
            if (
                WINDOWS_FORBIDDEN.search(part)
                or part.endswith((" ", "."))
                or stem in WINDOWS_RESERVED
            ):
                bad.append(str(path.relative_to(kit.path)))
    assert not bad, f"file names invalid on Windows: {bad}"


def test_no_jinja_left_in_rendered_text(kit: Kit) -> None:
    leftovers = []
    for path in kit_files(kit):
        relative = path.relative_to(kit.path).as_posix()
        if relative in JINJA_ALLOWED or relative == "uv.lock":
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        for number, line in enumerate(text.splitlines(), 1):
            if JINJA_LEFTOVER.search(line):
                leftovers.append(f"{relative}:{number}: {line.strip()}")
    assert not leftovers, "leftover Jinja syntax:\n" + "\n".join(leftovers)


def test_ruff_check_and_format_are_clean(kit: Kit) -> None:
    check = kit.uv_run("ruff", "check", ".", step="ruff")
    assert check.returncode == 0, output_of(check)
    formatted = kit.uv_run("ruff", "format", "--check", ".", step="ruff")
    assert formatted.returncode == 0, output_of(formatted)


def test_pre_commit_passes_on_all_files(kit: Kit) -> None:
    completed = kit.uv_run("pre-commit", "run", "--all-files", step="pre-commit")
    assert completed.returncode == 0, output_of(completed)


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
            str(path.relative_to(kit.path))
            for path in kit_files(kit)
            if path.suffix == ".py" and pattern.search(path.read_text(encoding="utf-8"))
        ]
        assert not importing, f"{framework} imported at module level in a kit without it"


def test_core_imports_no_web_framework(kit: Kit) -> None:
    script = (
        "import importlib, pkgutil, sys\n"
        f"import {kit.package}.core as core\n"
        "for info in pkgutil.walk_packages(core.__path__, core.__name__ + '.'):\n"
        "    importlib.import_module(info.name)\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {FRAMEWORK_MODULES!r}))\n"
    )
    completed = kit.uv_run("python", "-c", script)
    assert completed.returncode == 0, output_of(completed)
    assert completed.stdout.strip() == "[]", f"the core imported {completed.stdout.strip()}"


def test_kit_test_suite_passes_and_reports_progress(kit: Kit) -> None:
    completed, report = kit.pytest_report(step="pytest")
    assert completed.returncode == 0, output_of(completed)
    assert report is not None, output_of(completed)
    states = {code: entry["state"] for code, entry in report["problems"].items()}
    available = [code for code, state in states.items() if state != "unavailable"]
    lines = completed.stdout.splitlines()
    if kit.answers["edition"] == "student":
        assert all(states[code] == "todo" for code in available), states
        assert f"Progress: 0/{len(states)} problems solved" in lines, completed.stdout
    else:
        assert all(states[code] == "solved" for code in available), states
        progress = f"Progress: {len(available)}/{len(states)} problems solved"
        assert progress in lines, completed.stdout


def test_problem_tests_fail_on_stubs_and_pass_on_solutions(kit: Kit) -> None:
    """Strict mode runs every problem's tests for real: stubs must fail, solutions must pass."""
    completed, report = kit.pytest_report(
        "tests/problems", env={"BOOTCAMP_STRICT": "1"}, step="pytest strict"
    )
    assert report is not None, output_of(completed)
    assert report["strict"] is True
    problems = report["problems"]
    for code, entry in problems.items():
        if entry["state"] == "unavailable":
            assert "copier update --defaults -d framework=both" in completed.stdout, code
            continue
        if kit.answers["edition"] == "student":
            assert entry["failed"] > 0, f"{code}: its tests pass against the stub: {entry}"
            assert entry["state"] == "failing", entry
        else:
            assert entry["failed"] == 0 and entry["passed"] > 0, f"{code}: {entry}"
    if kit.answers["edition"] == "student":
        assert completed.returncode == 1, output_of(completed)
    else:
        assert completed.returncode == 0, output_of(completed)
    unavailable = {code for code, entry in problems.items() if entry["state"] == "unavailable"}
    expected_unavailable = {
        "flask": {"P17"},
        "fastapi": {"P16"},
        "both": set(),
    }[kit.answers["framework"]]
    assert unavailable == expected_unavailable
