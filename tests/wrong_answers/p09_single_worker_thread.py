# Wrong answer for P09: a private executor with one worker keeps the loop free but runs the queries one after the other, never concurrently.
"""P09 wrong answer: off the loop, but serialised."""

import asyncio
import functools
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
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


_executor = ThreadPoolExecutor(max_workers=1)


async def fetch_user_report_async(
    user_id: int, *, load: LoadOrders = load_user_orders
) -> dict[str, Any]:
    """Runs the query in the one worker thread."""
    loop = asyncio.get_running_loop()
    call = functools.partial(fetch_user_report, user_id, load=load)
    return await loop.run_in_executor(_executor, call)
