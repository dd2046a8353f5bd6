"""P20 · Design a framework-agnostic service layer (Level 4, Part E).

Task
----
Write ``OrderService``, the object both hosts call to work with orders. Its constructor takes
its collaborators instead of reaching for globals: the ``database`` (any core ``Database``:
SQLite in production, in-memory in tests) and a ``clock`` (a function returning the current
UTC time, ``core.models.utc_now`` by default). Its methods are the use cases:

- ``place_order(raw)``: validate the raw JSON body with the core
  (``core.validation.parse_order_create``), and store the order for an existing user with
  ``created_at=self.clock()``. Returns the ``Order``. Unknown user → the core ``NotFoundError``;
  bad fields → the core ``ValidationError``.
- ``place_orders(raw)``: a checkout of several orders, ``{"items": [order, ...]}``
  (``core.validation.parse_order_batch``). All or nothing: if any item fails (say its user
  does not exist), *none* of the orders is stored. Returns the orders in item order.
- ``user_spending(user_id)``: the user's ``UserSummary`` (``core.services.user_summary``);
  ``NotFoundError`` for an unknown user.

Each use case is exactly one unit of work: one ``session_scope(self.database)``, which commits
when the block succeeds and rolls back when it raises. Never ``commit()`` by hand half-way, and
never open a second session inside the first. The module imports nothing from Flask, FastAPI,
Starlette or werkzeug, and raises only the core's errors: no ``abort(404)``, no
``HTTPException``.

Concept
-------
The service layer is the application: the rules and the transaction boundaries. The hosts are
adapters around it: a Flask view or a FastAPI route reads the request, calls one method and
turns the result (or the core error) into a response, so the same ``OrderService`` serves
both, the CLI, a background job and the tests, which call it directly without any HTTP.
Passing the database and the clock in (dependency injection, by hand) is what makes that
possible: a test gives it an in-memory database and a frozen clock, Flask's ``create_app`` or
FastAPI's lifespan gives it the real ones. And a use case that stores several things must store
all or none of them: a checkout that saved two orders of three before failing leaves the data
in a state no client asked for.

Why this solution
-----------------
Input is validated *before* a session opens, so a bad request never takes the write lock.
``_store_order`` does the work of one order inside a session it is given; it neither opens
nor commits one, which is what lets ``place_order`` and ``place_orders`` share it while each
keeps exactly one ``session_scope``: the context manager is the only place that commits, and
an exception from any item rolls back every item. One ``now`` per use case: a checkout happens
at one instant. The unknown-user error names the field that referred to it (``user_id``, or
``items.2.user_id`` in a batch), so a client knows which item to fix.
"""

from collections.abc import Callable
from datetime import datetime

from ...core.db import Database, Session, session_scope
from ...core.errors import user_not_found
from ...core.models import Order, UserSummary, utc_now
from ...core.services import user_summary
from ...core.validation import OrderCreate, parse_order_batch, parse_order_create

Clock = Callable[[], datetime]
"""Returns the current time, timezone-aware (UTC)."""


class OrderService:
    """The order use cases, each one unit of work, usable from any host."""

    def __init__(self, database: Database, *, clock: Clock = utc_now) -> None:
        self.database = database
        self.clock = clock

    def place_order(self, raw: object) -> Order:
        """Validate and store one order for an existing user, stamped with ``self.clock()``."""
        payload = parse_order_create(raw)
        with session_scope(self.database) as session:
            return self._store_order(session, payload, now=self.clock(), field="user_id")

    def place_orders(self, raw: object) -> list[Order]:
        """Store every order of ``{"items": [...]}``, or none of them if one fails."""
        batch = parse_order_batch(raw)
        now = self.clock()
        with session_scope(self.database) as session:
            return [
                self._store_order(session, item, now=now, field=f"items.{index}.user_id")
                for index, item in enumerate(batch.items)
            ]

    def user_spending(self, user_id: int) -> UserSummary:
        """The user's order count and total; ``NotFoundError`` for an unknown user."""
        with session_scope(self.database, read_only=True) as session:
            return user_summary(session, user_id)

    def _store_order(
        self, session: Session, payload: OrderCreate, *, now: datetime, field: str
    ) -> Order:
        """Store one order inside the caller's unit of work (opens and commits nothing)."""
        if session.users.get(payload.user_id) is None:
            raise user_not_found(payload.user_id, field=field)
        return session.orders.add(payload.user_id, payload.amount, payload.status, created_at=now)
