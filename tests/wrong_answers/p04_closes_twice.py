# Wrong answer for P04: closing both in the success path and in `finally` closes a connection twice, which hands it back to a pool twice.
"""P04 wrong answer: close() in two places."""

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
                connection.close()
            else:
                connection.rollback()
        finally:
            connection.close()  # runs even if commit() or rollback() raised
        return False  # never swallow: a true value would hide the block's exception


@contextmanager
def database_session(connect: Connect) -> Iterator[Connection]:
    """The generator version of ``DatabaseSession``: same rules, same guarantees."""
    connection = connect()
    try:
        yield connection  # the with-block's exception is raised right here
    except BaseException:
        connection.rollback()
        raise  # the caller must see the original error
    else:
        connection.commit()
        connection.close()
    finally:
        connection.close()
