# Wrong answer for P03: `if memo.get(id(value)):` treats a copy that is still empty as "not copied yet", so an empty container shared by two keys is copied twice.
# Rejected with: If the memo lookup tests the copy itself
"""P03 wrong answer: the memo lookup tests the copy's truthiness instead of membership."""

from typing import Any, TypeVar

T = TypeVar("T")


def deep_copy(value: T, memo: dict[int, Any] | None = None) -> T:
    """A copy of ``value`` that shares no mutable container with it."""
    return _copy(value, {} if memo is None else memo)


def _copy(value: Any, memo: dict[int, Any]) -> Any:
    if memo.get(id(value)):
        return memo[id(value)]
    kind = type(value)
    if kind is dict:
        new_dict: dict[Any, Any] = {}
        memo[id(value)] = new_dict
        for key, item in value.items():
            new_dict[key] = _copy(item, memo)
        return new_dict
    if kind is list:
        new_list: list[Any] = []
        memo[id(value)] = new_list
        for item in value:
            new_list.append(_copy(item, memo))
        return new_list
    if kind is set:
        new_set: set[Any] = set()
        memo[id(value)] = new_set
        for item in value:
            new_set.add(_copy(item, memo))
        return new_set
    if kind is tuple or kind is frozenset:
        copied = kind(_copy(item, memo) for item in value)
        memo[id(value)] = copied
        return copied
    return value
