"""Start each host with its real server, as a user would, and talk HTTP to it over loopback.

Runs on the default combination (both hosts), in that kit's xdist group so it is not rendered
again: gunicorn serves the Flask app factory, uvicorn serves the FastAPI app.
"""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from conftest import DEFAULT_KIT
from kits import Kit

TOKEN = "server-test-token"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_command(server: str, package: str, port: int) -> list[str]:
    address = ["127.0.0.1", str(port)]
    if server == "gunicorn":
        target = f"{package}.flask_app.app:create_app()"
        return ["gunicorn", "--bind", ":".join(address), "--workers", "1", target]
    target = f"{package}.fastapi_app.main:app"
    return ["uvicorn", target, "--host", address[0], "--port", address[1]]


@pytest.fixture
def served(kit: Kit, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[httpx.Client]:
    """The server running on a free loopback port; stopped with SIGTERM afterwards."""
    port = free_port()
    env = {**kit.env, "DATABASE_PATH": str(tmp_path / "app.sqlite3"), "API_TOKEN": TOKEN}
    process = subprocess.Popen(
        ["uv", "run", "--frozen", *server_command(request.param, kit.package, port)],
        cwd=kit.path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if client.get("/health").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert process.poll() is None, f"server exited early:\n{process.stdout.read()}"
            assert time.monotonic() < deadline, "server did not answer /health in 60 s"
            time.sleep(0.1)
        yield client
    finally:
        client.close()
        process.send_signal(signal.SIGTERM)
        try:
            output, _ = process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            output, _ = process.communicate()
            pytest.fail(f"server did not stop on SIGTERM:\n{output}")
    if request.param == "uvicorn":
        # uvicorn re-raises the signal after a graceful shutdown, so the status says SIGTERM.
        assert "Application shutdown complete" in output, output
        assert process.returncode in (0, -signal.SIGTERM, 128 + signal.SIGTERM), output
    else:
        assert process.returncode == 0, f"server exit status {process.returncode}:\n{output}"


@pytest.mark.parametrize("kit", DEFAULT_KIT, indirect=True)
@pytest.mark.parametrize("served", ["gunicorn", "uvicorn"], indirect=True)
def test_real_server_serves_the_contract(kit: Kit, served: httpx.Client) -> None:
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

    with served.stream("GET", "/orders/export") as streamed:
        assert streamed.status_code == 200
        rows = [json.loads(line) for line in streamed.iter_lines() if line]
    assert [row["amount"] for row in rows] == [1200, None]
