"""A resource's SQLite table, laid out like the kit's own SCHEMA (core/sqlite_backend.py).

Each column's type, NOT NULL, DEFAULT, REFERENCES and CHECK come from its `FieldSpec`, so the
table says exactly what the spec says; this module only lays them out, within 100 columns, so
the SQL can sit in a generated Python module that must pass `ruff check`.
"""

from __future__ import annotations

import textwrap
from typing import Final

from scaffold.spec import FieldSpec, FieldType, ResourceSpec

LINE_LIMIT: Final = 100


def create_table_sql(resource: ResourceSpec) -> str:
    """The table and its indexes, ready for ``executescript`` after the kit's own tables.

    Unique fields get a unique index (partial, ``WHERE ... IS NOT NULL``, when nullable, like
    the kit's ``users_email_unique``); refs get a plain index for filtering and for the
    foreign-key check that a DELETE of the referenced row makes.
    """
    table = resource.name
    width = max(len("id"), *(len(field.column) for field in resource.fields))
    lines = [f"CREATE TABLE IF NOT EXISTS {table} (", f"    {'id':<{width}} INTEGER PRIMARY KEY"]
    for field in resource.fields:
        lines[-1] += ","
        lines += _column_lines(field, width)
    lines.append(");")
    for field in resource.fields:
        column = field.column
        if field.unique:
            where = [f"WHERE {column} IS NOT NULL"] if field.nullable else []
            statement = ["CREATE UNIQUE INDEX IF NOT EXISTS", f"{table}_{column}_unique"]
            lines += _wrap([*statement, f"ON {table} ({column})", *where], "    ")
        elif field.type is FieldType.REF:
            statement = ["CREATE INDEX IF NOT EXISTS", f"{table}_{column}"]
            lines += _wrap([*statement, f"ON {table} ({column})"], "    ")
        if field.unique or field.type is FieldType.REF:
            lines[-1] += ";"
    return "\n".join(lines) + "\n"


def _column_lines(field: FieldSpec, width: int) -> list[str]:
    """One column definition, continued under its type when it would pass LINE_LIMIT."""
    parts = [f"    {field.column:<{width}} {field.sqlite_type}"]
    if not field.nullable:
        parts.append("NOT NULL")
    if field.sql_default is not None:
        parts.append(f"DEFAULT {field.sql_default}")
    if field.ref:
        parts.append(f"REFERENCES {field.ref} (id)")
    if field.check:
        parts.append(f"CHECK ({field.check})")
    return _wrap(parts, " " * (4 + width + 1))


def _wrap(parts: list[str], indent: str) -> list[str]:
    """Join ``parts`` with spaces into lines of at most LINE_LIMIT, continuing at ``indent``.

    A part longer than a continuation line is broken between its words. Only a CHECK can be
    that long (a DEFAULT is short by DEFAULT_MAX_LENGTH), and the text a CHECK quotes (enum
    values) has no spaces, so no SQL string literal is ever broken.
    """
    lines = [parts[0]]
    for part in parts[1:]:
        if len(lines[-1]) + 1 + len(part) <= LINE_LIMIT:
            lines[-1] += f" {part}"
        elif len(indent) + len(part) <= LINE_LIMIT:
            lines.append(indent + part)
        else:
            lines += textwrap.wrap(
                part,
                width=LINE_LIMIT,
                initial_indent=indent,
                subsequent_indent=indent + "    ",
                break_long_words=False,
                break_on_hyphens=False,
            )
    return lines
