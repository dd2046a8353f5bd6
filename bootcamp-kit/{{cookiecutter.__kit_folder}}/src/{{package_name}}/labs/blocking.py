"""Lab ``blocking``: one blocking call in ``async def`` serialises an ASGI server (Module 0.7).

Every endpoint waits ``size`` ms, the stand-in for a slow network or database call. FastAPI's
``/wait/blocking`` waits with ``time.sleep`` inside ``async def`` (the bug: the event loop can
do nothing else meanwhile), ``/wait/awaited`` with ``await asyncio.sleep``. Flask's endpoint
is a plain ``def`` with ``time.sleep``: normal for WSGI, where it holds one worker thread.
Each is driven by 1, 10 and ``concurrency`` clients at once.
"""

from __future__ import annotations

from typing import Any, Final

from ..bench.measure import measured_cell
from ..bootcamp.catalog import ADD_HOST_COMMAND
from .lab import (
    AGREES,
    DISAGREES,
    INCONCLUSIVE,
    Column,
    Finding,
    Knob,
    Lab,
    LabResult,
    Plot,
    Report,
    Series,
    client_findings,
)
from .serving import StartServer, machine, serving, worker_threads

VARIANTS: Final = {
    "flask": (("time.sleep in def", "/wait/blocking"),),
    "fastapi": (
        ("time.sleep in async def", "/wait/blocking"),
        ("await asyncio.sleep", "/wait/awaited"),
    ),
}
BLOCKED, AWAITED = (name for name, _ in VARIANTS["fastapi"])
MIN_CLIENTS: Final = 5


def levels(clients: int) -> list[int]:
    return sorted({1, clients} | ({10} if clients > 10 else set()))


Cells = dict[tuple[str, int], dict[str, Any]]


def judge_fastapi(cells: Cells, clients: int, wait_ms: int) -> Finding:
    if clients < MIN_CLIENTS:
        return Finding(INCONCLUSIVE, f"fastapi: needs --concurrency {MIN_CLIENTS} or more")
    one_at_a_time = 1000 / wait_ms if wait_ms else float("inf")
    blocked = cells[(BLOCKED, clients)]
    awaited = cells[(AWAITED, clients)]
    text = (
        f"fastapi with {clients} clients: time.sleep {blocked['requests_per_second']:,.0f} req/s "
        f"(one at a time would be {one_at_a_time:,.0f}), p99 {blocked['p99_ms']:,.0f} ms; "
        f"await asyncio.sleep {awaited['requests_per_second']:,.0f} req/s, "
        f"p99 {awaited['p99_ms']:,.0f} ms"
    )
    serial = blocked["requests_per_second"] <= 1.3 * one_at_a_time
    helped = awaited["requests_per_second"] >= 3 * blocked["requests_per_second"]
    if serial and helped:
        return Finding(AGREES, text)
    if not serial or awaited["requests_per_second"] < 1.5 * blocked["requests_per_second"]:
        return Finding(DISAGREES, text)
    return Finding(INCONCLUSIVE, text)


def flask_context(cells: Cells, clients: int, wait_ms: int) -> Finding:
    """Context, not a vote: under WSGI a blocking call holds a thread, and threads run out."""
    rate = cells[(VARIANTS["flask"][0][0], clients)]["requests_per_second"]
    waiting = rate * wait_ms / 1000
    threads = worker_threads("flask")
    limit = f"at most {threads}, one per worker thread" if threads else "one per worker thread"
    return Finding(
        None,
        f"flask with {clients} clients: {rate:,.0f} req/s, as if {waiting:.1f} requests waited "
        f"at once ({limit}): a blocking call is normal in a WSGI thread, and threads run out",
    )


def run(
    knobs: dict[str, float], hosts: list[str], report: Report, start: StartServer = serving
) -> LabResult:
    wait_ms, clients, duration = int(knobs["size"]), int(knobs["concurrency"]), knobs["duration"]
    rows, series, findings = [], [], []
    results: dict[str, dict[tuple[str, int], dict[str, Any]]] = {}
    for host in hosts:
        cells: dict[tuple[str, int], dict[str, Any]] = {}
        with start(host, LAB.name) as server:
            for variant, path in VARIANTS[host]:
                request = ("GET", f"{path}?ms={wait_ms}", {}, b"")
                for level in levels(clients):
                    report(f"{host}: {variant}, {level} client(s)")
                    summary = measured_cell(
                        server, lambda _, r=request: r, concurrency=level, duration=duration
                    ).summary()
                    cells[(variant, level)] = summary
                    rows.append({"host": host, "variant": variant, "clients": level, **summary})
                series.append(
                    Series(
                        f"{host}: {variant}",
                        levels(clients),
                        [cells[(variant, level)]["p50_ms"] for level in levels(clients)],
                    )
                )
        results[host] = cells
    if "fastapi" in results:
        findings.append(judge_fastapi(results["fastapi"], clients, wait_ms))
    else:
        findings.append(
            Finding(
                INCONCLUSIVE,
                "the claim is about an ASGI server and this kit has no FastAPI host "
                f"(add it with: {ADD_HOST_COMMAND})",
            )
        )
    if "flask" in results:
        findings.append(flask_context(results["flask"], clients, wait_ms))
    findings += client_findings(
        {f"{row['host']} {row['variant']} x{row['clients']}": row for row in rows}
    )
    return LAB.result(
        knobs=knobs,
        columns=COLUMNS,
        rows=rows,
        plot=Plot(
            title=f"Requests that wait {wait_ms} ms, under concurrency",
            x_label="concurrent clients",
            y_label="median latency (ms)",
            series=series,
            log_x=True,
        ),
        findings=findings,
        hosts={
            host: [{"variant": v, "clients": c, **s} for (v, c), s in cells.items()]
            for host, cells in results.items()
        },
        machine=machine(),
    )


COLUMNS: Final = [
    Column("host", "host"),
    Column("variant", "variant"),
    Column("clients", "clients"),
    Column("requests_per_second", "req/s", "{:,.1f}"),
    Column("p50_ms", "p50 ms", "{:,.1f}"),
    Column("p99_ms", "p99 ms", "{:,.1f}"),
    Column("server_cpu_share", "server CPU", "{:.0%}"),
    Column("client_cpu_share", "client CPU", "{:.0%}"),
]
LAB: Final = Lab(
    name="blocking",
    summary="one blocking call in async def collapses an ASGI server",
    claim=(
        "One blocking call (time.sleep, requests.get) inside async def collapses an ASGI server "
        "under many concurrent clients: requests are served one at a time. await asyncio.sleep "
        "does not."
    ),
    why=(
        "the event loop runs one task until it awaits; a call that blocks never gives it back, "
        "so every other request waits (Module 0.7, 'Async is not non-blocking', 'Blocking "
        "detection' and the parallel experiment)"
    ),
    knobs={
        "size": Knob("milliseconds each request waits", 20, 10),
        "concurrency": Knob("most clients at once (also 1 and 10)", 100, 10),
        "duration": Knob("seconds per variant and client count", 1.5, 0.3),
    },
    run=run,
)
