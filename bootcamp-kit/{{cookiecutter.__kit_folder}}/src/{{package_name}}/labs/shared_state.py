"""Lab ``shared-state``: a module-level global shared by requests races (Module 0.3).

Two bugs from the course, each with its fix, on every host:

- a counter in a global, read, worked on for 1 ms (a query, a log line), written back:
  ``POST /counter/racy``; the fix holds a lock across the three steps (``/counter/locked``).
  The lab sends ``size`` increments and compares what the server counted with what it sent.
- "the current user" in a global, set, worked on for 1 ms, read back: ``/whoami/global``; the
  fix is the core's ``request_context`` (a ``ContextVar``), ``/whoami/scoped``. The lab checks
  every answer names the user who asked.

Flask serves requests in threads, FastAPI between awaits on one thread: both race.
"""

from __future__ import annotations

import json
from typing import Any, Final
from urllib.parse import parse_qs, urlsplit

from ..bench import loadgen, servers
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

COUNTERS: Final = ("racy", "locked")
WHOAMI: Final = ("global", "scoped")


def counter_value(port: int, variant: str) -> int:
    response = loadgen.fetch_one(port, ("GET", f"/counter/{variant}", {}, b""))
    return int(json.loads(response.body)["value"])


def with_wrong(summary: dict[str, Any], wrong: int) -> dict[str, Any]:
    """A load run's summary, and how many of the requests it answered came out wrong.

    Both bugs are judged alike: of the answered requests (``sent``), how many lost an update
    or named another user.
    """
    sent = summary["requests"]
    return {
        **summary,
        "sent": sent,
        "counted": sent - wrong,
        "wrong": wrong,
        "wrong_share": wrong / sent if sent else 0.0,
    }


def measure_counter(
    server: servers.Server, variant: str, increments: int, clients: int
) -> dict[str, Any]:
    before = counter_value(server.port, variant)
    summary = measured_cell(
        server,
        lambda _: ("POST", f"/counter/{variant}", {}, b""),
        concurrency=clients,
        duration=60.0,
        requests=increments,
    ).summary()
    counted = counter_value(server.port, variant) - before
    return with_wrong(summary, summary["requests"] - counted)


def measure_whoami(
    server: servers.Server, variant: str, requests: int, clients: int
) -> dict[str, Any]:
    wrong = [0]

    def make(number: int) -> loadgen.Request:
        return ("GET", f"/whoami/{variant}?user=user{number}", {}, b"")

    def inspect(request: loadgen.Request, response: loadgen.Response) -> None:
        asked = parse_qs(urlsplit(request[1]).query)["user"][0]
        if response.status == 200 and json.loads(response.body)["answered_for"] != asked:
            wrong[0] += 1

    summary = measured_cell(
        server, make, concurrency=clients, duration=60.0, requests=requests, inspect=inspect
    ).summary()
    return with_wrong(summary, wrong[0])


def judge(host: str, figures: dict[str, dict[str, Any]], clients: int) -> Finding:
    if clients < 2:
        return Finding(INCONCLUSIVE, f"{host}: one client cannot race (use --concurrency 2+)")
    racy, locked = figures["counter: racy"], figures["counter: locked"]
    leaked, scoped = figures["whoami: global"], figures["whoami: scoped"]
    text = (
        f"{host}: the global counter lost {racy['wrong']} of {racy['sent']} updates, the locked "
        f"one {locked['wrong']}; the global user was wrong in {leaked['wrong']} of "
        f"{leaked['sent']} answers, request_context in {scoped['wrong']}"
    )
    if locked["wrong"] or scoped["wrong"]:
        return Finding(DISAGREES, text + " (a fix failed)")
    if racy["wrong"] and leaked["wrong"]:
        return Finding(AGREES, text)
    if not racy["wrong"] and not leaked["wrong"]:
        return Finding(DISAGREES, text)
    return Finding(INCONCLUSIVE, text)


def run(
    knobs: dict[str, float], hosts: list[str], report: Report, start: StartServer = serving
) -> LabResult:
    requests, clients = int(knobs["size"]), int(knobs["concurrency"])
    rows, findings, measured = [], [], {}
    for host in hosts:
        figures = {}
        with start(host, LAB.name) as server:
            for variant in COUNTERS:
                report(f"{host}: {requests} increments of the {variant} counter")
                figures[f"counter: {variant}"] = measure_counter(server, variant, requests, clients)
            for variant in WHOAMI:
                report(f"{host}: {requests} requests to /whoami/{variant}")
                figures[f"whoami: {variant}"] = measure_whoami(server, variant, requests, clients)
        measured[host] = figures
        findings.append(judge(host, figures, clients))
        rows += [{"host": host, "variant": name, **values} for name, values in figures.items()]
    findings += client_findings({f"{row['host']} {row['variant']}": row for row in rows})
    return LAB.result(
        knobs=knobs,
        columns=COLUMNS,
        rows=rows,
        plot=Plot(
            title=f"Wrong results with {clients} concurrent clients",
            x_label="",
            y_label="% of requests with a lost update or another user's answer",
            series=[
                Series(
                    host,
                    [row["variant"] for row in rows if row["host"] == host],
                    [100 * row["wrong_share"] for row in rows if row["host"] == host],
                )
                for host in measured
            ],
            kind="bar",
        ),
        findings=findings,
        hosts=measured,
        machine=machine(),
    )


COLUMNS: Final = [
    Column("host", "host"),
    Column("variant", "variant"),
    Column("sent", "sent", "{:,}"),
    Column("counted", "right", "{:,}"),
    Column("wrong", "wrong", "{:,}"),
    Column("requests_per_second", "req/s", "{:,.0f}"),
    Column("server_cpu_share", "server CPU", "{:.0%}"),
    Column("client_cpu_share", "client CPU", "{:.0%}"),
]
LAB: Final = Lab(
    name="shared-state",
    summary="a module-level global shared by requests races",
    claim=(
        "A module-level global shared by requests races under threads, and async does not "
        "isolate it either: concurrent requests lose counter updates and see another request's "
        "user. A lock, or request-scoped state, does not."
    ),
    why=(
        "every thread and every task of a worker process sees the same globals; a read and a "
        "write with work in between let another request in (Module 0.3, 'Shared state across "
        "requests', 'Race condition' and its homework; Module 0.7 on threads)"
    ),
    knobs={
        "size": Knob("requests per variant", 400, 60),
        "concurrency": Knob("clients at once", 8, 4),
    },
    run=run,
)
