# Wrong answer for P09: an `async def` that calls the blocking function directly still runs it on the event loop's thread.
"""P09 wrong answer: async on the outside, blocking on the inside."""

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
    """Looks async, but the query blocks the loop."""
    return fetch_user_report(user_id, load=load)
