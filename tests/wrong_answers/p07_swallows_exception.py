# Wrong answer for P07: catching the exception to record the time and returning None hides the failure from the caller.
"""P07 wrong answer: times failures, but turns them into a silent None."""

import functools
import inspect
import time
from collections.abc import Callable
from typing import Any, TypeVar, cast

F = TypeVar("F", bound=Callable[..., Any])
Record = Callable[[str, float], object]
Clock = Callable[[], float]


def timed(record: Record, *, clock: Clock = time.perf_counter) -> Callable[[F], F]:
    """Decorator factory that swallows the function's exceptions."""

    def decorator(fn: F) -> F:
        name = fn.__name__
        if inspect.iscoroutinefunction(fn):

            @functools.wraps(fn)
            async def async_wrapper(*args: Any, **kwargs: Any) -> Any:
                start = clock()
                try:
                    return await fn(*args, **kwargs)
                except Exception:
                    return None
                finally:
                    record(name, clock() - start)

            return cast(F, async_wrapper)

        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = clock()
            try:
                return fn(*args, **kwargs)
            except Exception:
                return None
            finally:
                record(name, clock() - start)

        return cast(F, wrapper)

    return decorator
