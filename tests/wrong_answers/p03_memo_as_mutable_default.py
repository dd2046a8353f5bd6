# Wrong answer for P03: a `memo={}` default is created once, so a later call returns an earlier call's (possibly modified) copy.
"""P03 wrong answer: the memo outlives the call (the P01 bug)."""

from typing import Any, TypeVar

T = TypeVar("T")


def deep_copy(value: T, memo: dict[int, Any] = {}) -> T:  # noqa: B006
    """Copy containers recursively, with a memo."""
    if id(value) in memo:
        return memo[id(value)]
    kind = type(value)
    result: Any
    if kind is dict:
        result = {}
        memo[id(value)] = result
        for key, item in value.items():  # type: ignore[attr-defined]
            result[key] = deep_copy(item, memo)
        return result
    if kind is list:
        result = []
        memo[id(value)] = result
        result.extend(deep_copy(item, memo) for item in value)  # type: ignore[attr-defined]
        return result
    if kind is set:
        result = set()
        memo[id(value)] = result
        result.update(deep_copy(item, memo) for item in value)  # type: ignore[attr-defined]
        return result
    if kind is tuple or kind is frozenset:
        items = [deep_copy(item, memo) for item in value]  # type: ignore[attr-defined]
        if id(value) in memo:
            return memo[id(value)]
        result = kind(items)
        memo[id(value)] = result
        return result
    return value
