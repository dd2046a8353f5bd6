"""The FastAPI routes: thin translations between HTTP and ``core.services``.

Sync or async, chosen per route:

- Routes that query SQLite are plain ``def``. FastAPI runs them in its thread pool, so their
  blocking ``sqlite3`` calls never stall the event loop that serves every other request. Each
  opens its unit of work itself and commits before returning (see ``dependencies`` for why the
  session is not a ``yield`` dependency). The request context set by the middleware is
  visible in them: the thread pool runs each call in a *copy* of the caller's context.
- ``health`` and ``export_orders`` are ``async def``: their bodies do no I/O at all
  (``export_orders`` only builds the streaming response; Starlette iterates its sync generator
  in the thread pool, one ``next()`` at a time), so a thread would be wasted on them.

Request bodies are the core's own models (``UserCreate``, ``OrderCreate``): FastAPI validates
them, ``errors`` turns its validation errors into the shared envelope, and the services accept
the validated model as is. Path ids use Starlette's ``:int`` converter, so ``/users/abc`` names
no route (404), as in Flask. ``responses=`` documents the error envelope in OpenAPI.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any, Final

from fastapi import APIRouter, Depends, Response
from fastapi.responses import StreamingResponse

from ..core import services
from ..core.db import session_scope
from ..core.models import Order
from ..core.validation import OrderCreate, PageParams, UserCreate
from .dependencies import DatabaseDep, PageDep, require_token
from .schemas import (
    Health,
    OrderOut,
    OrderPage,
    UserOut,
    UserPage,
    UserSummaryOut,
    default_error_response,
    error_responses,
)

NDJSON_MEDIA_TYPE: Final = "application/x-ndjson"
LINES_PER_CHUNK: Final = 100

health_router = APIRouter(tags=["health"])
# Every route may fail with a 500, and any error is the envelope ("default"); declaring them
# also stops FastAPI from advertising its own HTTPValidationError body, which is never sent.
COMMON_ERRORS: Final = {**error_responses(500), **default_error_response()}
users_router = APIRouter(prefix="/users", tags=["users"], responses=COMMON_ERRORS)
orders_router = APIRouter(prefix="/orders", tags=["orders"], responses=COMMON_ERRORS)
WRITE_ERRORS: Final = error_responses(400, 401, 413, 422)


def page_body(items: Iterable[Any], page: PageParams) -> dict[str, Any]:
    """One page of a list, with the paging that produced it."""
    return {
        "items": [item.to_dict() for item in items],
        "limit": page.limit,
        "offset": page.offset,
    }


@health_router.get("/health", response_model=Health)
async def health() -> dict[str, str]:
    """Liveness: the process answers HTTP (it does not touch the database)."""
    return {"status": "ok"}


@users_router.get("", response_model=UserPage, responses=error_responses(422))
def list_users(page: PageDep, database: DatabaseDep) -> dict[str, Any]:
    """One page of users, by id."""
    with session_scope(database, read_only=True) as session:
        users = services.list_users(session, page)
    return page_body(users, page)


@users_router.post(
    "",
    status_code=201,
    response_model=UserOut,
    dependencies=[Depends(require_token)],
    responses={**WRITE_ERRORS, **error_responses(409)},
)
def create_user(payload: UserCreate, database: DatabaseDep, response: Response) -> dict[str, Any]:
    """Create a user; ``email`` may be ``null``. 409 if another user has the email."""
    with session_scope(database) as session:
        user = services.create_user(session, payload)
    response.headers["Location"] = f"/users/{user.id}"
    return user.to_dict()


@users_router.get("/{user_id:int}", response_model=UserOut, responses=error_responses(404))
def get_user(user_id: int, database: DatabaseDep) -> dict[str, Any]:
    """One user; 404 if there is none."""
    with session_scope(database, read_only=True) as session:
        return services.get_user(session, user_id).to_dict()


@users_router.get(
    "/{user_id:int}/orders", response_model=OrderPage, responses=error_responses(404, 422)
)
def list_user_orders(user_id: int, page: PageDep, database: DatabaseDep) -> dict[str, Any]:
    """One page of a user's orders; 404 for an unknown user (not an empty page)."""
    with session_scope(database, read_only=True) as session:
        orders = services.list_user_orders(session, user_id, page)
    return page_body(orders, page)


@users_router.get(
    "/{user_id:int}/summary", response_model=UserSummaryOut, responses=error_responses(404)
)
def user_summary(user_id: int, database: DatabaseDep) -> dict[str, Any]:
    """Order count and total spent, with orders of unknown amount counted apart."""
    with session_scope(database, read_only=True) as session:
        return services.user_summary(session, user_id).to_dict()


@orders_router.get("", response_model=OrderPage, responses=error_responses(422))
def list_orders(page: PageDep, database: DatabaseDep) -> dict[str, Any]:
    """One page of orders, by id."""
    with session_scope(database, read_only=True) as session:
        orders = services.list_orders(session, page)
    return page_body(orders, page)


@orders_router.post(
    "",
    status_code=201,
    response_model=OrderOut,
    dependencies=[Depends(require_token)],
    responses={**WRITE_ERRORS, **error_responses(404)},
)
def create_order(payload: OrderCreate, database: DatabaseDep, response: Response) -> dict[str, Any]:
    """Create an order; ``amount`` may be ``null``. 404 (field ``user_id``) for an unknown user."""
    with session_scope(database) as session:
        order = services.create_order(session, payload)
    response.headers["Location"] = f"/orders/{order.id}"
    return order.to_dict()


def ndjson_chunks(orders: Iterable[Order]) -> Iterator[str]:
    """NDJSON (one JSON document per line), ``LINES_PER_CHUNK`` lines per chunk.

    A client can use each line as soon as it arrives. Each chunk is one write to the socket,
    so a chunk per order would cost a system call per order; grouping a few lines keeps the
    first bytes early and the writes few.
    """
    lines: list[str] = []
    for order in orders:
        lines.append(json.dumps(order.to_dict()) + "\n")
        if len(lines) == LINES_PER_CHUNK:
            yield "".join(lines)
            lines = []
    if lines:
        yield "".join(lines)


@orders_router.get(
    "/export",
    response_class=StreamingResponse,
    responses={
        200: {
            "description": "Every order, one JSON object per line (NDJSON), streamed.",
            "content": {NDJSON_MEDIA_TYPE: {"schema": OrderOut.model_json_schema()}},
        }
    },
)
async def export_orders(database: DatabaseDep) -> StreamingResponse:
    """Every order as NDJSON, streamed: sent while it is read, never built in memory.

    The response is returned before any row is read. Starlette then pulls the lines from the
    generator in the thread pool, and ``next()`` may run on a different thread each time. So
    the generator is the core's ``stream_orders(database)``: it opens and closes one short
    read-only session per batch inside a single ``next()``, never holding a ``sqlite3``
    connection across threads, nor a lock while a slow client reads.
    """
    chunks = ndjson_chunks(services.stream_orders(database))
    return StreamingResponse(chunks, media_type=NDJSON_MEDIA_TYPE)


@orders_router.get("/{order_id:int}", response_model=OrderOut, responses=error_responses(404))
def get_order(order_id: int, database: DatabaseDep) -> dict[str, Any]:
    """One order; 404 if there is none."""
    with session_scope(database, read_only=True) as session:
        return services.get_order(session, order_id).to_dict()
