"""P11 · Identify blocking code in an async function (Level 3, module 0.7).

Task
----
``get_dashboard`` is the handler behind ``GET /users/{id}/dashboard`` in an async service
(think FastAPI ``async def`` route). It works, and it returns the right numbers, but under load
the whole service freezes while it runs. Find the blocking calls and make the handler
non-blocking, without changing what it returns:

- it still waits ``pause`` seconds first (the upstream report service allows one call per
  ``pause`` seconds per client; dropping the wait is not a fix);
- it still calls ``query(user_id)`` exactly once; ``query`` is a *synchronous* function (a
  classic database driver) that you cannot rewrite, so it has to run somewhere else than on the
  event loop's thread;
- it returns ``{"user_id": ..., "order_count": ..., "total": ...}`` as before.

Concept
-------
An event loop runs one thing at a time on one thread. A coroutine gives the loop back only at
an ``await`` that actually waits (``await asyncio.sleep``, awaiting a socket read, ...). A
plain blocking call inside ``async def`` (``time.sleep``, ``requests.get``, a sync database
driver, a CPU-heavy loop) holds the thread, so every other request on that loop stands still:
one slow dashboard freezes the whole API. Writing ``async def`` changes nothing by itself;
what matters is what happens between the awaits. Flask does not have this trap (each request
gets its own thread), FastAPI does (``async def`` routes run on the loop; plain ``def`` routes
are sent to a thread pool for you).

The blocking calls here are hidden behind helper functions on purpose: in real code they
usually are. Read each call and ask: "does this wait without ``await``?"

Run the tests with ``uv run pytest --problem 11`` and ask for a hint with
``uv run <package> hint 11``. Each place to work on is marked by a ``# TODO`` comment
tagged ``P11``: delete each marker as you finish that part. While any is left, the
problem's tests are reported as TODO.
"""

import time
from collections.abc import Callable

RATE_LIMIT_PAUSE = 0.01
"""Seconds to wait before calling the report service (its rate limit)."""

QUERY_SECONDS = 0.02
"""How long the simulated database query takes."""

ORDER_AMOUNTS: dict[int, list[int]] = {1: [2500, 1200], 2: []}
"""Order amounts per user, from the course's test data (user 2's only order has no amount)."""

OrderQuery = Callable[[int], list[int]]
"""A synchronous query: user id in, that user's order amounts out."""


def respect_rate_limit(seconds: float) -> None:
    """Wait until the report service accepts the next call."""
    time.sleep(seconds)


def fetch_order_amounts(user_id: int) -> list[int]:
    """Simulated synchronous database query: the calling thread waits for the answer."""
    time.sleep(QUERY_SECONDS)
    return list(ORDER_AMOUNTS.get(user_id, []))


async def get_dashboard(
    user_id: int,
    *,
    query: OrderQuery = fetch_order_amounts,
    pause: float = RATE_LIMIT_PAUSE,
) -> dict[str, int]:
    """Build the dashboard of one user: how many orders they have and their total amount."""
    # TODO(P11): this coroutine never gives the event loop back while it waits. Find each call
    #   that waits without `await` and make it wait the asyncio way.
    respect_rate_limit(pause)
    amounts = query(user_id)
    return {"user_id": user_id, "order_count": len(amounts), "total": sum(amounts)}
