# Wrong answer for P07: copying __name__ and __doc__ onto the wrapper by hand misses __wrapped__, so inspect.signature and FastAPI see (*args, **kwargs).
# Rejected with: copying __name__ and __doc__ by hand is not enough
"""P07 wrong answer: the identity is copied by hand, incompletely."""

import inspect
import time
from collections.abc import Callable
from typing import Any, TypeVar, cast

F = TypeVar("F", bound=Callable[..., Any])
Record = Callable[[str, float], object]
Clock = Callable[[], float]


def timed(record: Record, *, clock: Clock = time.perf_counter) -> Callable[[F], F]:
    """Decorator factory that copies the function's identity by hand."""

    def decorator(fn: F) -> F:
        name = fn.__name__
        if inspect.iscoroutinefunction(fn):

            async def async_wrapper(*args: Any, **kwargs: Any) -> Any:
                start = clock()
                try:
                    return await fn(*args, **kwargs)
                finally:
                    record(name, clock() - start)

            async_wrapper.__name__ = fn.__name__
            async_wrapper.__doc__ = fn.__doc__
            return cast(F, async_wrapper)

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = clock()
            try:
                return fn(*args, **kwargs)
            finally:
                record(name, clock() - start)

        wrapper.__name__ = fn.__name__
        wrapper.__doc__ = fn.__doc__
        return cast(F, wrapper)

    return decorator
