# Wrong answer for P04: returning True from __exit__ (and not re-raising in the generator) swallows the block's exception, so a failed request looks like a success.
"""P04 wrong answer: the exception is handled away."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import TracebackType
from typing import Protocol


class Connection(Protocol):
    """What the context managers need from a database connection."""

    def commit(self) -> None: ...

    def rollback(self) -> None: ...

    def close(self) -> None: ...


Connect = Callable[[], Connection]
"""Opens a new connection, e.g. ``lambda: sqlite3.connect("app.db")``."""


class DatabaseSession:
    """``with DatabaseSession(connect) as connection:`` commits or rolls back, then closes."""

    def __init__(self, connect: Connect) -> None:
        self._connect = connect
        self._connection: Connection | None = None

    def __enter__(self) -> Connection:
        self._connection = self._connect()  # acquired here, paired with the release below
        return self._connection

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> bool:
        connection = self._connection
        self._connection = None
        if connection is None:  # __enter__ failed or never ran: nothing to release
            return False
        try:
            if exc_type is None:
                connection.commit()
            else:
                connection.rollback()
        finally:
            connection.close()  # runs even if commit() or rollback() raised
        return True  # "to be safe"


@contextmanager
def database_session(connect: Connect) -> Iterator[Connection]:
    """The generator version of ``DatabaseSession``: same rules, same guarantees."""
    connection = connect()
    try:
        yield connection
    except Exception:
        connection.rollback()  # handled: the error stops here
    else:
        connection.commit()
    finally:
        connection.close()
