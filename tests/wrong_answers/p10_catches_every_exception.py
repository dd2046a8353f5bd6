# Wrong answer for P10: `except Exception` files programming errors such as TypeError as item failures, hiding bugs that fail every item.
# Rejected with: not `except Exception` or `except BaseException`
"""P10 wrong answer: nothing ever escapes, not even a bug."""

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
        except Exception as error:
            details = list(error.details) if isinstance(error, AppError) else []
            result.failed.append(ItemFailure(index=index, reason=str(error), details=details))
        else:
            result.succeeded.append(ItemSuccess(index=index, result=outcome))
    return result
