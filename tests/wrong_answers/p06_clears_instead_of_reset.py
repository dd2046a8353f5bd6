# Wrong answer for P06: setting the ContextVar to None on exit, instead of reset(token), wipes the outer scope's values.
"""P06 wrong answer: cleans up, but does not restore what was there before."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_request_values: ContextVar[dict[str, object] | None] = ContextVar("request_values", default=None)


@contextmanager
def request_scope(**initial: object) -> Iterator[None]:
    """Set new values for this context and set None when the block ends."""
    _request_values.set(dict(initial))
    try:
        yield
    finally:
        _request_values.set(None)


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
