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

Run the tests with ``uv run pytest --problem 18`` and ask for a hint with
``uv run <package> hint 18``. Each place to work on is marked by a ``# TODO`` comment
tagged ``P18``: delete each marker as you finish that part. While any is left, the
problem's tests are reported as TODO.
"""

from typing import Any

from pydantic import BaseModel, ConfigDict

# The core errors the hosts already know how to answer, and the order statuses.
from ...core.errors import BadRequestError, ValidationError  # noqa: F401
from ...core.models import OrderStatus

ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    "pending": frozenset({"paid", "cancelled"}),
    "paid": frozenset({"cancelled"}),
    "cancelled": frozenset(),
}
"""Where an order may go from each status: a paid order can be cancelled (refunded), but never
goes back to pending, and a cancelled order is final."""


class OrderUpdate(BaseModel):
    """A partial update of an order: only the fields the client sent are changed."""

    # TODO(P18): reject unknown fields instead of ignoring them (see pydantic's ConfigDict).
    model_config = ConfigDict(frozen=True)

    # TODO(P18): `status` may be omitted but not sent as null.
    status: OrderStatus | None = None
    # TODO(P18): `amount` is a whole number >= 0 or null: no strings, no booleans, no floats
    #   (the core's body models use `core.validation.Amount` and `strict=True`).
    amount: int | None = None

    def changes(self) -> dict[str, Any]:
        """Only the fields the client sent: ``{"amount": None}`` differs from ``{}``."""
        return self.model_dump(include=set(self.model_fields_set))


def validate_order_update(raw: object, *, current_status: str) -> OrderUpdate:
    """Check an order-update payload against the order's current status.

    Returns the validated update, or raises ``BadRequestError`` (not a JSON object) or the core
    ``ValidationError`` with one detail per problem.
    """
    # TODO(P18): reject anything that is not a dict with BadRequestError.
    # TODO(P18): validate with OrderUpdate.model_validate(raw) and turn pydantic's
    #   ValidationError into the core ValidationError (field, message, type per error:
    #   `core.validation.details_from_pydantic` builds that list).
    # TODO(P18): check ALLOWED_TRANSITIONS[current_status] for a status change, also when
    #   another field already failed: the client must learn about every problem at once.
    raise NotImplementedError("P18: validate the order update")
