# Wrong answer for P16: the 500 body carries str(exc), leaking internals such as credentials.
"""P16 wrong answer: a helpful-looking 500 that tells every client what went wrong inside."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...core.context import REQUEST_ID_HEADER, accept_request_id
from ...core.errors import AppError, error_envelope, internal_error_envelope

if TYPE_CHECKING:
    from flask import Flask


def request_id_for_current_request() -> str:
    """The client's ``X-Request-ID`` if it sent a safe one, else a new id."""
    from flask import request

    return accept_request_id(request.headers.get(REQUEST_ID_HEADER))


def register_error_handlers(app: Flask) -> None:
    """Map AppError to its envelope and anything else to a 500 that includes the error text."""
    from werkzeug.exceptions import HTTPException

    def handle_app_error(error: AppError) -> tuple[dict[str, Any], int]:
        return error_envelope(error, request_id_for_current_request()), error.status

    def handle_unexpected(error: Exception) -> HTTPException | tuple[dict[str, Any], int]:
        if isinstance(error, HTTPException):
            return error
        app.logger.exception("Unhandled error")
        body = internal_error_envelope(request_id_for_current_request())
        body["error"]["message"] = f"{type(error).__name__}: {error}"
        return body, 500

    app.register_error_handler(AppError, handle_app_error)
    app.register_error_handler(Exception, handle_unexpected)
