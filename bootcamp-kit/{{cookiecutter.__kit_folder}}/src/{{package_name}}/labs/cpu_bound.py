"""Lab ``cpu-bound``: more concurrency does not speed up CPU-bound Python (Module 0.7).

Each endpoint adds up ``size`` numbers in a pure-Python loop, the course's ``compute()``. It
is driven by one client, then by ``concurrency`` clients at once: Flask's worker threads, and
FastAPI's ``async def`` (the event loop) and ``def`` (its thread pool), each in one worker
process. If threads or the event loop ran Python in parallel, the server would use more than
one core. The server is *not* pinned to one core here, and a control shows whether this
machine can give it two: the same loop sent to a pool of two processes (the course's fix,
``/cpu/process-pool``).
"""

from __future__ import annotations

from typing import Any, Final

from ..bench import servers
from ..bench.measure import measured_cell
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
from .serving import StartServer, machine, serving

VARIANTS: Final = {
    "flask": (("worker threads (def)", "/cpu/thread"),),
    "fastapi": (
        ("event loop (async def)", "/cpu/event-loop"),
        ("thread pool (def)", "/cpu/thread"),
    ),
}
# One worker process runs Python on at most one core (plus a little I/O outside the GIL).
ONE_CORE: Final = 1.25
# The control must use clearly more than one core, or this machine left the server no room.
ROOM_FOR_TWO: Final = 1.4
PROCESSES: Final = "process pool (2 processes)"


def judge(host: str, cells: dict[tuple[str, int], dict[str, Any]], clients: int) -> Finding:
    """Did one worker stay on one core while two worker processes used more?"""
    if clients < 2:
        return Finding(INCONCLUSIVE, f"{host}: needs --concurrency 2 or more")
    control = cells[(PROCESSES, clients)]
    if control["server_cpu_share"] is None:
        return Finding(INCONCLUSIVE, f"{host}: server CPU cannot be read on this system")
    used = {
        variant: cells[(variant, clients)]["server_cpu_share"] or 0.0
        for variant, _ in VARIANTS[host]
    }
    text = f"{host} with {clients} clients: one worker used " + ", ".join(
        f"{cores:.2f} cores ({variant}, {cells[(variant, clients)]['requests_per_second']:,.0f} "
        "req/s)"
        for variant, cores in used.items()
    )
    text += (
        f"; {PROCESSES} used {control['server_cpu_share']:.2f} cores "
        f"({control['requests_per_second']:,.0f} req/s)"
    )
    if control["server_cpu_share"] < ROOM_FOR_TWO:
        return Finding(
            INCONCLUSIVE,
            text + ": this machine did not leave the server a second core (busy, or one core)",
        )
    if all(cores <= ONE_CORE for cores in used.values()):
        return Finding(AGREES, text)
    return Finding(DISAGREES, text)


def compare_hosts(
    results: dict[str, dict[tuple[str, int], dict[str, Any]]], clients: int
) -> list[Finding]:
    """Context, not a vote: the course says FastAPI *can* be slower than Flask here."""
    if not {"flask", "fastapi"} <= set(results):
        return []
    flask = results["flask"][(VARIANTS["flask"][0][0], clients)]["requests_per_second"]
    fastapi = results["fastapi"][(VARIANTS["fastapi"][0][0], clients)]["requests_per_second"]
    ratio = fastapi / flask if flask else float("nan")
    word = "slower than" if ratio < 0.95 else "faster than" if ratio > 1.05 else "as fast as"
    return [
        Finding(
            None,
            f"with {clients} clients FastAPI's async def was {word} Flask ({ratio:.2f}x its req/s)",
        )
    ]


def measure(
    server: servers.Server,
    path: str,
    iterations: int,
    clients: int,
    duration: float,
    requests: int = 10**9,
) -> dict[str, Any]:
    request = ("GET", f"{path}?n={iterations}", {}, b"")
    cell = measured_cell(
        server, lambda _: request, concurrency=clients, duration=duration, requests=requests
    )
    return cell.summary()


def run(
    knobs: dict[str, float], hosts: list[str], report: Report, start: StartServer = serving
) -> LabResult:
    iterations, clients, duration = int(knobs["size"]), int(knobs["concurrency"]), knobs["duration"]
    levels = sorted({1, clients})
    series, findings = [], []
    results: dict[str, dict[tuple[str, int], dict[str, Any]]] = {}
    for host in hosts:
        cells: dict[tuple[str, int], dict[str, Any]] = {}
        with start(host, LAB.name, pin=False) as server:
            for variant, path in VARIANTS[host]:
                for level in levels:
                    report(f"{host}: {variant}, {level} client(s)")
                    cells[(variant, level)] = measure(server, path, iterations, level, duration)
            report(f"{host}: {PROCESSES}, {clients} client(s)")
            # Unmeasured: two requests at once start both of the pool's processes.
            measure(server, "/cpu/process-pool", iterations, 2, 60.0, requests=4)
            control = measure(server, "/cpu/process-pool", iterations, clients, duration)
            cells[(PROCESSES, clients)] = control
        results[host] = cells
        findings.append(judge(host, cells, clients))
        names = [variant for variant, _ in VARIANTS[host]] + [PROCESSES]
        used = [cells[(name, clients)]["server_cpu_share"] or 0.0 for name in names]
        series.append(Series(host, names, used))
    rows = [
        {"host": host, "variant": variant, "clients": level, **summary}
        for host, cells in results.items()
        for (variant, level), summary in cells.items()
    ]
    findings += compare_hosts(results, clients)
    findings += client_findings(
        {f"{row['host']} {row['variant']} x{row['clients']}": row for row in rows}
    )
    return LAB.result(
        knobs=knobs,
        columns=COLUMNS,
        rows=rows,
        plot=Plot(
            title=f"Cores used by {clients} clients' CPU-bound requests",
            x_label="",
            y_label="server CPU (cores)",
            series=series,
            kind="bar",
            reference=(1.0, "one core: all one process can run Python on"),
            categories=[v for host in hosts for v, _ in VARIANTS[host]] + [PROCESSES],
        ),
        findings=findings,
        hosts={host: [row for row in rows if row["host"] == host] for host in results},
        machine=machine(pin=False),
    )


COLUMNS: Final = [
    Column("host", "host"),
    Column("variant", "variant"),
    Column("clients", "clients"),
    Column("requests_per_second", "req/s", "{:,.1f}"),
    Column("p50_ms", "p50 ms", "{:,.1f}"),
    Column("p99_ms", "p99 ms", "{:,.1f}"),
    Column("server_cpu_us_per_request", "server µs/req", "{:,.0f}"),
    Column("server_cpu_share", "server cores", "{:.2f}"),
    Column("client_cpu_share", "client CPU", "{:.0%}"),
]
LAB: Final = Lab(
    name="cpu-bound",
    summary="async (or threads) does not speed up CPU-bound work",
    claim=(
        "Async does not speed up CPU-bound work: with many clients at once, neither FastAPI's "
        "async def nor threads run Python on more than one core (a pool of processes does), "
        "and FastAPI can be slower than Flask there."
    ),
    why=(
        "the GIL lets one thread run Python at a time and an async def that never awaits holds "
        "the event loop; only processes run Python in parallel (Module 0.7, 'The GIL', 'Why "
        "async can be slower' and its homework)"
    ),
    knobs={
        "size": Knob("additions per request", 300_000, 100_000),
        "concurrency": Knob("clients at once (and 1)", 8, 4),
        "duration": Knob("seconds per variant and client count", 2.0, 0.4),
    },
    run=run,
)
