# Wrong answer for P16: the sanitized 500 is right but never logged, so the bug stays invisible.
"""P16 wrong answer: silent 500s."""

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
    """Correct envelopes and statuses, but nothing reaches the log."""
    from werkzeug.exceptions import HTTPException

    def handle_app_error(error: AppError) -> tuple[dict[str, Any], int]:
        return error_envelope(error, request_id_for_current_request()), error.status

    def handle_unexpected(error: Exception) -> HTTPException | tuple[dict[str, Any], int]:
        if isinstance(error, HTTPException):
            return error
        return internal_error_envelope(request_id_for_current_request()), 500

    app.register_error_handler(AppError, handle_app_error)
    app.register_error_handler(Exception, handle_unexpected)
