"""The domain's values: users, orders and a user's order summary.

They are frozen dataclasses, not ORM objects or pydantic models: a value read from the database
cannot be changed behind the repository's back, can be shared between threads safely, and knows
nothing about HTTP or storage. ``to_dict()`` gives JSON-ready values, so both hosts serialise
them the same way.

NULL is part of the data (Part B): a user may have no email and an order may have no amount.
The types say so (``str | None``, ``int | None``) and ``None`` is kept as ``None`` (JSON
``null``), never silently turned into ``""`` or ``0``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final, Literal

OrderStatus = Literal["pending", "paid", "cancelled"]
ORDER_STATUSES: Final[tuple[str, ...]] = ("pending", "paid", "cancelled")
DEFAULT_ORDER_STATUS: Final = "pending"


def utc_now() -> datetime:
    """The current time in UTC, to the second: what ``created_at`` stores.

    Timestamps are stored and sent in UTC; converting to local time is the client's job.
    """
    return datetime.now(UTC).replace(microsecond=0)


def to_iso_utc(moment: datetime) -> str:
    """``moment`` as an ISO 8601 string in UTC, e.g. ``"2025-01-01T09:30:00+00:00"``."""
    return moment.astimezone(UTC).isoformat()


@dataclass(frozen=True, slots=True)
class User:
    """A user; ``email`` is ``None`` when unknown (Amit in the live test data)."""

    id: int
    name: str
    email: str | None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready fields; a missing email stays ``None`` (JSON ``null``)."""
        return {"id": self.id, "name": self.name, "email": self.email}


@dataclass(frozen=True, slots=True)
class Order:
    """An order; ``amount`` (whole currency units, e.g. 2500) is ``None`` when unknown.

    ``created_at`` must be timezone-aware: a naive datetime has no defined instant, so it is
    rejected when the order is built rather than misread later.
    """

    id: int
    user_id: int
    amount: int | None
    status: str
    created_at: datetime

    def __post_init__(self) -> None:
        if self.created_at.tzinfo is None:
            raise ValueError("Order.created_at must be timezone-aware (use UTC)")

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready fields: ``created_at`` as ISO 8601 UTC, a missing amount as ``None``."""
        return {
            "id": self.id,
            "user_id": self.user_id,
            "amount": self.amount,
            "status": self.status,
            "created_at": to_iso_utc(self.created_at),
        }


@dataclass(frozen=True, slots=True)
class UserSummary:
    """How much a user has spent, explicit about orders whose amount is unknown (NULL).

    ``total_spent`` adds up the *known* amounts only; ``orders_without_amount`` counts the rest,
    so ``0`` spent with one unknown order (Amit) cannot be mistaken for "spent nothing".
    """

    user_id: int
    order_count: int
    total_spent: int
    orders_without_amount: int

    @property
    def total_is_complete(self) -> bool:
        """True when every order had an amount, so ``total_spent`` is the real total."""
        return self.orders_without_amount == 0

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready fields, including ``total_is_complete``."""
        return {
            "user_id": self.user_id,
            "order_count": self.order_count,
            "total_spent": self.total_spent,
            "orders_without_amount": self.orders_without_amount,
            "total_is_complete": self.total_is_complete,
        }
