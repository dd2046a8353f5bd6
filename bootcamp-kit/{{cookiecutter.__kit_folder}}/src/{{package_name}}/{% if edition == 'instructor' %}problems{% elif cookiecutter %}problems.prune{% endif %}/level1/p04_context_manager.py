"""P04 · Implement custom context manager (Level 1, module 0.8).

Task
----
Write the same resource lifecycle twice, once as a class and once as a generator, so that a
request can say ``with DatabaseSession(connect) as connection: ...`` or
``with database_session(connect) as connection: ...`` and never leak a connection.

``connect`` is a function that opens and returns a ``Connection`` (something with ``commit``,
``rollback`` and ``close``). Both versions must:

1. call ``connect()`` when the ``with`` block is entered (not before: an object that is created
   but never used in a ``with`` must not hold a connection), and give the *connection* to the
   block (``as connection``);
2. when the block finishes normally (including a ``return`` from inside it): ``commit()``,
   then ``close()``;
3. when the block raises: ``rollback()``, then ``close()``, and let the exception continue to
   the caller unchanged: cleanup must never hide an error;
4. close the connection exactly once, whatever happens, even when ``commit()`` or
   ``rollback()`` itself raises, and even for exceptions that are not ``Exception`` subclasses
   (``asyncio.CancelledError`` and ``KeyboardInterrupt`` derive from ``BaseException``);
5. never commit after an error.

If ``connect()`` itself fails, there is nothing to clean up: its exception propagates and the
block does not run (Python's ``with`` statement already does this for you).

Concept
-------
``with`` guarantees that ``__exit__`` runs however the block ends: normally, by ``return``, or
by an exception. ``__exit__(exc_type, exc, traceback)`` learns which (all three are ``None`` on
success), and its return value matters: a true value tells Python the exception was handled
and swallows it. A cleanup method that returns ``True`` "to be safe" turns every failed
request into a silent success. ``@contextlib.contextmanager`` builds the same thing from a
generator: the code before ``yield`` is ``__enter__``, the code after is ``__exit__``, and an
exception in the block is *raised at the yield*, so without ``try``/``finally`` the cleanup
after ``yield`` never runs. This is how Flask's ``teardown_request``, FastAPI's dependencies
with ``yield`` and SQLAlchemy's sessions avoid exhausting the connection pool.

The kit's core has the production version of this idea: ``session_scope`` in ``core/db.py``
(with ``core/unit_of_work.py``). Compare with it after solving.

Why this solution
-----------------
Both versions have the same shape: acquire, hand out, then decide between commit and rollback
inside a ``try`` whose ``finally`` closes. The ``finally`` is what makes "close exactly once"
true on every path, including a failing ``commit()`` and a ``BaseException`` such as a
cancelled request. ``__exit__`` returns ``False`` on purpose, so an exception always reaches
the caller; the generator re-raises with a bare ``raise`` for the same reason. The class clears
``self._connection`` when it closes it, so the object holds no dead connection afterwards.
"""

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
        yield connection  # the with-block's exception is raised right here
    except BaseException:
        connection.rollback()
        raise  # the caller must see the original error
    else:
        connection.commit()
    finally:
        connection.close()
