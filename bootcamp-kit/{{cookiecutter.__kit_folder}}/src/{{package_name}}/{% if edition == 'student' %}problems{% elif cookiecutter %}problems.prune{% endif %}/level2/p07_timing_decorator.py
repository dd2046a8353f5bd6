"""P07 · Write a decorator for timing API calls (Level 2, module 0.4).

Task
----
Write ``timed(record, clock=time.perf_counter)``, a decorator factory used like this::

    @timed(metrics.observe)
    def get_user(user_id: int) -> dict: ...

    @timed(metrics.observe)
    async def get_user_orders(user_id: int) -> list[dict]: ...

Every call of the decorated function must:

- pass its positional and keyword arguments through unchanged and return the function's
  return value unchanged;
- call ``record(name, seconds)`` exactly once, where ``name`` is the function's ``__name__``
  and ``seconds`` is ``clock()`` after the call minus ``clock()`` before it;
- record the time also when the function raises, and then let that very exception propagate
  (timing must never change what the caller sees);
- for an ``async def`` function, time the real work: the wrapper must itself be an
  ``async def`` that awaits the function (calling a coroutine function only creates a
  coroutine object, which does nothing until it is awaited).

The decorated function must still look like the original to the tools that inspect it:
``__name__``, ``__doc__``, ``__wrapped__`` and the signature.

Concept
-------
A decorator does not modify a function, it *replaces* it: ``get_user = timed(record)(get_user)``.
Frameworks then look at the replacement. Flask names each endpoint after the view's
``__name__`` (two views both called ``wrapper`` clash), FastAPI reads the signature to find
path, query and body parameters and checks whether the endpoint is a coroutine function to
decide whether to await it or run it in a thread pool. ``functools.wraps`` copies the identity
of the original onto the wrapper and sets ``__wrapped__``, which ``inspect.signature`` follows.

Timing is the classic decorator: the same few lines add a metric to every endpoint. Measure
durations with ``time.perf_counter``, a monotonic high-resolution clock (``time.time`` can
jump when the system clock is adjusted). ``clock`` is a parameter so tests can pass a fake
clock and check exact numbers without sleeping.

Run the tests with ``uv run pytest --problem 7`` and ask for a hint with
``uv run <package> hint 7``. Each place to work on is marked by a ``# TODO`` comment
tagged ``P07``: delete each marker as you finish that part. While any is left, the
problem's tests are reported as TODO.
"""

import time
from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

Record = Callable[[str, float], object]
"""Receives each measurement: the function's name and the call's duration in seconds."""

Clock = Callable[[], float]
"""Returns the current time in seconds, like ``time.perf_counter``."""


def timed(record: Record, *, clock: Clock = time.perf_counter) -> Callable[[F], F]:
    """Decorator factory: every call of the decorated function is timed and passed to ``record``."""
    # TODO(P07): return a decorator. Its wrapper keeps the function's identity (functools.wraps),
    #   passes arguments and the result through, and records the duration in all cases, also
    #   when the function raises (the exception must still reach the caller).
    # TODO(P07): async def functions need an async def wrapper that awaits them
    #   (inspect.iscoroutinefunction tells them apart).
    raise NotImplementedError("P07: implement the timed decorator")
