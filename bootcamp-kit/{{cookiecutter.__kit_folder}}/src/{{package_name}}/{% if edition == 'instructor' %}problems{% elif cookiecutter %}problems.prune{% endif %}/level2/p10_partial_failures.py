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

Why this solution
-----------------
The ``try`` wraps one item, not the loop, so a failure ends only that item's turn. Both steps
of an item sit in the same ``try`` because both can fail for item-specific reasons, while
building the ``ItemSuccess`` stays in ``else``: nothing there should ever be mistaken for an
item's failure. ``except EXPECTED_ERRORS`` names exactly what may fail an item, so a bug (a
``TypeError``) still crashes loudly and ``KeyboardInterrupt`` is never touched. ``enumerate``
gives each item its index as it goes by; searching for it afterwards
(``payloads.index(payload)``) would give the first of two equal payloads the blame for both.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ...core.errors import AppError
from ...core.validation import OrderCreate, parse_order_create

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
    result = BatchResult()
    for index, payload in enumerate(payloads):
        try:
            order = parse_order_create(payload)
            outcome = submit(order)
        except EXPECTED_ERRORS as error:
            details = list(error.details) if isinstance(error, AppError) else []
            result.failed.append(ItemFailure(index=index, reason=str(error), details=details))
        else:
            result.succeeded.append(ItemSuccess(index=index, result=outcome))
    return result
