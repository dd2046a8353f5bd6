"""The bench: each host of the kit against a bare app of its framework, in interleaved rounds.

For every host the kit has, it seeds a fresh SQLite file, starts the kit under its production
server and a bare app (same server, same settings) next to it, both pinned to one core, and
drives them from another core. Kit and bare take turns scenario by scenario, round after
round, so that a noisy neighbour slows both rather than one. It reports requests per second,
latency percentiles and server CPU per request for each, and the ratio kit/bare.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import asdict, dataclass
from importlib.util import find_spec
from pathlib import Path
from typing import Any, Final

from ..core.db import SQLiteDatabase
from . import loadgen, measure, servers
from .measure import Cell, cores, pinned

TOKEN: Final = "bench-token-not-a-secret"
# Both apps get the same headers; the bare one ignores them.
AUTH: Final = {"X-Token": TOKEN}
PACKAGE: Final = __name__.split(".")[0]
# (host, server, the kit's app, the bare app's module and factory)
HOSTS: Final = (
    ("flask", "waitress", f"{PACKAGE}.flask_app.app:create_app", "bare_flask:create_app"),
    ("fastapi", "uvicorn", f"{PACKAGE}.fastapi_app.main:app", "bare_fastapi:create_app"),
)
GOALS: Final = (
    "reads: kit >= 0.7x bare req/s and <= 1.5x bare CPU per request",
    "writes: kit >= 0.5x bare req/s, p99 <= 50 ms with 4 writers",
    "export: >= 100,000 rows/s, server RSS growth < 20 MB",
)


@dataclass(frozen=True)
class BenchConfig:
    """How big and how long: ``QUICK`` runs in seconds, ``FULL`` measures for real."""

    users: int
    orders: int
    duration: float
    rounds: int
    concurrency: int


QUICK: Final = BenchConfig(users=100, orders=5_000, duration=0.4, rounds=1, concurrency=4)
FULL: Final = BenchConfig(users=1_000, orders=1_000_000, duration=3.0, rounds=3, concurrency=4)


@dataclass(frozen=True)
class Scenario:
    """A named request pattern: what to send, with how many connections."""

    name: str
    make: Callable[[int], loadgen.Request]
    concurrency: int


def scenarios(config: BenchConfig) -> list[Scenario]:
    """The read and write scenarios of the bench (the export is measured apart)."""
    chooser = random.Random(42)
    writes = {**AUTH, "Content-Type": "application/json"}

    def one_user(_: int) -> loadgen.Request:
        return ("GET", f"/users/{chooser.randint(1, config.users)}", AUTH, b"")

    def order_page(_: int) -> loadgen.Request:
        return ("GET", "/orders?limit=50", AUTH, b"")

    def new_order(number: int) -> loadgen.Request:
        body = {"user_id": chooser.randint(1, config.users), "amount": number % 5000}
        return ("POST", "/orders", writes, json.dumps(body).encode())

    return [
        Scenario("GET /users/{id}", one_user, config.concurrency),
        Scenario("GET /orders?limit=50", order_page, config.concurrency),
        Scenario("POST /orders", new_order, config.concurrency),
    ]


def seed(path: Path, config: BenchConfig) -> None:
    """The kit's schema with ``users`` users and ``orders`` orders, inserted in bulk."""
    SQLiteDatabase(path).create_schema()
    connection = sqlite3.connect(path)
    try:
        with connection:
            connection.executemany(
                "INSERT INTO users (id, name, email) VALUES (?, ?, ?)",
                ((n, f"User {n}", f"user{n}@example.com") for n in range(1, config.users + 1)),
            )
            connection.executemany(
                "INSERT INTO orders (id, user_id, amount, status, created_at) "
                "VALUES (?, ?, ?, 'paid', '2025-01-01T00:00:00+00:00')",
                (
                    (n, 1 + n % config.users, None if n % 10 == 0 else n % 5000)
                    for n in range(1, config.orders + 1)
                ),
            )
    finally:
        connection.close()


