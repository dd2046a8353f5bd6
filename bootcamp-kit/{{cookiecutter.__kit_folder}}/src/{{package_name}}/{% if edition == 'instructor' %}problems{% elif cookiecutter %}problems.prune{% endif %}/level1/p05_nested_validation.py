"""P05 · Validate nested dict with nulls (Level 1, Part B data and module 0.6).

Task
----
Write ``validate_order_payload(raw)``: it checks an order request body (already parsed from
JSON) and returns the list of *every* problem it finds, or ``[]`` when the body is valid. It
never raises for bad input and never changes ``raw``. A valid body looks like this::

    {
        "user": {"id": 2, "name": "Amit", "email": None},
        "items": [
            {"sku": "BOOK-1", "qty": 2, "amount": 2500},
            {"sku": "PEN-7", "qty": 1, "amount": None},
        ],
    }

The rules. Every key below is *required* (it must be present); "nullable" says whether
``None`` (JSON ``null``) is an allowed value. Other keys are ignored.

==================  ========  =================================  ===========================
path                nullable  type                               value
==================  ========  =================================  ===========================
(the whole body)    no        object (``dict``)
``user``            no        object
``user.id``         no        integer                            at least 1
``user.name``       no        string                             not blank
``user.email``      **yes**   string                             not blank
``items``           no        array (``list``)                   at least one item
``items.N``         no        object
``items.N.sku``     no        string                             not blank
``items.N.qty``     no        integer                            at least 1
``items.N.amount``  **yes**   integer (whole currency units)     at least 0
==================  ========  =================================  ===========================

Each problem is a ``FieldProblem(path, type, message)``:

- ``path`` is the dotted path of the value, list positions included: ``"user.email"``,
  ``"items.1.qty"``; ``""`` for the whole body;
- ``type`` is one of ``MISSING`` (the key is absent), ``NULL`` (the value is ``None`` and the
  field is not nullable), ``WRONG_TYPE`` (a value of the wrong type), ``BAD_VALUE`` (right type,
  outside the rules in the "value" column); exactly one problem per field;
- ``message`` is a short human sentence (any wording), e.g. ``"must be an integer, got string"``.

Types are strict, as in JSON: ``True`` is not an integer (even though ``bool`` is a subclass of
``int`` in Python), ``"2"`` is not an integer, ``2.5`` is not an integer, and neither is
``1.0``: a ``float`` is never an integer here, even when its value is whole (``json.loads``
turns ``1.0`` into a float and ``1`` into an int, so the client wrote a number with a
fraction part). When a value that
should be an object is missing, null or of the wrong type, report that one problem and do not
look inside it (``"user": None`` gives one problem, not three more about ``user.id``...).

Concept
-------
Real data is messy (Part B): a user without an email, an order whose amount is not known yet,
a client that forgets a field or sends ``"qty": "2"``. Three different situations hide behind
"no value": the key is *missing* (usually a client bug), the value is *null* (often a
deliberate "unknown"), and the value has the wrong *type*. ``data.get("email")`` answers
``None`` for the first two alike, so a validator built on it cannot tell them apart: test
``key in data`` first, then ``value is None``. And a validator that stops at the first
problem makes clients fix their request one error per round-trip: collect them all, each with
a path that says exactly where it is. Both Flask and FastAPI answer such problems with a
4xx status and a list of field errors.

The kit's core does the same job with pydantic: ``core/validation.py`` (with the error shape
in ``core/errors.py``). Compare with it after solving.

Why this solution
-----------------
One helper per question, each asked once: ``_present`` decides missing / null / go on (with
``key in data`` and ``is None``, never ``.get``), ``_is_integer`` excludes ``bool``, and one
checker per kind of value (object, string, integer) appends at most one problem for its field.
Nothing returns early except where the rules say there is nothing inside to look at, so every
problem in the body is reported in one pass. The path is built as the walk goes down
(``f"items.{index}.qty"``), which is all that "nested" takes. ``_SKIP`` is a private sentinel
object: ``None`` cannot mean "nothing to check" here, because ``None`` is a value the payload
may legitimately hold.
"""

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
"""The list of problems found so far: each check appends to it."""


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
    """A real integer: ``bool`` is a subclass of ``int`` in Python, but True is not a number."""
    return isinstance(value, int) and not isinstance(value, bool)


def _wrong_type(path: str, expected: str, value: Any) -> FieldProblem:
    article = "an" if expected[0] in "aeiou" else "a"
    message = f"must be {article} {expected}, got {json_type_name(value)}"
    return FieldProblem(path, WRONG_TYPE, message)
