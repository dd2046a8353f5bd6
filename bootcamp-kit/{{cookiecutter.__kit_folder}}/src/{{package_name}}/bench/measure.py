"""Measurements shared by the bench and the labs: one load run, both sides' CPU, server memory.

A figure means little without the cost of getting it. Every load run records the server's CPU
seconds (from ``/proc``) next to the client's own, so that a saturated load generator shows up
in the table instead of passing for a slow server. The server runs on one core and the client
on another wherever the OS allows it (``cores``, ``pinned``).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from . import loadgen, servers


def percentile(values: list[float], fraction: float) -> float:
    """The value below which ``fraction`` of ``values`` lie (NaN for no values at all).

    The nearest-rank method on the sorted values, with no interpolation: a p99 is a latency
    one request really had.
    """
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


@dataclass
class Cell:
    """One scenario on one target, summed over the rounds."""

    requests: int = 0
    failures: int = 0
    wall_seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    server_cpu_seconds: float | None = 0.0
    client_cpu_seconds: float = 0.0

    def add(self, result: loadgen.LoadResult, server_cpu: float | None) -> None:
        self.requests += len(result.latencies)
        self.failures += result.failures
        self.wall_seconds += result.wall_seconds
        self.latencies += result.latencies
        self.client_cpu_seconds += result.client_cpu_seconds
        if server_cpu is None or self.server_cpu_seconds is None:
            self.server_cpu_seconds = None
        else:
            self.server_cpu_seconds += server_cpu

    def summary(self) -> dict[str, Any]:
        cpu = self.server_cpu_seconds
        return {
            "requests": self.requests,
            "failures": self.failures,
            "requests_per_second": self.requests / self.wall_seconds if self.wall_seconds else 0,
            "p50_ms": 1000 * percentile(self.latencies, 0.5),
            "p99_ms": 1000 * percentile(self.latencies, 0.99),
            "server_cpu_us_per_request": (
                1e6 * cpu / self.requests if cpu is not None and self.requests else None
            ),
            "server_cpu_share": (
                cpu / self.wall_seconds if cpu is not None and self.wall_seconds else None
            ),
            "client_cpu_share": (
                self.client_cpu_seconds / self.wall_seconds if self.wall_seconds else 0
            ),
        }


def measured_load(
    server: servers.Server,
    make: loadgen.MakeRequest,
    *,
    concurrency: int,
    duration: float,
    requests: int = 10**9,
    inspect: loadgen.Inspect | None = None,
) -> tuple[loadgen.LoadResult, float | None]:
    """``loadgen.run_load`` on ``server``, and the CPU seconds the server used meanwhile."""
    before = server.cpu_seconds()
    result = loadgen.run_load(
        server.port,
        make,
        concurrency=concurrency,
        duration=duration,
        requests=requests,
        inspect=inspect,
    )
    after = server.cpu_seconds()
    return result, None if before is None or after is None else after - before


def measured_cell(server: servers.Server, make: loadgen.MakeRequest, **load: Any) -> Cell:
    """One ``measured_load`` as a ``Cell`` (keyword arguments as for ``measured_load``)."""
    cell = Cell()
    cell.add(*measured_load(server, make, **load))
    return cell


@dataclass
class MeasuredStream:
    """One response read to its end, the server's memory while it ran, and the server's CPU."""

    result: loadgen.StreamResult
    samples: list[tuple[float, int]]
    """``(seconds since the request was sent, bytes)``, as ``memory_samples`` takes them."""
    server_cpu_seconds: float | None

    @property
    def baseline(self) -> int | None:
        """The server's memory just before the request (None: not measurable here)."""
        return self.samples[0][1] if self.samples else None

    def peak_growth(self) -> int | None:
        """How far the server's memory rose above ``baseline`` at most, in bytes."""
        if self.baseline is None:
            return None
        return max(rss for _, rss in self.samples) - self.baseline


def measured_stream(
    server: servers.Server,
    path: str,
    headers: dict[str, str] | None = None,
    *,
    interval: float = 0.05,
) -> MeasuredStream:
    """``loadgen.stream`` of ``path``, with the server's memory sampled every ``interval`` s.

    Memory is the figure of a streamed response (a generator holds one chunk, a list holds
    them all), so it is sampled while the response is read, not only before and after.
    """
    before = server.cpu_seconds()
    with memory_samples(server, interval) as samples:
        result = loadgen.stream(server.port, path, headers)
    after = server.cpu_seconds()
    used = None if before is None or after is None else after - before
    return MeasuredStream(result, samples, used)


@contextmanager
def memory_samples(
    server: servers.Server, interval: float = 0.05
) -> Iterator[list[tuple[float, int]]]:
    """Sample the server's resident memory every ``interval`` s while the block runs.

    Yields the list the samples go to: ``(seconds since the block started, bytes)``, with one
    sample taken before the block and one after it. Empty where memory cannot be measured.
    """
    samples: list[tuple[float, int]] = []
    started = time.perf_counter()
    done = threading.Event()

    def sample() -> None:
        rss = server.rss_bytes()
        if rss is not None:
            samples.append((time.perf_counter() - started, rss))

    def keep_sampling() -> None:
        while not done.wait(interval):
            sample()

    sample()
    sampler = threading.Thread(target=keep_sampling, daemon=True)
    sampler.start()
    try:
        yield samples
    finally:
        done.set()
        sampler.join(1)
        sample()


@contextmanager
def pinned(cpu: int | None) -> Iterator[None]:
    """Run the block with this process on ``cpu`` only (the client), then restore."""
    if cpu is None or not hasattr(os, "sched_getaffinity"):
        yield
        return
    before = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {cpu})
    try:
        yield
    finally:
        os.sched_setaffinity(0, before)


def cores() -> tuple[int | None, int | None]:
    """(server core, client core), or (None, None) where the OS cannot pin or has one core."""
    if not hasattr(os, "sched_getaffinity"):
        return None, None
    usable = sorted(os.sched_getaffinity(0))
    return (usable[0], usable[1]) if len(usable) >= 2 else (None, None)
