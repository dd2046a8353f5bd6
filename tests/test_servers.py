"""Start each host with its real server, as a user would, and talk HTTP to it over loopback.

Runs on the default combination (both hosts), with the kit README's production commands as the
kit's own ``bench/servers.py`` builds them (``production_command``): waitress serves the Flask
app factory, uvicorn serves the FastAPI app. Servers listen on 127.0.0.1 only, start in their
own process group and are stopped with SIGTERM; every wait is bounded and the group is killed
whatever happens.
"""

from __future__ import annotations

import importlib.util
import json
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import httpx
import processes
import pytest
from kits import Kit

TOKEN = "server-test-token"
START_TIMEOUT = 60.0
STOP_TIMEOUT = 20.0


def kit_servers(kit: Kit) -> ModuleType:
    """The kit's ``bench/servers.py`` (standard library only), loaded from the rendered file."""
    path = kit.path / "src" / kit.package / "bench" / "servers.py"
    spec = importlib.util.spec_from_file_location(f"{kit.package}_bench_servers", path)
    assert spec is not None and spec.loader is not None, path
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


# What each server serves, in a kit of both hosts.
TARGETS = {
    "waitress": "{package}.flask_app.app:create_app",
    "uvicorn": "{package}.fastapi_app.main:app",
}


def answers_health(client: httpx.Client) -> bool:
    try:
        return client.get("/health").status_code == 200
    except httpx.TransportError:
        return False


def start_server(kit: Kit, server: str, database: Path) -> tuple[subprocess.Popen[str], str]:
    """Start ``server`` with the README's production command, as the kit's own
    ``bench/servers.py`` builds it, on a free loopback port; wait until it answers /health.

    Returns the server's process (its own process group, output and errors merged) and its
    base URL. A server that exits, or does not answer within START_TIMEOUT, fails the test
    with its output; it is stopped first.
    """
    servers = kit_servers(kit)
    port = servers.free_port()
    target = TARGETS[server].format(package=kit.package)
    command = ["uv", "run", "--frozen", *servers.production_command(server, target, port)]
    env = {**kit.env, "DATABASE_PATH": str(database), "API_TOKEN": TOKEN}
    process = processes.start(command, cwd=kit.path, env=env, merge_stderr=True)
    url = f"http://{servers.HOST}:{port}"
    try:
        with httpx.Client(base_url=url, timeout=10) as client:
            deadline = time.monotonic() + START_TIMEOUT
            while not answers_health(client):
                if process.poll() is not None or time.monotonic() > deadline:
                    break
                time.sleep(0.1)
            else:
                return process, url
    except BaseException:
        processes.kill_group(process)
        processes.finish(process, STOP_TIMEOUT)
        raise
    state = "exited early" if process.poll() is not None else "did not answer"
    process.terminate()
    output, _ = processes.finish(process, STOP_TIMEOUT)
    pytest.fail(f"{server} {state} within {START_TIMEOUT:.0f} s:\n{output}")


@pytest.fixture
def served(
    default_kit: Kit, request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[httpx.Client]:
    """The server running on a free loopback port; stopped with SIGTERM afterwards."""
    process, url = start_server(default_kit, request.param, tmp_path / "app.sqlite3")
    client = httpx.Client(base_url=url, timeout=10)
    try:
        yield client
    finally:
        client.close()
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)  # uv forwards it to the server
        output, _ = processes.finish(process, STOP_TIMEOUT)
    # uvicorn re-raises the signal after a graceful shutdown; waitress has no handler for it
    # and ends at once (acknowledged writes are on disk: see the kill -9 test below).
    if request.param == "uvicorn":
        assert "Application shutdown complete" in output, output
    assert process.returncode in (0, -signal.SIGTERM, 128 + signal.SIGTERM), output


