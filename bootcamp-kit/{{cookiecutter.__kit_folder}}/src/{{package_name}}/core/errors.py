"""The core's exceptions and the one JSON shape every host sends when something goes wrong.

Lower layers (validation, services, repositories) never build HTTP responses: they raise these
exceptions, and each host maps them to HTTP in exactly one place. The class itself says which
status and which machine-readable ``code`` it means, so a handler registered for ``AppError``
serves every subclass, and adding an error class needs no new handler.

The tree::

    Exception
    ├── AppError                  500 internal_error     (base: "something we did not classify")
    │   ├── BadRequestError       400 bad_request        body is not JSON / not a JSON object
    │   ├── UnauthorizedError     401 unauthorized       missing or wrong API token
    │   ├── ForbiddenError        403 forbidden          authenticated, but not allowed
    │   ├── NotFoundError         404 not_found          the user or order does not exist
    │   ├── MethodNotAllowedError 405 method_not_allowed wrong HTTP method for the URL
    │   ├── ConflictError         409 conflict           e.g. the email is already taken
    │   ├── PayloadTooLargeError  413 payload_too_large  the request body is over the size limit
    │   ├── ValidationError       422 validation_error   field problems, with ``details``
    │   └── ServiceUnavailableError 503 service_unavailable  busy: retry (``Retry-After``)
    │       └── DatabaseBusyError     the database stayed locked, or every connection is lent
    └── RuntimeError
        └── SessionError          (no status: a programming error, e.g. a session used twice)

Two rules keep the API safe:

- ``message`` is *public*: it is written for the client by whoever raises the error. Internal
  details (SQL, file paths, the text of a lower-level exception) never go there. Chain the
  cause instead (``raise NotFoundError(...) from exc``): the traceback in the server log keeps
  it, the client never sees it.
- Every error body has the same envelope, ``{"error": {"code", "message", "details",
  "request_id"}}``, built by ``error_envelope`` (for ``AppError``) or
  ``internal_error_envelope`` (for anything else: a bug is answered with a generic 500).
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any, ClassVar, Final

INTERNAL_ERROR_CODE = "internal_error"
INTERNAL_ERROR_MESSAGE = "An unexpected error occurred. Quote the request id when reporting it."


class AppError(Exception):
    """Base of every error the API answers on purpose; the class carries status and code.

    ``AppError(message=None, *, details=None)``: ``message`` replaces the class's
    ``public_message`` (it is sent to the client, so never put internal text in it);
    ``details`` is a list of JSON-ready dicts, e.g. the field problems of a validation error.
    """

    status: ClassVar[int] = 500
    code: ClassVar[str] = INTERNAL_ERROR_CODE
    public_message: ClassVar[str] = INTERNAL_ERROR_MESSAGE

    def __init__(self, message: str | None = None, *, details: list[dict[str, Any]] | None = None):
        self.message: str = message if message is not None else self.public_message
        self.details: list[dict[str, Any]] = list(details) if details else []
        super().__init__(self.message)

    @property
    def headers(self) -> dict[str, str]:
        """HTTP headers this error adds to its response (none, except for a few statuses)."""
        return {}

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r}, details={self.details!r})"


class BadRequestError(AppError):
    """The request itself is malformed: a body that is not JSON, or not a JSON object."""

    status = 400
    code = "bad_request"
    public_message = "The request could not be understood: send a JSON object."


class UnauthorizedError(AppError):
    """Missing or wrong credentials (HTTP names 401 "Unauthorized"; it means unauthenticated)."""

    status = 401
    code = "unauthorized"
    public_message = "Authentication required."


class ForbiddenError(AppError):
    """The caller is known but may not do this (403): authorisation, not authentication."""

    status = 403
    code = "forbidden"
    public_message = "You are not allowed to do this."


class NotFoundError(AppError):
    """The resource the request names does not exist (404)."""

    status = 404
    code = "not_found"
    public_message = "The requested resource was not found."


class MethodNotAllowedError(AppError):
    """The URL exists but not for this HTTP method (405); only a host's router raises it."""

    status = 405
    code = "method_not_allowed"
    public_message = "The method is not allowed for the requested URL."


class ConflictError(AppError):
    """The request is valid but clashes with the current state, e.g. a taken email (409)."""

    status = 409
    code = "conflict"
    public_message = "The request conflicts with existing data."


class PayloadTooLargeError(AppError):
    """The request body is bigger than the API accepts (413); it was not read, let alone parsed.

    A size limit protects the server: without one, a client could make it read (and try to
    decode) an arbitrarily large body. Each host enforces the same limit and raises this.
    """

    status = 413
    code = "payload_too_large"
    public_message = "The request body is too large."


