# Wrong answer for P18: the status transition is checked only after pydantic accepted the rest, so a forbidden change sent with a bad amount is never reported.
# Rejected with: the status change paid -> pending is forbidden
"""P18 wrong answer: one problem hides another (the transition waits for a valid model)."""

from typing import Any

import pydantic
from pydantic import BaseModel, ConfigDict, field_validator

from ...core.errors import BadRequestError, ValidationError
from ...core.models import OrderStatus
from ...core.validation import Amount, details_from_pydantic

ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    "pending": frozenset({"paid", "cancelled"}),
    "paid": frozenset({"cancelled"}),
    "cancelled": frozenset(),
}
"""Where an order may go from each status: a paid order can be cancelled (refunded), but never
goes back to pending, and a cancelled order is final."""


class OrderUpdate(BaseModel):
    """A partial update of an order: only the fields the client sent are changed."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    status: OrderStatus | None = None
    amount: Amount | None = None

    @field_validator("status")
    @classmethod
    def status_is_not_null(cls, value: str | None) -> str | None:
        """Runs only for a status that was sent: omitting it is fine, sending null is not."""
        if value is None:
            raise ValueError("status cannot be null")
        return value

    def changes(self) -> dict[str, Any]:
        """Only the fields the client sent: ``{"amount": None}`` differs from ``{}``."""
        return self.model_dump(include=set(self.model_fields_set))


def validate_order_update(raw: object, *, current_status: str) -> OrderUpdate:
    """Check an order-update payload against the order's current status.

    Returns the validated update, or raises ``BadRequestError`` (not a JSON object) or the core
    ``ValidationError`` with one detail per problem.
    """
    if not isinstance(raw, dict):
        raise BadRequestError("The request body must be a JSON object.")
    try:
        update = OrderUpdate.model_validate(raw)
    except pydantic.ValidationError as error:
        raise ValidationError(details=details_from_pydantic(error)) from error

    new_status = update.status
    if (
        new_status is not None
        and new_status != current_status
        and new_status not in ALLOWED_TRANSITIONS[current_status]
    ):
        message = f"An order cannot go from {current_status!r} to {new_status!r}."
        raise ValidationError(
            details=[{"field": "status", "message": message, "type": "invalid_transition"}]
        )
    return update
