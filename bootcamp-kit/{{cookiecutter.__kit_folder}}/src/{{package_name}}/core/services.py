"""The service layer: what the API can do, as plain functions taking the session first.

A service validates its input, applies the rules (a user must exist before it can order, an
email belongs to one user) and talks to the repositories. It never sees a request or builds a
response, and it does not commit: the caller's ``session_scope`` decides where the unit of work
ends. That is why the same function serves Flask, FastAPI, the seed command and the tests::

    with session_scope(database) as session:
        user = create_user(session, {"name": "Raj", "email": "raj@gmail.com"})

Functions that take input accept either the raw decoded JSON (validated here) or the already
validated pydantic model (a FastAPI body parameter), and raise the core's errors only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final, TypeVar

from .db import DEFAULT_BATCH_SIZE, EXPORT_BATCH_SIZE, Database, Session, session_scope
from .errors import (
    AppError,
    NotFoundError,
    ValidationError,
    details_of,
    email_taken,
    user_not_found,
)
from .models import Order, User, UserSummary
from .validation import (
    MAX_SQL_INTEGER,
    OrderCreate,
    PageParams,
    UserCreate,
    parse_order_create,
    parse_page,
    parse_user_create,
)

MAX_BULK_ITEMS: Final = 1000

Item = TypeVar("Item")

PageInput = PageParams | Mapping[str, Any] | None


def _page_params(page: PageInput) -> PageParams:
    """Accept validated ``PageParams``, a raw query mapping, or ``None`` (the defaults)."""
    return page if isinstance(page, PageParams) else parse_page(page)


def _could_exist(record_id: int) -> bool:
    """Ids are positive 64-bit integers; any other number names nothing (and would overflow)."""
    return 0 < record_id <= MAX_SQL_INTEGER


def list_users(session: Session, page: PageInput = None) -> list[User]:
    """One page of users, ordered by id."""
    params = _page_params(page)
    return session.users.list_page(limit=params.limit, offset=params.offset)


def get_user(session: Session, user_id: int) -> User:
    """The user with this id; ``NotFoundError`` if there is none."""
    user = session.users.get(user_id) if _could_exist(user_id) else None
    if user is None:
        raise user_not_found(user_id)
    return user


def create_user(session: Session, data: UserCreate | Mapping[str, Any]) -> User:
    """Validate and insert a user; ``ConflictError`` if another user has the same email.

    The lookup gives a precise answer in the common case; the database's unique index still
    catches two requests racing with the same email (the repository raises the same error).
    """
    payload = parse_user_create(data)
    if payload.email is not None and session.users.get_by_email(payload.email) is not None:
        raise email_taken()
    return session.users.add(payload.name, payload.email)


def create_order(session: Session, data: OrderCreate | Mapping[str, Any]) -> Order:
    """Validate and insert an order; ``NotFoundError`` (field ``user_id``) for an unknown user."""
    payload = parse_order_create(data)
    if session.users.get(payload.user_id) is None:
        raise user_not_found(payload.user_id, field="user_id")
    return session.orders.add(payload.user_id, payload.amount, payload.status)


def get_order(session: Session, order_id: int) -> Order:
    """The order with this id; ``NotFoundError`` if there is none."""
    order = session.orders.get(order_id) if _could_exist(order_id) else None
    if order is None:
        raise NotFoundError(f"Order {order_id} not found.")
    return order


def list_orders(session: Session, page: PageInput = None) -> list[Order]:
    """One page of orders, ordered by id."""
    params = _page_params(page)
    return session.orders.list_page(limit=params.limit, offset=params.offset)


def list_user_orders(session: Session, user_id: int, page: PageInput = None) -> list[Order]:
    """One page of a user's orders; ``NotFoundError`` for an unknown user (not an empty list).

    An empty list would mean "this user has no orders", which is a different answer.
    """
    get_user(session, user_id)
    params = _page_params(page)
    return session.orders.list_for_user(user_id, limit=params.limit, offset=params.offset)


def user_summary(session: Session, user_id: int) -> UserSummary:
    """How many orders a user has and what they add up to, with NULL amounts counted apart.

    For Amit (one order, amount NULL) that is ``order_count=1, total_spent=0,
    orders_without_amount=1``: the total is not complete, and the summary says so.
    """
    get_user(session, user_id)
    return session.orders.summary_for_user(user_id)


@dataclass(frozen=True, slots=True)
class BulkResult:
    """What a bulk creation did: the users created, and each rejected item with its reasons.

    ``failed`` holds ``{"index": <position in the request>, "details": [...]}``, the details
    being the same field list a single creation would have produced for that item.
    """

    created: list[User]
    failed: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: ``{"created": [user, ...], "failed": [{"index", "details"}, ...]}``."""
        return {
            "created": [user.to_dict() for user in self.created],
            "failed": [dict(failure) for failure in self.failed],
        }


