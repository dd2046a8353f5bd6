# Wrong answer for P14: it trusts the GIL to make `+=` atomic, which Python does not promise.
"""P14 wrong answer: trust the GIL."""

import threading


class ThreadSafeCounter:
    """An integer counter that any number of threads can update at the same time."""

    def __init__(self, start: int = 0) -> None:
        self._count = start
        self._lock = threading.Lock()

    def _read(self) -> int:
        """Load the current count."""
        return self._count

    def _write(self, value: int) -> None:
        """Store a new count."""
        self._count = value

    @property
    def value(self) -> int:
        """The current count."""
        return self._count

    def increment(self, n: int = 1) -> int:
        """Add ``n`` and return the new value."""
        self._count += n  # the GIL makes this atomic
        return self._count

    def decrement(self, n: int = 1) -> int:
        """Subtract ``n`` and return the new value."""
        self._count -= n  # the GIL makes this atomic
        return self._count

    def get_and_reset(self) -> int:
        """Return the current count and set it to 0."""
        current, self._count = self._count, 0  # one statement, so atomic
        return current
