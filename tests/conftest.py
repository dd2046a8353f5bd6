"""The template suite's session: the kit farm, the test order and the timing tables.

Tests that assert on kits take the `kit_name` parameter (or `wrong_answer`, `right_answer`); once
collection is over, the farm (farm.py) starts building exactly those kits in a thread pool.
Those tests are moved to the end of the run, so that the other tests (questions, update,
scaffold) run in the main thread while the pool works. No pytest-xdist: one process, pytest's
own fixtures, and a pool sized to the machine's cores (`KIT_WORKERS` overrides it).
"""

from __future__ import annotations

import os
import resource
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import processes
import pytest
import timings
from farm import KitFarm
from kits import Kit, all_kits, combinations, copy_working_tree, default_choices, kit_id

KIT_NAMES = list(all_kits())  # every combination of the choices, then kits.EXTRA_KITS
# The kit the single-kit tests (real servers, the kit CLI) use: the answers `--defaults` gives.
DEFAULT_KIT_NAME = kit_id(default_choices())
# The kits that run deeply (real servers, generated resources): one per framework, the
# instructor kit at the default Python (see farm.py).
DEEP_KIT_NAMES = [
    kit_id(answers)
    for answers in combinations()
    if answers["edition"] == "instructor"
    and answers["python_version"] == default_choices()["python_version"]
]
# Test modules that are not about one kit, and the phase their time counts towards.
PHASE_OF_MODULE = {"test_update": "update", "test_servers": "servers"}
# The parameters and fixtures through which a test reads the farm: such a test runs after the
# others, while the farm works. A test of `kit_name`, `wrong_answer` or `right_answer` only
# reads what the farm ran (the farm builds that kit, or runs the answers), so its time is
# waiting and counts towards no phase. One of `default_kit` (the farm builds the default kit)
# or of `rendered_kit` (it reads the farm's copier render of that kit through `farm_render`,
# and renders the kit itself when the farm does not build it) runs commands of its own, so
# its time counts towards its module's phase.
READS_FARM_RESULTS = frozenset({"kit_name", "wrong_answer", "right_answer"})
READS_FARM = READS_FARM_RESULTS | {"default_kit", "rendered_kit"}

_farm: KitFarm | None = None
_started = time.perf_counter()


def kit_params(names: list[str] | None = None) -> list[pytest.param]:
    """`kit_name` parameters (ids are the names) for the given kits, or for every combination."""
    return [pytest.param(name, id=name) for name in (names or KIT_NAMES)]


def farm() -> KitFarm:
    assert _farm is not None, "the kit farm starts after collection"
    return _farm


def farm_reads(fixturenames: Iterable[str]) -> frozenset[str]:
    """Which of READS_FARM a test (by its fixture and parameter names) reads the farm through."""
    return READS_FARM.intersection(fixturenames)


def _farm_needs(item: pytest.Item) -> tuple[str | None, bool]:
    """The kit a test has the farm build (if any), and whether it reads answer verdicts."""
    reads = farm_reads(getattr(item, "fixturenames", ()))
    params = getattr(item, "callspec", None)
    name = params.params.get("kit_name") if params else None
    if name is None and "default_kit" in reads:
        name = DEFAULT_KIT_NAME
    return name, bool(reads & {"wrong_answer", "right_answer"})


def farm_render(name: str) -> tuple[Kit | None, Path | None]:
    """The farm's copier render of kit `name` and the template snapshot it rendered from.

    (None, None) when this run's farm does not build that kit: the caller renders it itself.
    """
    if _farm is None or name not in _farm.outcomes:
        return None, None
    return _farm.rendered(name).kit, _farm.snapshot


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Start the farm for the selected kits, and run the tests that read it last."""
    global _farm
    names: set[str] = set()
    answers_needed = False
    for item in items:
        name, wants_answers = _farm_needs(item)
        if name:
            names.add(name)
        answers_needed |= wants_answers
    items.sort(key=lambda item: bool(farm_reads(getattr(item, "fixturenames", ()))))
    if config.option.collectonly or not (names or answers_needed):
        return
    workers = int(os.environ.get("KIT_WORKERS") or os.cpu_count() or 2)
    deep = frozenset(DEEP_KIT_NAMES)
    _farm = KitFarm(names, answers_needed, workers=workers, deep_kits=deep)
    _farm.start()


@pytest.fixture
def kit(kit_name: str) -> Kit:
    """The built kit of the test's `kit_name` parameter (skipped if its Python is missing)."""
    outcome = farm().outcome(kit_name)
    return kit_of(outcome)


