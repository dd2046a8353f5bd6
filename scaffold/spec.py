"""What `scaffold resource NAME FIELD:TYPE ...` means, checked before anything is written.

This module is pure: no files, no templates, no kit. It turns the command line's words into a
frozen `ResourceSpec` or raises one `SpecError` that quotes the bad part, so the generator can
refuse a bad spec before it plans a single file. It also derives the facts every generated file
must agree on (class name, Python annotation, SQLite column, JSON shape), so that the model, the
validation, the storage and the tests cannot drift apart: each is computed here, once.
Beside it: naming rules in scaffold/names.py, the table layout in scaffold/sqlite_schema.py,
the loader of reserved-names.yml in scaffold/reserved_names.py.

The grammar is `GRAMMAR_HELP` below; the decisions behind it:

- Suffixes come in one order, `NAME:TYPE?!=DEFAULT`. The default is last because its text is
  free (`motto:str=hi!`); `?` before `!` because bash expands `!?` on an interactive line.
- `?` (nullable) with `=` is allowed: an omitted field gets the default, an explicit null is
  stored as NULL. `?` alone means "omitted is null"; there is no `=null`.
- `!` (unique) on a nullable field allows many NULLs (like the kit's `users.email`); it refuses
  a default (the second row relying on it would clash) and `bool`/`enum` (a handful of rows).
- `ref[RESOURCE]` has no default (a fixed id may not exist) and its column is `NAME_id`, as in
  the kit's `orders.user_id`: `owner:ref[users]` travels as `"owner_id": 3`.
- `decimal` is exact: `decimal[P,S]` has P digits, S of them after the point (default 14,2). It
  travels as a JSON string ("19.99") and is stored as an INTEGER count of 10^-S units (1999),
  which stays exact, sorts and sums correctly in SQL, and can be range-checked.
- Only `id` is implicit. `created_at` and `updated_at` are kept for timestamps the server sets,
  so a later generator can add them without breaking a spec that compiled today.
"""

from __future__ import annotations

import keyword
import re
from collections.abc import Collection, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Final

from scaffold.errors import UserError
from scaffold.names import (
    KIT_RESOURCES,
    PYDANTIC_ATTRIBUTES,
    RESERVED_CLASS_NAMES,
    RESERVED_FIELD_NAMES,
    RESERVED_RESOURCE_NAMES,
    SNAKE_CASE,
    SQL_RESERVED_WORDS,
    pascal_case,
    plural_of,
    singular_of,
)

GRAMMAR_HELP: Final = """\
Fields: NAME:TYPE[?][!][=DEFAULT], one per argument, suffixes in this order.
  TYPE     str (one line, 1-200 chars)  text (1-10000 chars)  int  float  bool (true/false)
           decimal (exact, JSON "19.99"; 14 digits, 2 after the point; decimal[P,S] for others)
           date (JSON "2025-01-31")  datetime (JSON "2025-01-31T09:30:00+00:00", stored in UTC)
           enum[draft,live] (lowercase values)  ref[RESOURCE] (users, orders or one you generated)
  ?        nullable: may be null; omitted means null unless there is a default
  !        unique; a nullable unique field may be null in many rows
  =VALUE   default when omitted: stock:int=0 price:decimal=0.00 active:bool=true
           start:date=2025-01-01 status:enum[draft,live]=draft (never for ref or ! fields)
NAME is a plural snake_case resource (products, order_items); field names are snake_case too.
Not a field name: id, created_at, updated_at (the kit sets them), Python or SQL keywords.
Example: scaffold resource products name:str sku:str! price:decimal 'owner:ref[users]?'
(Quote fields that hold [ ] ? or spaces: zsh and some shells expand them.)"""

# Names are short enough that every generated name (ProductUpdate, list_products_by_owner_id,
# products_owner_id) stays a readable identifier inside a 100-column line.
NAME_MAX_LENGTH: Final = 30
MAX_FIELDS: Final = 30
STR_MAX_LENGTH: Final = 200
TEXT_MAX_LENGTH: Final = 10_000
# Defaults are written into SQL, Python and JSON literals; a short cap keeps those lines short.
DEFAULT_MAX_LENGTH: Final = 50
MAX_ENUM_VALUES: Final = 20
ENUM_VALUE_MAX_LENGTH: Final = 30
DECIMAL_DEFAULT_PRECISION: Final = 14
DECIMAL_DEFAULT_SCALE: Final = 2
# 10**18 units still fit SQLite's signed 64-bit INTEGER.
DECIMAL_MAX_PRECISION: Final = 18
SQL_INTEGER_MIN: Final = -(2**63)
SQL_INTEGER_MAX: Final = 2**63 - 1

