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

Why this solution
-----------------
Two wrappers, because a sync function and a coroutine function must be replaced by the same
kind of function: the async wrapper is a coroutine function too, so ``await get_user_orders(1)``
still works and FastAPI still sees an async endpoint. In both, ``try/finally`` puts the
measurement on every way out of the call (a return or an exception) and, having no
``except``, lets the exception continue untouched. The ``await`` sits inside the ``try``: the
clock stops when the work is done, not when the coroutine object was created.
``functools.wraps`` gives each wrapper the original's name, docstring and ``__wrapped__``.
"""

import functools
import inspect
import time
from collections.abc import Callable
from typing import Any, TypeVar, cast

F = TypeVar("F", bound=Callable[..., Any])

Record = Callable[[str, float], object]
"""Receives each measurement: the function's name and the call's duration in seconds."""

Clock = Callable[[], float]
"""Returns the current time in seconds, like ``time.perf_counter``."""


def timed(record: Record, *, clock: Clock = time.perf_counter) -> Callable[[F], F]:
    """Decorator factory: every call of the decorated function is timed and passed to ``record``."""

    def decorator(fn: F) -> F:
        name = fn.__name__

        if inspect.iscoroutinefunction(fn):

            @functools.wraps(fn)
            async def async_wrapper(*args: Any, **kwargs: Any) -> Any:
                start = clock()
                try:
                    return await fn(*args, **kwargs)
                finally:
                    record(name, clock() - start)

            return cast(F, async_wrapper)

        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = clock()
            try:
                return fn(*args, **kwargs)
            finally:
                record(name, clock() - start)

        return cast(F, wrapper)

    return decorator
