"""P02 · Implement custom exception hierarchy (Level 1, module 0.6).

Task
----
Build a small API error hierarchy, the mapping from an exception to an HTTP response, and one
function that turns a low-level Python error into a domain error.

1. ``APIError(Exception)``, the base class, with three class attributes that every subclass
   may override: ``status_code = 500``, ``code = "internal_error"`` and
   ``message = "Internal Server Error"``. ``APIError(message=None)``: when a message is given,
   the instance's ``message`` is that text, otherwise the class's default; ``str(error)`` is the
   message too (that is what logs show). Creating an error never changes its class.
2. Three subclasses that override only what differs:

   ===================  ===========  ====================  ======================
   class                status_code  code                  default message
   ===================  ===========  ====================  ======================
   ``ValidationError``  400          ``validation_error``  ``Invalid input``
   ``NotFoundError``    404          ``not_found``         ``Resource not found``
   ``ConflictError``    409          ``conflict``          ``Resource conflict``
   ===================  ===========  ====================  ======================

3. ``to_response(error) -> (status, body)``: what a framework's error handler sends back. For
   an ``APIError``: its status and ``{"error": {"code": ..., "message": ...}}``. For anything
   else (a bug: ``KeyError``, ``ZeroDivisionError``, ...): 500 with the base class's code and
   default message, never the exception's own text.
4. ``parse_quantity(raw) -> int``: the quantity from a query string such as ``?qty=3``. Text
   that is not a whole number raises ``ValidationError("qty must be a whole number")`` chained
   to the original ``ValueError`` (``raise ... from error``); a number below 1 raises
   ``ValidationError("qty must be at least 1")``.

Concept
-------
Lower layers (validation, services, repositories) should not know about HTTP, but they know
*what* went wrong. An exception class per kind of failure carries that knowledge up the stack,
and one handler per framework maps it to a response: Flask's ``@app.errorhandler(APIError)``
and FastAPI's ``@app.exception_handler(APIError)`` both match subclasses, so a single handler
for the base class serves every error you ever add. Two safety rules: the message a client
sees is written for the client (``int("abc")``'s text, SQL or file paths leak internals and
help attackers), and the original error is kept for the logs with ``raise ... from error``,
which stores it as ``__cause__``.

Note: this module follows module 0.6, where invalid input is a 400. The kit's core, the
"production" version of this idea in ``core/errors.py``, uses 422 for field problems and 400
for bodies that are not JSON objects. Compare the two *after* solving this problem.

Run the tests with ``uv run pytest --problem 2`` and ask for a hint with
``uv run <package> hint 2``. Each place to work on is marked by a ``# TODO`` comment
tagged ``P02``: delete each marker as you finish that part. While any is left, the
problem's tests are reported as TODO.
"""

from typing import Any

ErrorBody = dict[str, dict[str, Any]]
"""The JSON body of an error response: ``{"error": {"code": ..., "message": ...}}``."""


class APIError(Exception):
    """Base of every error the API answers on purpose: it knows its HTTP status and code."""

    # TODO(P02): class attributes status_code, code and message (the defaults above), and an
    #   __init__(self, message=None) that sets self.message and passes it to Exception.


class ValidationError(APIError):
    """The client sent input that breaks the rules (400)."""

    # TODO(P02): override status_code, code and message.


class NotFoundError(APIError):
    """The resource the request names does not exist (404)."""

    # TODO(P02): override status_code, code and message.


class ConflictError(APIError):
    """The request clashes with existing data, e.g. an email that is already taken (409)."""

    # TODO(P02): override status_code, code and message.


def to_response(error: Exception) -> tuple[int, ErrorBody]:
    """The HTTP status and JSON body for ``error``, safe to send to any client."""
    # TODO(P02): APIError -> its own status, code and message; anything else -> a generic 500.
    raise NotImplementedError("P02: map exceptions to responses")


def parse_quantity(raw: str) -> int:
    """The quantity in ``raw`` (query-string text), or a ``ValidationError`` explaining why not."""
    # TODO(P02): int(raw), turning its ValueError into a chained ValidationError; reject < 1.
    raise NotImplementedError("P02: parse the quantity")
