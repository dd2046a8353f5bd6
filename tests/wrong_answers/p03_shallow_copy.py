# Wrong answer for P03: a shallow copy makes a new outer container but shares every nested list and dict with the original.
"""P03 wrong answer: copies one level only."""

from typing import Any, TypeVar

T = TypeVar("T")


def deep_copy(value: T, memo: dict[int, Any] | None = None) -> T:
    """A new container of the same type holding the same items."""
    if isinstance(value, dict):
        return dict(value)  # type: ignore[return-value]
    if isinstance(value, list | set | tuple | frozenset):
        return type(value)(value)  # type: ignore[return-value]
    return value
