"""A small bounded pool of SQLite connections: open once, lend to one session at a time.

Opening a connection per unit of work is the textbook way to never leak one, and it is slow:
every open pays for the file, the schema and, when it was the file's last connection, for
rebuilding the write-ahead log that the last close checkpointed away. A pool keeps a few
connections open and lends each to exactly one session at a time, with the same guarantees:

- **exclusive**: a connection is lent to one session and comes back before anyone else gets
  it, so no two threads ever use it at once (``check_same_thread`` is off because a session
  may be used from more than one thread *in turn*, e.g. a streamed response);
- **returned clean**: the session rolls back whatever it left open before giving it back, and
  a connection that cannot be cleaned is closed instead of being lent again;
- **read-only stays read-only**: connections lent to read-only sessions keep
  ``PRAGMA query_only = ON`` and go back to their own idle list, so a read never pays for
  switching it on and off (a connection changes lists only when the other list is empty);
- **bounded**: at most ``size`` connections; a session that finds them all lent waits up to
  ``timeout`` seconds, then gets ``DatabaseBusyError`` (a 503 for the client, not a hang);
- **closed at shutdown**: ``close()`` closes every idle connection; lent ones are closed when
  they come back. The pool stays usable: a later session opens a fresh connection.
"""

from __future__ import annotations

import sqlite3
import threading
from typing import Final

from .errors import DatabaseBusyError

DEFAULT_POOL_SIZE: Final = 8
SYNCHRONOUS_MODES: Final = ("normal", "full")


class ConnectionPool:
    """Up to ``size`` open connections to the SQLite file at ``path``."""

    def __init__(self, path: str, *, size: int, synchronous: str, timeout: float) -> None:
        if synchronous not in SYNCHRONOUS_MODES:
            raise ValueError(f"synchronous must be one of {SYNCHRONOUS_MODES}, not {synchronous!r}")
        self.path = path
        self.synchronous = synchronous
        self._timeout = timeout
        self._slots = threading.BoundedSemaphore(size)
        # Idle connections by mode: True holds the read-only ones (query_only is on).
        self._idle: dict[bool, list[sqlite3.Connection]] = {True: [], False: []}
        self._lock = threading.Lock()
        self._generation = 0  # bumped by close(): connections lent before it are not kept

    def _connect(self) -> sqlite3.Connection:
        # isolation_level=None: no hidden transactions; sessions issue BEGIN/COMMIT themselves.
        connection = sqlite3.connect(
            self.path, timeout=self._timeout, isolation_level=None, check_same_thread=False
        )
        connection.execute("PRAGMA foreign_keys = ON")  # off by default, per connection
        connection.execute(f"PRAGMA synchronous = {self.synchronous.upper()}")
        return connection

    def acquire(self, *, read_only: bool) -> tuple[sqlite3.Connection, int]:
        """A connection for one session, in the session's mode, and the pool generation."""
        if not self._slots.acquire(timeout=self._timeout):
            raise DatabaseBusyError()
        try:
            with self._lock:
                generation = self._generation
                same, other = self._idle[read_only], self._idle[not read_only]
                if same:
                    connection, switch = same.pop(), False
                elif other:
                    connection, switch = other.pop(), True
                else:
                    connection, switch = None, read_only  # a new connection starts writable
            if connection is None:
                connection = self._connect()
            if switch:
                connection.execute(f"PRAGMA query_only = {'ON' if read_only else 'OFF'}")
            return connection, generation
        except BaseException:
            self._slots.release()
            raise

    def release(
        self, connection: sqlite3.Connection, generation: int, *, read_only: bool, clean: bool
    ) -> None:
        """Take a connection back: kept for the next session if clean, closed otherwise."""
        try:
            with self._lock:
                keep = clean and generation == self._generation
                if keep:
                    self._idle[read_only].append(connection)
            if not keep:
                connection.close()
        finally:
            self._slots.release()

    def idle_count(self) -> int:
        """How many open connections are waiting to be lent (the pool tests watch it)."""
        with self._lock:
            return sum(len(idle) for idle in self._idle.values())

    def close(self) -> None:
        """Close every idle connection now; lent ones are closed when they come back."""
        with self._lock:
            idle = [connection for mode in self._idle.values() for connection in mode]
            self._idle = {True: [], False: []}
            self._generation += 1
        for connection in idle:
            connection.close()
