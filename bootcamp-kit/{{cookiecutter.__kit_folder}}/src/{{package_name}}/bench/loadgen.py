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
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field

# One request, ready to send: method, path, extra headers, body.
Request = tuple[str, str, dict[str, str], bytes]
MakeRequest = Callable[[int], Request]
# Called with each request and its response, for a caller that checks what came back.
Inspect = Callable[[Request, "Response"], None]
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
    wall_seconds: float = 0.0
    client_cpu_seconds: float = 0.0


def encode(request: Request, host: str) -> bytes:
    """The request as HTTP/1.1 bytes (keep-alive is the default in HTTP/1.1)."""
    method, path, headers, body = request
    lines = [f"{method} {path} HTTP/1.1", f"Host: {host}", f"Content-Length: {len(body)}"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


async def _chunks(reader: asyncio.StreamReader) -> AsyncIterator[bytes]:
    """The data of each chunk of a chunked body, without the size lines and CRLFs."""
    while True:
        size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
        chunk = await reader.readexactly(size + 2)
        if size == 0:
            return
        yield chunk[:-2]


def parse_head(head: bytes) -> tuple[int, dict[str, str]]:
    """The status and the headers (lower-case names) of a response's head."""
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in header_lines:
        if line:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
    return int(status_line.split(" ", 2)[1]), headers


def is_chunked(headers: dict[str, str]) -> bool:
    return headers.get("transfer-encoding", "").lower() == "chunked"


async def read_response(reader: asyncio.StreamReader) -> Response:
    """Read one response: a ``Content-Length`` body or a chunked one."""
    status, headers = parse_head(await reader.readuntil(b"\r\n\r\n"))
    if is_chunked(headers):
        return Response(status, headers, b"".join([chunk async for chunk in _chunks(reader)]))
    length = int(headers.get("content-length", "0"))
    return Response(status, headers, await reader.readexactly(length) if length else b"")


async def _connection(
    host: str,
    port: int,
    make: MakeRequest,
    result: LoadResult,
    deadline: float,
    budget: list[int],
    inspect: Inspect | None,
) -> None:
    reader, writer = await asyncio.open_connection(host, port, limit=READ_LIMIT)
    try:
        while time.perf_counter() < deadline and budget[0] > 0:
            budget[0] -= 1
            request = make(budget[0])
            started = time.perf_counter()
            writer.write(encode(request, host))
            response = await read_response(reader)
            if inspect is not None:
                inspect(request, response)
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
    host: str,
    port: int,
    make: MakeRequest,
    concurrency: int,
    duration: float,
    requests: int,
    inspect: Inspect | None,
) -> LoadResult:
    result = LoadResult()
    budget = [requests]
    started, cpu_started = time.perf_counter(), time.process_time()
    deadline = started + duration
    await asyncio.gather(
        *(
            _connection(host, port, make, result, deadline, budget, inspect)
            for _ in range(concurrency)
        )
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
    inspect: Inspect | None = None,
) -> LoadResult:
    """Drive ``host:port`` with ``concurrency`` connections for ``duration`` s (or ``requests``).

    ``inspect``, when given, sees every request with its response (to check the bodies).
    """
    return asyncio.run(_run(host, port, make, concurrency, duration, requests, inspect))


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
        status, response_headers = parse_head(head)
        lines = size = 0
        if not is_chunked(response_headers):
            # One body of Content-Length bytes (a response built whole): read it in pieces.
            length = int(response_headers.get("content-length", "0"))
            while size < length:
                piece = await reader.read(min(READ_LIMIT, length - size))
                if not piece:
                    break
                lines += piece.count(b"\n")
                size += len(piece)
            return StreamResult(status, lines, size, first_byte, time.perf_counter() - started)
        # A streamed response comes with chunked encoding; read chunk by chunk, count, forget.
        async for chunk in _chunks(reader):
            lines += chunk.count(b"\n")
            size += len(chunk)
        return StreamResult(status, lines, size, first_byte, time.perf_counter() - started)
    finally:
        writer.close()


def stream(
    port: int, path: str, headers: dict[str, str] | None = None, host: str = "127.0.0.1"
) -> StreamResult:
    """GET a response and read it to the end without keeping it, counting its lines.

    A streamed (chunked) body and a ``Content-Length`` one are both read piece by piece.
    """
    return asyncio.run(_stream(host, port, path, headers or {}))
