"""Plain ASGI middleware: request id and context, body size limit, last-resort 500.

An ASGI application is ``async def app(scope, receive, send)``; a middleware is an ASGI app
that wraps another. These are written against that protocol directly rather than Starlette's
``BaseHTTPMiddleware`` (``@app.middleware("http")``), which runs the rest of the app in a
separate task: a ``ContextVar`` set around ``call_next`` is then not the one the endpoint
sees, and every response is copied through a memory stream. A plain class runs everything
below it in the same task, so ``request_context(...)`` set here is visible to the exception
handlers, to async endpoints, and to sync endpoints too (Starlette copies the context into the
worker thread that runs them).

``main.create_app`` stacks them, outermost first::

    RequestContextMiddleware   X-Request-ID in, request context set, X-Request-ID out
    HeadAsGetMiddleware        HEAD answered as GET without the body (as Flask does)
    BodySizeLimitMiddleware    413 for bodies over MAX_BODY_BYTES, 400 for JSON nested too deep
    UnexpectedErrorMiddleware  any exception that nothing handled -> logged, generic 500
    (FastAPI: exception handlers, routing, dependencies, endpoints)
"""

from __future__ import annotations

import logging

from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..core.body_rules import MAX_BODY_BYTES, is_json_content_type, too_deep
from ..core.context import REQUEST_ID_HEADER, accept_request_id, current_request_id, request_context
from ..core.errors import (
    BadRequestError,
    PayloadTooLargeError,
    error_envelope,
    internal_error_envelope,
)

logger = logging.getLogger(__name__)


class RequestContextMiddleware:
    """Make the request's id current for everything below, and send it back in a header.

    The id is the client's ``X-Request-ID`` when it is safe to log, otherwise a new one
    (``core.context.accept_request_id``). ``request_context`` resets the ``ContextVar`` with
    its token when the request ends, however it ends.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = accept_request_id(Headers(scope=scope).get(REQUEST_ID_HEADER))

        async def send_with_request_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message).append(REQUEST_ID_HEADER, request_id)
            await send(message)

        with request_context(request_id=request_id):
            await self.app(scope, receive, send_with_request_id)


class HeadAsGetMiddleware:
    """Answer ``HEAD`` like ``GET``, headers included, without sending the body.

    HTTP asks every server to support ``HEAD`` on what it serves with ``GET``; Flask does it
    by itself, FastAPI's routes know only the methods they declare. So the request goes in as
    ``GET`` and the body chunks go out empty (``Content-Length`` still says what GET sends).
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, send_without_body)


class BodySizeLimitMiddleware:
    """Refuse request bodies over ``max_bytes`` with 413 ``payload_too_large``, and JSON bodies
    nested deeper than ``MAX_JSON_DEPTH`` with 400, before FastAPI parses them.

    A declared ``Content-Length`` over the limit is refused before anything is read. A body
    sent without one (chunked) is counted as it arrives; past the limit, reading it raises an
    ``HTTPException(413)``, which FastAPI lets through to the exception handlers. The depth of
    a JSON body is measured (``core.body_rules.too_deep``, as Flask does) when its last chunk
    has arrived: FastAPI reads the whole body before it parses any of it.
    """

    def __init__(self, app: ASGIApp, max_bytes: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            envelope = error_envelope(PayloadTooLargeError(), current_request_id())
            response = JSONResponse(envelope, status_code=PayloadTooLargeError.status)
            await response(scope, receive, send)
            return
        size = 0
        is_json = is_json_content_type(Headers(scope=scope).get("content-type"))
        json_body = bytearray()  # the chunks, kept only when there is a JSON depth to measure

        async def counting_receive() -> Message:
            nonlocal size
            message = await receive()
            if message["type"] == "http.request":
                chunk = message.get("body", b"")
                size += len(chunk)
                if size > self.max_bytes:
                    raise HTTPException(status_code=PayloadTooLargeError.status)
                if is_json:
                    json_body.extend(chunk)
                    if not message.get("more_body") and too_deep(bytes(json_body)):
                        # A bare 400: errors.error_for_fastapi_status sends the invalid-JSON one.
                        raise HTTPException(status_code=BadRequestError.status)
            return message

        await self.app(scope, counting_receive, send)


class UnexpectedErrorMiddleware:
    """Answer any exception nothing else handled with the generic 500 envelope, and log it.

    Starlette's own last resort (``ServerErrorMiddleware``) sits *outside* every user
    middleware: by the time it runs, the request context above has been reset, and its
    response would carry no request id. Catching here, inside, keeps both. Once the response
    has started (a stream that fails half-way) the status line is already sent: the exception
    is re-raised so the server aborts the connection rather than fake a complete answer.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        response_started = False

        async def tracking_send(message: Message) -> None:
            nonlocal response_started
            if message["type"] == "http.response.start":
                response_started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception:
            if response_started:
                raise
            logger.exception(
                "Unhandled error on %s %s (request id %s)",
                scope.get("method"),
                scope.get("path"),
                current_request_id(),
            )
            response = JSONResponse(internal_error_envelope(current_request_id()), 500)
            await response(scope, receive, send)
