"""The SQLite backend: the standard library's ``sqlite3`` behind the unit-of-work interface.

There is no global connection. ``SQLiteDatabase`` owns a small pool (``sqlite_pool``): a session
borrows one connection when it is entered and gives it back, rolled back and clean, when it
exits, so a connection is never used by two sessions (or threads) at once and no transaction
outlives its unit of work.

Transactions are explicit (``isolation_level=None``; this module issues BEGIN/COMMIT itself):

- a session that may write starts with ``BEGIN IMMEDIATE``: it takes the write lock up front,
  so two concurrent requests never fail half-way through when upgrading a read lock; waiting
  for it longer than ``LOCK_TIMEOUT_SECONDS`` raises ``DatabaseBusyError`` (503);
- a ``read_only`` session starts with a plain ``BEGIN`` and sets ``PRAGMA query_only``;
- the file uses WAL journaling, so readers and the single writer do not block each other, and
  ``synchronous`` is a setting (``DATABASE_SYNCHRONOUS``): ``normal`` (the default) cannot
  corrupt the file and loses nothing when the application crashes, only a power loss can lose
  the last commits; ``full`` also survives that, at the cost of a disk flush per commit;
- ``PRAGMA foreign_keys = ON`` on every connection (SQLite leaves it off by default);
- ``savepoint()`` maps to SQL ``SAVEPOINT`` / ``ROLLBACK TO`` / ``RELEASE``.
"""

from __future__ import annotations

import itertools
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar, Final

from ..resources import discover
from .errors import (
    AppError,
    ConflictError,
    DatabaseBusyError,
    SessionError,
    ValidationError,
    email_taken,
    id_taken,
    user_not_found,
)
from .models import DEFAULT_ORDER_STATUS, Order, User, UserSummary, to_iso_utc, utc_now
from .sqlite_pool import DEFAULT_POOL_SIZE, ConnectionPool
from .unit_of_work import DEFAULT_BATCH_SIZE, LOCK_TIMEOUT_SECONDS, SessionLifecycle

SCHEMA: Final = """
CREATE TABLE IF NOT EXISTS users (
    id    INTEGER PRIMARY KEY,
    name  TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    email TEXT
);
-- One user per email; NULL means "no email" and may repeat (Amit is not alone).
CREATE UNIQUE INDEX IF NOT EXISTS users_email_unique ON users (email) WHERE email IS NOT NULL;

CREATE TABLE IF NOT EXISTS orders (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id),
    amount     INTEGER CHECK (amount IS NULL OR amount >= 0),
    status     TEXT NOT NULL DEFAULT 'pending'
               CHECK (status IN ('pending', 'paid', 'cancelled')),
    created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS orders_user_id ON orders (user_id);
"""


USER_COLUMNS: Final = "id, name, email"
ORDER_COLUMNS: Final = "id, user_id, amount, status, created_at"
ORDER_KEYS: Final = ("id", "user_id", "amount", "status", "created_at")


def _user_from_row(row: tuple[int, str, str | None]) -> User:
    return User(id=row[0], name=row[1], email=row[2])


def _order_from_row(row: tuple[int, int, int | None, str, str]) -> Order:
    return Order(
        id=row[0],
        user_id=row[1],
        amount=row[2],
        status=row[3],
        created_at=datetime.fromisoformat(row[4]),
    )


def _app_error_from_integrity(
    error: sqlite3.IntegrityError, *, kind: str, record_id: int | None, user_id: int | None = None
) -> AppError:
    """Translate a constraint violation into the domain error it means; never a 500.

    The services check first to give a precise answer, but only the database can be sure when
    two requests race; this is the safety net for that case. A constraint the validation let
    through (a bug there) is still the client's data breaking a rule: 422 for a CHECK or NOT
    NULL, 409 for anything else, with the database's wording kept out of the message.
    """
    text = str(error)
    if "users.email" in text:
        return email_taken()
    if text.endswith(".id") and record_id is not None:
        return id_taken(kind, record_id)
    if "FOREIGN KEY" in text and user_id is not None:
        return user_not_found(user_id, field="user_id")
    if text.startswith(("CHECK", "NOT NULL")):
        message = f"The {kind.lower()} breaks a rule of the database."
        detail = {"field": "", "message": message, "type": "constraint"}
        return ValidationError(message, details=[detail])
    return ConflictError(f"The {kind.lower()} conflicts with data already stored.")


