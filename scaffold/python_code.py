"""Small pieces of Python source that the generator's templates put together.

The templates only lay code out; every expression that depends on a field's type is built
here, in one place, from the field's `FieldSpec`, so the model, the storage and the tests of a
resource convert each value the same way. Imports are sorted the way ruff's isort sorts them,
and long ones are wrapped, so that generated modules pass `ruff check` and `ruff format`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from scaffold.names import pascal_case
from scaffold.spec import FieldSpec, FieldType

LINE_LIMIT: Final = 100
STDLIB_MODULES: Final = frozenset({"dataclasses", "datetime", "decimal", "typing", "sqlite3"})

# A value of each type that the create model must refuse, and the error type it gives.
BAD_VALUES: Final[dict[FieldType, tuple[object, str]]] = {
    FieldType.STR: (42, "string_type"),
    FieldType.TEXT: (42, "string_type"),
    FieldType.INT: ("5", "int_type"),
    FieldType.FLOAT: ("1.5", "float_type"),
    FieldType.DECIMAL: (19.99, "decimal_as_string"),
    FieldType.BOOL: ("yes", "bool_type"),
    FieldType.DATE: ("31/01/2025", "date_format"),
    FieldType.DATETIME: ("2025-01-31T09:30:00", "datetime_naive"),
    FieldType.ENUM: ("not_a_value", "literal_error"),
    FieldType.REF: ("1", "int_type"),
}
# The core's field type for each grammar type (core/field_types.py and core/validation.py).
VALIDATION_TYPES: Final = {
    FieldType.STR: "SingleLine",
    FieldType.TEXT: "MultiLine",
    FieldType.INT: "SqlInteger",
    FieldType.FLOAT: "FiniteFloat",
    FieldType.BOOL: "bool",
    FieldType.DATE: "IsoDate",
    FieldType.DATETIME: "UtcDateTime",
    FieldType.REF: "PositiveId",
}


@dataclass(frozen=True)
class FieldCode:
    """The Python source the generated files need for one field."""

    field: FieldSpec

    @property
    def column(self) -> str:
        return self.field.column

    @property
    def annotation(self) -> str:
        """The model attribute's annotation (``Decimal | None``, ``Literal[...]``)."""
        return self.field.annotation

    @property
    def validation_type(self) -> str:
        """The pydantic type of the field in the create model, without ``| None``."""
        if self.field.type is FieldType.ENUM:
            return self.field.python_type
        if self.field.type is FieldType.DECIMAL:
            return f"{pascal_case(self.field.name)}Text"
        return VALIDATION_TYPES[self.field.type]

    @property
    def decimal_alias(self) -> str | None:
        """``PriceText = decimal_text(14, 2)`` for a decimal field (a type needs a name)."""
        if self.field.type is not FieldType.DECIMAL:
            return None
        precision, scale = self.field.digits
        return f"{self.validation_type} = decimal_text({precision}, {scale})"

    @property
    def create_line(self) -> str:
        """The attribute line of the create model: annotation, and default if any."""
        annotation = self.validation_type + (" | None" if self.field.nullable else "")
        default = self.field.python_default
        if default is None and self.field.nullable:
            default = "None"
        return f"{self.column}: {annotation}" + (f" = {default}" if default else "")

    @property
    def json_annotation(self) -> str:
        """The type of the value in the API's JSON, for the OpenAPI model of the response."""
        kind = self.field.type
        if kind is FieldType.ENUM:
            base = self.field.python_type
        elif kind in (FieldType.INT, FieldType.REF):
            base = "int"
        else:
            base = {FieldType.FLOAT: "float", FieldType.BOOL: "bool"}.get(kind, "str")
        return f"{base} | None" if self.field.nullable else base

    @property
    def update_line(self) -> str:
        """The attribute line of the update model: every field may be left out."""
        return f"{self.column}: {self.validation_type} | None = None"

    def to_json(self, expression: str) -> str:
        """``expression`` (the model's value) as the JSON value the API sends."""
        helper = {
            FieldType.DECIMAL: "json_decimal",
            FieldType.DATE: "json_date",
            FieldType.DATETIME: "json_datetime",
        }.get(self.field.type)
        return f"{helper}({expression})" if helper else expression

    def to_db(self, expression: str) -> str | None:
        """``expression`` (a validated value) as SQLite stores it, or ``None`` if it is as is."""
        kind = self.field.type
        if kind is FieldType.DECIMAL:
            return f"db_decimal({expression}, {self.field.digits[1]})"
        if kind is FieldType.BOOL:
            return f"db_bool({expression})"
        if kind is FieldType.DATE:
            return f"json_date({expression})"
        if kind is FieldType.DATETIME:
            return f"json_datetime({expression})"
        return None

    def from_db(self, expression: str) -> str:
        """``expression`` (a value SQLite gave back) as the model's value."""
        kind = self.field.type
        if kind is FieldType.DECIMAL:
            return f"from_db_decimal({expression}, {self.field.digits[1]})"
        helper = {
            FieldType.BOOL: "from_db_bool",
            FieldType.DATE: "from_db_date",
            FieldType.DATETIME: "from_db_datetime",
        }.get(kind)
        return f"{helper}({expression})" if helper else expression

    @property
    def helpers(self) -> tuple[str, ...]:
        """The ``core.field_types`` conversions ``to_json``, ``to_db`` and ``from_db`` use."""
        return {
            FieldType.DECIMAL: ("db_decimal", "from_db_decimal", "json_decimal"),
            FieldType.BOOL: ("db_bool", "from_db_bool"),
            FieldType.DATE: ("from_db_date", "json_date"),
            FieldType.DATETIME: ("from_db_datetime", "json_datetime"),
        }.get(self.field.type, ())

    def example(self, row: int = 1) -> object:
        return self.field.example(row)

    @property
    def bad_value(self) -> object:
        return BAD_VALUES[self.field.type][0]

    @property
    def bad_value_error(self) -> str:
        return BAD_VALUES[self.field.type][1]