@pytest.mark.parametrize("served", ["waitress", "uvicorn"], indirect=True)
def test_real_server_serves_the_contract(served: httpx.Client) -> None:
    headers = {"X-Token": TOKEN, "X-Request-ID": "real-server-1"}
    created = served.post("/users", json={"name": "Lee", "email": None}, headers=headers)
    assert created.status_code == 201, created.text
    assert created.headers["X-Request-ID"] == "real-server-1"
    user_id = created.json()["id"]

    order = {"user_id": user_id, "amount": 1200}
    for amount in (1200, None):
        placed = served.post("/orders", json={**order, "amount": amount}, headers=headers)
        assert placed.status_code == 201, placed.text

    bad = served.post("/users", json={"name": 42}, headers=headers)
    assert bad.status_code == 422
    assert bad.json()["error"]["code"] == "validation_error"

    refused = served.post("/users", json={"name": "Eve"})
    assert refused.status_code == 401
    assert refused.json()["error"]["code"] == "unauthorized"
    assert served.get("/users").status_code == 401, "reads of user data need the token too"

    with served.stream("GET", "/orders/export", headers=headers) as streamed:
        assert streamed.status_code == 200
        rows = [json.loads(line) for line in streamed.iter_lines() if line]
    assert [row["amount"] for row in rows] == [1200, None]


@pytest.mark.parametrize("served", ["waitress", "uvicorn"], indirect=True)
def test_real_servers_agree_where_only_real_servers_can_show_it(served: httpx.Client) -> None:
    """Two edges the in-process test clients cannot carry: a header sent twice (the WSGI
    test transport keeps one copy) and a path with non-ASCII digits (it cannot encode it)."""
    made = served.post("/users", json={"name": "Lee"}, headers={"X-Token": TOKEN})
    assert made.status_code == 201, made.text
    for pair in ((TOKEN, "nope"), ("nope", TOKEN)):
        twice = [("X-Token", pair[0]), ("X-Token", pair[1])]
        refused = served.post("/users", json={"name": "Twice"}, headers=twice)
        assert refused.status_code == 401, (pair, refused.text)
        assert "once" in refused.json()["error"]["message"]
    arabic_one = served.get("/users/%D9%A1", headers={"X-Token": TOKEN})
    assert arabic_one.status_code == 404, arabic_one.text
    listed = served.get("/users", headers={"X-Token": TOKEN}).json()["items"]
    assert [user["name"] for user in listed] == ["Lee"]


@pytest.mark.parametrize("server", ["waitress", "uvicorn"])
def test_kill_9_mid_burst_loses_no_acknowledged_write(
    default_kit: Kit, server: str, tmp_path: Path
) -> None:
    """The default durability (WAL, synchronous=normal) survives a crash of the application.

    Writers post orders; once enough are acknowledged the whole server group gets SIGKILL in
    the middle of the burst. Every order the server answered 201 for must be in the file.
    """
    database = tmp_path / "burst.sqlite3"
    process, url = start_server(default_kit, server, database)
    acknowledged: list[int] = []
    stop = threading.Event()
    headers = {"X-Token": TOKEN}

    def write() -> None:
        with httpx.Client(base_url=url, timeout=5) as client:
            while not stop.is_set():
                try:
                    placed = client.post(
                        "/orders", json={"user_id": 1, "amount": 1}, headers=headers
                    )
                except httpx.TransportError:
                    return  # the server is gone
                if placed.status_code == 201:
                    acknowledged.append(placed.json()["id"])

    try:
        with httpx.Client(base_url=url, timeout=5) as client:
            made = client.post("/users", json={"name": "Buyer"}, headers=headers)
            assert made.status_code == 201 and made.json()["id"] == 1, made.text
        writers = [threading.Thread(target=write) for _ in range(4)]
        for writer in writers:
            writer.start()
        deadline = time.monotonic() + 20
        while len(acknowledged) < 200 and time.monotonic() < deadline:
            time.sleep(0.01)
        processes.kill_group(process)  # SIGKILL to the server and every worker, mid-burst
        stop.set()
        for writer in writers:
            writer.join(10)
    finally:
        stop.set()
        processes.finish(process, STOP_TIMEOUT)
    assert len(acknowledged) >= 200, f"only {len(acknowledged)} writes before the deadline"
    with sqlite3.connect(database) as connection:
        stored = {row[0] for row in connection.execute("SELECT id FROM orders")}
    lost = sorted(set(acknowledged) - stored)
    assert not lost, f"{len(lost)} acknowledged orders are gone after kill -9: {lost[:10]}"
