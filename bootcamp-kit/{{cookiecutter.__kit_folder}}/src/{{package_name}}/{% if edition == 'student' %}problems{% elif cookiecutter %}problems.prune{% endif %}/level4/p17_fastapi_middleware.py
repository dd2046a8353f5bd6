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

The kit's own FastAPI host does the same job in full (``UnexpectedErrorMiddleware`` in
``fastapi_app/middleware.py``, in a kit with FastAPI): solve the problem first, then compare.

Run the tests with ``uv run pytest --problem 17`` and ask for a hint with
``uv run <package> hint 17``. Each place to work on is marked by a ``# TODO`` comment
tagged ``P17``: delete each marker as you finish that part. While any is left, the
problem's tests are reported as TODO.
"""

import logging
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from ...core.context import REQUEST_ID_HEADER, accept_request_id, new_request_id

# The core's error types and envelope builders: everything the middleware needs.
from ...core.errors import AppError, error_envelope, internal_error_envelope  # noqa: F401

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
    # TODO(P17): encode `body` with json.dumps(...).encode() and send the two messages.
    raise NotImplementedError("P17: send a JSON response over ASGI")


class ErrorEnvelopeMiddleware:
    """Turn exceptions raised by the wrapped ASGI app into JSON error envelopes.

    Install it with ``app.add_middleware(ErrorEnvelopeMiddleware)``: Starlette then calls
    ``ErrorEnvelopeMiddleware(app=<the rest of the stack>)``.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Handle one connection (one HTTP request, the lifespan, or a websocket)."""
        # TODO(P17): hand scopes whose "type" is not "http" straight to self.app.
        # TODO(P17): wrap `send` in an inner `async def` that adds the X-Request-ID header to
        #   "http.response.start" messages and remembers that the response has started.
        # TODO(P17): call self.app with the wrapped send inside try/except: AppError -> its
        #   envelope and status, any other Exception -> logged, sanitized 500. Once the response
        #   has started, re-raise instead of sending anything.
        raise NotImplementedError("P17: write the ASGI error middleware")