class Imports:
    """Import statements, grouped and sorted as ruff's isort does, wrapped at 100 columns."""

    def __init__(self) -> None:
        self._names: defaultdict[str, set[str]] = defaultdict(set)

    def add(self, module: str, *names: str) -> Imports:
        self._names[module].update(names)
        return self

    def add_all(self, pairs: Iterable[tuple[str, str]]) -> Imports:
        for module, name in pairs:
            self.add(module, name)
        return self

    def lines(self) -> list[str]:
        """The statements, one section after another, separated by blank lines."""
        sections: list[list[str]] = [[], [], []]
        for module in sorted(self._names, key=_module_order):
            section = 2 if module.startswith(".") else 0 if _is_stdlib(module) else 1
            sections[section] += _from_import(module, sorted(self._names[module], key=_name_order))
        lines: list[str] = []
        for section in sections:
            if section and lines:
                lines.append("")
            lines += section
        return lines


def _is_stdlib(module: str) -> bool:
    return module.split(".")[0] in STDLIB_MODULES


def _module_order(module: str) -> tuple[int, str]:
    """Relative imports from the furthest package first, as ruff orders them."""
    dots = len(module) - len(module.lstrip("."))
    return (-dots, module.lstrip(".").lower())


def _name_order(name: str) -> tuple[int, str]:
    """Constants, then classes, then the rest (ruff's ``order-by-type``)."""
    if name.isupper() and len(name) > 1:
        return (0, name)
    if name[:1].isupper():
        return (1, name)
    return (2, name.lower())


def _from_import(module: str, names: list[str]) -> list[str]:
    if not names:
        return [f"import {module}"]
    line = f"from {module} import {', '.join(names)}"
    if len(line) <= LINE_LIMIT:
        return [line]
    return [f"from {module} import (", *(f"    {name}," for name in names), ")"]
