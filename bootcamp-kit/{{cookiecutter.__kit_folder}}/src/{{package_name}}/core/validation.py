"""Shared validation: one set of rules, used by every host, the seed loader and the services.

Validating in the core (not in a Flask view or a FastAPI signature) means both hosts accept and
reject exactly the same input, with exactly the same error details.

Three policies matter:

- **Bodies are strict.** JSON has real numbers and booleans, so ``"2500"`` for an amount or
  ``true`` for a user id is a client bug, not something to guess at: the body models use
  pydantic's strict mode (``True`` is not ``1``, ``"5"`` is not ``5``, ``19.99`` is not an int).
  Unknown fields are rejected too (``extra="forbid"``), so a typo like ``"amout"`` is reported
  instead of silently dropped.
- **Query strings are text.** ``?limit=10`` arrives as the string ``"10"``, so ``PageParams``
  converts numeric strings (lax mode), still refusing booleans, and ignores unrelated keys.
  A key given twice (``?limit=1&limit=abc``) is refused: frameworks disagree on which value
  wins (Flask takes the first, FastAPI the last), so the API does not guess.
- **Text is what people can see and type.** Names and emails refuse control characters (NUL
  included: SQLite's ``length()`` stops at it) and lone surrogates, are NFC-normalised (so the
  same letters are the same string), and a name needs at least one visible character (a lone
  zero-width space is not a name). Emails are lower-cased, so ``RAJ@gmail.com`` and
  ``raj@gmail.com`` are the same address and the unique index sees them as one.

Pydantic stays inside this module: the ``parse_*`` functions raise the core's own
``ValidationError`` with a JSON-ready ``details`` list (chained to the pydantic error, so the
log keeps the cause), and ``details_from_pydantic`` lets a host convert pydantic errors it
meets itself (FastAPI's ``RequestValidationError``) into the same list.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping
from typing import Annotated, Any, Final, Self, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
)
from pydantic import ValidationError as PydanticValidationError
from pydantic_core import PydanticCustomError

from .errors import ValidationError
from .models import DEFAULT_ORDER_STATUS, OrderStatus

NAME_MAX_LENGTH: Final = 100
EMAIL_MAX_LENGTH: Final = 254
# Deliberately simple: something@something.something, no spaces. Real proof that an address
# works is a confirmation email, not a regular expression.
EMAIL_PATTERN: Final = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# SQLite stores integers in 64 bits; a larger id would pass validation and crash the insert.
MAX_SQL_INTEGER: Final = 2**63 - 1
# Whole currency units. The cap keeps SUM(amount) of a user's orders far from 64-bit overflow.
MAX_AMOUNT: Final = 10**12
DEFAULT_PAGE_SIZE: Final = 50
MAX_PAGE_SIZE: Final = 100
MAX_BATCH_ITEMS: Final = 100
PAGE_KEYS: Final = ("limit", "offset")
# A path id is 1 to 19 ASCII digits: every positive 64-bit id fits, U+0661 (an Arabic-Indic
# one) is not an id, and a 4,000-digit "id" is turned away by the router before Python
# parses it.
PATH_ID_PATTERN: Final = "[0-9]{1,19}"


def _check_email(value: str) -> str:
    """Reject strings that do not look like ``name@domain.tld``."""
    if not EMAIL_PATTERN.fullmatch(value):
        raise PydanticCustomError(
            "invalid_email", "Enter a valid email address, such as name@example.com"
        )
    return value


def printable(value: str) -> str:
    """Refuse control characters and lone surrogates; NFC-normalise what is left.

    They cannot be typed or seen, a log line shows them as nothing, and tools that store text
    as C strings stop at NUL. NFC makes "é" typed as one code point or as two the same string.
    """
    for char in value:
        if unicodedata.category(char) in ("Cc", "Cs"):
            raise PydanticCustomError(
                "control_character",
                "Remove the invisible control character U+{code}",
                {"code": f"{ord(char):04X}"},
            )
    return unicodedata.normalize("NFC", value)


def visible(value: str) -> str:
    """Refuse text made only of spaces and invisible format characters (e.g. U+200B)."""
    if all(char.isspace() or unicodedata.category(char) == "Cf" for char in value):
        raise PydanticCustomError("invisible_text", "Enter at least one visible character")
    return value


def _no_format_characters(value: str) -> str:
    """An email address has no invisible characters: they would make two addresses look alike."""
    for char in value:
        if unicodedata.category(char) == "Cf":
            raise PydanticCustomError(
                "control_character",
                "Remove the invisible character U+{code}",
                {"code": f"{ord(char):04X}"},
            )
    return value


def _refuse_bool(value: object) -> object:
    """Lax mode would read ``True`` as ``1``; a query parameter is never a boolean."""
    if isinstance(value, bool):
        raise PydanticCustomError("int_type", "Input should be a valid integer")
    return value


Name = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=NAME_MAX_LENGTH),
    AfterValidator(printable),
    AfterValidator(visible),
]
Email = Annotated[
    str,
    StringConstraints(strip_whitespace=True, to_lower=True, max_length=EMAIL_MAX_LENGTH),
    AfterValidator(printable),
    AfterValidator(_no_format_characters),
    AfterValidator(_check_email),
]
PositiveId = Annotated[int, Field(gt=0, le=MAX_SQL_INTEGER)]
Amount = Annotated[int, Field(ge=0, le=MAX_AMOUNT)]


def _field_path(location: Iterable[object]) -> str:
    """``("items", 0, "amount")`` -> ``"items.0.amount"``; the input as a whole is ``""``."""
    return ".".join(str(part) for part in location)


def details_from_pydantic(
    errors: PydanticValidationError | Iterable[Mapping[str, Any]],
    *,
    strip_roots: Collection[str] = (),
) -> list[dict[str, str]]:
    """Turn pydantic's errors into the core's details: ``[{"field", "message", "type"}]``.

    Accepts a pydantic ``ValidationError`` or the list of error dicts it (or FastAPI's
    ``RequestValidationError.errors()``) gives. FastAPI prefixes each location with where the
    value came from (``("body", "name")``); pass ``strip_roots={"body", "query", "path"}`` to
    drop that prefix so both hosts report ``"name"``. The rejected input itself is left out:
    echoing it could repeat a secret back into logs and responses.
    """
    raw_errors = errors.errors() if isinstance(errors, PydanticValidationError) else errors
    details: list[dict[str, str]] = []
    for error in raw_errors:
        location = list(error.get("loc", ()))
        if location and location[0] in strip_roots:
            location = location[1:]
        details.append(
            {
                "field": _field_path(location),
                "message": str(error.get("msg", "Invalid value")),
                "type": str(error.get("type", "value_error")),
            }
        )
    return details


def _json_type_name(value: object) -> str:
    """The JSON name of ``value``'s type, for messages meant for API clients."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list | tuple):
        return "an array"
    return "a value that is not a JSON object"


