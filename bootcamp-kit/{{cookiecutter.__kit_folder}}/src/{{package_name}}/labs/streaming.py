"""Lab ``streaming``: a generator keeps the server's memory flat, a list does not (Module 0.5).

Each host sends ``size`` numbers as NDJSON twice: from a generator, chunk by chunk
(``/numbers/stream``), and from a list built whole first (``/numbers/list``), the homework of
Module 0.5. Flask iterates the generator in its worker thread; FastAPI sends an async
generator's chunks from the event loop. While each response is read, the server's resident
memory is sampled every 10 ms from ``/proc``; the peak above the value just before the request
is the figure.
"""

from __future__ import annotations

import time
from typing import Any, Final

from ..bench import loadgen, servers
from ..bench.measure import measured_stream
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

VARIANTS: Final = (("generator", "/numbers/stream"), ("list", "/numbers/list"))
# Memory moves by a few MB without any request (allocator, imports): below this, no signal.
NOISE_MB: Final = 5.0
# Each endpoint answers this many numbers once before it is measured: a first call pays for
# lazy imports and thread pools, which are no part of the claim.
WARM_UP: Final = 1_000
MB: Final = 2**20


def measure_variant(server: servers.Server, path: str, count: int) -> dict[str, Any]:
    """One response read to its end, with the server's memory sampled while it ran."""
    client_started = time.process_time()
    measured = measured_stream(server, f"{path}?count={count}", interval=0.01)
    client_cpu = time.process_time() - client_started
    result, samples, server_used = measured.result, measured.samples, measured.server_cpu_seconds
    baseline, peak_growth = measured.baseline, measured.peak_growth()
    return {
        "status": result.status,
        "numbers": result.lines,
        "complete": result.status == 200 and result.lines == count,
        "first_byte_ms": 1000 * result.first_byte_seconds,
        "total_ms": 1000 * result.total_seconds,
        "peak_growth_mb": peak_growth / MB if peak_growth is not None else None,
        "after_growth_mb": (samples[-1][1] - baseline) / MB if baseline is not None else None,
        # The sampler thread runs in the client's process: its CPU is in this share too.
        "server_cpu_share": server_used / result.total_seconds if server_used is not None else None,
        "client_cpu_share": client_cpu / result.total_seconds,
        "rss_samples": [(seconds, (rss - (baseline or 0)) / MB) for seconds, rss in samples],
    }


def judge(host: str, figures: dict[str, dict[str, Any]]) -> Finding:
    generator = figures["generator"]["peak_growth_mb"]
    listed = figures["list"]["peak_growth_mb"]
    if generator is None or listed is None:
        return Finding(INCONCLUSIVE, f"{host}: memory cannot be read on this system")
    if not all(figures[name]["complete"] for name in figures):
        return Finding(INCONCLUSIVE, f"{host}: a response was incomplete")
    if listed < NOISE_MB:
        return Finding(
            INCONCLUSIVE,
            f"{host}: the list grew the server by only {listed:.1f} MB, too little to tell "
            "from noise (use a larger --size)",
        )
    text = f"{host}: list +{listed:.0f} MB, generator +{generator:.1f} MB"
    if generator <= max(1.0, listed / 4):
        return Finding(AGREES, text)
    if generator >= listed / 2:
        return Finding(DISAGREES, text)
    return Finding(INCONCLUSIVE, text)


def run(
    knobs: dict[str, float], hosts: list[str], report: Report, start: StartServer = serving
) -> LabResult:
    count = int(knobs["size"])
    rows, series, findings, measured = [], [], [], {}
    for host in hosts:
        with start(host, LAB.name) as server:
            figures = {}
            for variant, path in VARIANTS:
                loadgen.stream(server.port, f"{path}?count={WARM_UP}")  # first-call costs
                report(f"{host}: {count:,} numbers from a {variant}")
                figures[variant] = measure_variant(server, path, count)
        measured[host] = figures
        findings.append(judge(host, figures))
        findings += client_findings({f"{host} {name}": values for name, values in figures.items()})
        for variant, values in figures.items():
            rows.append({"host": host, "variant": variant, **values})
            samples = values["rss_samples"]
            series.append(
                Series(f"{host}: {variant}", [s for s, _ in samples], [mb for _, mb in samples])
            )
    return LAB.result(
        knobs=knobs,
        columns=COLUMNS,
        rows=rows,
        plot=Plot(
            title=f"Server memory while sending {count:,} numbers",
            x_label="seconds since the request was sent",
            y_label="server RSS above its value before the request (MB)",
            series=series,
        ),
        findings=findings,
        hosts=measured,
        machine=machine(),
    )


COLUMNS: Final = [
    Column("host", "host"),
    Column("variant", "variant"),
    Column("numbers", "numbers", "{:,}"),
    Column("first_byte_ms", "first byte ms", "{:,.1f}"),
    Column("total_ms", "total ms", "{:,.0f}"),
    Column("peak_growth_mb", "peak RSS +MB", "{:,.1f}"),
    Column("after_growth_mb", "after +MB", "{:,.1f}"),
    Column("server_cpu_share", "server CPU", "{:.0%}"),
    Column("client_cpu_share", "client CPU", "{:.0%}"),
]
LAB: Final = Lab(
    name="streaming",
    summary="a generator keeps server memory flat, a list does not",
    claim=(
        "Streaming 1M numbers from a generator keeps the server's memory flat; building the "
        "same response as a list first makes it grow with the size (and delays the first byte)."
    ),
    why=(
        "a generator holds one chunk at a time, a list holds every line until the response is "
        "built (Module 0.5, 'Why generators matter in APIs' and its homework)"
    ),
    knobs={"size": Knob("numbers sent per response", 1_000_000, 200_000)},
    run=run,
)