def available_hosts() -> list[tuple[str, str, str, str]]:
    """The hosts this kit was generated with."""
    return [host for host in HOSTS if find_spec(f"{PACKAGE}.{host[0]}_app") is not None]


def measure_export(server: servers.Server, expected: int) -> dict[str, Any]:
    """Stream the whole export once, sampling the server's memory while it runs."""
    measured = measure.measured_stream(server, "/orders/export", AUTH)
    result, growth = measured.result, measured.peak_growth()
    return {
        "rows": result.lines,
        "complete": result.status == 200 and result.lines == expected,
        "rows_per_second": result.lines / result.total_seconds if result.total_seconds else 0,
        "first_byte_ms": 1000 * result.first_byte_seconds,
        "rss_growth_mb": growth / 2**20 if growth is not None else None,
    }


def kit_bodies(port: int) -> dict[str, Any]:
    """What the kit answers, so that the bare app can send the very same bodies."""

    def body(request: loadgen.Request) -> Any:
        return json.loads(loadgen.fetch_one(port, request).body)

    writes = {**AUTH, "Content-Type": "application/json"}
    created = body(("POST", "/orders", writes, b'{"user_id": 1, "amount": 10}'))
    return {
        "user": body(("GET", "/users/1", AUTH, b"")),
        "orders": body(("GET", "/orders?limit=50", AUTH, b"")),
        "created": created,
        "order": created,
    }


def bench_host(
    host: tuple[str, str, str, str],
    config: BenchConfig,
    workdir: Path,
    report: Callable[[str], None],
) -> dict[str, Any]:
    """Kit and bare side by side for one host; every cell measured in every round."""
    name, server_name, kit_target, bare_module = host
    database = workdir / f"{name}.sqlite3"
    seed(database, config)
    server_core, client_core = cores()
    env = {**os.environ, "DATABASE_PATH": str(database), "API_TOKEN": TOKEN}
    kit_port, bare_port = servers.free_port(), servers.free_port()
    kit_command = servers.production_command(server_name, kit_target, kit_port)
    with servers.running(f"{name}-kit", kit_command, kit_port, env=env, cpu=server_core) as kit:
        bodies = kit_bodies(kit.port)
        bodies["export_rows"] = config.orders + 1  # the seeded orders and the one just made
        bodies_file = workdir / f"{name}-bodies.json"
        bodies_file.write_text(json.dumps(bodies))
        bare_target = f"{PACKAGE}.bench.{bare_module}"
        bare_command = servers.production_command(server_name, bare_target, bare_port, factory=True)
        bare_env = {**env, "BENCH_BODIES": str(bodies_file)}
        with servers.running(
            f"{name}-bare", bare_command, bare_port, env=bare_env, cpu=server_core
        ) as bare:
            cells: dict[tuple[str, str], Cell] = {}
            exports: dict[str, list[dict[str, Any]]] = {"kit": [], "bare": []}
            with pinned(client_core):
                for round_number in range(1, config.rounds + 1):
                    for scenario in scenarios(config):
                        for target, server in (("kit", kit), ("bare", bare)):
                            result, used = measure.measured_load(
                                server,
                                scenario.make,
                                concurrency=scenario.concurrency,
                                duration=config.duration,
                            )
                            cells.setdefault((scenario.name, target), Cell()).add(result, used)
                        report(f"{name}: round {round_number}/{config.rounds} {scenario.name}")
                    for target, server in (("kit", kit), ("bare", bare)):
                        expected = config.orders + 1 + cells[("POST /orders", "kit")].requests
                        if target == "bare":
                            expected = bodies["export_rows"]
                        exports[target].append(measure_export(server, expected))
                    report(f"{name}: round {round_number}/{config.rounds} export")
    return {
        "server": server_name,
        "server_core": server_core,
        "client_core": client_core,
        "scenarios": {
            scenario: {target: cells[(scenario, target)].summary() for target in ("kit", "bare")}
            for scenario in dict.fromkeys(key[0] for key in cells)
        },
        "export": {target: _best(runs) for target, runs in exports.items()},
    }


