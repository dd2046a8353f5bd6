"""The Flask views: thin translations between HTTP and ``core.services``.

Each view reads what HTTP gives it (path, query string, body), calls one service with the
request's unit of work (``get_session()``), and turns the result into JSON. Validation, rules
and storage all live in the core, which is what makes this host and the FastAPI one answer
every request the same way.

Lists are pages: ``{"items": [...], "limit": 50, "offset": 0}``; ``?limit=`` (1..100) and
``?offset=`` are validated by the core (422 otherwise). Every view but ``/health`` needs the
``X-Token`` header (``@require_token``): users and orders are personal data, reads included.
Writes answer ``201 Created`` with the new resource and its ``Location``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask import Blueprint, Response, jsonify, request

from ..core import services
from ..core.ndjson import NDJSON_MEDIA_TYPE, ndjson_chunks
from ..core.validation import PageParams, parse_page
from .auth import require_token
from .lifecycle import get_database, get_session
from .request_body import read_json_object

health_blueprint = Blueprint("health", __name__)
users_blueprint = Blueprint("users", __name__, url_prefix="/users")
orders_blueprint = Blueprint("orders", __name__, url_prefix="/orders")


def page_body(items: Iterable[Any], page: PageParams) -> dict[str, Any]:
    """One page of a list, with the paging that produced it."""
    return {
        "items": [item.to_dict() for item in items],
        "limit": page.limit,
        "offset": page.offset,
    }


def created(body: dict[str, Any], location: str) -> tuple[Response, int, dict[str, str]]:
    """A ``201 Created`` response for a new resource found at ``location``."""
    return jsonify(body), 201, {"Location": location}


def no_content() -> Response:
    """A ``204 No Content`` response: no body, so no ``Content-Type`` either (as in FastAPI)."""
    response = Response(status=204)
    response.headers.remove("Content-Type")
    return response


@health_blueprint.get("/health")
def health() -> dict[str, str]:
    """Liveness: the process answers HTTP (it does not touch the database)."""
    return {"status": "ok"}


@users_blueprint.get("")
@require_token
def list_users() -> Response:
    """One page of users, by id."""
    page = parse_page(request.args)
    return jsonify(page_body(services.list_users(get_session(), page), page))


@users_blueprint.post("")
@require_token
def create_user() -> tuple[Response, int, dict[str, str]]:
    """Create a user from ``{"name": ..., "email": ... | null}``."""
    user = services.create_user(get_session(), read_json_object())
    return created(user.to_dict(), f"/users/{user.id}")


@users_blueprint.get("/<id:user_id>")
@require_token
def get_user(user_id: int) -> Response:
    """One user; 404 if there is none."""
    return jsonify(services.get_user(get_session(), user_id).to_dict())


@users_blueprint.get("/<id:user_id>/orders")
@require_token
def list_user_orders(user_id: int) -> Response:
    """One page of a user's orders; 404 for an unknown user (not an empty page)."""
    page = parse_page(request.args)
    orders = services.list_user_orders(get_session(), user_id, page)
    return jsonify(page_body(orders, page))


@users_blueprint.get("/<id:user_id>/summary")
@require_token
def user_summary(user_id: int) -> Response:
    """Order count and total spent, with orders of unknown amount counted apart."""
    return jsonify(services.user_summary(get_session(), user_id).to_dict())


@orders_blueprint.get("")
@require_token
def list_orders() -> Response:
    """One page of orders, by id."""
    page = parse_page(request.args)
    return jsonify(page_body(services.list_orders(get_session(), page), page))


@orders_blueprint.post("")
@require_token
def create_order() -> tuple[Response, int, dict[str, str]]:
    """Create an order from ``{"user_id": ..., "amount": ... | null, "status": ...}``."""
    order = services.create_order(get_session(), read_json_object())
    return created(order.to_dict(), f"/orders/{order.id}")


@orders_blueprint.get("/<id:order_id>")
@require_token
def get_order(order_id: int) -> Response:
    """One order; 404 if there is none."""
    return jsonify(services.get_order(get_session(), order_id).to_dict())


@orders_blueprint.get("/export")
@require_token
def export_orders() -> Response:
    """Every order as NDJSON, streamed: sent while it is read, never built in memory.

    Flask returns from this view *before* the body is produced: the WSGI server pulls the
    lines from the generator afterwards, after ``teardown_request`` has closed the request's
    unit of work. So the generator must not use ``get_session()``; it runs on the core's
    ``stream_order_rows(database)``, which opens one short read-only session per batch of
    rows. That also means no connection or lock is held while a slow client reads.

    ``flask.stream_with_context`` would keep the request context alive during the stream, but
    it does not reopen a closed session, and in Flask 3.1 the teardown hooks then run twice
    (once when the view returns, again when the stream ends). Nothing here needs the request
    context, so the generator gets what it needs, the database, as an argument.
    """
    chunks = ndjson_chunks(services.stream_order_rows(get_database()))
    return Response(chunks, mimetype=NDJSON_MEDIA_TYPE)
