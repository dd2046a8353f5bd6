"""P06 · Implement request-scoped storage, no globals (Level 2, modules 0.3 and 0.7).

Task
----
This module lets code deep inside a request (a service, a logger, a repository) read values
that belong to the request being handled, such as its id or the authenticated user, without
passing them through every function call:

- ``with request_scope(request_id="r-1", user="raj"):`` starts the values of one request. The
  block sees only the values given here and those set inside it. When the block ends, even by
  an exception (which must propagate), whatever was visible before the block is visible again:
  nothing after a request, the outer request's values after a nested scope.
- ``set_request_value(key, value)`` stores a value for the current request. Outside any
  ``request_scope`` there is no request to store it in: raise ``RuntimeError``.
- ``get_request_value(key, default=None)`` reads a value of the current request; ``default``
  when the key was not set or when no scope is active.

The starting code (the student edition of this module) works for one request at a time, and
it is wrong: every value lives in one module-level variable shared by the whole process. Fix
it so that each request sees only its own values, whether requests are served by many threads
(Flask behind gunicorn with threads) or by many asyncio tasks on one thread (FastAPI's
``async def`` endpoints), and so that no value survives its request. Keep the three public
names and what they do.

Concept
-------
A server handles many requests at once, and the functions handling them share the module's
globals. A "current request" kept in a global is overwritten by whichever request wrote last,
so one user's request can log another user's id, or act as another user. ``threading.local``
gives each *thread* its own value, which is enough for Flask's thread-per-request model but
not for asyncio, where hundreds of requests take turns on a single thread (module 0.7).
The course's notes stop at "request-scoped data" (modules 0.1 and 0.3); the standard
library's tool for it is ``contextvars.ContextVar``, made for both models: each thread has its
own context, and asyncio runs each task in its own copy of the context it was created in.

``ContextVar.set`` returns a *token*; ``ContextVar.reset(token)`` puts back exactly the value
that was there before that ``set``. Servers reuse their worker threads, so a value set but
never reset would be seen by the next request served on the same thread. The package's
``core/context.py`` uses this pattern for the request id: read it after solving this problem.

Why this solution
-----------------
One ``ContextVar`` holds the whole dict of the current request's values (``None`` outside any
request), so there is one variable to reason about and its default, ``None``, is not a shared
mutable object. ``request_scope`` sets a *new* dict, so a request never starts with another
request's values, and resets with the token in ``finally``, so the previous state (nothing, or
the outer request's dict) comes back on success and on error alike. Setting the variable to
``None`` instead of resetting would be wrong for nested scopes: the outer values would be lost.

The dict itself is mutable on purpose: tasks or threads started *inside* a request (with
``asyncio.create_task`` or ``asyncio.to_thread``, which copy the context) belong to that
request and share its values. A task that needs values of its own opens its own scope.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_request_values: ContextVar[dict[str, object] | None] = ContextVar("request_values", default=None)
"""The current request's values, or None outside any request: one value per thread and task."""


@contextmanager
def request_scope(**initial: object) -> Iterator[None]:
    """Give the block its own request values (``initial``); restore the previous ones after it."""
    token = _request_values.set(dict(initial))
    try:
        yield
    finally:
        _request_values.reset(token)


def set_request_value(key: str, value: object) -> None:
    """Store ``value`` under ``key`` for the current request; ``RuntimeError`` outside one."""
    values = _request_values.get()
    if values is None:
        raise RuntimeError("set_request_value() needs an active request_scope()")
    values[key] = value


def get_request_value(key: str, default: object = None) -> object:
    """The current request's value for ``key``; ``default`` if unset or outside any request."""
    values = _request_values.get()
    if values is None:
        return default
    return values.get(key, default)