def create_users_bulk(session: Session, raw_items: Sequence[object]) -> BulkResult:
    """Create many users at once, committing the good ones and reporting the bad ones.

    The choice, documented because a bulk endpoint must make one: **commit the rest**. Each
    item runs inside its own savepoint, so an item that fails (invalid fields, an email that is
    taken, even by an earlier item of the same request) is undone alone and reported with its
    index; the items before and after it are kept. The alternative, all-or-nothing, is a single
    unit of work without savepoints. Only the core's own errors count as item failures: any
    other exception is a bug and aborts the whole unit of work.
    """
    if not isinstance(raw_items, list | tuple):
        raise ValidationError(
            "Expected a JSON array of users.",
            details=[{"field": "", "message": "Expected a JSON array", "type": "list_type"}],
        )
    if len(raw_items) > MAX_BULK_ITEMS:
        message = f"At most {MAX_BULK_ITEMS} users per request"
        raise ValidationError(
            f"{message}.", details=[{"field": "", "message": message, "type": "too_long"}]
        )
    created: list[User] = []
    failed: list[dict[str, Any]] = []
    for index, raw_item in enumerate(raw_items):
        try:
            with session.savepoint():
                created.append(create_user(session, raw_item))
        except AppError as error:
            failed.append({"index": index, "details": details_of(error)})
    return BulkResult(created=created, failed=failed)


def export_orders(session: Session, *, batch_size: int = DEFAULT_BATCH_SIZE) -> Iterator[Order]:
    """Every order by id, lazily: a generator reading the database in batches.

    Memory stays flat however many orders there are, and the first order is available before
    the last is read. The session must stay open while the caller iterates (nothing runs
    until the first ``next()``), so for an HTTP streaming response prefer ``stream_orders``.
    """
    yield from session.orders.iter_all(batch_size=batch_size)


def _read_in_batches(
    database: Database,
    read_after: Callable[[Session, int], Sequence[Item]],
    *,
    id_of: Callable[[Item], int],
) -> Iterator[Item]:
    """The loop both streams share: each batch in its own short read-only session.

    ``read_after(session, after_id)`` reads the next batch; ``id_of`` finds where the next
    one starts. An empty batch means the table has no more ids past the last one.
    """
    after_id = 0
    while True:
        with session_scope(database, read_only=True) as session:
            batch = read_after(session, after_id)
        if not batch:
            return
        yield from batch
        after_id = id_of(batch[-1])


def stream_orders(database: Database, *, batch_size: int = DEFAULT_BATCH_SIZE) -> Iterator[Order]:
    """Every order by id, lazily, opening one short read-only session per batch.

    For streaming HTTP responses: no connection or lock is held while the client reads, and
    each batch may be fetched on a different thread (Starlette iterates sync generators in a
    thread pool, and a ``sqlite3`` connection refuses to change threads). Batches follow ids
    (``WHERE id > last``), so an order added during the export may appear in it; use
    ``export_orders`` inside one session when you need one consistent snapshot.
    """
    yield from _read_in_batches(
        database,
        lambda session, after_id: session.orders.list_after(after_id, limit=batch_size),
        id_of=lambda order: order.id,
    )


def stream_order_rows(
    database: Database, *, batch_size: int = EXPORT_BATCH_SIZE
) -> Iterator[dict[str, Any]]:
    """What the export endpoints send: ``stream_orders``, as JSON-ready rows, in big batches.

    The rows are the stored values (``created_at`` is stored as the ISO 8601 text the API
    sends), so no ``Order`` is built and no date is parsed and formatted back. Memory holds
    one batch; the first row leaves after the first batch is read.
    """
    yield from _read_in_batches(
        database,
        lambda session, after_id: session.orders.rows_after(after_id, limit=batch_size),
        id_of=lambda row: row["id"],
    )