class SQLiteUserRepository:
    """``UserRepository`` on a SQLite session's connection."""

    def __init__(self, session: SQLiteSession) -> None:
        self._session = session

    def add(self, name: str, email: str | None, *, user_id: int | None = None) -> User:
        """Insert a user (a new id unless ``user_id`` is given); ``ConflictError`` on a clash."""
        connection = self._session._writable_connection()
        try:
            cursor = connection.execute(
                "INSERT INTO users (id, name, email) VALUES (?, ?, ?)", (user_id, name, email)
            )
        except sqlite3.IntegrityError as exc:
            raise _app_error_from_integrity(exc, kind="User", record_id=user_id) from exc
        new_id = cursor.lastrowid if user_id is None else user_id
        assert new_id is not None  # an INSERT always sets lastrowid
        return User(id=new_id, name=name, email=email)

    def get(self, user_id: int) -> User | None:
        """The user with this id, or ``None``."""
        row = (
            self._session._connection()
            .execute(f"SELECT {USER_COLUMNS} FROM users WHERE id = ?", (user_id,))
            .fetchone()
        )
        return _user_from_row(row) if row else None

    def get_by_email(self, email: str) -> User | None:
        """The user with this email, or ``None``."""
        row = (
            self._session._connection()
            .execute(f"SELECT {USER_COLUMNS} FROM users WHERE email = ?", (email,))
            .fetchone()
        )
        return _user_from_row(row) if row else None

    def list_page(self, *, limit: int, offset: int) -> list[User]:
        """Users ordered by id, ``limit`` of them after skipping ``offset``."""
        rows = (
            self._session._connection()
            .execute(
                f"SELECT {USER_COLUMNS} FROM users ORDER BY id LIMIT ? OFFSET ?", (limit, offset)
            )
            .fetchall()
        )
        return [_user_from_row(row) for row in rows]