def kit_of(outcome) -> Kit:
    if outcome.skip_reason:
        if os.environ.get("CI"):
            pytest.fail(f"{outcome.name}: {outcome.skip_reason}", pytrace=False)
        pytest.skip(outcome.skip_reason)
    if outcome.kit is None or outcome.error:
        pytest.fail(f"kit {outcome.name} could not be built:\n{outcome.error}", pytrace=False)
    return outcome.kit


@pytest.fixture
def default_kit() -> Iterator[Kit]:
    """The default kit, with its environment to this test alone (no other command runs in it)."""
    with farm().exclusive(DEFAULT_KIT_NAME) as outcome:
        yield kit_of(outcome)


@pytest.fixture(scope="session")
def template_snapshot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The template's working tree copied into a plain folder: copier renders it without git."""
    return copy_working_tree(tmp_path_factory.mktemp("template-snapshot"))


@pytest.fixture(autouse=True)
def _time_by_module(request: pytest.FixtureRequest) -> Iterator[None]:
    """Count each test (and what it runs) towards its module's phase. The wall time of a test
    that only reads the farm's results (READS_FARM_RESULTS) is a wait for the farm: not counted."""
    only_reads_results = bool(farm_reads(request.fixturenames) & READS_FARM_RESULTS)
    phase = PHASE_OF_MODULE.get(request.module.__name__, "other tests")
    started = time.perf_counter()
    with timings.phase(phase):
        yield
    if not only_reads_results:
        timings.record(phase, time.perf_counter() - started)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    by_kit, by_phase, processes_started = timings.snapshot()
    if by_kit:
        steps = sorted({step for steps in by_kit.values() for step in steps})
        parts = ", ".join(
            f"{part}: wall, inside {step}" for part, step in timings.PARTS_OF_STEPS.items()
        )
        terminalreporter.section(
            "kit timings (CPU seconds of each step's processes; render: wall"
            + (f"; {parts}" if parts else "")
            + ")"
        )
        width = max(len(name) for name in by_kit) + 2  # the extra kits have long names
        header = f"{'kit':<{width}}" + "".join(f"{step[:13]:>14}" for step in steps)
        terminalreporter.write_line(header + f"{'total':>8}")
        for name in sorted(by_kit):
            cells = "".join(f"{by_kit[name].get(step, 0.0):>14.1f}" for step in steps)
            total = sum(s for step, s in by_kit[name].items() if step not in timings.PARTS_OF_STEPS)
            terminalreporter.write_line(f"{name:<{width}}{cells}{total:>8.1f}")
    terminalreporter.section("suite timings: wall seconds summed over threads, child CPU seconds")
    phases = [phase for phase in timings.PHASES if phase in by_phase]
    phases += sorted(set(by_phase) - set(phases))
    for phase in phases:
        wall, cpu = by_phase[phase]
        terminalreporter.write_line(f"{phase:<16}{wall:>8.1f} s wall {cpu:>8.1f} s CPU")
    counted = ", ".join(f"{tool} {count}" for tool, count in sorted(processes_started.items()))
    terminalreporter.write_line(f"processes started: {counted or 'none'}")
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    own_cpu = own.ru_utime + own.ru_stime
    cpu = own_cpu + children.ru_utime + children.ru_stime
    wall = time.perf_counter() - _started
    terminalreporter.write_line(
        f"wall {wall:.1f} s; CPU (user+sys) {cpu:.1f} s, of which this process {own_cpu:.1f} s "
        "(copier renders and updates run in it)"
    )


def pytest_unconfigure(config: pytest.Config) -> None:
    processes.kill_all()
    if _farm is not None:
        _farm.shutdown()
        _farm.cleanup()
