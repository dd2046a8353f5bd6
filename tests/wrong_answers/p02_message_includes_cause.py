# Wrong answer for P02: putting the ValueError's text into the public message leaks int()'s internals to the client.
"""P02 wrong answer: the low-level message is copied into the public one."""

from typing import Any

ErrorBody = dict[str, dict[str, Any]]
"""The JSON body of an error response: ``{"error": {"code": ..., "message": ...}}``."""


class APIError(Exception):
    """Base of every error the API answers on purpose: it knows its HTTP status and code."""

    status_code: int = 500
    code: str = "internal_error"
    message: str = "Internal Server Error"

    def __init__(self, message: str | None = None) -> None:
        if message is not None:
            self.message = message  # an instance attribute: the class default is untouched
        super().__init__(self.message)


class ValidationError(APIError):
    """The client sent input that breaks the rules (400)."""

    status_code = 400
    code = "validation_error"
    message = "Invalid input"


class NotFoundError(APIError):
    """The resource the request names does not exist (404)."""

    status_code = 404
    code = "not_found"
    message = "Resource not found"


class ConflictError(APIError):
    """The request clashes with existing data, e.g. an email that is already taken (409)."""

    status_code = 409
    code = "conflict"
    message = "Resource conflict"


def to_response(error: Exception) -> tuple[int, ErrorBody]:
    """The HTTP status and JSON body for ``error``, safe to send to any client."""
    if isinstance(error, APIError):
        return error.status_code, _body(error.code, error.message)
    # A bug, not a decision: its text may hold internals, so none of it is sent.
    return APIError.status_code, _body(APIError.code, APIError.message)


def _body(code: str, message: str) -> ErrorBody:
    return {"error": {"code": code, "message": message}}


def parse_quantity(raw: str) -> int:
    """The quantity in ``raw`` (query-string text), or a ``ValidationError`` explaining why not."""
    try:
        quantity = int(raw)
    except ValueError as error:
        raise ValidationError(f"qty must be a whole number ({error})") from error
    if quantity < 1:
        raise ValidationError("qty must be at least 1")
    return quantity
