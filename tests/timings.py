"""Where the suite's time goes: seconds per kit and step, per phase, and processes started.

Steps are recorded by whoever runs them (`Kit.run(step=...)`, the farm, timed test modules),
as wall seconds and as the CPU seconds of the child processes they ran (the farm runs kits in
a thread pool, so wall seconds overlap; CPU seconds add up). The conftest prints the tables.
"""

from __future__ import annotations

import threading
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

# Step name -> the phase it counts towards in the per-phase totals.
PHASE_OF_STEP = {
    "render": "render",
    "git": "render",
    "install": "install",
    "pre-commit": "lint",
    "pytest": "kit tests",
    "pytest strict": "strict",
    "wrong answers": "wrong answers",
    "servers": "servers",
    "generator": "generator",
}
PHASES = (
    "render",
    "install",
    "lint",
    "kit tests",
    "strict",
    "wrong answers",
    "update",
    "servers",
    "generator",
    "other tests",
)

# Columns of the kit table that are part of another step (wall seconds), left out of its total.
PARTS_OF_STEPS: dict[str, str] = {}

_lock = threading.Lock()
_by_kit: defaultdict[str, Counter[str]] = defaultdict(Counter)
_phase_wall: Counter[str] = Counter()
_phase_cpu: Counter[str] = Counter()
_processes: Counter[str] = Counter()


def phase_of(step: str) -> str:
    return PHASE_OF_STEP.get(step, step)


def record(step: str, seconds: float, *, cpu: float | None = None, kit: str = "") -> None:
    """Add `seconds` of wall time to `step`'s phase; per kit, its CPU seconds (or wall).

    Child CPU reaches the phase tables through `charge`; `cpu` here is only for the kit table.
    """
    with _lock:
        if kit:
            _by_kit[kit][step] += seconds if cpu is None else cpu
        _phase_wall[phase_of(step)] += seconds


def record_within(step: str, part: str, seconds: float, *, kit: str) -> None:
    """Show `part` of a kit's `step` (wall seconds) in the kit table, counted in no phase.

    The notebooks run inside the kit's pytest step: their seconds are already part of it.
    """
    with _lock:
        _by_kit[kit][part] += seconds
        PARTS_OF_STEPS[part] = step


def count_process(command: Sequence[str]) -> None:
    """Count a started command by the tool it runs (`pytest`, `pre-commit`, `uv`, ...)."""
    words = [word.rsplit("/", 1)[-1] for word in command if not word.startswith("-")]
    if words[:2] == ["uv", "run"]:
        words = words[2:]
    tool = "pytest" if "pytest" in words[:3] else (words[0] if words else "?")
    if tool.startswith("python"):
        tool = "python"
    with _lock:
        _processes[tool] += 1


_current = threading.local()


@contextmanager
def phase(name: str) -> Iterator[None]:
    """Charge the child CPU of commands this thread runs in the block to phase `name`."""
    previous = getattr(_current, "phase", None)
    _current.phase = name
    try:
        yield
    finally:
        _current.phase = previous


def charge(cpu: float) -> None:
    """Add a finished child's CPU seconds to this thread's current phase."""
    with _lock:
        _phase_cpu[getattr(_current, "phase", None) or "other tests"] += cpu


def snapshot() -> tuple[
    dict[str, dict[str, float]], dict[str, tuple[float, float]], dict[str, int]
]:
    """Copies of the per-kit steps, the per-phase (wall, CPU) totals and the process counts."""
    with _lock:
        kits = {name: dict(steps) for name, steps in _by_kit.items()}
        phases = {phase: (_phase_wall[phase], _phase_cpu[phase]) for phase in _phase_wall}
        return kits, phases, dict(_processes)
