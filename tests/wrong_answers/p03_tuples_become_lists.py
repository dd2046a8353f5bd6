# Wrong answer for P03: turning tuples into lists changes the data's type (and makes it unhashable and mutable).
"""P03 wrong answer: every sequence comes back as a list."""

from typing import Any, TypeVar

T = TypeVar("T")


def deep_copy(value: T, memo: dict[int, Any] | None = None) -> T:
    """Copy containers recursively, with a memo."""
    return _copy(value, {} if memo is None else memo)


def _copy(value: Any, memo: dict[int, Any]) -> Any:
    if id(value) in memo:
        return memo[id(value)]
    if isinstance(value, dict):
        new_dict: dict[Any, Any] = {}
        memo[id(value)] = new_dict
        for key, item in value.items():
            new_dict[key] = _copy(item, memo)
        return new_dict
    if isinstance(value, list | tuple):
        new_list: list[Any] = []
        memo[id(value)] = new_list
        new_list.extend(_copy(item, memo) for item in value)
        return new_list
    if isinstance(value, set | frozenset):
        return type(value)(_copy(item, memo) for item in value)
    return value
