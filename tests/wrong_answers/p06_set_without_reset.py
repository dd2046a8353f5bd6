# Wrong answer for P06: the ContextVar is set but never reset, so a request's values outlive it on a reused worker thread.
"""P06 wrong answer: isolated, but leaks into whatever runs next on the same thread."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_request_values: ContextVar[dict[str, object] | None] = ContextVar("request_values", default=None)


@contextmanager
def request_scope(**initial: object) -> Iterator[None]:
    """Set new values for this context, and forget about them."""
    _request_values.set(dict(initial))
    yield


def set_request_value(key: str, value: object) -> None:
    """Store a value for the current context."""
    values = _request_values.get()
    if values is None:
        raise RuntimeError("set_request_value() needs an active request_scope()")
    values[key] = value


def get_request_value(key: str, default: object = None) -> object:
    """Read a value of the current context."""
    values = _request_values.get()
    if values is None:
        return default
    return values.get(key, default)
