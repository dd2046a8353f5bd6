"""Every exception becomes the core's JSON error envelope, in this one module.

Views and the core raise; this module decides what the client sees. Flask picks the handler
registered for the closest class in the exception's MRO, so three handlers cover everything:

- ``AppError`` (and every subclass): an expected outcome. Its class carries the status and the
  ``code``, its message is public. Not logged as a crash.
- werkzeug's ``HTTPException``: errors Flask detects itself (no such URL: 404, wrong method:
  405, body over the size limit: 413). They keep their status and get the envelope of the
  matching core error, so a client sees one error format whoever found the problem.
- ``Exception``: a bug. The client gets the generic 500 envelope and the request id, never the
  exception's text; the log gets the full traceback, or nobody could ever find the bug.

Every envelope carries the current request id (see ``lifecycle``), also sent as the
``X-Request-ID`` header.
"""

from __future__ import annotations

import logging

from flask import Flask, Response, jsonify, request
from werkzeug.exceptions import HTTPException, InternalServerError, MethodNotAllowed

from ..core.context import current_request_id
from ..core.errors import (
    AppError,
    error_envelope,
    error_for_status,
    internal_error_envelope,
)

logger = logging.getLogger(__name__)


def init_app(app: Flask) -> None:
    """Register the three handlers on ``app``."""
    app.register_error_handler(AppError, handle_app_error)
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(Exception, handle_unexpected_error)


def envelope_response(error: AppError, status: int) -> Response:
    """The JSON envelope of ``error`` with the current request id, sent with ``status``."""
    response = jsonify(error_envelope(error, current_request_id()))
    response.status_code = status
    return response


def internal_error_response() -> Response:
    """The generic 500: nothing in it comes from the exception."""
    response = jsonify(internal_error_envelope(current_request_id()))
    response.status_code = 500
    return response


def handle_app_error(error: AppError) -> Response:
    """A core error already knows its status, its public message and its headers."""
    response = envelope_response(error, error.status)
    response.headers.update(error.headers)
    return response


def handle_http_exception(error: HTTPException) -> Response:
    """A 404/405/413... found by Flask itself: same status, the core's envelope."""
    status = error.code or 500
    if status >= 500:
        # Flask's handle_exception wraps an exception that escaped the request hooks in an
        # InternalServerError and has already logged its traceback.
        if not isinstance(error, InternalServerError) or error.original_exception is None:
            logger.error("HTTP %s raised on %s %s", status, request.method, request.path)
        return internal_error_response()
    response = envelope_response(error_for_status(status), status)
    if isinstance(error, MethodNotAllowed) and error.valid_methods:
        response.headers["Allow"] = ", ".join(sorted(error.valid_methods))
    return response


def handle_unexpected_error(error: Exception) -> Response:
    """A bug: the traceback goes to the log, a generic envelope goes to the client."""
    logger.error(
        "Unhandled %s on %s %s (request id %s)",
        type(error).__name__,
        request.method,
        request.path,
        current_request_id(),
        exc_info=error,
    )
    return internal_error_response()
