# Wrong answer for P06: a module-level dict is shared by every thread and task, so concurrent requests read each other's values.
"""P06 wrong answer: correct for one request at a time, shared between all of them."""

from collections.abc import Iterator
from contextlib import contextmanager

_request_values: dict[str, object] | None = None


@contextmanager
def request_scope(**initial: object) -> Iterator[None]:
    """Swap in new values and put the previous ones back, in one process-wide variable."""
    global _request_values
    previous = _request_values
    _request_values = dict(initial)
    try:
        yield
    finally:
        _request_values = previous


def set_request_value(key: str, value: object) -> None:
    """Store a value in the process-wide dict."""
    if _request_values is None:
        raise RuntimeError("set_request_value() needs an active request_scope()")
    _request_values[key] = value


def get_request_value(key: str, default: object = None) -> object:
    """Read a value from the process-wide dict."""
    if _request_values is None:
        return default
    return _request_values.get(key, default)