def _best(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The fastest complete export of the rounds (its memory growth is the largest seen)."""
    fastest = max(runs, key=lambda run: run["rows_per_second"])
    growths = [run["rss_growth_mb"] for run in runs if run["rss_growth_mb"] is not None]
    return {**fastest, "rss_growth_mb": max(growths) if growths else None}


def ratio(kit: float | None, bare: float | None) -> float | None:
    return kit / bare if kit is not None and bare else None


def run_bench(
    config: BenchConfig, report: Callable[[str], None], workdir: Path | None = None
) -> dict[str, Any]:
    """Bench every host of the kit; the figures as one JSON-ready dict.

    The databases and server logs go to ``workdir`` (default: a temporary folder, removed).
    """
    hosts = available_hosts()
    results: dict[str, Any] = {
        "config": asdict(config),
        "cpu_count": os.cpu_count(),
        "goals": list(GOALS),
        "hosts": {},
    }
    with tempfile.TemporaryDirectory(prefix="bench-") as scratch:
        for host in hosts:
            results["hosts"][host[0]] = bench_host(host, config, workdir or Path(scratch), report)
    for host in results["hosts"].values():
        for cells in host["scenarios"].values():
            kit, bare = cells["kit"], cells["bare"]
            cells["ratio"] = {
                "requests_per_second": ratio(
                    kit["requests_per_second"], bare["requests_per_second"]
                ),
                "server_cpu_per_request": ratio(
                    kit["server_cpu_us_per_request"], bare["server_cpu_us_per_request"]
                ),
            }
    return results


def _number(value: float | None, digits: int = 0) -> str:
    return "n/a" if value is None else f"{value:,.{digits}f}"


def render_table(results: dict[str, Any]) -> list[str]:
    """The results as lines for a terminal."""
    lines = []
    header = (
        f"{'scenario':<22}{'kit req/s':>11}{'bare req/s':>12}{'ratio':>7}"
        f"{'kit p50/p99 ms':>17}{'bare p50/p99 ms':>18}{'kit CPU µs':>12}{'bare CPU µs':>13}"
        f"{'ratio':>7}{'client CPU':>12}"
    )
    for name, host in results["hosts"].items():
        pinned_note = (
            f"server on core {host['server_core']}, client on core {host['client_core']}"
            if host["server_core"] is not None
            else "not pinned to cores (one core, or this OS cannot pin)"
        )
        lines += ["", f"{name} ({host['server']}, 1 process): {pinned_note}", header]
        busy_clients = []
        for scenario, cells in host["scenarios"].items():
            kit, bare, ratios = cells["kit"], cells["bare"], cells["ratio"]
            client = max(kit["client_cpu_share"], bare["client_cpu_share"])
            if client > 0.85:
                busy_clients.append(scenario)
            lines.append(
                f"{scenario:<22}{_number(kit['requests_per_second']):>11}"
                f"{_number(bare['requests_per_second']):>12}"
                f"{_number(ratios['requests_per_second'], 2):>7}"
                f"{kit['p50_ms']:>8.1f} /{kit['p99_ms']:>6.1f}"
                f"{bare['p50_ms']:>10.1f} /{bare['p99_ms']:>6.1f}"
                f"{_number(kit['server_cpu_us_per_request']):>12}"
                f"{_number(bare['server_cpu_us_per_request']):>13}"
                f"{_number(ratios['server_cpu_per_request'], 2):>7}{client:>11.0%}"
            )
        for target in ("kit", "bare"):
            export = host["export"][target]
            lines.append(
                f"export ({target}): {export['rows']:,} rows at "
                f"{_number(export['rows_per_second'])} rows/s, first byte "
                f"{export['first_byte_ms']:.1f} ms, server RSS growth "
                f"{_number(export['rss_growth_mb'], 1)} MB"
                + ("" if export["complete"] else "  (INCOMPLETE)")
            )
        if busy_clients:
            lines.append(
                "note: the client used over 85% of its core in "
                + ", ".join(busy_clients)
                + ": the server may be faster than these figures say."
            )
    lines += ["", "goals: " + "; ".join(results["goals"])]
    return lines
