# Wrong answer for P07: without functools.wraps the wrapper replaces the function's name, docstring and signature.
# Rejected with: decorate the wrapper with @functools.wraps(fn)
"""P07 wrong answer: times correctly, but every decorated function is now called 'wrapper'."""

import inspect
import time
from collections.abc import Callable
from typing import Any, TypeVar, cast

F = TypeVar("F", bound=Callable[..., Any])
Record = Callable[[str, float], object]
Clock = Callable[[], float]


def timed(record: Record, *, clock: Clock = time.perf_counter) -> Callable[[F], F]:
    """Decorator factory without functools.wraps."""

    def decorator(fn: F) -> F:
        name = fn.__name__
        if inspect.iscoroutinefunction(fn):

            async def async_wrapper(*args: Any, **kwargs: Any) -> Any:
                start = clock()
                try:
                    return await fn(*args, **kwargs)
                finally:
                    record(name, clock() - start)

            return cast(F, async_wrapper)

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = clock()
            try:
                return fn(*args, **kwargs)
            finally:
                record(name, clock() - start)

        return cast(F, wrapper)

    return decorator
