# Wrong answer for P20: one session, but commit() after each item keeps the items before a failure.
"""P20 wrong answer: a manual commit inside the unit of work defeats its rollback."""

from collections.abc import Callable
from datetime import datetime

from ...core.db import Database, Session, session_scope
from ...core.errors import user_not_found
from ...core.models import Order, UserSummary, utc_now
from ...core.services import user_summary
from ...core.validation import OrderCreate, parse_order_batch, parse_order_create

Clock = Callable[[], datetime]
"""Returns the current time, timezone-aware (UTC)."""


class OrderService:
    """The order use cases, each one unit of work, usable from any host."""

    def __init__(self, database: Database, *, clock: Clock = utc_now) -> None:
        self.database = database
        self.clock = clock

    def place_order(self, raw: object) -> Order:
        """Validate and store one order for an existing user, stamped with ``self.clock()``."""
        payload = parse_order_create(raw)
        with session_scope(self.database) as session:
            return self._store_order(session, payload, now=self.clock(), field="user_id")

    def place_orders(self, raw: object) -> list[Order]:
        """Store every order of ``{"items": [...]}``, or none of them if one fails."""
        batch = parse_order_batch(raw)
        now = self.clock()
        with session_scope(self.database) as session:
            orders = []
            for index, item in enumerate(batch.items):
                field = f"items.{index}.user_id"
                orders.append(self._store_order(session, item, now=now, field=field))
                session.commit()  # "save progress": the rollback can no longer undo it
            return orders

    def user_spending(self, user_id: int) -> UserSummary:
        """The user's order count and total; ``NotFoundError`` for an unknown user."""
        with session_scope(self.database, read_only=True) as session:
            return user_summary(session, user_id)

    def _store_order(
        self, session: Session, payload: OrderCreate, *, now: datetime, field: str
    ) -> Order:
        """Store one order inside the caller's unit of work (opens and commits nothing)."""
        if session.users.get(payload.user_id) is None:
            raise user_not_found(payload.user_id, field=field)
        return session.orders.add(payload.user_id, payload.amount, payload.status, created_at=now)