ENUM_VALUE: Final = re.compile(r"[a-z][a-z0-9_]*")
_TYPE_WORD: Final = re.compile(r"[A-Za-z0-9_]*")
_INT_TEXT: Final = re.compile(r"-?(?:0|[1-9][0-9]*)")
_FLOAT_TEXT: Final = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")
_DECIMAL_TEXT: Final = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_DATE_TEXT: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DATETIME_TEXT: Final = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(?::[0-9]{2})?(?:Z|[+-][0-9]{2}:[0-9]{2})"
)
# Text defaults become SQL, Python and JSON literals: no quotes, backslashes or control codes.
_SAFE_TEXT: Final = re.compile(r"[^\"'\\\x00-\x1f\x7f]+")

DefaultValue = str | int | float | Decimal | bool | date | datetime


class SpecError(UserError):
    """A spec refused before anything is written (the CLI prints it and exits 1).

    ``headline`` is the one-line reason (it quotes ``part``, the bad piece of the command line);
    ``str(error)`` adds `GRAMMAR_HELP`, so printing the error shows how to write it right.
    """

    def __init__(self, headline: str, part: str) -> None:
        super().__init__(headline)
        self.headline = headline
        self.part = part

    def __str__(self) -> str:
        return f"{self.headline}\n\n{GRAMMAR_HELP}"


class FieldType(StrEnum):
    """The TYPE words of the grammar."""

    STR = "str"
    TEXT = "text"
    INT = "int"
    FLOAT = "float"
    DECIMAL = "decimal"
    BOOL = "bool"
    DATE = "date"
    DATETIME = "datetime"
    ENUM = "enum"
    REF = "ref"