class ValidationError(AppError):
    """The input is well-formed JSON but its fields are wrong (422); ``details`` says which.

    Each detail is ``{"field": "items.0.amount", "message": "...", "type": "int_type"}``:
    ``field`` is the dotted path into the input ("" for the input as a whole), ``type`` is a
    stable machine-readable reason a client can switch on.
    """

    status = 422
    code = "validation_error"
    public_message = "The input is not valid."


class ServiceUnavailableError(AppError):
    """The server cannot answer right now but will soon (503); ``Retry-After`` says when.

    A client that honours ``Retry-After`` backs off instead of hammering a busy server.
    """

    status = 503
    code = "service_unavailable"
    public_message = "The service is busy. Retry in a moment."
    retry_after_seconds: ClassVar[int] = 1

    @property
    def headers(self) -> dict[str, str]:
        return {"Retry-After": str(self.retry_after_seconds)}


class DatabaseBusyError(ServiceUnavailableError):
    """The database stayed locked longer than the lock timeout, or every connection was lent.

    Waiting longer would only pile up requests; answering 503 tells the client to retry.
    """

    public_message = "The database is busy. Retry in a moment."


ERRORS_BY_STATUS: Final[dict[int, type[AppError]]] = {
    error_class.status: error_class
    for error_class in (
        BadRequestError,
        UnauthorizedError,
        ForbiddenError,
        NotFoundError,
        MethodNotAllowedError,
        ConflictError,
        PayloadTooLargeError,
        ValidationError,
        ServiceUnavailableError,
    )
}
"""Status → error class, for ``error_for_status``."""


def error_for_status(status: int) -> AppError:
    """The core error for a 4xx status a framework raised by itself (unknown URL, wrong method).

    Hosts send it through the same envelope as the core's own errors, so a client sees one
    error shape whoever detected the problem. A status without a class here becomes a bad
    request named after the status.
    """
    error_class = ERRORS_BY_STATUS.get(status)
    if error_class is not None:
        return error_class()
    return BadRequestError(f"{HTTPStatus(status).phrase}.")


class SessionError(RuntimeError):
    """A unit of work was misused: entered twice, used after it closed, or before it opened.

    Not an ``AppError``: it is a bug in the calling code, never a client's fault, so a host
    answers it like any other bug (a logged, generic 500).
    """


def error_envelope(error: AppError, request_id: str | None) -> dict[str, Any]:
    """The JSON body for a deliberate error: its code, public message, details and request id.

    The request id lets a client quote one string that support can find in the server logs.
    """
    return {
        "error": {
            "code": error.code,
            "message": error.message,
            "details": list(error.details),
            "request_id": request_id,
        }
    }


def internal_error_envelope(request_id: str | None) -> dict[str, Any]:
    """The JSON body for an unexpected exception (500): generic, whatever the exception said.

    It takes no exception on purpose: there is nothing in it that may be shown to a client.
    """
    return {
        "error": {
            "code": INTERNAL_ERROR_CODE,
            "message": INTERNAL_ERROR_MESSAGE,
            "details": [],
            "request_id": request_id,
        }
    }


# Errors the domain raises from more than one place (services and both storage backends), built
# here so that every layer words them the same way.


def reference_not_found(kind: str, record_id: int, *, field: str | None = None) -> NotFoundError:
    """``<Kind> <id> not found``; ``field`` names the input that referred to it, if any."""
    message = f"{kind} {record_id} not found."
    details = [{"field": field, "message": message, "type": "not_found"}] if field else None
    return NotFoundError(message, details=details)


def user_not_found(user_id: int, *, field: str | None = None) -> NotFoundError:
    """``User <id> not found``; ``field`` names the input that referred to it, if any."""
    return reference_not_found("User", user_id, field=field)


def email_taken() -> ConflictError:
    """The email belongs to another user (the address itself is not repeated back)."""
    return ConflictError(
        "A user with this email already exists.",
        details=[{"field": "email", "message": "This email is already taken", "type": "unique"}],
    )


def id_taken(kind: str, record_id: int) -> ConflictError:
    """A row with this id already exists (only data that carries its own ids, like the seed)."""
    message = f"{kind} {record_id} already exists."
    return ConflictError(message, details=[{"field": "id", "message": message, "type": "unique"}])


def details_of(error: AppError) -> list[dict[str, Any]]:
    """An error's details, or a single detail made from its public message when it has none.

    Used where several errors are reported side by side (bulk results, seed reports), so that
    every entry has the same shape whatever kind of error it was.
    """
    if error.details:
        return list(error.details)
    return [{"field": "", "message": error.message, "type": error.code}]
