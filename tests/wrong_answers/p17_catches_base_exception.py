# Wrong answer for P17: `except BaseException` also catches asyncio.CancelledError, so a request the client abandoned is answered with a 500 instead of being cancelled.
# Rejected with: CancelledError is a BaseException, and it must reach the server untouched
"""P17 wrong answer: the catch-all is too wide."""

import json
import logging
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from ...core.context import REQUEST_ID_HEADER, accept_request_id, new_request_id
from ...core.errors import AppError, error_envelope, internal_error_envelope

# The ASGI protocol in four type aliases (the same shapes Starlette's `types` module declares).
Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

logger = logging.getLogger(__name__)


def request_id_from_scope(scope: Scope) -> str:
    """The client's ``X-Request-ID`` if it sent a safe one, else a new id.

    ASGI gives headers as a list of ``(name, value)`` byte pairs with lower-cased names.
    """
    wanted = REQUEST_ID_HEADER.lower().encode("latin-1")
    for name, value in scope.get("headers", []):
        if name == wanted:
            return accept_request_id(bytes(value).decode("latin-1"))
    return new_request_id()


async def send_json(send: Send, status: int, body: dict[str, Any]) -> None:
    """Send a complete JSON response: one ``http.response.start``, then one body message.

    The start message carries the status and the headers ``content-type: application/json``
    and ``content-length``; the body message carries the UTF-8 encoded JSON and
    ``"more_body": False``.
    """
    payload = json.dumps(body).encode("utf-8")
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(payload)).encode("latin-1")),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": payload, "more_body": False})


class ErrorEnvelopeMiddleware:
    """Turn exceptions raised by the wrapped ASGI app into JSON error envelopes.

    Install it with ``app.add_middleware(ErrorEnvelopeMiddleware)``: Starlette then calls
    ``ErrorEnvelopeMiddleware(app=<the rest of the stack>)``.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Handle one connection (one HTTP request, the lifespan, or a websocket)."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        request_id = request_id_from_scope(scope)
        response_started = False

        async def send_with_request_id(message: Message) -> None:
            nonlocal response_started
            if message["type"] == "http.response.start":
                response_started = True
                header = (REQUEST_ID_HEADER.lower().encode("latin-1"), request_id.encode("latin-1"))
                message = {**message, "headers": [*message.get("headers", []), header]}
            await send(message)

        try:
            await self.app(scope, receive, send_with_request_id)
        except AppError as error:
            if response_started:
                raise
            await send_json(send_with_request_id, error.status, error_envelope(error, request_id))
        except BaseException:
            if response_started:
                raise  # The server logs it and aborts the half-sent response.
            logger.exception(
                "Unhandled error on %s %s (request id %s)",
                scope.get("method"),
                scope.get("path"),
                request_id,
            )
            await send_json(send_with_request_id, 500, internal_error_envelope(request_id))
