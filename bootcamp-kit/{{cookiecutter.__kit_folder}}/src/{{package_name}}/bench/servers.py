"""Production servers on 127.0.0.1, started and always stopped, with their CPU and memory.

The commands are the kit README's production commands (`production_command`), with one worker
so that a measurement is about one core. A server runs in its own process group: stopping it
stops uvicorn's workers too, and nothing outlives the bench, not even on Ctrl-C.

CPU and memory come from ``/proc`` (Linux): the user+system time of every process in the
server's group, and the resident memory of each. Elsewhere they are reported as unknown.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Final

HOST: Final = "127.0.0.1"
START_TIMEOUT: Final = 30.0
STOP_TIMEOUT: Final = 10.0
TICKS_PER_SECOND: Final = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
# The most waitress buffers of one request body; the app itself refuses more than 64 KiB.
WAITRESS_MAX_BODY_BYTES: Final = 1024 * 1024
# The most output waitress holds for one slow reader before it pauses the app's iterator.
WAITRESS_OUTPUT_BUFFER_BYTES: Final = 1024 * 1024
# waitress's worker threads: requests of one process that run the app at the same time.
WAITRESS_THREADS: Final = 8


def production_command(server: str, target: str, port: int, *, factory: bool = False) -> list[str]:
    """The README's production command for ``server`` ("waitress" or "uvicorn").

    waitress serves the Flask host because it reads each request whole, headers and body, in
    its event loop before a thread runs the app: a client that sends slowly holds a connection,
    never one of the threads (under gunicorn's threads, 8 slow clients left no thread for a
    health check). It refuses, itself, a body over ``WAITRESS_MAX_BODY_BYTES`` before reading
    it, so that buffering cannot fill the disk; smaller bodies over 64 KiB still get the app's
    413 in the error envelope. It pauses a streamed answer (the export) while
    ``WAITRESS_OUTPUT_BUFFER_BYTES`` wait for a slow reader, instead of its default 16 MiB per
    connection, so the export's memory stays flat (1,000,000 rows: the server grew 32 MB
    before, 8 MB after). Both run one process here, so that a figure is one process's.
    ``target`` names the app factory for waitress (``--call``); for uvicorn, the app, or with
    ``factory`` a function that makes it.
    """
    if server == "waitress":
        return [
            *("waitress-serve", "--threads", str(WAITRESS_THREADS)),
            f"--max-request-body-size={WAITRESS_MAX_BODY_BYTES}",
            f"--outbuf-high-watermark={WAITRESS_OUTPUT_BUFFER_BYTES}",
            *(f"--listen={HOST}:{port}", "--call", target),
        ]
    return [
        *("uvicorn", target, *(["--factory"] if factory else []), "--workers", "1"),
        "--no-access-log",
        *("--host", HOST, "--port", str(port)),
    ]


def free_port() -> int:
    """A TCP port nothing listens on right now, on 127.0.0.1."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def _group_pids(group: int, *, running_only: bool = False) -> list[int]:
    """Every process whose process group is ``group`` (the server and its workers).

    ``running_only`` leaves out zombies: processes that have ended but not been reaped yet.
    """
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended while we looked
        # Fields 3 (state) and 5 (process group) of /proc/PID/stat, counted after the name.
        if int(fields[2]) == group and not (running_only and fields[0] == "Z"):
            pids.append(int(entry.name))
    return pids


def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS_PER_SECOND  # utime + stime


def _rss_bytes(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


@dataclass
class Server:
    """A running server: where it listens, and its process group for measurements."""

    name: str
    port: int
    process: subprocess.Popen[bytes]
    log: Path

    def cpu_seconds(self) -> float | None:
        """CPU time used so far by every process of the server (None: not measurable here)."""
        if not Path("/proc/self/stat").exists():
            return None
        return sum(_cpu_seconds(pid) for pid in _group_pids(self.process.pid))

    def rss_bytes(self) -> int | None:
        """Resident memory of the server's processes right now (None: not measurable here)."""
        if not Path("/proc/self/status").exists():
            return None
        return sum(_rss_bytes(pid) for pid in _group_pids(self.process.pid))


def _answers_health(port: int) -> bool:
    try:
        with socket.create_connection((HOST, port), timeout=1) as connection:
            connection.sendall(f"GET /health HTTP/1.1\r\nHost: {HOST}\r\n\r\n".encode())
            return connection.recv(12).startswith(b"HTTP/1.1 200")
    except OSError:
        return False


def _pin_to(cpu: int | None) -> None:
    if cpu is not None and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {cpu})


@contextmanager
def running(
    name: str, command: list[str], port: int, *, env: dict[str, str], cpu: int | None = None
) -> Iterator[Server]:
    """Start ``command`` (a server on ``HOST:port``), wait for ``/health``, stop it afterwards.

    ``command[0]`` is this environment's console script of that name when there is one
    (``python_bin``), so a server starts even when the environment's bin folder is not on PATH.
    ``cpu`` pins the server and every worker it forks to one core, away from the client.
    """
    executable, *arguments = command
    with tempfile.NamedTemporaryFile(prefix=f"bench-{name}-", suffix=".log", delete=False) as log:
        log_path = Path(log.name)
    with log_path.open("wb") as output:
        process = subprocess.Popen(
            [python_bin(executable), *arguments],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=lambda: _pin_to(cpu),  # in the child, before exec: workers inherit it
        )
    server = Server(name=name, port=port, process=process, log=log_path)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not _answers_health(port):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(
                    f"{name} did not start on {HOST}:{port}; its output:\n"
                    + log_path.read_text(errors="replace")[-2000:]
                )
            time.sleep(0.05)
        yield server
    finally:
        _stop(process)
        log_path.unlink(missing_ok=True)


def _stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the whole group, then SIGKILL if it has not ended in time.

    Returns once no process of the group runs any more (bounded by ``STOP_TIMEOUT``): a worker
    the leader started may still be dying when the leader has already been reaped.
    """
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            break
        try:
            process.wait(STOP_TIMEOUT)
            if sig == signal.SIGTERM:
                # The leader is gone; make sure no worker of its group is left behind.
                os.killpg(process.pid, signal.SIGKILL)
            break
        except subprocess.TimeoutExpired:
            continue
        except ProcessLookupError:
            break
    deadline = time.monotonic() + STOP_TIMEOUT
    while _group_pids(process.pid, running_only=True) and time.monotonic() < deadline:
        time.sleep(0.01)


def python_bin(tool: str) -> str:
    """The path of a console script installed next to this interpreter (waitress-serve...).

    ``uv run`` puts the environment's bin folder on PATH, but a test runner or an editor may
    start this interpreter directly: the server must still come from this environment, not
    from whatever PATH finds first. A path (``tool`` with a folder in it) is kept as it is.
    """
    if Path(tool).name != tool:
        return tool
    candidate = Path(sys.executable).with_name(tool)
    return str(candidate) if candidate.exists() else tool
