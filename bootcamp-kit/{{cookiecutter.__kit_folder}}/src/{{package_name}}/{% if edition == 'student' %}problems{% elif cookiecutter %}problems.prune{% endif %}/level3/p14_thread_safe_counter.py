"""P14 · Design a thread-safe counter (Level 3, modules 0.3 and 0.7).

Task
----
Complete ``ThreadSafeCounter``, a counter that many threads use at once (a hit counter or an
in-flight-requests gauge in a threaded Flask app):

- ``increment(n=1)`` adds ``n`` and returns the new value;
- ``decrement(n=1)`` subtracts ``n`` and returns the new value;
- ``value`` (a property) is the current count;
- ``get_and_reset()`` returns the count and sets it to 0 *in one step*: an increment from
  another thread must land either before (and be returned) or after (and stay counted), never
  in between, where it would vanish. Think of a metrics exporter that reads and clears the
  counter every few seconds.

Under any number of threads, no update may be lost: after 8 threads each incremented 1000
times, the value is exactly 8000 more.

Two rules make this exercise testable:

- read the count only with ``self._read()`` and change it only with ``self._write(value)``.
  They stand for loads and stores of shared state that take time (a dict shared by requests,
  a cache entry); the tests override them to slow them down, so that the interleavings a busy
  server produces happen on every run;
- ``self._lock`` is the one lock every operation shares; keep that name, the tests watch it.

Concept
-------
``count += 1`` is three steps: read, add, write. Two threads can both read 41 and both write
42; one increment is lost and nothing crashes. A lock turns the three steps into one critical
section. In today's CPython, ``self._count += 1`` on an ``int`` rarely loses updates because of
the GIL and *where* the interpreter switches threads; that is an implementation detail, not a
guarantee (free-threaded Python 3.13t+ has no GIL at all, and one method call in the middle is
enough to break it), so do not design on it. Locking only some operations is not enough
either: every operation that reads and then writes, ``get_and_reset`` included, must hold the
same lock from its read to its write. Two separately locked steps still leave a gap between
them.

Run the tests with ``uv run pytest --problem 14`` and ask for a hint with
``uv run <package> hint 14``. Each place to work on is marked by a ``# TODO`` comment
tagged ``P14``: delete each marker as you finish that part. While any is left, the
problem's tests are reported as TODO.
"""

import threading


class ThreadSafeCounter:
    """An integer counter that any number of threads can update at the same time."""

    def __init__(self, start: int = 0) -> None:
        self._count = start
        # The one lock all operations share (the tests watch it: keep the name).
        self._lock = threading.Lock()

    def _read(self) -> int:
        """Load the current count. Given: every operation must read through here."""
        return self._count

    def _write(self, value: int) -> None:
        """Store a new count. Given: every operation must write through here."""
        self._count = value

    @property
    def value(self) -> int:
        """The current count."""
        # TODO(P14): read the count (through self._read()).
        raise NotImplementedError("P14: implement value")

    def increment(self, n: int = 1) -> int:
        """Add ``n`` and return the new value."""
        # TODO(P14): read, add and write as one step that no other thread can interrupt.
        raise NotImplementedError("P14: implement increment")

    def decrement(self, n: int = 1) -> int:
        """Subtract ``n`` and return the new value."""
        # TODO(P14): the same as increment, the other way.
        raise NotImplementedError("P14: implement decrement")

    def get_and_reset(self) -> int:
        """Return the current count and set it to 0, atomically."""
        # TODO(P14): no increment may land between reading the count and resetting it.
        raise NotImplementedError("P14: implement get_and_reset")