_PYTHON_TYPES: Final = {
    FieldType.STR: "str",
    FieldType.TEXT: "str",
    FieldType.INT: "int",
    FieldType.FLOAT: "float",
    FieldType.DECIMAL: "Decimal",
    FieldType.BOOL: "bool",
    FieldType.DATE: "date",
    FieldType.DATETIME: "datetime",
    FieldType.REF: "int",
}
_IMPORTS: Final = {
    FieldType.DECIMAL: (("decimal", "Decimal"),),
    FieldType.DATE: (("datetime", "date"),),
    FieldType.DATETIME: (("datetime", "datetime"),),
    FieldType.ENUM: (("typing", "Literal"),),
}
_SQLITE_TYPES: Final = {FieldType.FLOAT: "REAL", FieldType.BOOL: "INTEGER"}


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One checked field; build it with `parse_resource`, which refuses impossible ones.

    ``default`` is ``None`` when there is no ``=VALUE`` (a nullable field then defaults to null).
    ``precision``/``scale`` are set for decimals only, ``enum_values`` for enums, ``ref`` (the
    referenced resource) for refs.
    """

    name: str
    type: FieldType
    nullable: bool = False
    unique: bool = False
    default: DefaultValue | None = None
    enum_values: tuple[str, ...] = ()
    ref: str | None = None
    precision: int | None = None
    scale: int | None = None

    @property
    def column(self) -> str:
        """Attribute, JSON key and SQL column: ``owner`` for most, ``owner_id`` for a ref."""
        return f"{self.name}_id" if self.type is FieldType.REF else self.name

    @property
    def required(self) -> bool:
        """Whether a create request must send it (not nullable and no default)."""
        return not self.nullable and self.default is None

    @property
    def max_length(self) -> int | None:
        return {FieldType.STR: STR_MAX_LENGTH, FieldType.TEXT: TEXT_MAX_LENGTH}.get(self.type)

    @property
    def python_type(self) -> str:
        """The annotation without ``| None``: ``Decimal``, ``Literal["draft", "live"]``..."""
        if self.type is FieldType.ENUM:
            return "Literal[" + ", ".join(f'"{value}"' for value in self.enum_values) + "]"
        return _PYTHON_TYPES[self.type]

    @property
    def annotation(self) -> str:
        """The full annotation: ``str``, ``int | None``..."""
        return f"{self.python_type} | None" if self.nullable else self.python_type

    @property
    def python_imports(self) -> tuple[tuple[str, str], ...]:
        """``(module, name)`` pairs the annotation and the default need."""
        needed = _IMPORTS.get(self.type, ())
        if self.type is FieldType.DATETIME and self.default is not None:
            needed += (("datetime", "UTC"),)
        return needed

    @property
    def python_default(self) -> str | None:
        """The default as Python source (``Decimal("0.00")``), or ``None`` when there is none."""
        value = self.default
        if value is None:
            return None
        if isinstance(value, str):
            return f'"{value}"'  # _SAFE_TEXT and enum values hold no quote or backslash
        if isinstance(value, Decimal):
            return f'Decimal("{value}")'
        if isinstance(value, datetime):
            parts = ", ".join(str(part) for part in value.timetuple()[:6])
            return f"datetime({parts}, tzinfo=UTC)"
        if isinstance(value, date):
            return f"date({value.year}, {value.month}, {value.day})"
        return repr(value)

    @property
    def json_default(self) -> object:
        """The default as the JSON value a client would see, or ``None`` when there is none."""
        return None if self.default is None else _to_json(self.default)

    @property
    def sqlite_type(self) -> str:
        """TEXT for strings, dates and enums; INTEGER for ints, refs, bools and decimal units."""
        if self.type in (FieldType.INT, FieldType.REF, FieldType.DECIMAL):
            return "INTEGER"
        return _SQLITE_TYPES.get(self.type, "TEXT")

    @property
    def sql_default(self) -> str | None:
        """The default as an SQL literal (a decimal as its integer units), or ``None``."""
        value = self.default
        if value is None:
            return None
        if isinstance(value, bool):
            return "1" if value else "0"
        if isinstance(value, Decimal):
            return str(self.to_units(value))
        if isinstance(value, int | float):
            return repr(value)
        return f"'{_to_json(value)}'"

    @property
    def check(self) -> str | None:
        """The SQL CHECK expression the type implies (``None`` when SQLite's type is enough)."""
        column = self.column
        if self.type in (FieldType.STR, FieldType.TEXT):
            rule = f"length({column}) BETWEEN 1 AND {self.max_length}"
        elif self.type is FieldType.DECIMAL:
            limit = 10 ** self.digits[0] - 1
            rule = f"{column} BETWEEN -{limit} AND {limit}"
        elif self.type is FieldType.BOOL:
            rule = f"{column} IN (0, 1)"
        elif self.type is FieldType.DATE:
            # The modifier turns 2025-02-30 into 2025-03-02, and malformed text into NULL: IS
            # (not =) then compares false, where = would give NULL, which a CHECK lets pass.
            rule = f"{column} IS date({column}, '+0 days')"
        elif self.type is FieldType.DATETIME:
            rule = f"datetime({column}) IS NOT NULL AND {column} LIKE '%+00:00'"
        elif self.type is FieldType.ENUM:
            rule = f"{column} IN (" + ", ".join(f"'{value}'" for value in self.enum_values) + ")"
        else:
            return None
        return f"{column} IS NULL OR {rule}" if self.nullable else rule

    @property
    def digits(self) -> tuple[int, int]:
        """A decimal's ``(precision, scale)``: digits in all, digits after the point."""
        return (self.precision or DECIMAL_DEFAULT_PRECISION, self.scale or 0)

    def to_units(self, value: Decimal) -> int:
        """A decimal as the integer SQLite stores: ``Decimal("19.99")`` -> ``1999`` at scale 2."""
        return int(value.scaleb(self.digits[1]))

    @property
    def spec(self) -> str:
        """The canonical command-line text: parsing it gives this field back."""
        arguments = ""
        if self.type is FieldType.ENUM:
            arguments = "[" + ",".join(self.enum_values) + "]"
        elif self.type is FieldType.REF:
            arguments = f"[{self.ref}]"
        elif self.type is FieldType.DECIMAL and self.digits != (
            DECIMAL_DEFAULT_PRECISION,
            DECIMAL_DEFAULT_SCALE,
        ):
            arguments = f"[{self.precision},{self.scale}]"
        flags = ("?" if self.nullable else "") + ("!" if self.unique else "")
        default = "" if self.default is None else "=" + _default_text(self.default)
        return f"{self.name}:{self.type}{arguments}{flags}{default}"

    def example(self, row: int = 1) -> object:
        """A valid JSON value for test number ``row`` (1, 2...); unique fields get distinct ones.

        For a ref it is ``row`` itself: the id of a referenced row the test must create first.
        """
        if self.type in (FieldType.STR, FieldType.TEXT):
            return f"{self.name} {row}"
        if self.type in (FieldType.INT, FieldType.REF):
            return row
        if self.type is FieldType.FLOAT:
            return row + 0.5
        if self.type is FieldType.DECIMAL:
            precision, scale = self.digits
            units = row if precision == scale else row * 10**scale + (10**scale - 1)
            return str(Decimal(units).scaleb(-scale))
        if self.type is FieldType.BOOL:
            return row % 2 == 1
        if self.type is FieldType.DATE:
            return date(2025, 1, 1).replace(day=1 + (row - 1) % 28).isoformat()
        if self.type is FieldType.DATETIME:
            return f"2025-01-01T{(row - 1) % 24:02d}:30:00+00:00"
        return self.enum_values[(row - 1) % len(self.enum_values)]


@dataclass(frozen=True, slots=True)
class ResourceSpec:
    """A checked resource: ``name`` is the plural (table, module, URL), ``singular`` its one."""

    name: str
    singular: str
    fields: tuple[FieldSpec, ...]

    @property
    def class_name(self) -> str:
        """The model's class name: ``order_items`` -> ``OrderItem``."""
        return pascal_case(self.singular)

    @property
    def references(self) -> tuple[str, ...]:
        """The resources its refs point at, in field order, each once."""
        return tuple(dict.fromkeys(field.ref for field in self.fields if field.ref))

    @property
    def field_args(self) -> tuple[str, ...]:
        """The canonical FIELD:TYPE words: `parse_resource(name, field_args)` rebuilds it."""
        return tuple(field.spec for field in self.fields)

    def field(self, name: str) -> FieldSpec:
        """The field called ``name`` (KeyError if none)."""
        for candidate in self.fields:
            if candidate.name == name:
                return candidate
        raise KeyError(name)


def parse_resource(
    name: str,
    field_args: Sequence[str],
    *,
    reserved: Mapping[str, Collection[str]],
    existing: Collection[str] = (),
    singular: str | None = None,
) -> ResourceSpec:
    """Check ``scaffold resource NAME FIELD:TYPE ...`` and return what it means, or raise.

    ``reserved`` maps a category to names a resource must not take (`load_reserved_names` in
    scaffold/reserved_names.py reads the template's list). ``existing`` holds the resources
    generated earlier: refs may point at them and the new name must not be one of them (leave
    NAME out of it to regenerate NAME). ``singular`` overrides the guess of `singular_of`.
    """
    _check_resource_name(name, reserved, existing)
    singular = _check_singular(name, singular)
    if not field_args:
        raise SpecError(
            f'resource "{name}" has no fields: give at least one, e.g. {name} name:str', name
        )
    if len(field_args) > MAX_FIELDS:
        raise SpecError(
            f'resource "{name}" has {len(field_args)} fields; the limit is {MAX_FIELDS}: split '
            "it into two resources joined by a ref",
            name,
        )
    targets = {*KIT_RESOURCES, *existing, name}
    fields: list[FieldSpec] = []
    columns: dict[str, str] = {}
    for text in field_args:
        field = _parse_field(text, resource=name, targets=targets)
        for key in dict.fromkeys((field.name, field.column)):
            if key in columns:
                raise SpecError(
                    f'field "{text}": "{key}" is already taken by "{columns[key]}"; '
                    "give each field its own name",
                    key,
                )
            columns[key] = text
        fields.append(field)
    return ResourceSpec(name=name, singular=singular, fields=tuple(fields))


def _check_resource_name(
    name: str, reserved: Mapping[str, Collection[str]], existing: Collection[str]
) -> None:
    if not SNAKE_CASE.fullmatch(name) or len(name) > NAME_MAX_LENGTH:
        raise SpecError(
            f'resource name "{name}" is not a plural snake_case name of at most '
            f"{NAME_MAX_LENGTH} characters (lowercase letters, digits, single underscores), "
            "e.g. products or order_items",
            name,
        )
    if name in RESERVED_RESOURCE_NAMES:
        raise SpecError(
            f'resource name "{name}" {RESERVED_RESOURCE_NAMES[name]}; pick another', name
        )
    for category, names in reserved.items():
        if name in names:
            raise SpecError(f'resource name "{name}" {_reserved_reason(category, name)}', name)
    if name in SQL_RESERVED_WORDS or name.startswith("sqlite_"):
        raise SpecError(f'resource name "{name}" is reserved by SQLite; pick another', name)
    if name in existing:
        raise SpecError(
            f'resource "{name}" already exists in this kit; remove it first with '
            f"scaffold destroy {name}, or pick another name",
            name,
        )


def _reserved_reason(category: str, name: str) -> str:
    """Why a name in reserved-names.yml is refused, with the fix (categories may grow)."""
    if category == "keywords":
        return "is a Python keyword; pick another name"
    if category == "stdlib":
        return "would shadow the standard-library module of the same name; pick another name"
    if category == "installed":
        return f"would shadow the {name} package the kit installs; pick another name"
    if category == "kit_modules":
        return "is the name of one of the kit's own modules; pick another name"
    if category == "windows_devices":
        return "is a Windows device name (no folder can have it there); pick another name"
    return f'is reserved ("{category}" in reserved-names.yml); pick another name'


def _check_singular(name: str, singular: str | None) -> str:
    if singular is None:
        singular = singular_of(name)
        if singular is None:
            raise SpecError(
                f'resource name "{name}" does not look plural: use the plural, e.g. '
                f"{plural_of(name)}, or give its singular explicitly",
                name,
            )
    elif not SNAKE_CASE.fullmatch(singular) or len(singular) > NAME_MAX_LENGTH:
        raise SpecError(f'singular "{singular}" is not a snake_case name like order_item', singular)
    if singular == name:
        raise SpecError(
            f'singular "{singular}" is the same as the resource name; the generated code needs '
            "two names (list_NAME, get_SINGULAR)",
            singular,
        )
    if keyword.iskeyword(singular) or singular in RESERVED_FIELD_NAMES:
        raise SpecError(
            f'singular "{singular}" of "{name}" cannot name a variable in the generated code; '
            "pick another resource name",
            singular,
        )
    if pascal_case(singular) in RESERVED_CLASS_NAMES:
        raise SpecError(
            f'resource "{name}" would give the class {pascal_case(singular)}, a name the '
            "generated modules already import; pick another resource name",
            name,
        )
    return singular


def _field_error(text: str, reason: str, part: str | None = None) -> SpecError:
    """A refusal of one FIELD:TYPE word; ``part`` (default: the whole word) is quoted in it."""
    return SpecError(f'field "{text}": {reason}', text if part is None else part)


def _check_field_name(name: str, text: str) -> None:
    if not name:
        raise _field_error(text, "the name before ':' is missing, e.g. price:decimal")
    if not SNAKE_CASE.fullmatch(name) or len(name) > NAME_MAX_LENGTH:
        raise _field_error(
            text,
            f'"{name}" is not a snake_case name of at most {NAME_MAX_LENGTH} characters '
            "(lowercase letters, digits, single underscores, starting with a letter)",
            name,
        )
    reason = None
    if keyword.iskeyword(name):
        reason = "is a Python keyword"
    elif name in RESERVED_FIELD_NAMES:
        reason = RESERVED_FIELD_NAMES[name]
    elif name in PYDANTIC_ATTRIBUTES or name.startswith("model_"):
        reason = "would shadow an attribute of the pydantic models"
    elif name in SQL_RESERVED_WORDS:
        reason = "is an SQL keyword"
    if reason:
        raise _field_error(text, f'"{name}" {reason}; pick another name, e.g. {name}_value', name)


def _parse_field(text: str, *, resource: str, targets: Collection[str]) -> FieldSpec:
    """One FIELD:TYPE word -> a FieldSpec, read left to right: name, type, [...], ?!, =VALUE."""
    name, colon, rest = text.partition(":")
    if not colon:
        raise _field_error(text, "missing ':TYPE' after the name, e.g. price:decimal")
    _check_field_name(name, text)
    type_word = _TYPE_WORD.match(rest).group()  # type: ignore[union-attr]  # it matches ""
    if type_word not in tuple(FieldType):
        problem = f'unknown type "{type_word}"' if type_word else "the type after ':' is missing"
        raise _field_error(text, f"{problem}; use one of {_type_list()}", type_word or None)
    field_type = FieldType(type_word)
    after = rest[len(type_word) :]
    arguments = None
    if after.startswith("["):
        close = after.find("]")
        if close == -1 or "[" in after[1:close]:
            raise _field_error(text, f'unbalanced brackets in "{after}"', after)
        arguments, after = after[1:close], after[close + 1 :]
    flags, equals, default_text = after.partition("=")
    if not re.fullmatch(r"[?!]*", flags):
        hint = "; give each field as its own argument" if " " in flags else ""
        raise _field_error(
            text,
            f'unexpected "{flags}" after the type: only ?, ! and =VALUE may follow{hint}',
            flags,
        )
    if flags not in ("", "?", "!", "?!"):
        raise _field_error(
            text, f'suffixes "{flags}": write at most ? then !, as in email:str?!', flags
        )
    field = FieldSpec(
        name=name,
        type=field_type,
        nullable="?" in flags,
        unique="!" in flags,
        **_type_arguments(field_type, arguments, text, resource=resource, targets=targets),
    )
    _check_combination(
        field, text, resource=resource, default=f"={default_text}" if equals else None
    )
    if equals:
        field = replace(field, default=_parse_default(field, default_text, text))
    return field


def _type_list() -> str:
    return ", ".join(f"{kind}[...]" if kind in ("enum", "ref") else kind for kind in FieldType)


def _type_arguments(
    field_type: FieldType,
    arguments: str | None,
    text: str,
    *,
    resource: str,
    targets: Collection[str],
) -> dict[str, object]:
    """The FieldSpec keywords that ``TYPE[...]`` gives: enum values, ref target, decimal digits."""
    if field_type is FieldType.ENUM:
        return {"enum_values": _parse_enum(arguments, text)}
    if field_type is FieldType.REF:
        if not arguments:
            raise _field_error(text, "a ref needs the resource it points at, e.g. ref[users]")
        if arguments not in targets:
            known = ", ".join(sorted(set(targets) - {resource}))
            raise _field_error(
                text,
                f'there is no resource "{arguments}"; generate it first, or point at one of: '
                f"{known}",
                arguments,
            )
        return {"ref": arguments}
    if field_type is FieldType.DECIMAL:
        precision, scale = _parse_digits(arguments, text)
        return {"precision": precision, "scale": scale}
    if arguments is not None:
        raise _field_error(
            text, f'{field_type} takes no "[{arguments}]"; remove it', f"[{arguments}]"
        )
    return {}


def _parse_enum(arguments: str | None, text: str) -> tuple[str, ...]:
    if not arguments:
        raise _field_error(text, "an enum needs its values, e.g. enum[draft,live]")
    values = tuple(arguments.split(","))
    for value in values:
        if not ENUM_VALUE.fullmatch(value) or len(value) > ENUM_VALUE_MAX_LENGTH:
            raise _field_error(
                text,
                f'enum value "{value}" must be lowercase letters, digits and _, starting with a '
                f"letter, at most {ENUM_VALUE_MAX_LENGTH} characters; separate values with "
                "commas and no spaces",
                value,
            )
    duplicates = sorted({value for value in values if values.count(value) > 1})
    if duplicates:
        raise _field_error(text, f'enum value "{duplicates[0]}" appears twice', duplicates[0])
    if not 2 <= len(values) <= MAX_ENUM_VALUES:
        raise _field_error(
            text,
            f'"enum[{arguments}]" has {len(values)} value(s); give 2 to {MAX_ENUM_VALUES} (for a '
            "single value, use str with a default)",
            f"enum[{arguments}]",
        )
    return values


def _parse_digits(arguments: str | None, text: str) -> tuple[int, int]:
    if arguments is None:
        return DECIMAL_DEFAULT_PRECISION, DECIMAL_DEFAULT_SCALE
    match = re.fullmatch(r"([0-9]{1,2}),([0-9]{1,2})", arguments)
    precision, scale = (int(match[1]), int(match[2])) if match else (0, -1)
    if not 1 <= precision <= DECIMAL_MAX_PRECISION or not 0 <= scale <= precision:
        raise _field_error(
            text,
            f'"decimal[{arguments}]": write decimal[P,S] with P digits in all (1 to '
            f"{DECIMAL_MAX_PRECISION}) and S of them after the point (0 to P), e.g. decimal[10,3]",
            f"decimal[{arguments}]",
        )
    return precision, scale


def _check_combination(field: FieldSpec, text: str, *, resource: str, default: str | None) -> None:
    """Refuse suffixes that cannot mean anything sensible together."""
    if field.unique and field.type in (FieldType.BOOL, FieldType.ENUM):
        raise _field_error(text, f'"!" on a {field.type} would allow only a few rows; drop it', "!")
    if field.unique and default:
        raise _field_error(
            text,
            f'"{default}" on a unique field: the second row using the default would clash; '
            "drop the ! or the default",
            default,
        )
    if field.type is not FieldType.REF:
        return
    if default:
        raise _field_error(
            text, f'"{default}": a ref has no default (that row may not exist)', default
        )
    if field.name.endswith("_id"):
        raise _field_error(
            text,
            f"name a ref after what it points at: {field.name[:-3]}:ref[{field.ref}] (its column "
            f"is {field.name})",
        )
    if field.ref == resource and not field.nullable:
        raise _field_error(
            text,
            f"a ref to {resource} itself must be nullable, or the first row could not be "
            f"created: write {field.name}:ref[{resource}]?",
        )


def _parse_default(field: FieldSpec, text: str, field_text: str) -> DefaultValue:
    """Read ``=VALUE`` as the field's type; refuse it with an example when it does not fit."""
    kind = field.type

    def refuse(rule: str) -> SpecError:
        return _field_error(field_text, f'default "{text}" {rule}', text)

    if not text:
        raise _field_error(field_text, 'nothing after "=": give a value or drop the =', "=")
    if kind in (FieldType.STR, FieldType.TEXT):
        if not _SAFE_TEXT.fullmatch(text) or text != text.strip() or len(text) > DEFAULT_MAX_LENGTH:
            raise refuse(
                f"must be at most {DEFAULT_MAX_LENGTH} characters, without quotes, backslashes "
                "or surrounding spaces"
            )
        return text
    if kind is FieldType.ENUM:
        if text not in field.enum_values:
            raise refuse(f"is not one of the enum's values: {', '.join(field.enum_values)}")
        return text
    if kind is FieldType.BOOL:
        if text not in ("true", "false"):
            raise refuse("is not a bool: write =true or =false")
        return text == "true"
    if kind is FieldType.INT:
        if not _INT_TEXT.fullmatch(text) or not SQL_INTEGER_MIN <= int(text) <= SQL_INTEGER_MAX:
            raise refuse("is not a 64-bit integer like 0 or -5")
        return int(text)
    if kind is FieldType.FLOAT:
        if not _FLOAT_TEXT.fullmatch(text) or abs(float(text)) == float("inf"):
            raise refuse("is not a finite number like 0.5 or 1e3")
        return float(text)
    if kind is FieldType.DECIMAL:
        precision, scale = field.digits
        if _DECIMAL_TEXT.fullmatch(text):
            value = Decimal(text)
            if len(text.partition(".")[2]) <= scale and abs(value) < 10 ** (precision - scale):
                value = value.quantize(Decimal(1).scaleb(-scale))  # 0 -> 0.00 at scale 2
                return abs(value) if value.is_zero() else value  # and -0.00 is 0.00
        raise refuse(
            f"does not fit decimal[{precision},{scale}]: at most {precision - scale} digit(s) "
            f"before the point and {scale} after, e.g. {field.example()}"
        )
    if kind is FieldType.DATE:
        if _DATE_TEXT.fullmatch(text):
            with suppress(ValueError):  # the right shape, but 2025-02-30 is no day
                return date.fromisoformat(text)
        raise refuse("is not a real date like 2025-01-31")
    if _DATETIME_TEXT.fullmatch(text):
        with suppress(ValueError):
            return datetime.fromisoformat(text).astimezone(UTC)
    raise refuse("is not a datetime with its offset, like 2025-01-31T09:30:00+00:00")


def _to_json(value: DefaultValue) -> object:
    """A Python value as JSON would carry it: decimals and dates become strings."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _default_text(value: DefaultValue) -> str:
    """The canonical ``=VALUE`` text of a parsed default."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(_to_json(value)) if not isinstance(value, float) else repr(value)
