"""The FastAPI routes: thin translations between HTTP and ``core.services``.

Every route is ``async def``. The blocking part, one unit of work on SQLite, goes to the thread
pool in a single trip (``units.run_unit_of_work``, which also says why the session is not a
``yield`` dependency), so the event loop never waits on the database.

Each route answers with a ``JSONResponse`` of what the core built (``to_dict()``, already
JSON-ready). ``response_model`` stays on the decorator so that OpenAPI documents the body,
but FastAPI does not re-validate a ready response: re-validating the core's own dicts cost a
second trip to the thread pool on every request, for nothing.

Request bodies are the core's own models (``UserCreate``, ``OrderCreate``): FastAPI validates
them, ``errors`` turns its validation errors into the shared envelope, and the services accept
the validated model as is. Path ids use an ``id`` converter (1 to 19 ASCII digits, the core's
``PATH_ID_PATTERN``, as in Flask), so ``/users/abc`` or a 4,000-digit id names no route (404).
Every route but ``/health`` needs the token (a dependency of the two routers).
``responses=`` documents the error envelope in OpenAPI; a docstring's text after ``\f`` is
for readers of this file only (FastAPI leaves it out of the OpenAPI description).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Any, Final

from fastapi import APIRouter, Depends, Path
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import TypeAdapter
from starlette.convertors import Convertor, register_url_convertor

from ..core import services
from ..core.ndjson import NDJSON_MEDIA_TYPE, ndjson_chunks
from ..core.validation import PATH_ID_PATTERN, OrderCreate, PageParams, PositiveId, UserCreate
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
from .units import run_unit_of_work


class IdConvertor(Convertor[int]):
    """``{user_id:id}``: an id of 1 to 19 ASCII digits, as an ``int`` (Flask: ``<id:...>``)."""

    regex = PATH_ID_PATTERN

    def convert(self, value: str) -> int:
        return int(value)

    def to_string(self, value: int) -> str:
        return str(value)


register_url_convertor("id", IdConvertor())
# What OpenAPI says of an id in a path: the bounds of the core's ``PositiveId``. FastAPI does
# not check them itself; as on Flask, an id that cannot exist is simply not found (404).
IdInPath = Annotated[
    int, Path(description="A positive id", json_schema_extra=TypeAdapter(PositiveId).json_schema())
]

health_router = APIRouter(tags=["health"])
# Every route may fail with a 401 (no token) or a 500, and any error is the envelope
# ("default"); declaring them also stops FastAPI from advertising its own
# HTTPValidationError body, which is never sent.
COMMON_ERRORS: Final = {**error_responses(401, 500), **default_error_response()}
TOKEN_NEEDED: Final = [Depends(require_token)]
users_router = APIRouter(
    prefix="/users", tags=["users"], responses=COMMON_ERRORS, dependencies=TOKEN_NEEDED
)
orders_router = APIRouter(
    prefix="/orders", tags=["orders"], responses=COMMON_ERRORS, dependencies=TOKEN_NEEDED
)
WRITE_ERRORS: Final = error_responses(400, 413, 422)


def page_body(items: Iterable[Any], page: PageParams) -> JSONResponse:
    """One page of a list, with the paging that produced it."""
    rows = [item.to_dict() for item in items]
    return JSONResponse({"items": rows, "limit": page.limit, "offset": page.offset})


def created(body: dict[str, Any], location: str) -> JSONResponse:
    """A ``201 Created`` response for a new resource found at ``location``."""
    return JSONResponse(body, status_code=201, headers={"Location": location})


@health_router.get("/health", response_model=Health)
async def health() -> JSONResponse:
    """Liveness: the process answers HTTP (it does not touch the database)."""
    return JSONResponse({"status": "ok"})


@users_router.get("", response_model=UserPage, responses=error_responses(422))
async def list_users(page: PageDep, database: DatabaseDep) -> JSONResponse:
    """One page of users, by id."""
    users = await run_unit_of_work(
        database, lambda session: services.list_users(session, page), read_only=True
    )
    return page_body(users, page)


@users_router.post(
    "",
    status_code=201,
    response_model=UserOut,
    responses={**WRITE_ERRORS, **error_responses(409)},
)
async def create_user(payload: UserCreate, database: DatabaseDep) -> JSONResponse:
    """Create a user; ``email`` may be ``null``. 409 if another user has the email."""
    user = await run_unit_of_work(database, lambda session: services.create_user(session, payload))
    return created(user.to_dict(), f"/users/{user.id}")


@users_router.get("/{user_id:id}", response_model=UserOut, responses=error_responses(404))
async def get_user(user_id: IdInPath, database: DatabaseDep) -> JSONResponse:
    """One user; 404 if there is none."""
    user = await run_unit_of_work(
        database, lambda session: services.get_user(session, user_id), read_only=True
    )
    return JSONResponse(user.to_dict())


@users_router.get(
    "/{user_id:id}/orders", response_model=OrderPage, responses=error_responses(404, 422)
)
async def list_user_orders(user_id: IdInPath, page: PageDep, database: DatabaseDep) -> JSONResponse:
    """One page of a user's orders; 404 for an unknown user (not an empty page)."""
    orders = await run_unit_of_work(
        database,
        lambda session: services.list_user_orders(session, user_id, page),
        read_only=True,
    )
    return page_body(orders, page)


@users_router.get(
    "/{user_id:id}/summary", response_model=UserSummaryOut, responses=error_responses(404)
)
async def user_summary(user_id: IdInPath, database: DatabaseDep) -> JSONResponse:
    """Order count and total spent, with orders of unknown amount counted apart."""
    summary = await run_unit_of_work(
        database, lambda session: services.user_summary(session, user_id), read_only=True
    )
    return JSONResponse(summary.to_dict())


@orders_router.get("", response_model=OrderPage, responses=error_responses(422))
async def list_orders(page: PageDep, database: DatabaseDep) -> JSONResponse:
    """One page of orders, by id."""
    orders = await run_unit_of_work(
        database, lambda session: services.list_orders(session, page), read_only=True
    )
    return page_body(orders, page)


@orders_router.post(
    "",
    status_code=201,
    response_model=OrderOut,
    responses={**WRITE_ERRORS, **error_responses(404)},
)
async def create_order(payload: OrderCreate, database: DatabaseDep) -> JSONResponse:
    """Create an order; ``amount`` may be ``null``. 404 (field ``user_id``) for an unknown user."""
    order = await run_unit_of_work(
        database, lambda session: services.create_order(session, payload)
    )
    return created(order.to_dict(), f"/orders/{order.id}")


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
    \f
    The response is returned before any row is read. Starlette then pulls the lines from the
    generator in the thread pool, and ``next()`` may run on a different thread each time. So
    the generator is the core's ``stream_order_rows(database)``: it opens and closes one
    short read-only session per batch inside a single ``next()``, never holding a pooled
    connection, nor a lock, while a slow client reads.
    """
    chunks = ndjson_chunks(services.stream_order_rows(database))
    return StreamingResponse(chunks, media_type=NDJSON_MEDIA_TYPE)


@orders_router.get("/{order_id:id}", response_model=OrderOut, responses=error_responses(404))
async def get_order(order_id: IdInPath, database: DatabaseDep) -> JSONResponse:
    """One order; 404 if there is none."""
    order = await run_unit_of_work(
        database, lambda session: services.get_order(session, order_id), read_only=True
    )
    return JSONResponse(order.to_dict())
