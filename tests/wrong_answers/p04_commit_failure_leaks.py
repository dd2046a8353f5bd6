# Wrong answer for P04: when commit() or rollback() raises, the close() after it is skipped and the connection leaks.
"""P04 wrong answer: close() is not in a finally."""

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
        if exc_type is None:
            connection.commit()
        else:
            connection.rollback()
        connection.close()
        return False  # never swallow: a true value would hide the block's exception


@contextmanager
def database_session(connect: Connect) -> Iterator[Connection]:
    """The generator version of ``DatabaseSession``: same rules, same guarantees."""
    connection = connect()
    try:
        yield connection
    except BaseException:
        connection.rollback()
        connection.close()
        raise
    connection.commit()
    connection.close()
