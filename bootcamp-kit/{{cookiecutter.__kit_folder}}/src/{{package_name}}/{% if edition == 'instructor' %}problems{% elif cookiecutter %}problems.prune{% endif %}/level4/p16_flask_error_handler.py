"""P16 · Build a Flask error handler from Python exceptions (Level 4, module 0.6).

Task
----
Write ``register_error_handlers(app)``: it installs Flask error handlers so that

- every core ``AppError`` subclass (``NotFoundError``, ``ValidationError``, ``ConflictError``,
  ...) becomes the shared JSON envelope built by ``error_envelope(error, request_id)``, sent
  with the status the error class carries (404, 422, 409, ...). They are expected outcomes,
  not crashes: do not log them with a traceback;
- any *other* exception (a bug, a lost database connection, ...) becomes the sanitized
  ``internal_error_envelope(request_id)`` with status 500. Its text must never reach the
  client, but the full traceback must reach the logs (``app.logger.exception(...)`` or
  ``logging``), or nobody will ever find the bug;
- the HTTP errors Flask raises itself (unknown URL → 404, wrong method → 405) keep their
  status: they are not server errors.

The ``request_id`` in every envelope is the one ``request_id_for_current_request()`` gives
(the client's ``X-Request-ID`` header, or a new one).

Concept
-------
Lower layers raise Python exceptions and never build HTTP responses; the host maps exceptions
to HTTP in exactly one place. Flask looks a handler up along the exception's class hierarchy
(its MRO), so one handler for the base class serves every subclass, and the class itself can
say which status it means. An API that answers ``{"error": "invalid literal for int()"}`` or
``"password authentication failed for user app"`` leaks internals to every caller; an API that
answers 500 without logging the traceback leaves its own team blind.

Flask is imported only for type checkers (``TYPE_CHECKING``) or inside functions, so a kit
generated for FastAPI alone can still import this module.

Why this solution
-----------------
Two handlers are enough. Flask picks the handler registered for the closest class in the
exception's MRO, so ``handle_app_error`` serves every ``AppError`` subclass and reads the status
from the error itself: adding a new error class needs no new handler. ``handle_unexpected``
catches the rest; it first hands werkzeug's ``HTTPException`` back to Flask (returning it
renders its own 404/405 response), then logs the traceback with ``exc_info`` and answers with
the generic envelope, so the client learns only the request id to quote.

The kit's own Flask host does the same job in full (``flask_app/errors.py``, in a kit with
Flask): solve the problem first, then compare your handlers with it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...core.context import REQUEST_ID_HEADER, accept_request_id
from ...core.errors import AppError, error_envelope, internal_error_envelope

if TYPE_CHECKING:
    from flask import Flask


def request_id_for_current_request() -> str:
    """The client's ``X-Request-ID`` if it sent a safe one, else a new id (in a request only).

    A request id lets a client quote one string that support can find in the server logs.
    """
    from flask import request

    return accept_request_id(request.headers.get(REQUEST_ID_HEADER))


def register_error_handlers(app: Flask) -> None:
    """Install the handlers that turn exceptions raised by views into JSON error envelopes."""
    from flask import request
    from werkzeug.exceptions import HTTPException

    def handle_app_error(error: AppError) -> tuple[dict[str, Any], int]:
        """A domain error already knows its status and its safe, public message."""
        return error_envelope(error, request_id_for_current_request()), error.status

    def handle_unexpected(error: Exception) -> HTTPException | tuple[dict[str, Any], int]:
        """A bug: full details go to the log, a generic envelope goes to the client."""
        if isinstance(error, HTTPException):
            return error  # Flask's own 404/405/...: not a server error, keep its status.
        request_id = request_id_for_current_request()
        app.logger.error(
            "Unhandled %s on %s %s (request id %s)",
            type(error).__name__,
            request.method,
            request.path,
            request_id,
            exc_info=error,
        )
        return internal_error_envelope(request_id), 500

    app.register_error_handler(AppError, handle_app_error)
    app.register_error_handler(Exception, handle_unexpected)
