# Wrong answer for P04: `except Exception` around the yield never sees CancelledError or KeyboardInterrupt, so a cancelled request is closed without its rollback.
# Rejected with: which is a BaseException but not an Exception, so `except Exception` skipped the rollback
"""P04 wrong answer: the generator rolls back only for Exception subclasses."""

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
        if connection is None:  # called without a successful __enter__: nothing to release
            return False
        try:
            if exc_type is None:
                connection.commit()
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
        yield connection
    except Exception:
        connection.rollback()
        raise  # the caller must see the original error
    else:
        connection.commit()
    finally:
        connection.close()
