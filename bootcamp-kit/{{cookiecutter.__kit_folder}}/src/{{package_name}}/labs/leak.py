"""Lab ``leak``: a global cache or a closure grows memory on every request (Module 0.2).

Each request keeps 100 KiB (a list like the course's ``[1] * 100000``) in one of three ways:
a module-level list (``/leak/global-list``), a closure appended to a global list of handlers
(``/leak/closure``), or a cache that keeps only the last 16 entries (``/leak/bounded``, the
fix). The lab sends ``size`` requests to each, reads the server's memory after every
twentieth of them, and asks the server for its garbage collector's figures before and after
(``/gc`` runs ``gc.collect()`` first, once, as a diagnostic: never do that per request).
"""

from __future__ import annotations

import json
from typing import Any, Final

from ..bench import loadgen, servers
from ..bench.measure import Cell, measured_load
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
from .workloads import LEAK_SLOTS

VARIANTS: Final = ("bounded", "global-list", "closure")
FIX: Final = "bounded"
MB: Final = 2**20
NOISE_MB: Final = 4.0
STEPS: Final = 20


def gc_figures(port: int) -> dict[str, int]:
    return json.loads(loadgen.fetch_one(port, ("GET", "/gc", {}, b"")).body)


def measure_variant(
    server: servers.Server, variant: str, requests: int, clients: int
) -> dict[str, Any]:
    """``requests`` requests in ``STEPS`` steps; the server's memory after each step."""
    gc_before = gc_figures(server.port)
    baseline = server.rss_bytes()
    per_step = max(5, requests // STEPS)
    sent, cell, curve = 0, Cell(), [(0, 0.0)]
    while sent < requests:
        step = min(per_step, requests - sent)
        offset = sent

        def make(number: int, offset: int = offset) -> loadgen.Request:
            return ("GET", f"/leak/{variant}?request={offset + number}", {}, b"")

        result, server_cpu = measured_load(
            server, make, concurrency=clients, duration=60.0, requests=step
        )
        cell.add(result, server_cpu)
        sent += step
        rss = server.rss_bytes()
        if baseline is not None and rss is not None:
            curve.append((sent, (rss - baseline) / MB))
    gc_after = gc_figures(server.port)
    return {
        **cell.summary(),
        "rss_growth_mb": curve[-1][1] if baseline is not None else None,
        "objects_before": gc_before["tracked_objects"],
        "objects_after": gc_after["tracked_objects"],
        "collected_after": gc_after["collected"],
        "gc_before": gc_before,
        "gc_after": gc_after,
        "curve": curve,
    }


def judge(host: str, figures: dict[str, dict[str, Any]], requests: int) -> Finding:
    expected = requests * LEAK_SLOTS * 8 / MB
    growth = {variant: figures[variant]["rss_growth_mb"] for variant in VARIANTS}
    if any(value is None for value in growth.values()):
        return Finding(INCONCLUSIVE, f"{host}: memory cannot be read on this system")
    if expected < NOISE_MB:
        return Finding(
            INCONCLUSIVE, f"{host}: {requests} requests keep only {expected:.1f} MB (use --size)"
        )
    leaks = [growth[variant] for variant in VARIANTS if variant != FIX]
    text = (
        f"{host}: after {requests} requests (100 KiB each, {expected:.0f} MB) the global list "
        f"grew +{growth['global-list']:.0f} MB, the closure +{growth['closure']:.0f} MB, "
        f"the bounded cache +{growth[FIX]:.1f} MB; gc.collect() then freed "
        f"{figures['closure']['collected_after']} objects"
    )
    if min(leaks) >= 0.5 * expected and growth[FIX] <= max(NOISE_MB, 0.25 * expected):
        return Finding(AGREES, text)
    if min(leaks) < 0.25 * expected or growth[FIX] > 0.5 * expected:
        return Finding(DISAGREES, text)
    return Finding(INCONCLUSIVE, text)


def run(
    knobs: dict[str, float], hosts: list[str], report: Report, start: StartServer = serving
) -> LabResult:
    requests, clients = int(knobs["size"]), int(knobs["concurrency"])
    rows, series, findings, measured = [], [], [], {}
    for host in hosts:
        figures = {}
        with start(host, LAB.name) as server:
            for variant in VARIANTS:
                report(f"{host}: {requests} requests to /leak/{variant}")
                figures[variant] = measure_variant(server, variant, requests, clients)
        measured[host] = figures
        findings.append(judge(host, figures, requests))
        for variant, values in figures.items():
            rows.append({"host": host, "variant": variant, **values})
            sent, growth = zip(*values["curve"], strict=True)
            series.append(Series(f"{host}: {variant}", sent, growth))
    findings += client_findings({f"{row['host']} {row['variant']}": row for row in rows})
    return LAB.result(
        knobs=knobs,
        columns=COLUMNS,
        rows=rows,
        plot=Plot(
            title="Server memory over requests that each keep 100 KiB",
            x_label="requests sent",
            y_label="server RSS above its value before the first request (MB)",
            series=series,
        ),
        findings=findings,
        hosts=measured,
        machine=machine(),
    )


COLUMNS: Final = [
    Column("host", "host"),
    Column("variant", "variant"),
    Column("requests", "requests", "{:,}"),
    Column("rss_growth_mb", "RSS +MB", "{:,.1f}"),
    Column("objects_before", "gc objects before", "{:,}"),
    Column("objects_after", "after", "{:,}"),
    Column("collected_after", "gc freed", "{:,}"),
    Column("server_cpu_share", "server CPU", "{:.0%}"),
    Column("client_cpu_share", "client CPU", "{:.0%}"),
]
LAB: Final = Lab(
    name="leak",
    summary="a global cache or a closure grows memory on every request",
    claim=(
        "A global cache, or a closure kept in a global list, grows the server's memory on every "
        "request until it is fixed, and the garbage collector does not save you; a bounded "
        "cache stays flat."
    ),
    why=(
        "reference counting frees an object only when nothing refers to it, and a global keeps "
        "a reference forever, so it is no garbage for gc to collect (Module 0.2, 'Real memory "
        "leak', 'Bad with closure' and its homework)"
    ),
    knobs={
        "size": Knob("requests per variant", 500, 60),
        "concurrency": Knob("clients at once", 4, 2),
    },
    run=run,
)
