# Wrong answer for P05: checking the value instead of the type (`float(value).is_integer()`) lets a JSON 1.0 pass as an integer.
# Rejected with: a float is never an integer here, even a whole one
"""P05 wrong answer: a whole float passes as an integer."""

from dataclasses import dataclass
from typing import Any

MISSING = "missing"
"""A required key is absent."""
NULL = "null"
"""The value is None and the field is not nullable."""
WRONG_TYPE = "type"
"""The value has the wrong type (``True`` for an integer, ``"2"`` for an integer...)."""
BAD_VALUE = "value"
"""The type is right but the value breaks a rule (blank name, qty 0, no items...)."""


@dataclass(frozen=True)
class FieldProblem:
    """One problem in the payload: where it is, what kind it is, and a human explanation."""

    path: str
    type: str
    message: str


def json_type_name(value: Any) -> str:
    """The JSON name of ``value``'s type, for messages: ``null``, ``boolean``, ``integer``...

    ``bool`` is tested before ``int`` on purpose: ``isinstance(True, int)`` is true in Python.
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


Problems = list[FieldProblem]

_SKIP = object()
"""Returned by ``_present`` when there is no value to check further (problem already noted)."""


def validate_order_payload(raw: Any) -> list[FieldProblem]:
    """Every problem in the order body ``raw``, in any order; ``[]`` when it is valid."""
    problems: Problems = []
    body = _check_object(raw, "", problems)
    if body is not None:  # otherwise there is nothing inside to look at
        _check_user(body, problems)
        _check_items(body, problems)
    return problems


def _check_user(body: dict[str, Any], problems: Problems) -> None:
    """``body["user"]`` and, if it is an object, its fields."""
    user = _check_object(_present(body, "user", "user", problems), "user", problems)
    if user is None:
        return
    _check_integer(user, "id", "user.id", problems, minimum=1)
    _check_string(user, "name", "user.name", problems)
    _check_string(user, "email", "user.email", problems, nullable=True)


def _check_items(body: dict[str, Any], problems: Problems) -> None:
    """``body["items"]`` and, if it is a non-empty list, each item and its fields."""
    items = _present(body, "items", "items", problems)
    if items is _SKIP:
        return
    if not isinstance(items, list):
        problems.append(_wrong_type("items", "array", items))
        return
    if not items:
        problems.append(FieldProblem("items", BAD_VALUE, "must contain at least one item"))
        return
    for index, raw_item in enumerate(items):
        path = f"items.{index}"  # the path grows as the walk goes down
        item = _check_object(raw_item, path, problems)
        if item is not None:
            _check_string(item, "sku", f"{path}.sku", problems)
            _check_integer(item, "qty", f"{path}.qty", problems, minimum=1)
            _check_integer(item, "amount", f"{path}.amount", problems, minimum=0, nullable=True)


def _present(
    data: dict[str, Any], key: str, path: str, problems: Problems, *, nullable: bool = False
) -> Any:
    """``data[key]``, or ``_SKIP`` when it is missing or None (noting a problem if not allowed)."""
    if key not in data:  # not data.get(key): a missing key and a null value are different
        problems.append(FieldProblem(path, MISSING, "is required"))
        return _SKIP
    value = data[key]
    if value is None:
        if not nullable:
            problems.append(FieldProblem(path, NULL, "may not be null"))
        return _SKIP
    return value


def _check_object(value: Any, path: str, problems: Problems) -> dict[str, Any] | None:
    """``value`` if it is a dict, else None after noting why (unless already noted: _SKIP)."""
    if value is _SKIP:
        return None
    if value is None:
        problems.append(FieldProblem(path, NULL, "may not be null"))
        return None
    if not isinstance(value, dict):
        problems.append(_wrong_type(path, "object", value))
        return None
    return value


def _check_string(
    data: dict[str, Any],
    key: str,
    path: str,
    problems: Problems,
    *,
    nullable: bool = False,
) -> None:
    """At most one problem for the string at ``data[key]``: missing, null, type or blank."""
    value = _present(data, key, path, problems, nullable=nullable)
    if value is _SKIP:
        return
    if not isinstance(value, str):
        problems.append(_wrong_type(path, "string", value))
    elif not value.strip():
        problems.append(FieldProblem(path, BAD_VALUE, "must not be blank"))


def _check_integer(
    data: dict[str, Any],
    key: str,
    path: str,
    problems: Problems,
    *,
    minimum: int,
    nullable: bool = False,
) -> None:
    """At most one problem for the integer at ``data[key]``: missing, null, type or range."""
    value = _present(data, key, path, problems, nullable=nullable)
    if value is _SKIP:
        return
    if not _is_integer(value):
        problems.append(_wrong_type(path, "integer", value))
    elif value < minimum:
        problems.append(FieldProblem(path, BAD_VALUE, f"must be at least {minimum}"))


def _is_integer(value: Any) -> bool:
    """A whole number, whatever its type says (but not a bool)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return float(value).is_integer()


def _wrong_type(path: str, expected: str, value: Any) -> FieldProblem:
    article = "an" if expected[0] in "aeiou" else "a"
    message = f"must be {article} {expected}, got {json_type_name(value)}"
    return FieldProblem(path, WRONG_TYPE, message)
