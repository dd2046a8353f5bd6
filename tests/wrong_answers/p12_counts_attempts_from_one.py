# Wrong answer for P12: counting attempts from 1 instead of retries from 0 doubles every wait (0.2, 0.4, 0.8... for base 0.1): an off-by-one.
# Rejected with: every wait is the one meant for the next retry (off by one)
"""P12 wrong answer: the first retry already waits twice the base delay."""

import functools
import time
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")
Sleep = Callable[[float], object]
Jitter = Callable[[float], float]
TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (ConnectionError, TimeoutError)


def backoff_delay(retry_number: int, *, base_delay: float, max_delay: float) -> float:
    """Seconds to wait before retry ``retry_number``."""
    return min(base_delay * 2**retry_number, max_delay)


def retry(
    fn: Callable[[], T],
    *,
    attempts: int = 3,
    base_delay: float = 0.1,
    max_delay: float = 2.0,
    retry_on: tuple[type[BaseException], ...] = TRANSIENT_ERRORS,
    sleep: Sleep = time.sleep,
    jitter: Jitter | None = None,
) -> T:
    """Call ``fn()`` until it succeeds."""
    if attempts < 1:
        raise ValueError(f"attempts must be at least 1, got {attempts}")
    for attempt in range(1, attempts):
        try:
            return fn()
        except retry_on:
            delay = backoff_delay(attempt, base_delay=base_delay, max_delay=max_delay)
            sleep(jitter(delay) if jitter is not None else delay)
    return fn()


def with_retry(
    *,
    attempts: int = 3,
    base_delay: float = 0.1,
    max_delay: float = 2.0,
    retry_on: tuple[type[BaseException], ...] = TRANSIENT_ERRORS,
    sleep: Sleep = time.sleep,
    jitter: Jitter | None = None,
) -> Callable[[Callable[P, T]], Callable[P, T]]:
    """Decorator form of ``retry``."""

    def decorator(fn: Callable[P, T]) -> Callable[P, T]:
        @functools.wraps(fn)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
            return retry(
                lambda: fn(*args, **kwargs),
                attempts=attempts,
                base_delay=base_delay,
                max_delay=max_delay,
                retry_on=retry_on,
                sleep=sleep,
                jitter=jitter,
            )

        return wrapper

    return decorator
