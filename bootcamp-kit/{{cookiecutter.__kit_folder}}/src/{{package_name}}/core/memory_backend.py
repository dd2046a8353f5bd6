"""The in-memory backend: dictionaries behind the same interface, for fast unit tests.

A write session takes the database's lock and works on a private *copy* of the tables; commit
publishes the copy with one reference assignment, rollback simply drops it, so what remains is
the snapshot taken before the unit of work. Published tables are never changed again, which
is why ``read_only`` sessions can read the last committed ones without any lock.

The constraints SQLite enforces (unique ids and emails, orders pointing at existing users) are
checked by hand here, raising the same errors, so a test passes on one backend only if it would
pass on the other.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar

from .errors import SessionError, email_taken, id_taken, user_not_found
from .models import DEFAULT_ORDER_STATUS, Order, User, UserSummary, utc_now
from .unit_of_work import DEFAULT_BATCH_SIZE, LOCK_TIMEOUT_SECONDS, SessionLifecycle


@dataclass
class _Tables:
    """The in-memory "tables": rows by id. Published copies are never modified again.

    ``resources`` holds the tables of resources added with ``scaffold resource``, by name.
    """

    users: dict[int, User] = field(default_factory=dict)
    orders: dict[int, Order] = field(default_factory=dict)
    resources: dict[str, dict[int, Any]] = field(default_factory=dict)

    def copy(self) -> _Tables:
        # Rows are frozen dataclasses, so copying the dicts (not the rows) is a full snapshot.
        return _Tables(
            users=dict(self.users),
            orders=dict(self.orders),
            resources={name: dict(rows) for name, rows in self.resources.items()},
        )


def _page(rows: list[Order], *, limit: int, offset: int) -> list[Order]:
    return rows[offset : offset + limit]


class InMemoryUserRepository:
    """``UserRepository`` on the tables of an in-memory session."""

    def __init__(self, session: InMemorySession) -> None:
        self._session = session

    def add(self, name: str, email: str | None, *, user_id: int | None = None) -> User:
        """Insert a user (a new id unless ``user_id`` is given); ``ConflictError`` on a clash."""
        tables = self._session._writable_tables()
        if user_id is not None and user_id in tables.users:
            raise id_taken("User", user_id)
        if email is not None and any(user.email == email for user in tables.users.values()):
            raise email_taken()
        new_id = user_id if user_id is not None else max(tables.users, default=0) + 1
        user = User(id=new_id, name=name, email=email)
        tables.users[new_id] = user
        return user

    def get(self, user_id: int) -> User | None:
        """The user with this id, or ``None``."""
        return self._session._tables_in_use().users.get(user_id)

    def get_by_email(self, email: str) -> User | None:
        """The user with this email, or ``None``."""
        users = self._session._tables_in_use().users.values()
        return next((user for user in users if user.email == email), None)

    def list_page(self, *, limit: int, offset: int) -> list[User]:
        """Users ordered by id, ``limit`` of them after skipping ``offset``."""
        users = self._session._tables_in_use().users
        return [users[user_id] for user_id in sorted(users)][offset : offset + limit]


class InMemoryOrderRepository:
    """``OrderRepository`` on the tables of an in-memory session."""

    def __init__(self, session: InMemorySession) -> None:
        self._session = session

    def _sorted(self) -> list[Order]:
        orders = self._session._tables_in_use().orders
        return [orders[order_id] for order_id in sorted(orders)]

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
        tables = self._session._writable_tables()
        if user_id not in tables.users:  # what FOREIGN KEY ... REFERENCES users does in SQL
            raise user_not_found(user_id, field="user_id")
        if order_id is not None and order_id in tables.orders:
            raise id_taken("Order", order_id)
        new_id = order_id if order_id is not None else max(tables.orders, default=0) + 1
        order = Order(
            id=new_id,
            user_id=user_id,
            amount=amount,
            status=status,
            created_at=created_at or utc_now(),
        )
        tables.orders[new_id] = order
        return order

    def get(self, order_id: int) -> Order | None:
        """The order with this id, or ``None``."""
        return self._session._tables_in_use().orders.get(order_id)

    def list_page(self, *, limit: int, offset: int) -> list[Order]:
        """Orders ordered by id, ``limit`` of them after skipping ``offset``."""
        return _page(self._sorted(), limit=limit, offset=offset)

    def list_for_user(self, user_id: int, *, limit: int, offset: int) -> list[Order]:
        """One user's orders ordered by id, paged like ``list_page``."""
        mine = [order for order in self._sorted() if order.user_id == user_id]
        return _page(mine, limit=limit, offset=offset)

    def list_after(self, after_id: int, *, limit: int) -> list[Order]:
        """Up to ``limit`` orders with an id greater than ``after_id`` (keyset pagination)."""
        return [order for order in self._sorted() if order.id > after_id][:limit]

    def rows_after(self, after_id: int, *, limit: int) -> list[dict[str, Any]]:
        """Like ``list_after``, as the JSON-ready rows the SQLite backend gives."""
        return [order.to_dict() for order in self.list_after(after_id, limit=limit)]

    def summary_for_user(self, user_id: int) -> UserSummary:
        """Count and total of a user's orders, counting NULL amounts separately."""
        orders = self._session._tables_in_use().orders.values()
        mine = [order for order in orders if order.user_id == user_id]
        known = [order.amount for order in mine if order.amount is not None]
        return UserSummary(
            user_id=user_id,
            order_count=len(mine),
            total_spent=sum(known),
            orders_without_amount=len(mine) - len(known),
        )

    def iter_all(self, *, batch_size: int = DEFAULT_BATCH_SIZE) -> Iterator[Order]:
        """Every order by id, ``batch_size`` at a time, checking the session before each batch."""
        tables = self._session._tables_in_use()
        order_ids = sorted(tables.orders)
        for start in range(0, len(order_ids), batch_size):
            self._session._require_active()
            for order_id in order_ids[start : start + batch_size]:
                yield tables.orders[order_id]


