"""Field types for the resources that ``scaffold resource`` adds, with the core's own rules.

A generated resource's create and update models are strict pydantic models built from these,
so a product's ``name`` obeys the same text rules as a user's name (no control or invisible
characters, trimmed, NFC), an ``int`` fits SQLite's 64 bits, and the types JSON has no word
for travel as strings: a ``decimal`` as ``"19.99"`` (a float would lose cents), a ``date`` as
``"2025-01-31"``, a ``datetime`` as ISO 8601 with its offset, stored in UTC.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Annotated, Any, Final

from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints, WithJsonSchema
from pydantic_core import PydanticCustomError

from .text_rules import MULTI_LINE_PATTERN
from .validation import (
    SQL_INTEGER_LIMIT,
    PublishedPattern,
    fits_once_normalised,
    printable,
    single_line,
    visible,
    whole_number,
)

SINGLE_LINE_MAX_LENGTH: Final = 200
MULTI_LINE_MAX_LENGTH: Final = 10_000
DECIMAL_TEXT: Final = re.compile(r"-?[0-9]+(\.[0-9]+)?")
"""What ``_decimal_from_text`` reads (each field publishes a pattern with its digit limits)."""
DATE_TEXT: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _printable_lines(value: str) -> str:
    """Like ``printable``, but line breaks and tabs belong in a longer text (CRLF becomes LF)."""
    text = value.replace("\r\n", "\n")
    for line in text.split("\n"):
        printable(line.replace("\t", " "))  # refuses any other control character
    return unicodedata.normalize("NFC", text)


def _decimal_from_text(value: object) -> object:
    """A decimal arrives as a string of digits; a JSON number would already have lost digits."""
    if isinstance(value, Decimal):
        return value
    if not isinstance(value, str) or not DECIMAL_TEXT.fullmatch(value.strip()):
        raise PydanticCustomError(
            "decimal_as_string", 'Send the amount as a string of digits, such as "19.99"'
        )
    return Decimal(value.strip())  # digits with at most one point: Decimal reads them all


def _date_from_text(value: object) -> object:
    """A date arrives as ``YYYY-MM-DD`` and nothing else (Python would also read ``20250131``)."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if not isinstance(value, str) or not DATE_TEXT.fullmatch(value):
        message = 'Send a date as "YYYY-MM-DD", such as "2025-01-31"'
        raise PydanticCustomError("date_format", message)
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise PydanticCustomError("date_value", "This day does not exist") from exc


def _datetime_from_text(value: object) -> object:
    """A datetime arrives as ISO 8601 *with* its offset: a naive one names no instant."""
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError as exc:
            raise PydanticCustomError(
                "datetime_format", 'Send ISO 8601 with an offset, such as "2025-01-31T09:30:00Z"'
            ) from exc
    else:
        raise PydanticCustomError("datetime_format", "Send the date and time as a string")
    if moment.tzinfo is None:
        raise PydanticCustomError("datetime_naive", "Add the UTC offset, such as +00:00 or Z")
    return moment.astimezone(UTC)


# A one-line text follows the rules of a user's name, with room for a longer one.
SingleLine = single_line(SINGLE_LINE_MAX_LENGTH)
MultiLine = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MULTI_LINE_MAX_LENGTH),
    AfterValidator(_printable_lines),
    fits_once_normalised(MULTI_LINE_MAX_LENGTH),
    AfterValidator(visible),
    PublishedPattern(MULTI_LINE_PATTERN),
]
# Bounds as "below 2**63", not "at most 2**63 - 1": a float holds 2**63 exactly (see PositiveId).
SqlInteger = Annotated[
    int,
    Field(ge=-SQL_INTEGER_LIMIT, lt=SQL_INTEGER_LIMIT),
    BeforeValidator(whole_number),
]
FiniteFloat = Annotated[float, Field(allow_inf_nan=False)]
IsoDate = Annotated[
    date,
    BeforeValidator(_date_from_text),
    WithJsonSchema({"type": "string", "format": "date", "examples": ["2025-01-31"]}),
]
UtcDateTime = Annotated[
    datetime,
    BeforeValidator(_datetime_from_text),
    WithJsonSchema({"type": "string", "format": "date-time"}),
]


def decimal_text(precision: int, scale: int) -> Any:
    """A decimal of at most ``precision`` digits, ``scale`` of them after the point, as text."""
    example = "1" * (precision - scale) + ("." + "9" * scale if scale else "")
    # Built by concatenation: an f-string would need doubled braces, which read as Jinja here.
    fraction = "(\\.[0-9]{1," + str(scale) + "})?" if scale else ""
    pattern = "^-?[0-9]{1," + str(precision - scale) + "}" + fraction + "$"
    return Annotated[
        Decimal,
        Field(max_digits=precision, decimal_places=scale),
        BeforeValidator(_decimal_from_text),
        WithJsonSchema({"type": "string", "pattern": pattern, "examples": [example]}),
    ]


# Conversions the generated models and storage use, so that each value is converted the same
# way everywhere. Every one passes ``None`` (a NULL) through unchanged.


def json_decimal(value: Decimal | None) -> str | None:
    """A decimal as the string the API sends: ``Decimal("19.90")`` -> ``"19.90"``."""
    return None if value is None else str(value)


def json_date(value: date | None) -> str | None:
    """A date as ISO 8601, ``"2025-01-31"``."""
    return None if value is None else value.isoformat()


def json_datetime(value: datetime | None) -> str | None:
    """A datetime as ISO 8601 in UTC, ``"2025-01-31T09:30:00+00:00"``."""
    return None if value is None else value.astimezone(UTC).isoformat()


def db_decimal(value: Decimal | None, scale: int) -> int | None:
    """A decimal as the integer SQLite stores: ``Decimal("19.99")`` -> ``1999`` at scale 2.

    Integer units stay exact, and SQL can sort, sum and range-check them.
    """
    return None if value is None else int(value.scaleb(scale))


def from_db_decimal(units: int | None, scale: int) -> Decimal | None:
    """The stored integer back as a decimal with ``scale`` digits: ``1999`` -> ``19.99``."""
    if units is None:
        return None
    return Decimal(units).scaleb(-scale).quantize(Decimal(1).scaleb(-scale))


def db_bool(value: bool | None) -> int | None:
    """SQLite has no booleans: ``1`` or ``0``."""
    return None if value is None else int(value)


def from_db_bool(stored: int | None) -> bool | None:
    return None if stored is None else bool(stored)


def from_db_date(stored: str | None) -> date | None:
    return None if stored is None else date.fromisoformat(stored)


def from_db_datetime(stored: str | None) -> datetime | None:
    return None if stored is None else datetime.fromisoformat(stored)
