"""Child processes that can never hang the suite: own process group, a timeout on every wait.

`subprocess.run(..., timeout=...)` kills only the direct child on timeout and then waits for its
pipes with no timeout at all, so a surviving grandchild (gunicorn under `uv run`, pytest under
`uv run`) keeps the suite waiting forever. Every command here starts in a new session (its own
process group); on timeout, on error or at the end of the run the whole group is killed, and
the wait for the pipes after that is bounded too.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import threading
from collections.abc import Sequence
from pathlib import Path

import timings

DEFAULT_TIMEOUT = 300.0
# After SIGKILL of the whole group the pipes close at once; this only bounds a wait that
# cannot otherwise end (a process that left the group on purpose).
DRAIN_TIMEOUT = 10.0

_live: set[subprocess.Popen[str]] = set()
_live_lock = threading.Lock()


class CommandTimeout(AssertionError):
    """A command outlived its timeout; its process group was killed."""


class _Process(subprocess.Popen):
    """A Popen that keeps the CPU time of its child (`os.wait4` instead of `os.waitpid`)."""

    cpu_seconds = 0.0

    def _try_wait(self, wait_flags: int) -> tuple[int, int]:  # the hook Popen.wait calls
        try:
            pid, status, usage = os.wait4(self.pid, wait_flags)
        except ChildProcessError:
            return self.pid, 0  # already reaped elsewhere: Popen treats it the same way
        if pid == self.pid:
            self.cpu_seconds = usage.ru_utime + usage.ru_stime
        return pid, status


class Completed(subprocess.CompletedProcess):
    """A finished command, with the CPU seconds its process (and what it waited for) used."""

    cpu_seconds: float = 0.0


def kill_group(process: subprocess.Popen[str], sig: int = signal.SIGKILL) -> None:
    """Send `sig` to every process of `process`'s group (it leads its own session)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, sig)


def start(
    command: Sequence[str],
    *,
    cwd: Path | str | None = None,
    env: dict[str, str] | None = None,
    merge_stderr: bool = False,
) -> subprocess.Popen[str]:
    """Start `command` in a new process group, remembered until `finish` or `kill_all`."""
    process = _Process(
        list(command),
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT if merge_stderr else subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    with _live_lock:
        _live.add(process)
    return process


def finish(process: subprocess.Popen[str], timeout: float) -> tuple[str, str]:
    """Wait for `process` (killing its group after `timeout` s); return its stdout and stderr."""
    try:
        try:
            out, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            kill_group(process)
            out, err = process.communicate(timeout=DRAIN_TIMEOUT)
            raise CommandTimeout(
                f"{' '.join(process.args)} did not finish in {timeout:.0f} s; its process "
                f"group was killed.\n--- stdout\n{out}\n--- stderr\n{err}"
            ) from None
    finally:
        kill_group(process)  # whatever it left behind goes with it
        with _live_lock:
            _live.discard(process)
    return out or "", err or ""


def run(
    command: Sequence[str],
    *,
    cwd: Path | str | None = None,
    env: dict[str, str] | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> Completed:
    """Run `command` to completion, bounded by `timeout`; never raises for a non-zero exit."""
    process = start(command, cwd=cwd, env=env)
    out, err = finish(process, timeout)
    completed = Completed(list(command), process.returncode, out, err)
    completed.cpu_seconds = getattr(process, "cpu_seconds", 0.0)
    timings.charge(completed.cpu_seconds)
    timings.count_process(command)
    return completed


def kill_all() -> None:
    """Kill every process group still running (end of the session, or an interrupt)."""
    with _live_lock:
        remaining = list(_live)
    for process in remaining:
        kill_group(process)
