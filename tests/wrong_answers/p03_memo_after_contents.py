# Wrong answer for P03: recording the copy in the memo only after copying the contents is too late for a cycle, which recurses forever.
"""P03 wrong answer: the memo is filled after the contents are copied."""

from typing import Any, TypeVar

T = TypeVar("T")


def deep_copy(value: T, memo: dict[int, Any] | None = None) -> T:
    """Copy containers recursively, with a memo."""
    return _copy(value, {} if memo is None else memo)


def _copy(value: Any, memo: dict[int, Any]) -> Any:
    if id(value) in memo:
        return memo[id(value)]
    kind = type(value)
    result: Any
    if kind is dict:
        result = {key: _copy(item, memo) for key, item in value.items()}
    elif kind in (list, set, tuple, frozenset):
        result = kind(_copy(item, memo) for item in value)
    else:
        return value
    memo[id(value)] = result
    return result
