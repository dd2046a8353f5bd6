"""Units of work (sessions) over two interchangeable storage backends: start here.

A *unit of work* groups everything one request (or one command) changes: either all of it is
committed or none of it is. It is a context manager, because ``__exit__`` is the one place that
runs however the block ends::

    with session_scope(database) as session:
        user = session.users.add("Raj", "raj@gmail.com")
        session.orders.add(user.id, 2500)
    # committed here if the block succeeded; rolled back if it raised; closed either way

The pieces, one module each:

- ``unit_of_work``: the interface (``Database``, ``Session``, ``UserRepository``,
  ``OrderRepository``) and the session lifecycle both backends share;
- ``sqlite_backend``: ``SQLiteDatabase(path)``, the default; each session borrows one
  ``sqlite3`` connection from the database's small pool (``sqlite_pool``), no global one;
- ``memory_backend``: ``InMemoryDatabase()``, thread-safe dictionaries for fast unit tests.

Misuse raises ``SessionError``: entering a session twice, using it before ``with`` or after it
closed, or writing through a read-only session. A transaction starts lazily, at the first
repository call, so a session that does nothing takes no lock.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from .errors import SessionError
from .memory_backend import InMemoryDatabase, InMemorySession
from .settings import Settings
from .sqlite_backend import SCHEMA, SQLiteDatabase, SQLiteSession
from .unit_of_work import (
    DEFAULT_BATCH_SIZE,
    EXPORT_BATCH_SIZE,
    LOCK_TIMEOUT_SECONDS,
    Database,
    OrderRepository,
    Session,
    UserRepository,
)

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "EXPORT_BATCH_SIZE",
    "LOCK_TIMEOUT_SECONDS",
    "SCHEMA",
    "Database",
    "InMemoryDatabase",
    "InMemorySession",
    "OrderRepository",
    "SQLiteDatabase",
    "SQLiteSession",
    "Session",
    "SessionError",
    "UserRepository",
    "database_from_settings",
    "open_database",
    "session_scope",
]


@contextmanager
def session_scope(database: Database, *, read_only: bool = False) -> Iterator[Session]:
    """Run a block as one unit of work: commit if it succeeds, roll back if not, always close.

    ``read_only=True`` is for blocks that only read (lists, exports): on SQLite they do not take
    the write lock, so a long export does not hold up other requests. Writing raises
    ``SessionError``.
    """
    with database.session(read_only=read_only) as session:
        yield session


def database_from_settings(settings: Settings) -> SQLiteDatabase:
    """The configured SQLite database (``DATABASE_PATH``, ``DATABASE_SYNCHRONOUS``); no I/O yet."""
    return SQLiteDatabase(settings.database_path, synchronous=settings.database_synchronous)


def open_database(settings: Settings) -> SQLiteDatabase:
    """The configured SQLite database, with its schema created."""
    database = database_from_settings(settings)
    database.create_schema()
    return database
