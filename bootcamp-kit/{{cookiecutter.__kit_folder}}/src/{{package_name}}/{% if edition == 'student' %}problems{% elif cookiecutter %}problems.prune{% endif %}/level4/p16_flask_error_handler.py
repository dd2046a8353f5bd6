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

The kit's own Flask host does the same job in full (``flask_app/errors.py``, in a kit with
Flask): solve the problem first, then compare your handlers with it.

Run the tests with ``uv run pytest --problem 16`` and ask for a hint with
``uv run <package> hint 16``. Each place to work on is marked by a ``# TODO`` comment
tagged ``P16``: delete each marker as you finish that part. While any is left, the
problem's tests are reported as TODO.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...core.context import REQUEST_ID_HEADER, accept_request_id

# The core's error types and envelope builders: everything the handlers need.
from ...core.errors import AppError, error_envelope, internal_error_envelope  # noqa: F401

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
    # TODO(P16): register a handler for AppError (and so for all its subclasses) that answers
    #   error_envelope(error, request_id_for_current_request()) with the error's own status.
    # TODO(P16): register a handler for any other Exception that logs it with its traceback
    #   and answers internal_error_envelope(...) with status 500, without the exception text.
    #   Careful: Flask's own HTTP errors (werkzeug.exceptions.HTTPException) are Exceptions
    #   too, and an unknown URL must stay a 404.
    raise NotImplementedError("P16: register the Flask error handlers")
