"""P09 · Convert a sync function into an async-safe one (Level 2, module 0.7).

Task
----
``fetch_user_report(user_id, load=...)`` is an existing *synchronous* function: it calls
``load(user_id)``, a blocking database query (a classic driver that you cannot rewrite), and
builds a small report from the rows. It is correct and stays as it is.

Write ``fetch_user_report_async(user_id, load=...)`` so that FastAPI's ``async def``
endpoints can use it:

- ``await fetch_user_report_async(1)`` returns exactly what ``fetch_user_report(1)`` returns,
  and raises exactly what it raises (the same exception object, e.g. the ``NotFoundError``
  for an unknown user, or the ``load`` function's own ``ConnectionError``);
- while the blocking query runs, the event loop stays free to run other tasks;
- several calls awaited together (``asyncio.gather``) run their queries at the same time.

Reuse ``fetch_user_report``; do not copy its logic.

Concept
-------
An event loop runs one piece of code at a time on one thread, and switches only at an
``await`` that really waits. A blocking call inside a coroutine holds the thread: every other
request on that loop stands still until it returns. Writing ``async def`` in front of
blocking code changes nothing, and neither does adding ``await asyncio.sleep(0)`` before it
(that lets others run once, then blocks all the same). When the blocking function cannot be
replaced by an awaitable one, hand it to a worker thread and await the result: the loop keeps
serving requests meanwhile, and several such calls wait in parallel, each in its own thread.
This is what FastAPI does by itself for plain ``def`` endpoints; inside an ``async def``
endpoint it is your job.

Why this solution
-----------------
``asyncio.to_thread(fn, *args, **kwargs)`` runs ``fn`` in a thread of the loop's default
executor and returns an awaitable: the coroutine is suspended at the ``await`` (the loop
serves others) until the thread has finished, then resumes with ``fn``'s return value, or
with ``fn``'s exception raised again at the ``await``. Each call gets its own worker thread,
so calls gathered together wait in parallel (the default pool has at least five threads;
many more simultaneous calls would queue for a free one). ``to_thread`` also copies the
caller's ``contextvars`` into the thread, so request-scoped values (P06) are still visible
there. ``loop.run_in_executor(None, functools.partial(...))`` is the older spelling of the
same thing.
"""

import asyncio
import time
from collections.abc import Callable
from typing import Any

from ...core.errors import user_not_found

QUERY_SECONDS = 0.02
"""How long the simulated database query blocks its thread."""

ORDERS_BY_USER: dict[int, list[dict[str, Any]]] = {
    1: [{"id": 101, "user_id": 1, "amount": 2500}],
    2: [{"id": 102, "user_id": 2, "amount": None}],
}
"""The course's live test data (Part B): Amit's only order has no amount."""

LoadOrders = Callable[[int], list[dict[str, Any]] | None]
"""A blocking query: a user's order rows, or None when the user does not exist."""


def load_user_orders(user_id: int) -> list[dict[str, Any]] | None:
    """Simulated synchronous database query: the calling thread waits for the answer."""
    time.sleep(QUERY_SECONDS)
    orders = ORDERS_BY_USER.get(user_id)
    return None if orders is None else [dict(order) for order in orders]


def fetch_user_report(user_id: int, *, load: LoadOrders = load_user_orders) -> dict[str, Any]:
    """A user's order count and total (orders without an amount are counted, not summed).

    Blocking: it waits for ``load``. Raises ``NotFoundError`` for an unknown user.
    """
    orders = load(user_id)
    if orders is None:
        raise user_not_found(user_id)
    amounts = [order["amount"] for order in orders if order["amount"] is not None]
    return {
        "user_id": user_id,
        "order_count": len(orders),
        "total": sum(amounts),
        "orders_without_amount": len(orders) - len(amounts),
    }


async def fetch_user_report_async(
    user_id: int, *, load: LoadOrders = load_user_orders
) -> dict[str, Any]:
    """``fetch_user_report`` for async code: the blocking part runs off the event loop."""
    return await asyncio.to_thread(fetch_user_report, user_id, load=load)
