"""Lab ``cpu-bound``: more concurrency does not speed up CPU-bound Python (Module 0.7).

Each endpoint adds up ``size`` numbers in a pure-Python loop, the course's ``compute()``. It
is driven by one client, then by ``concurrency`` clients at once: Flask's worker threads, and
FastAPI's ``async def`` (the event loop) and ``def`` (its thread pool). If threads or the
event loop ran Python in parallel, many clients would get more requests per second than one.
The server is *not* pinned to one core here: it may use every core, and the figure shows how
many it did use (the GIL lets one thread run Python at a time).
"""

from __future__ import annotations

from typing import Any, Final

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
from .serving import machine, serving

VARIANTS: Final = {
    "flask": (("worker threads (def)", "/cpu/thread"),),
    "fastapi": (
        ("event loop (async def)", "/cpu/event-loop"),
        ("thread pool (def)", "/cpu/thread"),
    ),
}
# Below this share of a core at one client, the round trip, not the work, sets the pace.
BUSY_SERVER: Final = 0.6
NO_SPEEDUP: Final = 1.3


def judge(host: str, variant: str, one: dict[str, Any], many: dict[str, Any], clients: int):
    name = f"{host} {variant}"
    if clients < 2:
        return Finding(INCONCLUSIVE, f"{name}: needs --concurrency 2 or more")
    busy = one["server_cpu_share"]
    if busy is None:
        return Finding(INCONCLUSIVE, f"{name}: server CPU cannot be read on this system")
    if busy < BUSY_SERVER:
        return Finding(
            INCONCLUSIVE,
            f"{name}: the work per request is small next to the round trip (server busy "
            f"{busy:.0%} with one client; use a larger --size)",
        )
    speedup = many["requests_per_second"] / one["requests_per_second"]
    cores_used = many["server_cpu_share"] or 0.0
    text = (
        f"{name}: {clients} clients got {speedup:.2f}x the req/s of one, "
        f"using {cores_used:.1f} cores"
    )
    return Finding(AGREES if speedup <= NO_SPEEDUP else DISAGREES, text)


def compare_hosts(results: dict[str, dict[tuple[str, int], dict[str, Any]]], clients: int):
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


def run(knobs: dict[str, float], hosts: list[str], report: Report) -> LabResult:
    iterations, clients, duration = int(knobs["size"]), int(knobs["concurrency"]), knobs["duration"]
    levels = sorted({1, clients})
    rows, series, findings = [], [], []
    results: dict[str, dict[tuple[str, int], dict[str, Any]]] = {}
    for host in hosts:
        results[host] = {}
        with serving(host, "cpu-bound", pin=False) as server:
            for variant, path in VARIANTS[host]:
                request = ("GET", f"{path}?n={iterations}", {}, b"")
                for level in levels:
                    report(f"{host}: {variant}, {level} client(s)")
                    cell = measured_cell(
                        server, lambda _, r=request: r, concurrency=level, duration=duration
                    )
                    summary = cell.summary()
                    results[host][(variant, level)] = summary
                    rows.append({"host": host, "variant": variant, "clients": level, **summary})
        for variant, _ in VARIANTS[host]:
            one, many = results[host][(variant, 1)], results[host][(variant, clients)]
            findings.append(judge(host, variant, one, many, clients))
            series.append(
                Series(
                    f"{host}: {variant}",
                    levels,
                    [results[host][(variant, level)]["requests_per_second"] for level in levels],
                )
            )
    findings += compare_hosts(results, clients)
    findings += client_findings(
        {f"{row['host']} {row['variant']} x{row['clients']}": row for row in rows}
    )
    return LabResult(
        lab=LAB.name,
        claim=LAB.claim,
        why=LAB.why,
        knobs=knobs,
        columns=COLUMNS,
        rows=rows,
        plot=Plot(
            title=f"CPU-bound requests ({iterations:,} additions each)",
            x_label="concurrent clients",
            y_label="requests per second",
            series=series,
        ),
        findings=findings,
        hosts={
            host: [{"variant": v, "clients": c, **s} for (v, c), s in cells.items()]
            for host, cells in results.items()
        },
        machine=machine(pin=False),
    )


COLUMNS: Final = [
    Column("host", "host"),
    Column("variant", "variant"),
    Column("clients", "clients"),
    Column("requests_per_second", "req/s", "{:,.1f}"),
    Column("p50_ms", "p50 ms", "{:,.1f}"),
    Column("p99_ms", "p99 ms", "{:,.1f}"),
    Column("server_cpu_share", "server cores", "{:.2f}"),
    Column("client_cpu_share", "client CPU", "{:.0%}"),
]
LAB: Final = Lab(
    name="cpu-bound",
    summary="async (or threads) does not speed up CPU-bound work",
    claim=(
        "Async does not speed up CPU-bound work: with many clients at once, neither FastAPI's "
        "async def nor threads serve more requests per second than with one, and FastAPI can "
        "be slower than Flask there."
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
