"""Start the lab app of one host under its production server, with the bench's own machinery.

The command is ``bench.servers.production_command`` (the kit README's, one worker), the
process group is started and always stopped by ``bench.servers.running``: the same code as the
bench, so a lab server can never outlive its lab, not even on Ctrl-C.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from typing import Final, Protocol

from ..bench import servers
from ..bench.measure import cores, pinned
from ..bench.runner import PACKAGE, available_hosts

# host -> (server, the lab app's target for that server)
LAB_APPS: Final = {
    "flask": ("waitress", f"{PACKAGE}.labs.flask_lab:create_app"),
    "fastapi": ("uvicorn", f"{PACKAGE}.labs.fastapi_lab:app"),
}


def lab_hosts() -> list[str]:
    """The hosts this kit was generated with (the bench's list), in a stable order."""
    return [host[0] for host in available_hosts()]


@contextmanager
def serving(host: str, lab: str, *, pin: bool = True) -> Iterator[servers.Server]:
    """The lab app of ``host`` running on a free 127.0.0.1 port for the block.

    With ``pin``, the server runs on one core and this process (the client) on another, as in
    the bench. ``pin=False`` leaves the server every core: a lab that asks whether threads run
    Python in parallel must not answer it by pinning the server to one core.
    """
    server_name, target = LAB_APPS[host]
    port = servers.free_port()
    command = servers.production_command(server_name, target, port)
    server_core, client_core = cores() if pin else (None, None)
    with (
        servers.running(
            f"lab-{lab}-{host}", command, port, env=dict(os.environ), cpu=server_core
        ) as server,
        pinned(client_core),
    ):
        yield server


class StartServer(Protocol):
    """How a lab gets its server: ``serving`` (a new one), or ``SharedServers`` (smoke tests)."""

    def __call__(
        self, host: str, lab: str, *, pin: bool = True
    ) -> AbstractContextManager[servers.Server]: ...


class SharedServers:
    """One server per host, kept running until the ``ExitStack`` closes: every lab in seconds.

    For smoke tests, which check what the labs report and not their figures: a real lab starts
    a fresh, pinned server (``serving``), so that one lab's leaks or pins never touch another.
    """

    def __init__(self, stack: ExitStack) -> None:
        self._stack = stack
        self._running: dict[str, servers.Server] = {}

    @contextmanager
    def __call__(self, host: str, lab: str, *, pin: bool = True) -> Iterator[servers.Server]:
        if host not in self._running:
            self._running[host] = self._stack.enter_context(serving(host, "shared", pin=False))
        yield self._running[host]


def worker_threads(host: str) -> int | None:
    """The threads per worker in the host's production command (None: it sets none)."""
    server_name, _ = LAB_APPS[host]
    return servers.WAITRESS_THREADS if server_name == "waitress" else None


def machine(pin: bool = True) -> dict[str, object]:
    """Where the figures come from: cores, and which core the server and the client ran on."""
    server_core, client_core = cores() if pin else (None, None)
    return {
        "cpu_count": os.cpu_count(),
        "server_core": server_core,
        "client_core": client_core,
    }
