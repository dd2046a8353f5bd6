# Wrong answer for P16: every error is logged with a traceback, so each 404 looks like a crash.
"""P16 wrong answer: a single handler that sorts errors after logging all of them."""

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
    """Everything is logged with logger.exception before being mapped."""
    from werkzeug.exceptions import HTTPException

    def handle_everything(error: Exception) -> HTTPException | tuple[dict[str, Any], int]:
        if isinstance(error, HTTPException):
            return error
        app.logger.exception("Request failed")
        request_id = request_id_for_current_request()
        if isinstance(error, AppError):
            return error_envelope(error, request_id), error.status
        return internal_error_envelope(request_id), 500

    app.register_error_handler(Exception, handle_everything)
