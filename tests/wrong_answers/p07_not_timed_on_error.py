# Wrong answer for P07: the duration is recorded after the call returns, so a call that raises is never timed.
"""P07 wrong answer: no try/finally, failed calls vanish from the metrics."""

import functools
import inspect
import time
from collections.abc import Callable
from typing import Any, TypeVar, cast

F = TypeVar("F", bound=Callable[..., Any])
Record = Callable[[str, float], object]
Clock = Callable[[], float]


def timed(record: Record, *, clock: Clock = time.perf_counter) -> Callable[[F], F]:
    """Decorator factory that records only successful calls."""

    def decorator(fn: F) -> F:
        name = fn.__name__
        if inspect.iscoroutinefunction(fn):

            @functools.wraps(fn)
            async def async_wrapper(*args: Any, **kwargs: Any) -> Any:
                start = clock()
                result = await fn(*args, **kwargs)
                record(name, clock() - start)
                return result

            return cast(F, async_wrapper)

        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = clock()
            result = fn(*args, **kwargs)
            record(name, clock() - start)
            return result

        return cast(F, wrapper)

    return decorator