class SQLiteOrderRepository:
    """``OrderRepository`` on a SQLite session's connection."""

    def __init__(self, session: SQLiteSession) -> None:
        self._session = session

    def add(
        self,
        user_id: int,
        amount: int | None,
        status: str = DEFAULT_ORDER_STATUS,
        *,
        order_id: int | None = None,
        created_at: datetime | None = None,
    ) -> Order:
        """Insert an order; ``NotFoundError``: no such user, ``ConflictError``: id in use."""
        connection = self._session._writable_connection()
        moment = created_at or utc_now()
        try:
            cursor = connection.execute(
                f"INSERT INTO orders ({ORDER_COLUMNS}) VALUES (?, ?, ?, ?, ?)",
                (order_id, user_id, amount, status, to_iso_utc(moment)),
            )
        except sqlite3.IntegrityError as exc:
            raise _app_error_from_integrity(
                exc, kind="Order", record_id=order_id, user_id=user_id
            ) from exc
        new_id = cursor.lastrowid if order_id is None else order_id
        assert new_id is not None  # an INSERT always sets lastrowid
        return Order(id=new_id, user_id=user_id, amount=amount, status=status, created_at=moment)

    def get(self, order_id: int) -> Order | None:
        """The order with this id, or ``None``."""
        row = (
            self._session._connection()
            .execute(f"SELECT {ORDER_COLUMNS} FROM orders WHERE id = ?", (order_id,))
            .fetchone()
        )
        return _order_from_row(row) if row else None

    def list_page(self, *, limit: int, offset: int) -> list[Order]:
        """Orders ordered by id, ``limit`` of them after skipping ``offset``."""
        rows = (
            self._session._connection()
            .execute(
                f"SELECT {ORDER_COLUMNS} FROM orders ORDER BY id LIMIT ? OFFSET ?", (limit, offset)
            )
            .fetchall()
        )
        return [_order_from_row(row) for row in rows]

    def list_for_user(self, user_id: int, *, limit: int, offset: int) -> list[Order]:
        """One user's orders ordered by id, paged like ``list_page``."""
        rows = (
            self._session._connection()
            .execute(
                f"SELECT {ORDER_COLUMNS} FROM orders WHERE user_id = ? "
                "ORDER BY id LIMIT ? OFFSET ?",
                (user_id, limit, offset),
            )
            .fetchall()
        )
        return [_order_from_row(row) for row in rows]

    def list_after(self, after_id: int, *, limit: int) -> list[Order]:
        """Up to ``limit`` orders with an id greater than ``after_id`` (keyset pagination)."""
        return [_order_from_row(row) for row in self._rows_after(after_id, limit)]

    def rows_after(self, after_id: int, *, limit: int) -> list[dict[str, Any]]:
        """Like ``list_after``, as rows exactly as stored: ``created_at`` is already ISO 8601.

        The export sends what the table holds; building an ``Order`` and formatting its date
        back into the same string would only cost time (about two thirds of it, per row).
        """
        return [
            dict(zip(ORDER_KEYS, row, strict=True)) for row in self._rows_after(after_id, limit)
        ]

    def _rows_after(self, after_id: int, limit: int) -> list[tuple[Any, ...]]:
        return (
            self._session._connection()
            .execute(
                f"SELECT {ORDER_COLUMNS} FROM orders WHERE id > ? ORDER BY id LIMIT ?",
                (after_id, limit),
            )
            .fetchall()
        )

    def summary_for_user(self, user_id: int) -> UserSummary:
        """Count and total of a user's orders; ``COUNT(amount)`` skips NULLs, ``COUNT(*)`` not."""
        count, total, without_amount = (
            self._session._connection()
            .execute(
                "SELECT COUNT(*), COALESCE(SUM(amount), 0), COUNT(*) - COUNT(amount) "
                "FROM orders WHERE user_id = ?",
                (user_id,),
            )
            .fetchone()
        )
        return UserSummary(
            user_id=user_id,
            order_count=count,
            total_spent=total,
            orders_without_amount=without_amount,
        )

    def iter_all(self, *, batch_size: int = DEFAULT_BATCH_SIZE) -> Iterator[Order]:
        """Every order by id, read from one cursor ``batch_size`` rows at a time.

        Only one batch is in memory at once, however many rows there are. The session must
        stay open while the caller iterates: it is checked before every batch.
        """
        cursor = self._session._connection().execute(
            f"SELECT {ORDER_COLUMNS} FROM orders ORDER BY id"
        )
        try:
            while True:
                self._session._require_active()
                rows = cursor.fetchmany(batch_size)
                if not rows:
                    return
                for row in rows:
                    yield _order_from_row(row)
        finally:
            with suppress(sqlite3.ProgrammingError):  # the connection may already be closed
                cursor.close()


