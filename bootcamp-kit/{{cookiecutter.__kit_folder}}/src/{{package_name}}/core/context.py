"""Request-scoped state without globals: who is asking, under which request id, since when.

A module-level variable is shared by every thread and every asyncio task of the process, so a
"current request" stored in one would leak between concurrent requests. A
``contextvars.ContextVar`` holds one value *per context* instead: each thread has its own
context, and asyncio gives each task a copy of its creator's context, so a value set while
handling one request is invisible to all the others.

``request_context(...)`` sets the value and always resets it with the token ``set`` returned,
even when the block raises. Resetting matters because server threads are reused: a value left
behind would be seen by the next request served on the same thread.

Starlette runs sync endpoints in worker threads with a *copy* of the context: they can read the
request context but changes they make do not come back. Set the context in the host's outermost
layer (a plain ASGI/WSGI middleware or ``before_request``/``teardown_request``).
"""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Final

REQUEST_ID_HEADER: Final = "X-Request-ID"
# What a request id taken from a client header may look like: short, no spaces, no newlines
# (a newline in a logged id would let a client forge log lines).
REQUEST_ID_PATTERN: Final = re.compile(r"[A-Za-z0-9._:-]{1,128}")


@dataclass(frozen=True, slots=True)
class RequestContext:
    """What the core knows about the request being handled.

    ``user`` identifies the authenticated caller (``None`` before authentication).
    ``started_at`` is wall-clock UTC for logs; durations use the monotonic clock, which never
    jumps when the system clock is adjusted.
    """

    request_id: str
    user: str | None = None
    started_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    started_monotonic: float = field(default_factory=time.monotonic)

    def elapsed_seconds(self) -> float:
        """Seconds since the request started, from the monotonic clock."""
        return time.monotonic() - self.started_monotonic


_current_request: ContextVar[RequestContext | None] = ContextVar("current_request", default=None)


def new_request_id() -> str:
    """A fresh, unique request id (32 hex characters)."""
    return uuid.uuid4().hex


def accept_request_id(candidate: str | None) -> str:
    """The client's request id if it is safe to log and echo back, otherwise a new one.

    Hosts call it with the ``X-Request-ID`` header value (``None`` when absent).
    """
    if candidate is not None and REQUEST_ID_PATTERN.fullmatch(candidate):
        return candidate
    return new_request_id()


@contextmanager
def request_context(
    request_id: str | None = None, user: str | None = None
) -> Iterator[RequestContext]:
    """Make a ``RequestContext`` current for the block; the previous one is back afterwards.

    ``request_id`` defaults to a new one. Nesting works: the inner block sees its own
    context and the outer one is restored when it ends, whatever happens inside.
    """
    context = RequestContext(request_id=request_id or new_request_id(), user=user)
    token = _current_request.set(context)
    try:
        yield context
    finally:
        _current_request.reset(token)


def current_request() -> RequestContext | None:
    """The request being handled in this thread or task, or ``None`` outside any request."""
    return _current_request.get()


def current_request_id() -> str | None:
    """The current request's id, or ``None`` outside any request (handy in log formatters)."""
    context = _current_request.get()
    return context.request_id if context is not None else None
