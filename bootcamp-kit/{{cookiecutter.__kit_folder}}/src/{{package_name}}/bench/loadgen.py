"""A small load generator: asyncio, HTTP/1.1, keep-alive connections, bounded in time.

Why not a load-testing tool? A generator that is slower than the server measures itself. One
Python process with one event loop and raw streams sends tens of thousands of small requests
a second, far more than one core of a Python web server answers, and its CPU time is measured
(``client_cpu_seconds``) so a saturated client can never pass for a fast server.

Each of ``concurrency`` connections sends a request, reads the whole response, records its
latency, and sends the next, until ``duration`` seconds have passed or ``requests`` were sent.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field

# One request, ready to send: method, path, extra headers, body.
Request = tuple[str, str, dict[str, str], bytes]
MakeRequest = Callable[[int], Request]
READ_LIMIT = 1 << 20


@dataclass
class Response:
    """What came back: status, headers (lower-case names) and the body's size."""

    status: int
    headers: dict[str, str]
    body: bytes


@dataclass
class LoadResult:
    """Latencies of the successful requests, failures, wall and client CPU seconds."""

    latencies: list[float] = field(default_factory=list)
    failures: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    wall_seconds: float = 0.0
    client_cpu_seconds: float = 0.0

    @property
    def requests(self) -> int:
        return len(self.latencies) + self.failures

    def percentile(self, fraction: float) -> float:
        """The latency below which ``fraction`` of the successful requests finished (seconds)."""
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def encode(request: Request, host: str) -> bytes:
    """The request as HTTP/1.1 bytes (keep-alive is the default in HTTP/1.1)."""
    method, path, headers, body = request
    lines = [f"{method} {path} HTTP/1.1", f"Host: {host}", f"Content-Length: {len(body)}"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


async def read_response(reader: asyncio.StreamReader) -> Response:
    """Read one response: a ``Content-Length`` body or a chunked one."""
    head = await reader.readuntil(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    status = int(status_line.split(" ", 2)[1])
    headers = {}
    for line in header_lines:
        if line:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
    if headers.get("transfer-encoding", "").lower() == "chunked":
        parts = []
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            chunk = await reader.readexactly(size + 2)
            if size == 0:
                break
            parts.append(chunk[:-2])
        return Response(status, headers, b"".join(parts))
    length = int(headers.get("content-length", "0"))
    return Response(status, headers, await reader.readexactly(length) if length else b"")


async def _connection(
    host: str, port: int, make: MakeRequest, result: LoadResult, deadline: float, budget: list[int]
) -> None:
    reader, writer = await asyncio.open_connection(host, port, limit=READ_LIMIT)
    try:
        while time.perf_counter() < deadline and budget[0] > 0:
            budget[0] -= 1
            request = make(budget[0])
            started = time.perf_counter()
            writer.write(encode(request, host))
            response = await read_response(reader)
            result.statuses[response.status] = result.statuses.get(response.status, 0) + 1
            if response.status < 400:
                result.latencies.append(time.perf_counter() - started)
            else:
                result.failures += 1
            if response.headers.get("connection", "").lower() == "close":
                writer.close()
                reader, writer = await asyncio.open_connection(host, port, limit=READ_LIMIT)
    finally:
        writer.close()


async def _run(
    host: str, port: int, make: MakeRequest, concurrency: int, duration: float, requests: int
) -> LoadResult:
    result = LoadResult()
    budget = [requests]
    started, cpu_started = time.perf_counter(), time.process_time()
    deadline = started + duration
    await asyncio.gather(
        *(_connection(host, port, make, result, deadline, budget) for _ in range(concurrency))
    )
    result.wall_seconds = time.perf_counter() - started
    result.client_cpu_seconds = time.process_time() - cpu_started
    return result


def run_load(
    port: int,
    make: MakeRequest,
    *,
    concurrency: int,
    duration: float,
    requests: int = 10**9,
    host: str = "127.0.0.1",
) -> LoadResult:
    """Drive ``host:port`` with ``concurrency`` connections for ``duration`` s (or ``requests``)."""
    return asyncio.run(_run(host, port, make, concurrency, duration, requests))


async def _fetch_one(host: str, port: int, request: Request) -> Response:
    reader, writer = await asyncio.open_connection(host, port, limit=READ_LIMIT)
    try:
        writer.write(encode(request, host))
        return await read_response(reader)
    finally:
        writer.close()


def fetch_one(port: int, request: Request, host: str = "127.0.0.1") -> Response:
    """Send one request on a new connection and read its whole response."""
    return asyncio.run(_fetch_one(host, port, request))


@dataclass
class StreamResult:
    """A streamed response read to its end without keeping it: sizes and timings."""

    status: int
    lines: int
    bytes: int
    first_byte_seconds: float
    total_seconds: float


async def _stream(host: str, port: int, path: str, headers: dict[str, str]) -> StreamResult:
    reader, writer = await asyncio.open_connection(host, port, limit=READ_LIMIT)
    try:
        started = time.perf_counter()
        writer.write(encode(("GET", path, headers, b""), host))
        head = await reader.readuntil(b"\r\n\r\n")
        first_byte = time.perf_counter() - started
        status = int(head.split(b" ", 2)[1])
        lines = size = 0
        # Both hosts stream with chunked encoding; read chunk by chunk, count, forget.
        while True:
            chunk_size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            chunk = await reader.readexactly(chunk_size + 2)
            if chunk_size == 0:
                break
            lines += chunk.count(b"\n", 0, chunk_size)
            size += chunk_size
        return StreamResult(status, lines, size, first_byte, time.perf_counter() - started)
    finally:
        writer.close()


def stream(
    port: int, path: str, headers: dict[str, str] | None = None, host: str = "127.0.0.1"
) -> StreamResult:
    """GET a streamed (chunked) response and read it to the end, counting its lines."""
    return asyncio.run(_stream(host, port, path, headers or {}))