class InMemorySession(SessionLifecycle):
    """A unit of work on an ``InMemoryDatabase``: a private copy of the tables until commit."""

    storage_kind: ClassVar[str] = "memory"

    def __init__(self, database: InMemoryDatabase, *, read_only: bool = False) -> None:
        super().__init__(read_only=read_only)
        self._database = database
        self._tables: _Tables | None = None  # None: no transaction running
        self.users: InMemoryUserRepository = InMemoryUserRepository(self)
        self.orders: InMemoryOrderRepository = InMemoryOrderRepository(self)

    def _open(self) -> None:
        """Nothing to connect to; the transaction starts at the first repository call."""

    def _tables_in_use(self) -> _Tables:
        """The tables this transaction sees (a transaction is begun now if none is running)."""
        self._require_active()
        if self._tables is None:
            if self.read_only:
                self._tables = self._database._committed_tables()
            else:
                self._tables = self._database._begin_write()
        return self._tables

    def _writable_tables(self) -> _Tables:
        self._require_writable()
        return self._tables_in_use()

    def table(self, name: str, *, write: bool = False) -> dict[int, Any]:
        """The rows of table ``name`` in this unit of work, by id (for resource repositories).

        ``write=True`` is for changing them: it refuses a read-only session and starts the
        write transaction. Rows must be frozen values: the dict is this session's own copy.
        """
        tables = self._writable_tables() if write else self._tables_in_use()
        if name == "users":
            return tables.users
        if name == "orders":
            return tables.orders
        if write:
            return tables.resources.setdefault(name, {})
        return tables.resources.get(name, {})

    def _end_transaction(self, *, publish: bool) -> None:
        tables, self._tables = self._tables, None
        if tables is not None and not self.read_only:
            self._database._end_write(tables if publish else None)

    def _commit(self) -> None:
        self._end_transaction(publish=True)

    def _rollback(self) -> None:
        self._end_transaction(publish=False)

    def _release(self) -> None:
        self._end_transaction(publish=False)

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """Undo only this block's changes if it raises, by restoring a copy taken at its start.

        The exception still propagates; catching it is the caller's decision.
        """
        snapshot = self._tables_in_use().copy()
        try:
            yield
        except BaseException:
            if self._tables is not None:
                self._tables = snapshot
            raise


class InMemoryDatabase:
    """Tables in dictionaries, safe to share between threads; for tests and experiments.

    One write session at a time holds the lock (like SQLite's single writer). Opening a second
    write session on the thread that already holds one would wait for itself forever, so that
    raises ``SessionError`` at once instead.
    """

    def __init__(self) -> None:
        self._committed = _Tables()
        self._write_lock = threading.Lock()
        self._writer_thread: int | None = None

    def create_schema(self) -> None:
        """Nothing to create: the tables exist as soon as the object does."""

    def session(self, *, read_only: bool = False) -> InMemorySession:
        """A new, not yet entered session; use ``session_scope`` rather than calling this."""
        return InMemorySession(self, read_only=read_only)

    def close(self) -> None:
        """Nothing to release: there are no connections."""

    def _committed_tables(self) -> _Tables:
        return self._committed

    def _begin_write(self) -> _Tables:
        if self._writer_thread == threading.get_ident():
            raise SessionError(
                "This thread already has a write session open on this database; a second one "
                "would wait for the first forever. Pass the open session down instead."
            )
        if not self._write_lock.acquire(timeout=LOCK_TIMEOUT_SECONDS):
            raise SessionError("Timed out waiting for another unit of work to finish.")
        self._writer_thread = threading.get_ident()
        return self._committed.copy()

    def _end_write(self, tables: _Tables | None) -> None:
        if tables is not None:
            self._committed = tables  # publish: one reference assignment, atomic
        self._writer_thread = None
        self._write_lock.release()
