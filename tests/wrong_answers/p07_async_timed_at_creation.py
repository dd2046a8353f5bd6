# Wrong answer for P07: one sync wrapper for everything times only the creation of an async function's coroutine (about zero seconds).
"""P07 wrong answer: the async function has not run yet when the clock stops."""

import functools
import time
from collections.abc import Callable
from typing import Any, TypeVar, cast

F = TypeVar("F", bound=Callable[..., Any])
Record = Callable[[str, float], object]
Clock = Callable[[], float]


def timed(record: Record, *, clock: Clock = time.perf_counter) -> Callable[[F], F]:
    """Decorator factory with a single, synchronous wrapper."""

    def decorator(fn: F) -> F:
        name = fn.__name__

        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = clock()
            try:
                return fn(*args, **kwargs)  # for an async fn: a coroutine object, not yet run
            finally:
                record(name, clock() - start)

        return cast(F, wrapper)

    return decorator