class SQLiteSession(SessionLifecycle):
    """A unit of work on a connection borrowed from the database's pool for its duration."""

    storage_kind: ClassVar[str] = "sqlite"

    def __init__(self, pool: ConnectionPool, *, read_only: bool = False) -> None:
        super().__init__(read_only=read_only)
        self._pool = pool
        self._sqlite: sqlite3.Connection | None = None
        self._generation = 0
        self._savepoint_numbers = itertools.count(1)
        self.users: SQLiteUserRepository = SQLiteUserRepository(self)
        self.orders: SQLiteOrderRepository = SQLiteOrderRepository(self)

    def _open(self) -> None:
        self._sqlite, self._generation = self._pool.acquire(read_only=self.read_only)

    def _connection(self) -> sqlite3.Connection:
        """The borrowed connection, inside a transaction (begun now if none is running)."""
        self._require_active()
        if self._sqlite is None:
            raise SessionError("This session has no connection.")
        if not self._sqlite.in_transaction:
            try:
                self._sqlite.execute("BEGIN" if self.read_only else "BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                if "locked" in str(exc) or "busy" in str(exc):
                    raise DatabaseBusyError() from exc
                raise
        return self._sqlite

    def _writable_connection(self) -> sqlite3.Connection:
        self._require_writable()
        return self._connection()

    def connection(self, *, write: bool = False) -> sqlite3.Connection:
        """The unit of work's connection, in its transaction (for resource repositories).

        ``write=True`` is for statements that change data: it refuses a read-only session.
        """
        return self._writable_connection() if write else self._connection()

    def _commit(self) -> None:
        if self._sqlite is not None and self._sqlite.in_transaction:
            self._sqlite.execute("COMMIT")

    def _rollback(self) -> None:
        if self._sqlite is not None and self._sqlite.in_transaction:
            self._sqlite.execute("ROLLBACK")

    def _release(self) -> None:
        """Give the connection back to the pool, but only clean: no transaction left open.

        ``clean`` becomes true only once the rollback has run, so a connection whose cleaning
        was interrupted (even by ``KeyboardInterrupt``) is closed, never lent again.
        """
        connection, self._sqlite = self._sqlite, None
        if connection is None:
            return
        clean = False
        try:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            clean = True
        finally:
            self._pool.release(connection, self._generation, read_only=self.read_only, clean=clean)

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """Undo only this block's changes if it raises (SQL ``SAVEPOINT`` / ``ROLLBACK TO``).

        The exception still propagates; catching it is the caller's decision. Used to keep
        the good items of a bulk request when one item fails.
        """
        connection = self._connection()
        name = f"sp_{next(self._savepoint_numbers)}"
        connection.execute(f"SAVEPOINT {name}")
        try:
            yield
        except BaseException:
            if self._sqlite is not None and self._sqlite.in_transaction:
                connection.execute(f"ROLLBACK TO {name}")
                connection.execute(f"RELEASE {name}")
            raise
        connection.execute(f"RELEASE {name}")


class SQLiteDatabase:
    """A SQLite file, and the small pool of connections its sessions borrow.

    ``lock_timeout`` is how long a session waits for the write lock (or a free connection)
    before ``DatabaseBusyError``, and ``create_schema`` for the file; tests make it short.
    ``":memory:"`` is refused: each connection would get its own, empty database, so nothing
    would survive from one unit of work to the next. Use ``InMemoryDatabase`` for that.
    """

    def __init__(
        self,
        path: str | Path,
        *,
        synchronous: str = "normal",
        pool_size: int = DEFAULT_POOL_SIZE,
        lock_timeout: float = LOCK_TIMEOUT_SECONDS,
    ) -> None:
        self.path = str(path)
        self.lock_timeout = lock_timeout
        if self.path == ":memory:" or self.path.startswith("file::memory:"):
            raise ValueError(
                "SQLiteDatabase(':memory:') would give every session a separate, empty "
                "database: use InMemoryDatabase() for an in-memory backend."
            )
        self._pool = ConnectionPool(
            self.path, size=pool_size, synchronous=synchronous, timeout=lock_timeout
        )
        self._schema_ready = False
        self._schema_lock = threading.Lock()

    @property
    def synchronous(self) -> str:
        """``normal`` or ``full``: how hard each commit waits for the disk (see module doc)."""
        return self._pool.synchronous

    def create_schema(self) -> None:
        """Create the folder, the tables and indexes if missing, and switch the file to WAL.

        The kit's own tables come first, then those of every resource in ``resources``.
        """
        with self._schema_lock:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(self.path, timeout=self.lock_timeout)
            try:
                connection.execute("PRAGMA journal_mode = WAL")
                connection.executescript(SCHEMA)
                for resource in discover():  # tables added with `scaffold resource`
                    connection.executescript(resource.schema)
            finally:
                connection.close()
            self._schema_ready = True

    def session(self, *, read_only: bool = False) -> SQLiteSession:
        """A new session (the schema is created first if this object has not done it yet)."""
        if not self._schema_ready:
            self.create_schema()
        return SQLiteSession(self._pool, read_only=read_only)

    def idle_connections(self) -> int:
        """Open connections waiting in the pool (every one is closed by ``close()``)."""
        return self._pool.idle_count()

    def close(self) -> None:
        """Close every pooled connection (at shutdown); the database stays usable."""
        self._pool.close()

    def __repr__(self) -> str:
        return f"SQLiteDatabase({self.path!r}, synchronous={self.synchronous!r})"
