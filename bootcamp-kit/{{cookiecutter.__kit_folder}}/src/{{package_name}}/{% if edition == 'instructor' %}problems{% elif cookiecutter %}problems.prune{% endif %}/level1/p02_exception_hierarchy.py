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

Why this solution
-----------------
The base class holds everything the errors share: the ``__init__``, the defaults and the
attribute names a handler reads. A subclass is three lines of data and no code, so adding a
kind of error cannot break the mapping. The instance stores its message on ``self`` and
leaves the class attribute alone, so one ``NotFoundError("User 7 not found")`` never changes
what the next ``NotFoundError()`` says. ``to_response`` reads only attributes written for the
client; for an unknown exception it uses nothing from the exception at all (the handler logs
it instead, see ``core/errors.py`` and the hosts). ``parse_quantity`` keeps the ``try`` around
the one call that can fail, so the range check below it is not mistaken for a parsing error.
"""

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
        raise ValidationError("qty must be a whole number") from error
    if quantity < 1:
        raise ValidationError("qty must be at least 1")
    return quantity
