# Wrong answer for P03: recursion without a memo loops forever on cycles and turns one shared object into several copies.
"""P03 wrong answer: recursive, but remembers nothing."""

from typing import Any, TypeVar

T = TypeVar("T")


def deep_copy(value: T, memo: dict[int, Any] | None = None) -> T:
    """Copy containers recursively."""
    return _copy(value)


def _copy(value: Any) -> Any:
    if type(value) is dict:
        return {_copy(key): _copy(item) for key, item in value.items()}
    if type(value) in (list, set, tuple, frozenset):
        return type(value)(_copy(item) for item in value)
    return value
