"""Shared validation: one set of rules, used by every host, the seed loader and the services.

Validating in the core (not in a Flask view or a FastAPI signature) means both hosts accept and
reject exactly the same input, with exactly the same error details.

Three policies matter:

- **Bodies are strict.** JSON has real numbers and booleans, so ``"2500"`` for an amount or
  ``true`` for a user id is a client bug, not something to guess at: the body models use
  pydantic's strict mode (``True`` is not ``1``, ``"5"`` is not ``5``, ``19.99`` is not an int).
  One exception: ``5.0`` is the integer 5. JSON does not tell the two apart (JSON Schema, and
  so the OpenAPI document, counts ``5.0`` as an integer, and some encoders write whole
  numbers that way), so refusing it would refuse a body the document calls valid.
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
  ``raj@gmail.com`` are the same address and the unique index sees them as one. Which
  characters count as what is written once, in ``core.text_rules``: the checks here use its
  expressions, and ``PublishedPattern`` puts the same expressions in the JSON schema (OpenAPI),
  so that text generated from the schema is text these rules accept.

Pydantic stays inside this module: the ``parse_*`` functions raise the core's own
``ValidationError`` with a JSON-ready ``details`` list (chained to the pydantic error, so the
log keeps the cause), and ``details_from_pydantic`` lets a host convert pydantic errors it
meets itself (FastAPI's ``RequestValidationError``) into the same list.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Annotated, Any, Final, Self, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    StringConstraints,
)
from pydantic import ValidationError as PydanticValidationError
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

from .errors import ValidationError
from .models import DEFAULT_ORDER_STATUS, OrderStatus
from .text_rules import (
    EMAIL_PATTERN,
    FORMAT_CHARACTER,
    NAME_PATTERN,
    UNPRINTABLE_CHARACTER,
    VISIBLE_CHARACTER,
)

NAME_MAX_LENGTH: Final = 100
EMAIL_MAX_LENGTH: Final = 254
# SQLite stores integers in 64 bits; a larger id would pass validation and crash the insert.
SQL_INTEGER_LIMIT: Final = 2**63  # the first integer SQLite cannot store
MAX_SQL_INTEGER: Final = SQL_INTEGER_LIMIT - 1
# Whole currency units. The cap keeps SUM(amount) of a user's orders far from 64-bit overflow.
MAX_AMOUNT: Final = 10**12
DEFAULT_PAGE_SIZE: Final = 50
MAX_PAGE_SIZE: Final = 100
MAX_BATCH_ITEMS: Final = 100
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
    if found := UNPRINTABLE_CHARACTER.search(value):
        raise PydanticCustomError(
            "control_character",
            "Remove the invisible control character U+{code}",
            {"code": f"{ord(found.group()):04X}"},
        )
    return unicodedata.normalize("NFC", value)


def fits_once_normalised(max_length: int) -> AfterValidator:
    """Count the characters again after NFC: a few (e.g. U+0958) become two or three.

    The database allows ``max_length`` characters, so a text that grew past it gets this
    message rather than the database's refusal.
    """

    def check(value: str) -> str:
        if len(value) > max_length:
            raise PydanticCustomError(
                "string_too_long",
                "Use at most {max_length} characters (this text has {length} once normalised)",
                {"max_length": max_length, "length": len(value)},
            )
        return value

    return AfterValidator(check)


def visible(value: str) -> str:
    """Refuse text made only of spaces and invisible format characters (e.g. U+200B)."""
    if not VISIBLE_CHARACTER.search(value):
        raise PydanticCustomError("invisible_text", "Enter at least one visible character")
    return value


def _no_format_characters(value: str) -> str:
    """An email address has no invisible characters: they would make two addresses look alike."""
    if found := FORMAT_CHARACTER.search(value):
        raise PydanticCustomError(
            "control_character",
            "Remove the invisible character U+{code}",
            {"code": f"{ord(found.group()):04X}"},
        )
    return value


def whole_number(value: object) -> object:
    """Read a float with nothing after the point (``5.0``) as an int; ``19.99`` stays a float."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _refuse_bool(value: object) -> object:
    """Lax mode would read ``True`` as ``1``; a query parameter is never a boolean."""
    if isinstance(value, bool):
        raise PydanticCustomError("int_type", "Input should be a valid integer")
    return value


