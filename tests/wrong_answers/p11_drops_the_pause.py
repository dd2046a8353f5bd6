# Wrong answer for P11: it deletes the rate-limit wait instead of awaiting it.
"""P11 wrong answer: the pause is deleted."""

import asyncio
import time
from collections.abc import Callable

RATE_LIMIT_PAUSE = 0.01
QUERY_SECONDS = 0.02
ORDER_AMOUNTS: dict[int, list[int]] = {1: [2500, 1200], 2: []}
OrderQuery = Callable[[int], list[int]]


def respect_rate_limit(seconds: float) -> None:
    """Wait until the report service accepts the next call."""
    time.sleep(seconds)


def fetch_order_amounts(user_id: int) -> list[int]:
    """Simulated synchronous database query."""
    time.sleep(QUERY_SECONDS)
    return list(ORDER_AMOUNTS.get(user_id, []))


async def get_dashboard(
    user_id: int,
    *,
    query: OrderQuery = fetch_order_amounts,
    pause: float = RATE_LIMIT_PAUSE,
) -> dict[str, int]:
    """Build the dashboard of one user."""
    amounts = await asyncio.to_thread(query, user_id)
    return {"user_id": user_id, "order_count": len(amounts), "total": sum(amounts)}
