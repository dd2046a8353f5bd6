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

Run the tests with ``uv run pytest --problem 20`` and ask for a hint with
``uv run <package> hint 20``. Each place to work on is marked by a ``# TODO`` comment
tagged ``P20``: delete each marker as you finish that part. While any is left, the
problem's tests are reported as TODO.
"""

from collections.abc import Callable
from datetime import datetime

from ...core.db import Database
from ...core.models import Order, UserSummary, utc_now

Clock = Callable[[], datetime]
"""Returns the current time, timezone-aware (UTC)."""


class OrderService:
    """The order use cases, each one unit of work, usable from any host."""

    def __init__(self, database: Database, *, clock: Clock = utc_now) -> None:
        # TODO(P20): keep the collaborators as `self.database` and `self.clock`.
        raise NotImplementedError("P20: store the service's collaborators")

    def place_order(self, raw: object) -> Order:
        """Validate and store one order for an existing user, stamped with ``self.clock()``."""
        # TODO(P20): one session_scope: parse_order_create(raw), check the user exists
        #   (core.services.get_user, or let the repository refuse it), then
        #   session.orders.add(..., created_at=self.clock()).
        raise NotImplementedError("P20: write place_order")

    def place_orders(self, raw: object) -> list[Order]:
        """Store every order of ``{"items": [...]}``, or none of them if one fails."""
        # TODO(P20): the same, for every item of parse_order_batch(raw).items, inside ONE
        #   session_scope, so that a failing item rolls all of them back.
        raise NotImplementedError("P20: write place_orders")

    def user_spending(self, user_id: int) -> UserSummary:
        """The user's order count and total; ``NotFoundError`` for an unknown user."""
        # TODO(P20): a read-only session_scope and core.services.user_summary.
        raise NotImplementedError("P20: write user_spending")
