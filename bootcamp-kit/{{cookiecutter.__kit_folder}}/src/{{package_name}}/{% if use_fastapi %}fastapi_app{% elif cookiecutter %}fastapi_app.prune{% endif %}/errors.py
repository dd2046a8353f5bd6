"""Exception handlers: every error FastAPI can meet becomes the core's JSON error envelope.

FastAPI looks a handler up along the exception's class hierarchy, so one handler per family
is enough:

- ``AppError`` (and every subclass): the class carries the status and ``code``, the message is
  public. An expected outcome, not logged as a crash.
- Starlette's ``HTTPException``: errors the framework detects itself (no such URL: 404, wrong
  method: 405, body over the limit: 413). Same status, the envelope of the matching core error.
- ``RequestValidationError``: FastAPI validated the body or the query string with the core's
  own pydantic models (``UserCreate``, ``PageParams``) and found problems. Translated to the
  *same* answer the Flask host gives, where the core validates: a body that is not JSON or not
  a JSON object is ``400 bad_request``; field problems are ``422 validation_error`` with the
  core's ``details`` (``details_from_pydantic`` drops FastAPI's ``"body"``/``"query"`` prefix).

Anything else is a bug, answered by ``middleware.UnexpectedErrorMiddleware`` (logged, 500).
The handlers are ``async def`` because they do no blocking work: a sync handler would cost a
trip to the thread pool for nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any, Final

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException
from starlette.routing import Match

from ..core.body_rules import (
    INVALID_JSON_MESSAGE,
    NOT_AN_OBJECT_MESSAGE,
    NOT_JSON_CONTENT_TYPE_MESSAGE,
    is_json_content_type,
)
from ..core.context import current_request_id
from ..core.errors import (
    AppError,
    BadRequestError,
    MethodNotAllowedError,
    ValidationError,
    error_envelope,
    error_for_status,
    internal_error_envelope,
)
from ..core.validation import details_from_pydantic

logger = logging.getLogger(__name__)

# Where FastAPI says a value came from; the core's details name the field alone.
LOCATION_ROOTS: Final = frozenset({"body", "query", "path", "header"})
HTTP_METHODS: Final = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


def error_for_fastapi_status(status: int) -> AppError:
    """The core error for a 4xx status FastAPI raised by itself (see ``error_for_status``)."""
    if status == BadRequestError.status:
        # A bare 400 comes from FastAPI when the body cannot be decoded at all (not UTF-8),
        # and from middleware.BodySizeLimitMiddleware when JSON is nested too deep.
        return BadRequestError(INVALID_JSON_MESSAGE)
    return error_for_status(status)


def body_problem(request: Request, errors: Sequence[Mapping[str, Any]]) -> BadRequestError | None:
    """The 400 for a body that is not a JSON object at all, or ``None`` if its fields are wrong.

    FastAPI reports undecodable JSON as ``json_invalid``, a lone surrogate (``"\\ud800"``, not
    a character) anywhere in the body as ``string_unicode``, and a body that is not an object
    (a list, a string, ``null``, nothing, or not declared as JSON) as one error located at
    ``("body",)`` itself, rather than at one of its fields. The core's ``decode_json_object``
    answers the first two as invalid JSON for Flask; so does this, for FastAPI.
    """
    for error in errors:
        location = tuple(error.get("loc", ()))
        if location[:1] != ("body",):
            continue
        if error.get("type") in ("json_invalid", "string_unicode"):
            return BadRequestError(INVALID_JSON_MESSAGE)
        if len(location) == 1:
            if not is_json_content_type(request.headers.get("content-type")):
                return BadRequestError(NOT_JSON_CONTENT_TYPE_MESSAGE)
            return BadRequestError(NOT_AN_OBJECT_MESSAGE)
    return None


def envelope_response(
    error: AppError, status: int, headers: Mapping[str, str] | None = None
) -> JSONResponse:
    """The JSON envelope of ``error`` with the current request id, sent with ``status``."""
    return JSONResponse(error_envelope(error, current_request_id()), status, headers=headers)


async def handle_app_error(request: Request, error: AppError) -> JSONResponse:
    """A core error already knows its status, its public message and its headers."""
    return envelope_response(error, error.status, error.headers)


def allowed_methods(request: Request) -> list[str]:
    """Every method some route accepts for this path, found by asking each route.

    Starlette's own 405 lists only the methods of the *first* route whose path matched, so for
    ``DELETE /users`` it would say ``Allow: GET`` although ``POST /users`` exists too. ``HEAD``
    goes with ``GET`` (``middleware.HeadAsGetMiddleware``), as in Flask.
    """
    routes = request.app.router.routes
    allowed = [
        method
        for method in HTTP_METHODS
        if any(
            route.matches({**request.scope, "method": method})[0] is Match.FULL for route in routes
        )
    ]
    if "GET" in allowed and "HEAD" not in allowed:
        allowed.append("HEAD")
    return allowed


async def handle_http_exception(request: Request, error: HTTPException) -> JSONResponse:
    """A 404/405/413... found by the framework: same status (and headers), core envelope."""
    status = error.status_code
    if status >= 500:
        logger.error("HTTP %s raised on %s %s", status, request.method, request.url.path)
        return JSONResponse(internal_error_envelope(current_request_id()), status)
    headers = dict(error.headers or {})
    if status == MethodNotAllowedError.status:
        headers["Allow"] = ", ".join(sorted(allowed_methods(request)))
    return envelope_response(error_for_fastapi_status(status), status, headers)


async def handle_request_validation_error(
    request: Request, error: RequestValidationError
) -> JSONResponse:
    """FastAPI's validation errors, answered exactly as the Flask host answers them."""
    errors = error.errors()
    bad_request = body_problem(request, errors)
    if bad_request is not None:
        return envelope_response(bad_request, bad_request.status)
    details = details_from_pydantic(errors, strip_roots=LOCATION_ROOTS)
    invalid = ValidationError(details=details)
    return envelope_response(invalid, invalid.status)


def register_exception_handlers(app: FastAPI) -> None:
    """Install the three handlers on ``app``."""
    app.add_exception_handler(AppError, handle_app_error)
    app.add_exception_handler(HTTPException, handle_http_exception)
    app.add_exception_handler(RequestValidationError, handle_request_validation_error)
