"""Fixtures that render each combination of answers once per test session.

Tests that use a kit are parametrized with `KIT_PARAMS`, whose ids are the kit names. The
`KitScheduling` below sends every test whose id names a kit to the same xdist worker, so each
kit is rendered and installed exactly once. (xdist's own `--dist loadgroup` does not group
parametrized tests with pytest 9 here: checked with xdist 3.8, the tests were split.)
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest
from kits import (
    Kit,
    clean_environment,
    combinations,
    default_choices,
    find_python,
    kit_id,
    output_of,
    render,
)
from xdist.scheduler import LoadScopeScheduling

TIMINGS_DIR_VARIABLE = "KIT_TIMINGS_DIR"


def kit_param(answers: dict[str, Any]) -> Any:
    """A pytest parameter for one combination; its id is the kit's name."""
    return pytest.param(answers, id=kit_id(answers), marks=pytest.mark.kit)


KIT_PARAMS = [kit_param(answers) for answers in combinations()]
KIT_NAMES = [param.id for param in KIT_PARAMS]


class KitScheduling(LoadScopeScheduling):
    """xdist scheduling by kit: a test whose id names a kit runs where that kit was built.

    Other tests are grouped by module, as with `--dist loadscope`.
    """

    def _split_scope(self, nodeid: str) -> str:
        for name in KIT_NAMES:
            if f"[{name}" in nodeid or f"-{name}]" in nodeid:
                return name
        return super()._split_scope(nodeid)


def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> KitScheduling:
    return KitScheduling(config, log)


# The kit the single-kit tests (real servers, the kit CLI) use: the answers `--defaults` gives.
DEFAULT_KIT = [param for param in KIT_PARAMS if param.id == kit_id(default_choices())]

_kits: dict[str, Kit | BaseException] = {}


def build_kit(answers: dict[str, Any], root: Path) -> Kit:
    """Render, git-commit and install one kit; later calls return the same kit (or failure)."""
    name = kit_id(answers)
    if name not in _kits:
        try:
            _kits[name] = _build(answers, root / name)
        except BaseException as error:  # remembered so the kit's other tests fail fast
            _kits[name] = error
            raise
    built = _kits[name]
    if isinstance(built, BaseException):
        pytest.fail(f"kit {name} could not be built: {built!r}", pytrace=False)
    return built


def _build(answers: dict[str, Any], path: Path) -> Kit:
    version = answers.get("python_version", "3.12")
    python = find_python(version)
    if python is None:
        message = f"Python {version} is not installed here; the kit for it cannot be tested"
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    started = time.perf_counter()
    render(path, answers)
    kit = Kit(path=path, answers=answers, env=clean_environment(python))
    kit.timings["render"] = time.perf_counter() - started
    for command in (["git", "init", "-q", "-b", "main"], ["git", "add", "-A"]):
        kit.run(*command, step="git")
    kit.run("git", "commit", "-q", "-m", "Generated kit", step="git")
    synced = kit.run("uv", "sync", "--quiet", step="uv sync")
    assert synced.returncode == 0, output_of(synced)
    return kit


@pytest.fixture(scope="session")
def kits_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("kits")


@pytest.fixture
def kit(request: pytest.FixtureRequest, kits_root: Path) -> Kit:
    """The kit of the test's parameter (see `KIT_PARAMS`), built on first use."""
    return build_kit(request.param, kits_root)


# ----- per-kit timings, printed at the end of the run (also under xdist) -----


def pytest_configure(config: pytest.Config) -> None:
    if not hasattr(config, "workerinput") and TIMINGS_DIR_VARIABLE not in os.environ:
        os.environ[TIMINGS_DIR_VARIABLE] = tempfile.mkdtemp(prefix="kit-timings-")


def pytest_sessionfinish(session: pytest.Session) -> None:
    directory = os.environ.get(TIMINGS_DIR_VARIABLE)
    if not directory:
        return
    worker = getattr(session.config, "workerinput", {}).get("workerid", "main")
    rows = {name: kit.timings for name, kit in _kits.items() if isinstance(kit, Kit)}
    Path(directory, f"{worker}.json").write_text(json.dumps(rows))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    directory = os.environ.get(TIMINGS_DIR_VARIABLE)
    if not directory or not Path(directory).is_dir():
        return
    rows: dict[str, dict[str, float]] = {}
    for file in sorted(Path(directory).glob("*.json")):
        rows.update(json.loads(file.read_text()))
    if not rows:
        return
    steps = sorted({step for timings in rows.values() for step in timings})
    terminalreporter.section("kit timings (seconds)")
    header = f"{'kit':<34}" + "".join(f"{step[:14]:>15}" for step in steps) + f"{'total':>9}"
    terminalreporter.write_line(header)
    for name in sorted(rows):
        timings = rows[name]
        cells = "".join(f"{timings.get(step, 0.0):>15.1f}" for step in steps)
        terminalreporter.write_line(f"{name:<34}{cells}{sum(timings.values()):>9.1f}")


def pytest_unconfigure(config: pytest.Config) -> None:
    if not hasattr(config, "workerinput"):
        shutil.rmtree(os.environ.pop(TIMINGS_DIR_VARIABLE, ""), ignore_errors=True)
