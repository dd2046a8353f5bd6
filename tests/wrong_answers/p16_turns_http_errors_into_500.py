# Wrong answer for P16: the catch-all also catches HTTPException: an unknown URL answers 500.
"""P16 wrong answer: a catch-all that forgets Flask's own HTTP errors are exceptions too."""

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
    """AppError and a catch-all for Exception, with no exception for HTTPException."""

    def handle_app_error(error: AppError) -> tuple[dict[str, Any], int]:
        return error_envelope(error, request_id_for_current_request()), error.status

    def handle_unexpected(error: Exception) -> tuple[dict[str, Any], int]:
        app.logger.exception("Unhandled error")
        return internal_error_envelope(request_id_for_current_request()), 500

    app.register_error_handler(AppError, handle_app_error)
    app.register_error_handler(Exception, handle_unexpected)
