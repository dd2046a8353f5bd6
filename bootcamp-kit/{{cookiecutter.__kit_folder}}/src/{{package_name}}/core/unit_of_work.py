"""The unit-of-work interface both storage backends implement, and the lifecycle they share.

Services are written against these ``Protocol`` classes only (structural typing: a backend
does not inherit from them, it just has the same methods), which is what lets the same service
run on SQLite in production and on dictionaries in a unit test.

``SessionLifecycle`` is the state machine of a session, shared by both backends:
new -> active (inside ``with``) -> closed. It calls the backend's hooks in a legal order and
turns every misuse into a ``SessionError``.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from contextlib import AbstractContextManager
from datetime import datetime
from types import TracebackType
from typing import Any, Final, Protocol, Self

from .errors import SessionError
from .models import DEFAULT_ORDER_STATUS, Order, User, UserSummary

DEFAULT_BATCH_SIZE: Final = 500
# The export reads bigger batches: each costs one short session, so fewer is faster.
EXPORT_BATCH_SIZE: Final = 5000
# How long a session waits for another one to release the write lock before giving up.
LOCK_TIMEOUT_SECONDS: Final = 5.0


class UserRepository(Protocol):
    """Storage of users, as the services see it (both backends implement it)."""

    def add(self, name: str, email: str | None, *, user_id: int | None = None) -> User:
        """Insert a user (a new id unless ``user_id`` is given); ``ConflictError`` on a clash."""
        ...

    def get(self, user_id: int) -> User | None:
        """The user with this id, or ``None``."""
        ...

    def get_by_email(self, email: str) -> User | None:
        """The user with this email, or ``None``."""
        ...

    def list_page(self, *, limit: int, offset: int) -> list[User]:
        """Users ordered by id, ``limit`` of them after skipping ``offset``."""
        ...


class OrderRepository(Protocol):
    """Storage of orders, as the services see it (both backends implement it)."""

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
        ...

    def get(self, order_id: int) -> Order | None:
        """The order with this id, or ``None``."""
        ...

    def list_page(self, *, limit: int, offset: int) -> list[Order]:
        """Orders ordered by id, ``limit`` of them after skipping ``offset``."""
        ...

    def list_for_user(self, user_id: int, *, limit: int, offset: int) -> list[Order]:
        """One user's orders ordered by id, paged like ``list_page``."""
        ...

    def list_after(self, after_id: int, *, limit: int) -> list[Order]:
        """Up to ``limit`` orders with an id greater than ``after_id`` (keyset pagination)."""
        ...

    def rows_after(self, after_id: int, *, limit: int) -> list[dict[str, Any]]:
        """Like ``list_after``, as JSON-ready rows exactly as stored (no ``Order`` objects)."""
        ...

    def summary_for_user(self, user_id: int) -> UserSummary:
        """Count and total of a user's orders, counting NULL amounts separately."""
        ...

    def iter_all(self, *, batch_size: int = DEFAULT_BATCH_SIZE) -> Iterator[Order]:
        """Every order by id, lazily, ``batch_size`` rows at a time (memory stays flat)."""
        ...


class Session(Protocol):
    """One unit of work: repositories plus the transaction they share."""

    @property
    def users(self) -> UserRepository:
        """The users of this unit of work."""
        ...

    @property
    def orders(self) -> OrderRepository:
        """The orders of this unit of work."""
        ...

    @property
    def read_only(self) -> bool:
        """True for a session that may only read (it never takes the write lock)."""
        ...

    @property
    def closed(self) -> bool:
        """True once the session has been closed (it cannot be used again)."""
        ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None: ...

    def commit(self) -> None:
        """Make the changes so far permanent; the session stays usable."""
        ...

    def rollback(self) -> None:
        """Discard the changes since the last commit; the session stays usable."""
        ...

    def close(self) -> None:
        """Discard uncommitted changes and release the connection or lock (idempotent)."""
        ...

    def savepoint(self) -> AbstractContextManager[None]:
        """A context manager undoing only its own block's changes if that block raises."""
        ...


class Database(Protocol):
    """Something sessions can be opened on: ``SQLiteDatabase`` or ``InMemoryDatabase``."""

    def create_schema(self) -> None:
        """Create the tables if they do not exist yet (safe to call any number of times)."""
        ...

    def session(self, *, read_only: bool = False) -> Session:
        """A new, not yet entered session; use ``session_scope`` rather than calling this."""
        ...

    def close(self) -> None:
        """Release what the database holds open (connections) at shutdown; still usable after."""
        ...


class _State(enum.Enum):
    NEW = "new"
    ACTIVE = "active"
    CLOSED = "closed"


class SessionLifecycle:
    """The state machine both backends share: new -> active (inside ``with``) -> closed.

    Subclasses provide ``_open``, ``_commit``, ``_rollback`` and ``_release``; this class makes
    sure they are called in a legal order and turns every misuse into a ``SessionError``.
    """

    def __init__(self, *, read_only: bool) -> None:
        self.read_only = read_only
        self._state = _State.NEW

    @property
    def closed(self) -> bool:
        """True once the session has been closed (it cannot be used again)."""
        return self._state is _State.CLOSED

    def __enter__(self) -> Self:
        if self._state is _State.ACTIVE:
            raise SessionError(
                "This session is already open: a unit of work cannot be entered twice. "
                "Pass the open session down, or start another with session_scope(database)."
            )
        if self._state is _State.CLOSED:
            raise SessionError(
                "This session is closed and cannot be reopened: "
                "start a new unit of work with session_scope(database)."
            )
        self._open()
        self._state = _State.ACTIVE
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._state is not _State.ACTIVE:
            return  # closed inside the block: nothing left to commit or roll back
        try:
            if exc_type is None:
                self.commit()
            else:
                self.rollback()
        finally:
            self.close()

    def _require_active(self) -> None:
        """Raise ``SessionError`` unless the session is inside its ``with`` block."""
        if self._state is _State.NEW:
            raise SessionError(
                "This session has not been opened: use it inside "
                "`with session_scope(database) as session:`."
            )
        if self._state is _State.CLOSED:
            raise SessionError(
                "This session is closed: its unit of work has ended. "
                "Start a new one with session_scope(database)."
            )

    def _require_writable(self) -> None:
        """Raise ``SessionError`` for a write through a read-only session."""
        self._require_active()
        if self.read_only:
            raise SessionError(
                "This session is read-only: use session_scope(database) (without "
                "read_only=True) for a unit of work that writes."
            )

    def commit(self) -> None:
        """Make the changes so far permanent; the session stays usable."""
        self._require_active()
        self._commit()

    def rollback(self) -> None:
        """Discard the changes since the last commit; the session stays usable."""
        self._require_active()
        self._rollback()

    def close(self) -> None:
        """Discard uncommitted changes and release the connection or lock (idempotent)."""
        if self._state is not _State.ACTIVE:
            self._state = _State.CLOSED
            return
        try:
            self._release()
        finally:
            self._state = _State.CLOSED

    def _open(self) -> None:
        raise NotImplementedError

    def _commit(self) -> None:
        raise NotImplementedError

    def _rollback(self) -> None:
        raise NotImplementedError

    def _release(self) -> None:
        raise NotImplementedError
