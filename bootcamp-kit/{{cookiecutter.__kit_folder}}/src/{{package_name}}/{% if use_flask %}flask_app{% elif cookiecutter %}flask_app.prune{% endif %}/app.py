"""The Flask application factory: ``create_app(settings=None, database=None)``.

A factory instead of a module-level ``app = Flask(__name__)``: every call builds a new,
independent application, so a test can create one per test with its own database and token,
and nothing is configured as a side effect of importing a module.

Development server::

    flask --app <package>.flask_app.app:create_app run

Production (waitress calls the factory once; the README says why waitress)::

    waitress-serve --call <package>.flask_app.app:create_app
"""

from __future__ import annotations

import weakref

from flask import Flask

from ..core.body_rules import MAX_BODY_BYTES
from ..core.db import Database, open_database
from ..core.settings import Settings, ensure_safe_to_serve
from ..resources import host_routes
from . import errors, lifecycle, urls
from .routes import health_blueprint, orders_blueprint, users_blueprint


def create_app(settings: Settings | None = None, database: Database | None = None) -> Flask:
    """Build the Flask application over the core.

    ``settings`` default to ``Settings.from_env()`` (``DATABASE_PATH``, ``API_TOKEN``).
    ``database`` defaults to the SQLite file the settings name; pass one to use another
    backend (tests pass a fresh database per test). Its schema is created here, once, before
    the first request: a WSGI application has no startup event, the factory is the startup.
    Nor has it a shutdown event: the database's pooled connections are closed when the
    application is garbage-collected or the process exits (``weakref.finalize``).
    """
    settings = settings or Settings.from_env()
    ensure_safe_to_serve(settings)  # production without a real API_TOKEN: refuse to start
    if database is None:
        database = open_database(settings)
    else:
        database.create_schema()

    app = Flask(__name__)
    # Werkzeug reads no more than this from a body; one byte over the limit lets
    # request_body tell "exactly at the limit" from "too large" for a chunked body.
    app.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES + 1
    # Keep keys in the order the core builds them ("code" before "message"), as FastAPI does.
    app.json.sort_keys = False  # type: ignore[attr-defined]

    weakref.finalize(app, database.close)
    urls.init_app(app)
    lifecycle.init_app(app, settings=settings, database=database)
    errors.init_app(app)
    app.register_blueprint(health_blueprint)
    app.register_blueprint(users_blueprint)
    app.register_blueprint(orders_blueprint)
    for routes in host_routes("flask"):  # resources added with `scaffold resource`
        app.register_blueprint(routes.blueprint)
    return app
