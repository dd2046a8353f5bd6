"""P10 · Handle partial failures gracefully (Level 2, module 0.6).

Task
----
Write ``process_orders(payloads, submit)``. It receives a batch of order payloads (decoded
JSON, e.g. ``{"user_id": 1, "amount": 2500}``) and, for each one in turn:

1. validates it with ``parse_order_create`` (from the core), which returns an ``OrderCreate``
   or raises the core's ``ValidationError``;
2. passes the validated order to ``submit`` (the downstream step: the database, a payment or
   fulfilment service), whose return value is the item's result.

One bad item must not sink the batch. Return a ``BatchResult``:

- ``succeeded``: an ``ItemSuccess(index, result)`` for every item that went through;
- ``failed``: an ``ItemFailure(index, reason, details)`` for every item that did not, where
  ``reason`` is ``str(error)`` and ``details`` is ``error.details`` for an ``AppError`` (the
  field problems of a validation error) and ``[]`` for other errors;
- both in the order of the input, and ``index`` is the item's position in ``payloads`` (the
  only way a client can tell which of its items failed, even when two payloads are equal).

Which errors are item failures? Only the *expected* ones, listed in ``EXPECTED_ERRORS``: the
core's ``AppError`` family (invalid payload, unknown user, conflict: the item was refused)
and ``ConnectionError`` / ``TimeoutError`` (the downstream service failed for this item; a
later retry may succeed). Anything else is a bug in the code, not a problem with the item: a
``TypeError`` or ``KeyError`` would fail the same way for every item, and reporting it as "item
3 failed" would hide it. Let such exceptions propagate and abort the batch, and never catch
``BaseException``: ``KeyboardInterrupt`` and ``SystemExit`` must stop the program.

Concept
-------
Batch endpoints (``POST /orders/batch``, imports, queue consumers) meet bad items all the
time. Aborting at the first one throws away the good work and tells the client nothing about
the rest; a bare ``except Exception`` around everything does the opposite and turns bugs into
silent data loss. The grown-up middle ground is a result object: each item's outcome,
addressed by index, with errors caught narrowly (module 0.6). An API can return it as a
``207 Multi-Status``-style body or as ``200`` with a ``failed`` list; ``create_users_bulk`` in
``core/services.py`` makes the same choice for users.

Run the tests with ``uv run pytest --problem 10`` and ask for a hint with
``uv run <package> hint 10``. Each place to work on is marked by a ``# TODO`` comment
tagged ``P10``: delete each marker as you finish that part. While any is left, the
problem's tests are reported as TODO.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ...core.errors import AppError
from ...core.validation import OrderCreate

EXPECTED_ERRORS: tuple[type[Exception], ...] = (AppError, ConnectionError, TimeoutError)
"""The errors that make one item fail; any other exception is a bug and aborts the batch."""

Submit = Callable[[OrderCreate], object]
"""The downstream step for one validated order; its return value is the item's result."""


@dataclass(frozen=True)
class ItemSuccess:
    """An item that went through: its position in the batch and what ``submit`` returned."""

    index: int
    result: object


@dataclass(frozen=True)
class ItemFailure:
    """An item that failed: its position in the batch, the error message and field details."""

    index: int
    reason: str
    details: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class BatchResult:
    """Every item's outcome, successes and failures each in input order."""

    succeeded: list[ItemSuccess] = field(default_factory=list)
    failed: list[ItemFailure] = field(default_factory=list)


def process_orders(payloads: Sequence[object], submit: Submit) -> BatchResult:
    """Validate and submit each payload; collect failures instead of stopping at the first."""
    # TODO(P10): handle each payload on its own: parse_order_create (import it from
    #   ...core.validation), then submit. Record an ItemSuccess or, for the errors in
    #   EXPECTED_ERRORS only, an ItemFailure with the item's index. Let every other exception
    #   propagate.
    raise NotImplementedError("P10: process the batch item by item")