@dataclass(frozen=True)
class PublishedPattern:
    """Put ``pattern`` in the JSON schema of a text type; the validators above enforce it.

    Pydantic's own ``pattern=`` constraint would check the text again with another regular
    expression engine (Rust's) and answer "String should match pattern ..." with the whole
    expression in the message; the validators give one clear message per rule instead.
    """

    pattern: re.Pattern[str]

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        json_schema = handler(schema)
        json_schema["pattern"] = self.pattern.pattern
        return json_schema


def single_line(max_length: int) -> Any:
    """The type of one line of text, at most ``max_length`` characters once trimmed and NFC.

    A user's name follows these rules, and so does every one-line text a generated resource
    has (``field_types.SingleLine``): one place, so the two cannot drift apart.
    """
    return Annotated[
        str,
        StringConstraints(strip_whitespace=True, min_length=1, max_length=max_length),
        AfterValidator(printable),
        fits_once_normalised(max_length),
        AfterValidator(visible),
        PublishedPattern(NAME_PATTERN),
    ]


Name = single_line(NAME_MAX_LENGTH)
Email = Annotated[
    str,
    StringConstraints(strip_whitespace=True, to_lower=True, max_length=EMAIL_MAX_LENGTH),
    AfterValidator(printable),
    AfterValidator(_no_format_characters),
    AfterValidator(_check_email),
    PublishedPattern(EMAIL_PATTERN),
]
# "Below 2**63" rather than "at most 2**63 - 1": the same integers, but JSON schema readers
# that hold bounds as floats (FastAPI's OpenAPI models do) keep 2**63 exactly, while
# 2**63 - 1 would come out as 2**63 and promise one id too many.
PositiveId = Annotated[int, Field(gt=0, lt=SQL_INTEGER_LIMIT), BeforeValidator(whole_number)]
Amount = Annotated[int, Field(ge=0, le=MAX_AMOUNT), BeforeValidator(whole_number)]


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


def never_null_in_schema(*fields: str) -> Callable[[dict[str, Any]], None]:
    """For a ``PATCH`` model: show ``fields`` in its JSON schema as optional but never null.

    Such a field is annotated ``X | None = None`` only so that it can be left out (a validator
    refuses an explicit ``null``); without this the OpenAPI document would offer ``null``.
    """

    def edit(schema: dict[str, Any]) -> None:
        for name in fields:
            field_schema = schema["properties"][name]
            field_schema.pop("default", None)
            options = [
                option for option in field_schema.pop("anyOf", []) if option != {"type": "null"}
            ]
            if len(options) == 1:
                field_schema.update(options[0])
            elif options:
                field_schema["anyOf"] = options

    return edit


class UserCreate(BodyModel):
    """A new user: a name of 1 to 100 characters with at least one visible character, and an
    optional email (``null`` or left out when unknown; an empty string is not an email).
    Surrounding spaces are removed, text is NFC-normalised, and emails are lower-cased.
    \f
    The text up to the form feed above is the model's description in the OpenAPI document
    (FastAPI leaves out what follows it), so it is written for API clients.
    """

    name: Name
    email: Email | None = None


class OrderCreate(BodyModel):
    """A new order: an existing user's id and an amount in whole units, which is required but
    may be ``null`` (amount unknown); the status defaults to ``pending``.
    \f
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


QueryId = Annotated[int, Field(gt=0, lt=SQL_INTEGER_LIMIT), BeforeValidator(_refuse_bool)]
"""An id in a query string (``?owner_id=3``): a positive 64-bit integer, never a boolean."""


class PageParams(QueryModel):
    """Which slice of a list: ``limit`` 1..100 (default 50), ``offset`` >= 0 (default 0)."""

    # The bounds come before the validator so that OpenAPI shows them as minimum/maximum.
    limit: Annotated[
        int,
        Field(ge=1, le=MAX_PAGE_SIZE, description="How many items to return"),
        BeforeValidator(_refuse_bool),
    ] = DEFAULT_PAGE_SIZE
    offset: Annotated[
        int,
        Field(ge=0, le=MAX_SQL_INTEGER, description="How many items to skip first"),
        BeforeValidator(_refuse_bool),
    ] = 0


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


def refuse_repeated_keys(query: object, keys: Collection[str]) -> None:
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
