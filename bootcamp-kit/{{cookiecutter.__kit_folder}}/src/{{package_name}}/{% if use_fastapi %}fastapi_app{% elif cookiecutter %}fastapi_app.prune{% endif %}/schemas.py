"""Pydantic models of what the API sends back, for FastAPI's OpenAPI document.

The core builds every response body itself (``to_dict()``, ``error_envelope``); these models
only *describe* those bodies, so that ``/docs`` and ``/openapi.json`` tell clients the truth:
the fields of a user or an order, and the one error envelope every failure uses. Without
``responses=``, FastAPI would advertise its own ``HTTPValidationError`` for 422, a body this
API never sends.

The request bodies need no models here: they are the core's ``UserCreate`` and
``OrderCreate``, shared with the Flask host.
"""

from __future__ import annotations

from typing import Any, Final

from pydantic import BaseModel, Field

from ..core.errors import ERRORS_BY_STATUS, AppError
from ..core.models import OrderStatus


class UserOut(BaseModel):
    """A user as the API sends it; ``email`` is ``null`` when unknown."""

    id: int
    name: str
    email: str | None


class OrderOut(BaseModel):
    """An order as the API sends it; ``amount`` is ``null`` when unknown."""

    id: int
    user_id: int
    amount: int | None
    status: OrderStatus
    created_at: str = Field(description="ISO 8601 timestamp in UTC")


class UserSummaryOut(BaseModel):
    """A user's orders added up; orders without an amount are counted, not summed."""

    user_id: int
    order_count: int
    total_spent: int
    orders_without_amount: int
    total_is_complete: bool


class UserPage(BaseModel):
    """One page of users and the paging that produced it."""

    items: list[UserOut]
    limit: int
    offset: int


class OrderPage(BaseModel):
    """One page of orders and the paging that produced it."""

    items: list[OrderOut]
    limit: int
    offset: int


class Health(BaseModel):
    """The liveness answer."""

    status: str


class ErrorDetail(BaseModel):
    """One problem with the input: where (dotted path, ``""`` for the input as a whole), what."""

    field: str
    message: str
    type: str


class ErrorBody(BaseModel):
    """What went wrong: a stable ``code``, a message for humans, details, the request id."""

    code: str
    message: str
    details: list[ErrorDetail]
    request_id: str | None


class ErrorEnvelope(BaseModel):
    """The body of every error response: ``{"error": {...}}``."""

    error: ErrorBody


ERROR_MEANINGS: Final[dict[int, str]] = {
    400: "The body is not JSON, or not a JSON object",
    401: "Missing or wrong `X-Token` header",
    404: "No such resource",
    409: "Conflicts with existing data, e.g. the email is taken",
    413: "The body is over the size limit",
    422: "Invalid fields or query parameters, listed in `details`",
    500: "Unexpected error; quote the request id",
}
# Each description ends with the status's ``code``, taken from the core so the two cannot
# drift apart. 500 has no class of its own: it is ``AppError``'s (``internal_error``).
ERROR_DESCRIPTIONS: Final[dict[int, str]] = {
    status: f"{meaning} (`{ERRORS_BY_STATUS.get(status, AppError).code}`)"
    for status, meaning in ERROR_MEANINGS.items()
}


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The ``responses=`` entries saying that these statuses answer with the error envelope."""
    return {
        status: {"model": ErrorEnvelope, "description": ERROR_DESCRIPTIONS[status]}
        for status in statuses
    }


def default_error_response() -> dict[int | str, dict[str, Any]]:
    """The OpenAPI ``default`` response: any status not listed answers with the envelope too."""
    return {"default": {"model": ErrorEnvelope, "description": "Any error: the error envelope"}}