def not_an_object_error(raw: object) -> ValidationError:
    """The error for input that should be a JSON object but is not (field ``""``)."""
    return ValidationError(
        "Expected a JSON object.",
        details=[
            {
                "field": "",
                "message": f"Expected a JSON object, got {_json_type_name(raw)}",
                "type": "dict_type",
            }
        ],
    )


class CoreModel(BaseModel):
    """Base of the core's pydantic models; ``from_raw`` raises the core's error, not pydantic's."""

    @classmethod
    def from_raw(cls, raw: object) -> Self:
        """Validate ``raw`` (usually decoded JSON) or raise the core's ``ValidationError``.

        An instance of the model is returned unchanged, so services accept either raw dicts
        or already validated models. Anything that is not a mapping is refused before
        pydantic sees it, with the single detail ``field=""``.
        """
        if isinstance(raw, cls):
            return raw
        if not isinstance(raw, Mapping):
            raise not_an_object_error(raw)
        try:
            return cls.model_validate(dict(raw))
        except PydanticValidationError as exc:
            raise ValidationError(details=details_from_pydantic(exc)) from exc


class BodyModel(CoreModel):
    """Base of the JSON body models: strict types, unknown fields rejected, immutable."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class UserCreate(BodyModel):
    """A new user: a name of 1 to 100 characters (trimmed), an optional email (may be null).

    An empty string is not "no email": send ``null`` or leave the field out.
    """

    name: Name
    email: Email | None = None


class OrderCreate(BodyModel):
    """A new order: an existing user's id, an amount (whole units, required but may be null).

    ``amount`` has no default on purpose: "amount unknown" must be said explicitly with
    ``null``, so that a client that forgot the field gets an error instead of a NULL order.
    """

    user_id: PositiveId
    amount: Amount | None
    status: OrderStatus = DEFAULT_ORDER_STATUS


class UserRecord(UserCreate):
    """A user row with its id, as in the seed data (``{"id": 1, "name": ..., "email": ...}``)."""

    id: PositiveId


class OrderRecord(OrderCreate):
    """An order row with its id, as in the seed data (``{"id": 101, "user_id": 1, ...}``)."""

    id: PositiveId


class OrderBatch(BodyModel):
    """A nested document, ``{"items": [order, ...]}``: errors point into it (``items.0.amount``)."""

    items: Annotated[list[OrderCreate], Field(min_length=1, max_length=MAX_BATCH_ITEMS)]


class QueryModel(CoreModel):
    """Base of the query-string models: lax, since a query string is text (``"10"`` is 10), and
    ``extra="ignore"``, so that the other parameters of the same request are not errors."""

    model_config = ConfigDict(extra="ignore", frozen=True)


QueryId = Annotated[int, Field(gt=0, le=MAX_SQL_INTEGER), BeforeValidator(_refuse_bool)]
"""An id in a query string (``?owner_id=3``): a positive 64-bit integer, never a boolean."""


class PageParams(QueryModel):
    """Which slice of a list: ``limit`` 1..100 (default 50), ``offset`` >= 0 (default 0)."""

    # The bounds come before the validator so that OpenAPI shows them as minimum/maximum.
    limit: Annotated[int, Field(ge=1, le=MAX_PAGE_SIZE), BeforeValidator(_refuse_bool)] = (
        DEFAULT_PAGE_SIZE
    )
    offset: Annotated[int, Field(ge=0, le=MAX_SQL_INTEGER), BeforeValidator(_refuse_bool)] = 0


def parse_user_create(raw: object) -> UserCreate:
    """Validate a user creation body (``{"name": ..., "email": ...}``)."""
    return UserCreate.from_raw(raw)


def parse_order_create(raw: object) -> OrderCreate:
    """Validate an order creation body (``{"user_id": ..., "amount": ..., "status": ...}``)."""
    return OrderCreate.from_raw(raw)


def parse_user_record(raw: object) -> UserRecord:
    """Validate a user row that carries its own ``id`` (seed and import data)."""
    return UserRecord.from_raw(raw)


def parse_order_record(raw: object) -> OrderRecord:
    """Validate an order row that carries its own ``id`` (seed and import data)."""
    return OrderRecord.from_raw(raw)


def parse_order_batch(raw: object) -> OrderBatch:
    """Validate ``{"items": [...]}``; errors name the item, e.g. ``items.2.user_id``."""
    return OrderBatch.from_raw(raw)


def refuse_repeated_keys(query: object, keys: Collection[str] = PAGE_KEYS) -> None:
    """Raise ``ValidationError`` if one of ``keys`` appears more than once in ``query``.

    ``query`` is a multi-mapping with ``getlist`` (Flask's ``request.args``, Starlette's
    ``request.query_params``); a plain dict cannot repeat a key and passes.
    """
    getlist = getattr(query, "getlist", None)
    if getlist is None:
        return
    details = [
        {"field": key, "message": f"Give {key} once, not {count} times", "type": "repeated"}
        for key in keys
        if (count := len(getlist(key))) > 1
    ]
    if details:
        raise ValidationError(details=details)


Query = TypeVar("Query", bound=QueryModel)


def parse_query(model: type[Query], raw_query: Mapping[str, Any] | None) -> Query:
    """Read ``model``'s fields from a query mapping of strings (missing ones get defaults).

    Works with a plain dict, Flask's ``request.args`` and Starlette's ``request.query_params``;
    one of the model's keys given twice is refused (``refuse_repeated_keys``).
    """
    if raw_query is None:
        return model()
    if not isinstance(raw_query, Mapping):
        raise not_an_object_error(raw_query)
    refuse_repeated_keys(raw_query, model.model_fields)
    return model.from_raw({key: raw_query[key] for key in raw_query})


def parse_page(raw_query: Mapping[str, Any] | None = None) -> PageParams:
    """``limit`` and ``offset`` from a query mapping (see ``parse_query``)."""
    return parse_query(PageParams, raw_query)
