"""P12 · Implement retry with exponential backoff (Level 3, modules 0.4 and 0.6).

Task
----
Write three small pieces:

- ``backoff_delay(retry_number, base_delay=..., max_delay=...)``: the seconds to wait before
  retry number ``retry_number`` (0 for the first retry): ``base_delay * 2 ** retry_number``,
  but never more than ``max_delay``. With ``base_delay=0.1, max_delay=1.0`` the delays are
  0.1, 0.2, 0.4, 0.8, 1.0, 1.0, ...
- ``retry(fn, attempts=..., base_delay=..., max_delay=..., retry_on=..., sleep=..., jitter=...)``
  calls ``fn()`` and returns its result. When ``fn`` raises an exception that is an instance of
  one of ``retry_on``, it sleeps (with ``sleep``, never ``time.sleep`` directly) for the next
  backoff delay and tries again, at most ``attempts`` calls in total. Rules:

  * any other exception is a bug or a permanent failure: let it propagate at once, no retry;
  * when the last attempt fails, re-raise *that* exception itself (not a new one wrapping it,
    and never return ``None``), so callers and error handlers see the real cause;
  * never sleep after the last attempt: nobody is going to try again;
  * ``attempts`` below 1 is a programming error: ``ValueError``;
  * when ``jitter`` is given, sleep ``jitter(delay)`` instead of ``delay`` (the delay already
    capped by ``max_delay``); ``jitter=lambda d: random.uniform(0, d)`` is "full jitter".
- ``with_retry(...)``: the same as a decorator, for functions with any arguments
  (``@with_retry(attempts=5)`` on ``def fetch_user(user_id): ...``). It must keep the wrapped
  function's name and docstring.

Concept
-------
Networks fail briefly all the time: a dropped connection, a timeout, a database fail-over. A
retry turns many of those into successes, but a careless retry makes outages worse. Retrying
at once and forever multiplies the load on a service that is already struggling (a "retry
storm"); backing off exponentially gives it room to recover, a cap keeps single waits sane,
jitter stops thousands of clients from retrying in lockstep, and a bounded number of attempts
lets the error reach the caller (and, in an API, become a 503 or 504 instead of a hung
request). Only *transient* errors deserve a retry: a ``ValueError`` will fail the same way
every time.

``sleep`` is a parameter so that tests (and instrumented callers) can pass their own
function: the tests record the delays instead of waiting for them.

Run the tests with ``uv run pytest --problem 12`` and ask for a hint with
``uv run <package> hint 12``. Each place to work on is marked by a ``# TODO`` comment
tagged ``P12``: delete each marker as you finish that part. While any is left, the
problem's tests are reported as TODO.
"""

import time
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")

Sleep = Callable[[float], object]
"""Something that waits a number of seconds, like ``time.sleep``."""

Jitter = Callable[[float], float]
"""Turns a computed delay into the delay actually slept, e.g. a random part of it."""

TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (ConnectionError, TimeoutError)
"""What is worth retrying by default: failures that may well go away on their own."""


def backoff_delay(retry_number: int, *, base_delay: float, max_delay: float) -> float:
    """Seconds to wait before retry ``retry_number`` (0-based): doubles each time, capped."""
    # TODO(P12): base_delay * 2 ** retry_number, but at most max_delay.
    raise NotImplementedError("P12: compute the backoff delay")


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
    """Call ``fn()`` until it succeeds, at most ``attempts`` times, backing off in between."""
    # TODO(P12): validate attempts, call fn, retry only the errors in retry_on with a growing
    #   delay, no sleep after the last attempt, and re-raise the last error when giving up.
    raise NotImplementedError("P12: implement retry")


def with_retry(
    *,
    attempts: int = 3,
    base_delay: float = 0.1,
    max_delay: float = 2.0,
    retry_on: tuple[type[BaseException], ...] = TRANSIENT_ERRORS,
    sleep: Sleep = time.sleep,
    jitter: Jitter | None = None,
) -> Callable[[Callable[P, T]], Callable[P, T]]:
    """Decorator form of ``retry``: ``@with_retry(attempts=5)`` retries every call."""
    # TODO(P12): return a decorator whose wrapper calls retry(...) around the wrapped call and
    #   keeps the wrapped function's name and docstring (functools.wraps).
    raise NotImplementedError("P12: implement the with_retry decorator")
