"""Request-scoped state for the Flask host: the request id and one unit of work per request.

A WSGI server runs each request on one thread from the first hook to the last, so every
function below runs on the same thread for a given request. That thread is then *reused* for
the next request, which is why whatever a request sets up must be undone when it ends.

The hooks, in the order Flask calls them:

1. ``before_request`` ``start_request``: take the client's ``X-Request-ID`` (or make one) and
   make it the core's current request (``core.context.request_context``, a ``ContextVar``);
   refuse a body whose declared size is over the limit before anything reads it.
2. The view calls ``get_session()``, which opens the request's unit of work on first use
   (read-only for GET: a read never takes SQLite's write lock).
3. ``after_request`` ``finish_unit_of_work``: commit if the response is a success, roll back
   otherwise. It runs *before* the response is sent, so a commit that fails becomes a 500
   instead of a 201 for data that was never saved. ``echo_request_id`` adds the
   ``X-Request-ID`` header to every response, errors included.
4. ``teardown_request`` ``end_request``: always runs, even when an exception escaped
   everything else. It closes the session (closing discards anything not committed) and
   resets the ``ContextVar`` with the token ``set`` returned, so the next request served on
   this thread does not inherit this one's id. It is safe to run twice: Flask 3.1 calls it a
   second time after a response wrapped in ``stream_with_context`` has finished.
"""

from __future__ import annotations

from contextlib import ExitStack
from dataclasses import dataclass
from typing import Final

from flask import Flask, Response, current_app, g, request

from ..core.body_rules import MAX_BODY_BYTES
from ..core.context import REQUEST_ID_HEADER, accept_request_id, current_request_id, request_context
from ..core.db import Database, Session
from ..core.errors import PayloadTooLargeError
from ..core.settings import Settings

EXTENSION_KEY: Final = "users_and_orders"
# Methods that never change anything: their unit of work is opened read-only.
READ_ONLY_METHODS: Final = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(frozen=True, slots=True)
class HostState:
    """What every request of one application shares: its settings and its database."""

    settings: Settings
    database: Database


def init_app(app: Flask, *, settings: Settings, database: Database) -> None:
    """Store the shared state on the application and register the request hooks."""
    app.extensions[EXTENSION_KEY] = HostState(settings=settings, database=database)
    app.before_request(start_request)
    app.after_request(finish_unit_of_work)
    app.after_request(echo_request_id)
    app.teardown_request(end_request)


def get_settings() -> Settings:
    """The settings of the application handling the current request."""
    state: HostState = current_app.extensions[EXTENSION_KEY]
    return state.settings


def get_database() -> Database:
    """The database of the application handling the current request."""
    state: HostState = current_app.extensions[EXTENSION_KEY]
    return state.database


def get_session() -> Session:
    """The current request's unit of work, opened the first time a view asks for it.

    Opening lazily means a request that is refused early (no token, bad body) never touches
    the database. ``after_request`` commits or rolls it back, ``teardown_request`` closes it.
    """
    session: Session | None = g.get("db_session")
    if session is None:
        read_only = request.method in READ_ONLY_METHODS
        session = get_database().session(read_only=read_only)
        # Entered by hand because no `with` block can span two hooks: end_request closes it.
        session.__enter__()
        g.db_session = session
    return session


def start_request() -> None:
    """Make this request's id current and refuse an oversized body before it is read."""
    request_id = accept_request_id(request.headers.get(REQUEST_ID_HEADER))
    scope = ExitStack()
    scope.enter_context(request_context(request_id=request_id))
    g.request_scope = scope
    if request.content_length is not None and request.content_length > MAX_BODY_BYTES:
        raise PayloadTooLargeError()


def finish_unit_of_work(response: Response) -> Response:
    """Commit the request's changes if the response is a success, roll them back if not.

    Every failure in this app is an exception that ``errors`` turns into a 4xx/5xx response,
    so an error status is exactly "the view did not succeed", whoever produced the response.
    """
    session: Session | None = g.get("db_session")
    if session is not None and not session.closed:
        if response.status_code < 400:
            session.commit()
        else:
            session.rollback()
    return response


def echo_request_id(response: Response) -> Response:
    """Send the request id back, so a client can quote it when something went wrong."""
    request_id = current_request_id()
    if request_id is not None:
        response.headers[REQUEST_ID_HEADER] = request_id
    return response


def end_request(error: BaseException | None) -> None:
    """Close the unit of work and reset the request context; runs whatever happened."""
    session: Session | None = g.pop("db_session", None)
    scope: ExitStack | None = g.pop("request_scope", None)
    try:
        if session is not None:
            session.close()
    finally:
        if scope is not None:
            scope.close()
