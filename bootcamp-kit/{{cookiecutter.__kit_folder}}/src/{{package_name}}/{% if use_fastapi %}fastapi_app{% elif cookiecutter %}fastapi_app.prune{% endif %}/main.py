"""The FastAPI application: ``create_app(settings=None, database=None)`` and ``app``.

Serve it with::

    uvicorn <package>.fastapi_app.main:app

``app = create_app()`` at the bottom is what uvicorn imports. Building it does no I/O: the
settings are read from the environment, but the database is only opened when the server
starts the application (the *lifespan*), and tests build their own app per test with
``create_app(settings, database)``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool

from ..core.body_rules import MAX_BODY_BYTES
from ..core.db import Database, database_from_settings
from ..core.settings import Settings, ensure_safe_to_serve
from ..resources import host_routes
from .errors import register_exception_handlers
from .middleware import (
    BodySizeLimitMiddleware,
    HeadAsGetMiddleware,
    RequestContextMiddleware,
    UnexpectedErrorMiddleware,
)
from .openapi import use_exact_openapi
from .routes import health_router, orders_router, users_router


def create_app(settings: Settings | None = None, database: Database | None = None) -> FastAPI:
    """Build the FastAPI application over the core.

    ``settings`` default to ``Settings.from_env()`` (``DATABASE_PATH``, ``API_TOKEN``);
    ``database`` defaults to the SQLite file the settings name (tests pass a fresh one).
    The interactive docs (``/docs``, ``/redoc``, ``/openapi.json``) exist in development only:
    in production they would map the API for anyone who asks. Clients and fuzzers generate
    requests from ``/openapi.json``, so its descriptions are written for them (see ``openapi``).
    """
    settings = settings or Settings.from_env()
    if database is None:
        database = database_from_settings(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        """Startup before ``yield``, shutdown after: the database lives as long as the app.

        A production start without a real API_TOKEN fails here, before serving anything.
        Creating the schema is blocking ``sqlite3`` work, so it runs in the thread pool like
        every other database call. At shutdown the database closes its pooled connections.
        """
        ensure_safe_to_serve(settings)
        await run_in_threadpool(database.create_schema)
        app.state.settings = settings
        app.state.database = database
        yield
        await run_in_threadpool(database.close)

    app = FastAPI(
        title="Users and Orders API",
        summary="Users and their orders: create, read, page through and export them.",
        lifespan=lifespan,
        # "/users/" is not "/users" (404, as in Flask), rather than a redirect to it.
        redirect_slashes=False,
        docs_url="/docs" if settings.development else None,
        redoc_url="/redoc" if settings.development else None,
        openapi_url="/openapi.json" if settings.development else None,
    )
    register_exception_handlers(app)
    # add_middleware puts each new one outside the previous: the last added runs first.
    app.add_middleware(UnexpectedErrorMiddleware)
    app.add_middleware(BodySizeLimitMiddleware, max_bytes=MAX_BODY_BYTES)
    app.add_middleware(HeadAsGetMiddleware)
    app.add_middleware(RequestContextMiddleware)
    app.include_router(health_router)
    app.include_router(users_router)
    app.include_router(orders_router)
    for routes in host_routes("fastapi"):  # resources added with `scaffold resource`
        app.include_router(routes.router)
    use_exact_openapi(app)
    return app


app = create_app()
