"""P18 · Write shared validation used by both hosts (Level 4, modules 0.6 and Part C).

Task
----
Write ``validate_order_update(raw, current_status=...)``: it checks the JSON body of an
"update this order" request and returns an ``OrderUpdate``, or raises a *core* error that any
host turns into the same HTTP answer:

- ``raw`` that is not a JSON object (a list, a string, ``null``) → ``BadRequestError`` (400);
- fields the payload must not have (``{"colour": "red"}``) are rejected, not ignored;
- ``status``, if sent, is one of ``core.models.ORDER_STATUSES`` (never ``null``), and moving from
  ``current_status`` to it must be allowed by ``ALLOWED_TRANSITIONS`` (sending the current
  status again is harmless and allowed);
- ``amount``, if sent, is a whole number ``>= 0`` or ``null``. ``null`` means "the amount is
  unknown" (like order 102 in the course data) and is *not* the same as ``0``; a string such as
  ``"12"`` or a boolean is not an amount;
- every problem in the payload becomes one entry of a core ``ValidationError`` (422) with
  ``details=[{"field": "amount", "message": "...", "type": "greater_than_equal"}, ...]``, where
  ``field`` is the dotted path of the field and ``type`` the machine-readable reason (pydantic's
  error type; ``"invalid_transition"`` for a forbidden status change). *Every* problem means
  all of them at once: ``{"status": "pending", "amount": -1}`` sent for a paid order gets two
  entries, the amount's and the transition's, even though pydantic only sees the amount.
  pydantic's own ``ValidationError`` must never escape: hosts do not know what to do with it.

``OrderUpdate.changes()`` returns only the fields the client actually sent, so that
``{"amount": null}`` ("clear the amount") and ``{}`` ("change nothing") stay different.

Concept
-------
Validation is business logic, so it lives in the core and runs the same way in every host.
FastAPI can validate a body for you when a route takes a pydantic model parameter, but then
FastAPI, not your core, decides the status code and the error format, and the same payload
sent to the Flask host gets a different answer. Calling one framework-free function from both
hosts, and letting it raise the core's errors, gives one set of rules, one error envelope and
one place to test them. ``extra="forbid"`` catches typos (``"ammount"``) that would otherwise be
silently ignored, and ``model_fields_set`` tells "sent as null" from "not sent at all".

Why this solution
-----------------
The pydantic model states the shape (types, bounds, no extra fields, no null status) and the
function adds what a model cannot know on its own: the order's current status. The function is
the only door in: it converts pydantic's error into the core ``ValidationError`` right where it
is raised (``details_from_pydantic`` is the core's converter, so the details look exactly like
those of the core's own models), and no caller ever needs ``except pydantic.ValidationError``.
``strict=True`` keeps JSON ``true`` and ``"12"`` from being quietly converted to numbers, and
``Amount`` is the core's own amount type, so an update accepts the same amounts as a creation.
The transition is checked on the raw payload, not on the model, and on both paths: when
pydantic refused another field there is no model, yet a forbidden status change is one more
problem the client must hear about in the same answer.
"""

from typing import Any

import pydantic
from pydantic import BaseModel, ConfigDict, field_validator

from ...core.errors import BadRequestError, ValidationError
from ...core.models import ORDER_STATUSES, OrderStatus
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
    def _reject_null_status(cls, value: str | None) -> str | None:
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
        details = details_from_pydantic(error) + _transition_problems(raw, current_status)
        raise ValidationError(details=details) from error
    problems = _transition_problems(raw, current_status)
    if problems:
        raise ValidationError(details=problems)
    return update


def _transition_problems(raw: dict[str, Any], current_status: str) -> list[dict[str, str]]:
    """The detail of a forbidden status change in ``raw``, if it has one; else ``[]``.

    Reads the raw payload, not the model, so it works when another field failed. A status that
    is not a known one (or null) is pydantic's to report, so only known statuses are checked.
    """
    new_status = raw.get("status")  # missing and null alike: no transition to check here
    if new_status not in ORDER_STATUSES or new_status == current_status:
        return []
    if new_status in ALLOWED_TRANSITIONS[current_status]:
        return []
    message = f"An order cannot go from {current_status!r} to {new_status!r}."
    return [{"field": "status", "message": message, "type": "invalid_transition"}]
