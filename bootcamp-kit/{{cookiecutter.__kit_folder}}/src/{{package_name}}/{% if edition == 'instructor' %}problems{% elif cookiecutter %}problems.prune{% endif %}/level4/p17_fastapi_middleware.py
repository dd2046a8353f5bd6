"""P17 · Build FastAPI exception middleware (Level 4, module 0.6).

Task
----
Write ``ErrorEnvelopeMiddleware``, a plain ASGI middleware that a FastAPI app installs with
``app.add_middleware(ErrorEnvelopeMiddleware)``. For every HTTP request it

- adds an ``X-Request-ID`` header to the response: the client's own ``X-Request-ID`` if it
  sent one, otherwise a new id (``request_id_from_scope`` does that part for you);
- turns a core ``AppError`` raised by the app into the shared JSON envelope
  ``error_envelope(error, request_id)`` with the error's own status (404, 422, 409, ...);
- turns any other exception into ``internal_error_envelope(request_id)`` with status 500,
  logs it with its traceback (``logger.exception``), and never sends the exception's text;
- leaves the response alone once it has started: if the app fails after it has sent
  ``http.response.start`` (a streaming response that breaks half-way), the status line is
  already on the wire and a second start would be a protocol error. Re-raise instead, so the
  server aborts the connection and the client sees an incomplete response, not a fake success.

Other scope types (``lifespan``, ``websocket``) pass through untouched.

Concept
-------
FastAPI is Starlette, and Starlette is an ASGI application: an async callable
``app(scope, receive, send)``. ``scope`` describes the request, ``receive()`` yields the request
body, and the response is two or more messages given to ``send``: one
``{"type": "http.response.start", "status": ..., "headers": [(b"name", b"value"), ...]}`` then
``{"type": "http.response.body", "body": b"...", "more_body": False}``. A middleware is just an
ASGI app that wraps another one: it can look at the scope, wrap ``send`` to see (and change)
every outgoing message, and put ``try``/``except`` around the inner call.

Why not Starlette's ``BaseHTTPMiddleware`` (``@app.middleware("http")``)? It is shorter to write,
but it runs the rest of the app in a separate task and re-streams the response through a memory
channel: context variables set downstream do not come back to it, every response pays for the
extra copy, and an error raised while a body streams surfaces after ``call_next`` has already
returned a response. A plain ASGI class sees every message and every exception directly, costs
nothing, and depends on no framework at all, which is why this module imports neither FastAPI
nor Starlette: only the ASGI protocol.

Why this solution
-----------------
The wrapped ``send`` is the middleware's window on the response: it stamps the request id on
whatever start message goes out (the app's or our own error response) and records that the
status line is gone. The ``except`` clauses then have exactly two choices: nothing has been
sent yet, so a complete JSON response can replace the failure; or something has, and the only
honest move is to re-raise. ``AppError`` is caught before ``Exception`` because the order of
``except`` clauses is the order of matching.

The kit's own FastAPI host does the same job in full (``UnexpectedErrorMiddleware`` in
``fastapi_app/middleware.py``, in a kit with FastAPI): solve the problem first, then compare.
"""

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
        except Exception:
            if response_started:
                raise  # The server logs it and aborts the half-sent response.
            logger.exception(
                "Unhandled error on %s %s (request id %s)",
                scope.get("method"),
                scope.get("path"),
                request_id,
            )
            await send_json(send_with_request_id, 500, internal_error_envelope(request_id))
