"""Naming rules for generated resources: plural and singular, class names, names to keep free.

Pure data and string functions, used by scaffold/spec.py to check a spec. Every list here says
why its names are refused, so that the error a user gets can say it too.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final

SNAKE_CASE: Final = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")

KIT_RESOURCES: Final = ("users", "orders")
"""Resources every kit has: `ref[...]` may always point at them."""

RESERVED_RESOURCE_NAMES: Final[Mapping[str, str]] = {
    "users": "is the kit's own users resource",
    "orders": "is the kit's own orders resource",
    "health": "is the kit's health check (GET /health)",
    "problems": "is the package of the course's problems",
    "docs": "is FastAPI's documentation page (GET /docs)",
    "resources": "is the package that holds the generated resources",
}

RESERVED_FIELD_NAMES: Final[Mapping[str, str]] = {
    "id": "is the primary key every resource already has",
    "created_at": "is kept for a creation time the server sets",
    "updated_at": "is kept for an update time the server sets",
    # pydantic evaluates `date: date | None = None` with the field's default in scope, and fails.
    "date": "would hide the type date in the generated modules",
    "datetime": "would hide the type datetime in the generated modules",
    "to_dict": "is the model's method that gives JSON-ready values",
    "from_raw": "is the validation models' constructor",
}

# pydantic.BaseModel's public attributes (besides the `model_` ones, refused by prefix): a field
# with one of these names makes pydantic warn that it shadows the attribute.
# fmt: off
PYDANTIC_ATTRIBUTES: Final = frozenset({
    "construct", "copy", "dict", "from_orm", "json", "parse_file", "parse_obj", "parse_raw",
    "schema", "schema_json", "update_forward_refs", "validate",
})
# fmt: on

# SQLite keywords that break the generated SQL when written unquoted as a table or column name
# (SQLite's other keywords fall back to plain names). tests/test_scaffold_spec.py proves the
# list against the running SQLite, in both directions.
# fmt: off
SQL_RESERVED_WORDS: Final = frozenset({
    "add", "all", "alter", "and", "as", "autoincrement", "between", "case", "cast", "check",
    "collate", "commit", "constraint", "create", "current_date", "current_time",
    "current_timestamp", "default", "deferrable", "delete", "distinct", "drop", "else", "escape",
    "except", "exists", "foreign", "from", "group", "having", "if", "in", "index", "insert",
    "intersect", "into", "is", "isnull", "join", "limit", "not", "nothing", "notnull", "null",
    "on", "or", "order", "primary", "raise", "references", "returning", "select", "set", "table",
    "then", "to", "transaction", "union", "unique", "update", "using", "values", "when", "where",
})
# fmt: on

# Class names the generated modules import; a resource whose class would be one of them is
# refused (e.g. `sessions` would give a class Session next to the core's Session).
# fmt: off
RESERVED_CLASS_NAMES: Final = frozenset({
    "Annotated", "Any", "BaseModel", "ConfigDict", "Database", "Decimal", "Field", "Final",
    "Literal", "Self", "Session", "Settings",
})

IRREGULAR_PLURALS: Final[Mapping[str, str]] = {
    "people": "person", "children": "child", "men": "man", "women": "woman", "mice": "mouse",
    "geese": "goose", "teeth": "tooth", "feet": "foot", "leaves": "leaf", "lives": "life",
    "knives": "knife", "shelves": "shelf", "movies": "movie", "cookies": "cookie",
    "zombies": "zombie", "caches": "cache", "quizzes": "quiz", "heroes": "hero",
    "potatoes": "potato", "tomatoes": "tomato", "statuses": "status", "buses": "bus",
    "bonuses": "bonus", "campuses": "campus", "viruses": "virus", "analyses": "analysis",
    "crises": "crisis", "indices": "index", "matrices": "matrix",
}
"""Plurals the suffix rules of `singular_of` get wrong; a spec gives `singular=` for others."""
# fmt: on


def singular_of(plural: str) -> str | None:
    """Guess the singular of a snake_case plural (its last word), or ``None`` if it is not one.

    ``products`` -> ``product``, ``categories`` -> ``category``, ``boxes`` -> ``box``,
    ``order_items`` -> ``order_item``, ``people`` -> ``person``. English has too many
    exceptions for rules alone, hence `IRREGULAR_PLURALS` and an explicit singular.
    """
    head, _, word = plural.rpartition("_")
    prefix = f"{head}_" if head else ""
    if word in IRREGULAR_PLURALS:
        return prefix + IRREGULAR_PLURALS[word]
    if word in IRREGULAR_PLURALS.values() or word.endswith("ss") or not word.endswith("s"):
        return None  # status, address, person, data: singular already, or not a plural we know
    if word.endswith("ies") and len(word) > 3:
        return prefix + word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zzes")):
        return prefix + word[:-2]
    return prefix + word[:-1] if len(word) > 1 else None


def plural_of(singular: str) -> str:
    """The likely plural of a snake_case singular, for "did you mean" hints: box -> boxes."""
    head, _, word = singular.rpartition("_")
    plurals = {one: many for many, one in IRREGULAR_PLURALS.items()}
    if word in plurals:
        word = plurals[word]
    elif word.endswith(("s", "x", "ch", "sh")):
        word += "es"
    elif word.endswith("y") and word[-2:-1] not in tuple("aeiou"):
        word = word[:-1] + "ies"
    else:
        word += "s"
    return f"{head}_{word}" if head else word


def pascal_case(snake: str) -> str:
    """``order_item`` -> ``OrderItem`` (class names, enum aliases)."""
    return "".join(part.capitalize() for part in snake.split("_"))
