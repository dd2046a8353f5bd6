# Wrong answer for P16: AppError alone is handled, as a 500 for every subclass; bugs get HTML.
"""P16 wrong answer: the base class is handled, but its subclasses' statuses are ignored."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...core.context import REQUEST_ID_HEADER, accept_request_id
from ...core.errors import AppError, error_envelope

if TYPE_CHECKING:
    from flask import Flask


def request_id_for_current_request() -> str:
    """The client's ``X-Request-ID`` if it sent a safe one, else a new id."""
    from flask import request

    return accept_request_id(request.headers.get(REQUEST_ID_HEADER))


def register_error_handlers(app: Flask) -> None:
    """Every AppError becomes a 500; other exceptions get Flask's default HTML page."""

    def handle_app_error(error: AppError) -> tuple[dict[str, Any], int]:
        return error_envelope(error, request_id_for_current_request()), 500

    app.register_error_handler(AppError, handle_app_error)
