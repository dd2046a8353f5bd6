# Wrong answer for P14: get_and_reset takes no lock, so it can wipe out a concurrent increment.
"""P14 wrong answer: reset forgot the lock."""

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
        with self._lock:
            return self._read()

    def increment(self, n: int = 1) -> int:
        """Add ``n`` and return the new value."""
        with self._lock:
            new_value = self._read() + n
            self._write(new_value)
            return new_value

    def decrement(self, n: int = 1) -> int:
        """Subtract ``n`` and return the new value."""
        with self._lock:
            new_value = self._read() - n
            self._write(new_value)
            return new_value

    def get_and_reset(self) -> int:
        """Return the current count and set it to 0."""
        current = self._read()
        self._write(0)
        return current
