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

Run the tests with ``uv run pytest --problem 5`` and ask for a hint with
``uv run <package> hint 5``. Each place to work on is marked by a ``# TODO`` comment
tagged ``P05``: delete each marker as you finish that part. While any is left, the
problem's tests are reported as TODO.
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


def validate_order_payload(raw: Any) -> list[FieldProblem]:
    """Every problem in the order body ``raw``, in any order; ``[]`` when it is valid."""
    # TODO(P05): check the body, the user and each item against the table in the docstring,
    #   collecting a FieldProblem for each field that breaks a rule. Small helpers (one that
    #   fetches a required key and reports MISSING / NULL, one per kind of value) keep it short.
    raise NotImplementedError("P05: implement validate_order_payload")
