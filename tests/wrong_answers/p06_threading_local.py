# Wrong answer for P06: threading.local is per thread, but asyncio tasks share one thread, so they read each other's values.
"""P06 wrong answer: fine for Flask's threads, broken under asyncio."""

import threading
from collections.abc import Iterator
from contextlib import contextmanager

_local = threading.local()


def _current() -> dict[str, object] | None:
    return getattr(_local, "values", None)


@contextmanager
def request_scope(**initial: object) -> Iterator[None]:
    """Swap in new values for this thread and put the previous ones back afterwards."""
    previous = _current()
    _local.values = dict(initial)
    try:
        yield
    finally:
        _local.values = previous


def set_request_value(key: str, value: object) -> None:
    """Store a value for this thread."""
    values = _current()
    if values is None:
        raise RuntimeError("set_request_value() needs an active request_scope()")
    values[key] = value


def get_request_value(key: str, default: object = None) -> object:
    """Read a value of this thread."""
    values = _current()
    if values is None:
        return default
    return values.get(key, default)
