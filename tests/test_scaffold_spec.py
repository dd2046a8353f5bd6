"""`scaffold resource`'s field grammar: good specs and what they imply, bad specs and their errors.

Pure tests of scaffold/spec.py (and the naming and SQL helpers beside it): no kit, no copier,
no files but reserved-names.yml, so the module runs in well under a second.
"""

from __future__ import annotations

import ast
import dataclasses
import json
import sqlite3
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest

from scaffold.names import (
    IRREGULAR_PLURALS,
    PYDANTIC_ATTRIBUTES,
    SQL_RESERVED_WORDS,
    plural_of,
    singular_of,
)
from scaffold.reserved_names import load_reserved_names
from scaffold.spec import (
    GRAMMAR_HELP,
    FieldType,
    ResourceSpec,
    SpecError,
    parse_resource,
)
from scaffold.sqlite_schema import create_table_sql

RESERVED = load_reserved_names()
PRODUCTS_ARGS = ["name:str", "sku:str!", "price:decimal", "stock:int=0", "owner:ref[users]?"]
REVIEWS_ARGS = ["product:ref[products]", "rating:int", "body:text?"]
# The kit's own tables, as far as a generated table's foreign keys need them.
KIT_TABLES = (
    "CREATE TABLE users (id INTEGER PRIMARY KEY); CREATE TABLE orders (id INTEGER PRIMARY KEY);"
)


def parse(
    name: str, args: list[str], existing: tuple[str, ...] = (), **options: Any
) -> ResourceSpec:
    return parse_resource(name, args, reserved=RESERVED, existing=existing, **options)


# --- good specs: what each one means -------------------------------------------------------

# (resource, fields, existing resources, {field: {FieldSpec attribute: expected value}})
GOOD_SPECS: list[tuple[str, list[str], tuple[str, ...], dict[str, dict[str, object]]]] = [
    (
        "products",
        PRODUCTS_ARGS,
        (),
        {
            "name": {"annotation": "str", "required": True, "sqlite_type": "TEXT",
                     "check": "length(name) BETWEEN 1 AND 200"},
            "sku": {"unique": True, "nullable": False, "required": True},
            "price": {"annotation": "Decimal", "precision": 14, "scale": 2,
                      "sqlite_type": "INTEGER",
                      "check": "price BETWEEN -99999999999999 AND 99999999999999"},
            "stock": {"annotation": "int", "default": 0, "required": False, "sql_default": "0",
                      "python_default": "0", "json_default": 0, "check": None},
            "owner": {"column": "owner_id", "ref": "users", "annotation": "int | None",
                      "nullable": True, "required": False, "sqlite_type": "INTEGER",
                      "default": None},
        },
    ),
    (
        "reviews",
        REVIEWS_ARGS,
        ("products",),
        {
            "product": {"column": "product_id", "ref": "products", "required": True},
            "rating": {"annotation": "int"},
            "body": {"annotation": "str | None", "max_length": 10_000, "required": False,
                     "check": "body IS NULL OR length(body) BETWEEN 1 AND 10000"},
        },
    ),
    (
        "posts",
        ["status:enum[draft,live]=draft", "title:str=Hello world", "nickname:str?=anon",
         "email:str?!", "active:bool=false", "ratio:float=1e3", "delta:int=-5"],
        (),
        {
            "status": {"enum_values": ("draft", "live"), "default": "draft",
                       "annotation": 'Literal["draft", "live"]', "python_default": '"draft"',
                       "sql_default": "'draft'", "check": "status IN ('draft', 'live')"},
            "title": {"default": "Hello world", "python_default": '"Hello world"'},
            "nickname": {"nullable": True, "default": "anon", "required": False},
            "email": {"nullable": True, "unique": True, "required": False},
            "active": {"default": False, "python_default": "False", "sql_default": "0",
                       "json_default": False, "check": "active IN (0, 1)"},
            "ratio": {"default": 1000.0, "sql_default": "1000.0"},
            "delta": {"default": -5, "sql_default": "-5"},
        },
    ),
    (
        "events",
        ["price:decimal=0", "fee:decimal[10,3]=1.5", "share:decimal[3,3]=-0.000",
         "start_day:date=2025-01-01", "at:datetime=2025-01-01T10:00:00+02:00",
         "parent:ref[events]?"],
        (),
        {
            "price": {"default": Decimal("0.00"), "json_default": "0.00", "sql_default": "0",
                      "python_default": 'Decimal("0.00")'},
            "fee": {"default": Decimal("1.500"), "json_default": "1.500", "sql_default": "1500",
                    "check": "fee BETWEEN -9999999999 AND 9999999999"},
            "share": {"default": Decimal("0.000"), "json_default": "0.000"},
            "start_day": {"default": date(2025, 1, 1), "json_default": "2025-01-01",
                          "python_default": "date(2025, 1, 1)",
                          "sql_default": "'2025-01-01'"},
            "at": {"default": datetime(2025, 1, 1, 8, 0, tzinfo=UTC),
                   "json_default": "2025-01-01T08:00:00+00:00",
                   "python_default": "datetime(2025, 1, 1, 8, 0, 0, tzinfo=UTC)"},
            "parent": {"ref": "events", "column": "parent_id", "nullable": True},
        },
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "args", "existing", "expected"), GOOD_SPECS, ids=[spec[0] for spec in GOOD_SPECS]
)
def test_good_specs_mean_what_they_say(
    name: str, args: list[str], existing: tuple[str, ...], expected: dict[str, dict[str, object]]
) -> None:
    resource = parse(name, args, existing)
    assert [field.name for field in resource.fields] == list(expected)
    for field_name, facts in expected.items():
        field = resource.field(field_name)
        actual = {attribute: getattr(field, attribute) for attribute in facts}
        assert actual == facts, field_name


@pytest.mark.parametrize(("name", "args", "existing"), [spec[:3] for spec in GOOD_SPECS])
def test_canonical_field_args_parse_back_to_the_same_spec(
    name: str, args: list[str], existing: tuple[str, ...]
) -> None:
    """What the generator may store (e.g. to regenerate or destroy later) means the same spec."""
    resource = parse(name, args, existing)
    assert parse(name, list(resource.field_args), existing) == resource
    assert parse(name, PRODUCTS_ARGS).field_args == tuple(PRODUCTS_ARGS)


def test_the_issues_examples_give_the_names_the_generator_needs() -> None:
    products = parse("products", PRODUCTS_ARGS)
    reviews = parse("reviews", REVIEWS_ARGS, existing=("products",))
    assert (products.singular, products.class_name) == ("product", "Product")
    assert products.references == ("users",)
    assert reviews.references == ("products",)
    assert {pair for field in products.fields for pair in field.python_imports} == {
        ("decimal", "Decimal")
    }
    events = parse("events", [spec for spec in GOOD_SPECS[3][1]])
    assert {pair for field in events.fields for pair in field.python_imports} == {
        ("decimal", "Decimal"),
        ("datetime", "UTC"),  # for the datetime default
        ("datetime", "date"),
        ("datetime", "datetime"),
    }


def test_specs_are_frozen_values() -> None:
    products = parse("products", PRODUCTS_ARGS)
    with pytest.raises(dataclasses.FrozenInstanceError):
        products.fields[0].nullable = True  # type: ignore[misc]
    assert parse("products", PRODUCTS_ARGS) == products  # equal specs compare equal


@pytest.mark.parametrize(
    ("plural", "singular", "class_name"),
    [
        ("products", "product", "Product"),
        ("categories", "category", "Category"),
        ("boxes", "box", "Box"),
        ("order_items", "order_item", "OrderItem"),
        ("addresses", "address", "Address"),
        ("matches", "match", "Match"),
        ("wishes", "wish", "Wish"),
        ("responses", "response", "Response"),
        ("courses", "course", "Course"),
        ("menus", "menu", "Menu"),
        ("people", "person", "Person"),
        ("line_statuses", "line_status", "LineStatus"),
        ("quizzes", "quiz", "Quiz"),
    ],
)
def test_singular_and_class_names(plural: str, singular: str, class_name: str) -> None:
    assert singular_of(plural) == singular
    resource = parse(plural, ["title:str"])
    assert (resource.singular, resource.class_name) == (singular, class_name)


@pytest.mark.parametrize("word", ["status", "address", "person", "data", "s"])
def test_words_that_are_no_plural_have_no_guessed_singular(word: str) -> None:
    assert singular_of(word) is None


def test_irregular_plurals_round_trip_through_the_hint() -> None:
    for plural, singular in IRREGULAR_PLURALS.items():
        assert plural_of(singular) == plural
    assert [plural_of(word) for word in ("box", "category", "day", "item")] == [
        "boxes", "categories", "days", "items"
    ]  # fmt: skip


def test_an_explicit_singular_allows_any_snake_case_plural() -> None:
    staff = parse("staff", ["name:str"], singular="staff_member")
    assert (staff.singular, staff.class_name) == ("staff_member", "StaffMember")


# --- defaults, examples and the SQL agree with each other ----------------------------------

EVERY_TYPE = [
    "title:str", "note:str?", "body:text", "code:str?!", "count:int", "ratio:float",
    "price:decimal", "weight:decimal[6,3]?", "part:decimal[2,2]", "active:bool", "day:date?",
    "at:datetime", "status:enum[draft,live,archived]", "owner:ref[users]", "buyer:ref[orders]?!",
]  # fmt: skip
WITH_DEFAULTS = [
    "title:str=Untitled", "count:int=-3", "ratio:float=0.25", "price:decimal=19.9",
    "active:bool=true", "day:date=2024-02-29", "at:datetime=2025-06-01T12:00:00Z",
    "status:enum[draft,live]=live", "note:text?=none yet",
]  # fmt: skip


def test_python_defaults_are_source_for_the_parsed_values() -> None:
    namespace = {"Decimal": Decimal, "date": date, "datetime": datetime, "UTC": UTC}
    for field in parse("things", WITH_DEFAULTS).fields:
        source = field.python_default
        assert source is not None
        ast.parse(source, mode="eval")
        assert eval(source, namespace) == field.default, field.spec
        assert json.loads(json.dumps(field.json_default)) == field.json_default


def test_create_table_sql_applies_defaults_and_fits_100_columns() -> None:
    things = parse("things", WITH_DEFAULTS)
    sql = create_table_sql(things)
    assert max(len(line) for line in sql.splitlines()) <= 100
    database = sqlite3.connect(":memory:")
    database.executescript(KIT_TABLES + sql)
    database.execute("INSERT INTO things DEFAULT VALUES")
    row = database.execute(f"SELECT {', '.join(f.column for f in things.fields)} FROM things")
    stored = dict(zip((field.name for field in things.fields), row.fetchone(), strict=True))
    assert stored == {
        "title": "Untitled", "count": -3, "ratio": 0.25, "price": 1990, "active": 1,
        "day": "2024-02-29", "at": "2025-06-01T12:00:00+00:00", "status": "live",
        "note": "none yet",
    }  # fmt: skip


def test_the_longest_spec_the_limits_allow_still_fits_100_columns() -> None:
    long_values = [f"value_{index:02d}_" + "v" * 21 for index in range(20)]  # 20 x 30 characters
    longest = [
        "a" * 29 + f"{index}:{spec}"
        for index, spec in enumerate(
            [
                f"enum[{','.join(long_values)}]?={long_values[-1]}",
                "str?=" + "d" * 50,
                "decimal[18,0]=-999999999999999999",
                "int=-9223372036854775808",
                "datetime?=2025-01-01T00:00:00+00:00",
            ]
        )
    ]
    resource = parse("z" * 29 + "s", [*longest, "owner_with_a_long_name_abc:ref[users]?!"])
    sql = create_table_sql(resource)
    assert max(len(line) for line in sql.splitlines()) <= 100, sql
    database = sqlite3.connect(":memory:")
    database.executescript(KIT_TABLES + sql)
    enum_column = resource.fields[0].column
    for value in long_values:
        database.execute(f"INSERT INTO {resource.name} ({enum_column}) VALUES (?)", (value,))
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        database.execute(f"INSERT INTO {resource.name} ({enum_column}) VALUES ('value')")


def _store(database: sqlite3.Connection, resource: ResourceSpec, values: dict[str, object]) -> None:
    """Insert one row of JSON-like values, turned into what the storage keeps (decimal units)."""
    row = {}
    for field in resource.fields:
        value = values.get(field.name, field.example())
        if field.type is FieldType.DECIMAL and isinstance(value, str):
            value = field.to_units(Decimal(value))
        row[field.column] = value
    columns = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    database.execute(
        f"INSERT INTO {resource.name} ({columns}) VALUES ({marks})", list(row.values())
    )


@pytest.fixture
def every_type() -> tuple[sqlite3.Connection, ResourceSpec]:
    resource = parse("things", EVERY_TYPE)
    database = sqlite3.connect(":memory:")
    database.execute("PRAGMA foreign_keys = ON")
    database.executescript(KIT_TABLES + create_table_sql(resource))
    database.executescript(
        "INSERT INTO users (id) VALUES (1), (2); INSERT INTO orders (id) VALUES (1);"
    )
    return database, resource


def test_examples_pass_the_tables_constraints(
    every_type: tuple[sqlite3.Connection, ResourceSpec],
) -> None:
    database, resource = every_type
    _store(database, resource, {})
    _store(database, resource, {"code": "code 2", "buyer": None})
    _store(database, resource, {"code": None, "buyer": None})  # many NULLs in a nullable unique
    for field in resource.fields:
        default_text = field.example(2)
        if field.type is FieldType.BOOL:
            default_text = "true" if default_text else "false"
        if not field.unique and field.type is not FieldType.REF:
            reparsed = parse("things", [f"{field.spec}={default_text}"]).fields[0]
            assert reparsed.json_default == field.example(2), field.spec  # examples are valid input
    assert database.execute("SELECT count(*) FROM things").fetchone() == (3,)


BAD_ROWS = [
    ({"title": ""}, "CHECK"),
    ({"title": "x" * 201}, "CHECK"),
    ({"title": None}, "NOT NULL"),
    ({"body": None}, "NOT NULL"),
    ({"code": "code 1"}, "UNIQUE"),  # the first row holds it
    ({"price": "1000000000000.00"}, "CHECK"),
    ({"part": "1.00"}, "CHECK"),
    ({"active": 2}, "CHECK"),
    ({"day": "2025-02-30"}, "CHECK"),
    ({"day": "2025-1-1"}, "CHECK"),
    ({"at": "2025-01-01T09:00:00+02:00"}, "CHECK"),  # stored in UTC only
    ({"at": "soon"}, "CHECK"),
    ({"status": "gone"}, "CHECK"),
    ({"owner": 99}, "FOREIGN KEY"),
    ({"buyer": 1}, "UNIQUE"),
]


@pytest.mark.parametrize(("values", "constraint"), BAD_ROWS, ids=[repr(row[0]) for row in BAD_ROWS])
def test_the_table_refuses_what_the_spec_forbids(
    every_type: tuple[sqlite3.Connection, ResourceSpec], values: dict[str, object], constraint: str
) -> None:
    database, resource = every_type
    _store(database, resource, {"code": "code 1", "buyer": 1})
    with pytest.raises(sqlite3.IntegrityError, match=constraint):
        _store(database, resource, {"code": "code 2", "buyer": None, **values})


def test_refs_keep_referenced_rows_and_are_indexed(
    every_type: tuple[sqlite3.Connection, ResourceSpec],
) -> None:
    database, resource = every_type
    _store(database, resource, {"code": "code 1"})
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        database.execute("DELETE FROM users WHERE id = 1")  # the host answers 409 here
    indexes = {
        row[0] for row in database.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
    }
    assert {"things_owner_id", "things_code_unique", "things_buyer_id_unique"} <= indexes


# --- bad specs: refused, quoting the bad part ----------------------------------------------

# (resource, fields, existing resources, the bad part the message quotes, a words of the reason)
BAD_SPECS: list[tuple[str, list[str], tuple[str, ...], str, str]] = [
    # types and their arguments
    ("products", ["price:money"], (), "money", "unknown type"),
    ("products", ["price:Decimal"], (), "Decimal", "unknown type"),
    ("products", ["name:"], (), "name:", "type after ':' is missing"),
    ("products", ["stock:int[5]"], (), "[5]", "takes no"),
    ("products", ["price:decimal[20,2]"], (), "decimal[20,2]", "decimal[P,S]"),
    ("products", ["price:decimal[2,3]"], (), "decimal[2,3]", "decimal[P,S]"),
    ("products", ["price:decimal[]"], (), "decimal[]", "decimal[P,S]"),
    # enums
    ("products", ["status:enum[]"], (), "status:enum[]", "needs its values"),
    ("products", ["status:enum"], (), "status:enum", "needs its values"),
    ("products", ["status:enum[draft,draft]"], (), "draft", "appears twice"),
    ("products", ["status:enum[Draft,live]"], (), "Draft", "lowercase"),
    ("products", ["status:enum[draft,,live]"], (), "", "lowercase"),
    ("products", ["status:enum[draft, live]"], (), " live", "no spaces"),
    ("products", ["status:enum[draft-1,live]"], (), "draft-1", "lowercase"),
    ("products", ["status:enum[draft]"], (), "enum[draft]", "give 2 to 20"),
    ("products", ["kind:enum[" + ",".join(f"v{i}" for i in range(21)) + "]"], (),
     "enum[" + ",".join(f"v{i}" for i in range(21)) + "]", "give 2 to 20"),
    # defaults
    ("products", ["status:enum[draft,live]=gone"], (), "gone", "not one of"),
    ("products", ["stock:int=ten"], (), "ten", "64-bit integer"),
    ("products", ["stock:int=1.5"], (), "1.5", "64-bit integer"),
    ("products", ["stock:int=9223372036854775808"], (), "9223372036854775808", "64-bit"),
    ("products", ["stock:int=0?"], (), "0?", "64-bit integer"),
    ("products", ["price:decimal=abc"], (), "abc", "does not fit decimal[14,2]"),
    ("products", ["price:decimal=1.999"], (), "1.999", "2 after"),
    ("products", ["price:decimal[4,2]=100"], (), "100", "at most 2 digit(s) before"),
    ("products", ["ratio:float=nan"], (), "nan", "finite number"),
    ("products", ["ratio:float=1e999"], (), "1e999", "finite number"),
    ("products", ["active:bool=yes"], (), "yes", "=true or =false"),
    ("products", ["active:bool=True"], (), "True", "=true or =false"),
    ("products", ["start_day:date=2025-02-30"], (), "2025-02-30", "real date"),
    ("products", ["start_day:date=today"], (), "today", "real date"),
    ("products", ["at:datetime=2025-01-01T09:00:00"], (), "2025-01-01T09:00:00", "offset"),
    ("products", ["title:str="], (), "=", "nothing after"),
    ("products", ['title:str=say "hi"'], (), 'say "hi"', "without quotes"),
    ("products", ["title:str= padded"], (), " padded", "surrounding spaces"),
    ("products", ["title:str=" + "x" * 51], (), "x" * 51, "at most 50"),
    # suffixes and what they may be combined with
    ("products", ["sku:str!?"], (), "!?", "at most ? then !"),
    ("products", ["sku:str??"], (), "??", "at most ? then !"),
    ("products", ["sku:str?x"], (), "?x", "only ?, ! and =VALUE"),
    ("products", ["sku:str!=abc"], (), "=abc", "unique field"),
    ("products", ["active:bool!"], (), "!", "only a few rows"),
    ("products", ["status:enum[a,b]!"], (), "!", "only a few rows"),
    ("products", ["owner:ref[users]=1"], (), "=1", "a ref has no default"),
    # syntax
    ("products", ["name"], (), "name", "missing ':TYPE'"),
    ("products", [":str"], (), ":str", "name before ':' is missing"),
    ("products", ["status:enum[a,b"], (), "[a,b", "unbalanced"),
    ("products", ["status:enum[a,[b]]"], (), "[a,[b]]", "unbalanced"),
    ("products", ["status:enum[a,b]]"], (), "]", "unexpected"),
    ("products", ["name:str sku:str"], (), " sku:str", "its own argument"),
    # field names
    ("products", ["name:str", "name:text"], (), "name", "already taken by \"name:str\""),
    ("products", ["owner:ref[users]", "owner_id:int"], (), "owner_id", "already taken"),
    ("products", ["id:int"], (), "id", "primary key"),
    ("products", ["class:str"], (), "class", "Python keyword"),
    ("products", ["created_at:datetime"], (), "created_at", "server sets"),
    ("products", ["2fast:int"], (), "2fast", "snake_case"),
    ("products", ["Name:str"], (), "Name", "snake_case"),
    ("products", ["_secret:str"], (), "_secret", "snake_case"),
    ("products", ["unit__price:int"], (), "unit__price", "snake_case"),
    ("products", ["é:str"], (), "é", "snake_case"),
    ("products", ["x" * 31 + ":int"], (), "x" * 31, "at most 30"),
    ("products", ["order:int"], (), "order", "SQL keyword"),
    ("products", ["json:str"], (), "json", "pydantic"),
    ("products", ["model_number:str"], (), "model_number", "pydantic"),
    ("products", ["date:date"], (), "date", "hide the type date"),
    ("products", ["to_dict:str"], (), "to_dict", "JSON-ready"),
    # references
    ("products", ["owner:ref[customers]"], (), "customers", "no resource"),
    ("products", ["owner:ref"], (), "owner:ref", "needs the resource"),
    ("products", ["owner_id:ref[users]"], (), "owner_id:ref[users]", "owner:ref[users]"),
    ("categories", ["parent:ref[categories]"], (), "parent:ref[categories]", "must be nullable"),
    ("reviews", ["product:ref[products]"], (), "products", "generate it first"),
    # resource names
    ("products", [], (), "products", "no fields"),
    ("products", ["x:int"] * 31, (), "products", "the limit is 30"),
    ("Products", ["name:str"], (), "Products", "plural snake_case"),
    ("order-items", ["name:str"], (), "order-items", "plural snake_case"),
    ("p" * 30 + "s", ["name:str"], (), "p" * 30 + "s", "at most 30"),
    ("product", ["name:str"], (), "product", "e.g. products"),
    ("category", ["name:str"], (), "category", "e.g. categories"),
    ("status", ["name:str"], (), "status", "e.g. statuses"),
    ("users", ["name:str"], (), "users", "kit's own users"),
    ("orders", ["name:str"], (), "orders", "kit's own orders"),
    ("health", ["name:str"], (), "health", "health check"),
    ("problems", ["name:str"], (), "problems", "course's problems"),
    ("types", ["name:str"], (), "types", "standard-library module"),
    ("collections", ["name:str"], (), "collections", "standard-library module"),
    ("hypothesis", ["name:str"], (), "hypothesis", "hypothesis package the kit installs"),
    ("values", ["name:str"], (), "values", "reserved by SQLite"),
    ("sqlite_stats", ["name:str"], (), "sqlite_stats", "reserved by SQLite"),
    ("products", ["name:str"], ("products",), "products", "already exists"),
    ("sessions", ["name:str"], (), "sessions", "class Session"),
    ("classes", ["name:str"], (), "class", "cannot name a variable"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "args", "existing", "part", "reason"),
    BAD_SPECS,
    ids=[f"{spec[0]} {' '.join(spec[1])[:40]}" for spec in BAD_SPECS],
)
def test_bad_specs_are_refused_quoting_the_bad_part(
    name: str, args: list[str], existing: tuple[str, ...], part: str, reason: str
) -> None:
    with pytest.raises(SpecError) as refused:
        parse(name, args, existing)
    error = refused.value
    assert error.part == part
    assert f'"{part}"' in error.headline
    assert reason in error.headline
    assert "\n" not in error.headline
    assert str(error) == f"{error.headline}\n\n{GRAMMAR_HELP}"


@pytest.mark.parametrize(
    ("singular", "part", "reason"),
    [
        ("Staff", "Staff", "snake_case"),
        ("staff", "staff", "same as the resource name"),
        ("class", "class", "cannot name a variable"),
        ("session", "staff", "class Session"),
    ],
)
def test_bad_explicit_singulars_are_refused(singular: str, part: str, reason: str) -> None:
    with pytest.raises(SpecError) as refused:
        parse("staff", ["name:str"], singular=singular)
    assert f'"{part}"' in refused.value.headline
    assert reason in refused.value.headline


def test_every_reserved_names_category_is_refused_even_a_new_one() -> None:
    """reserved-names.yml is read, not copied: a category added there is refused too."""
    assert {"keywords", "stdlib", "installed"} <= set(RESERVED)
    assert {"json", "types", "asyncio"} <= RESERVED["stdlib"]
    with pytest.raises(
        SpecError, match=r'"widgets" is reserved \("brands" in reserved-names.yml\)'
    ):
        parse_resource("widgets", ["name:str"], reserved={"brands": {"widgets"}})
    assert parse_resource("widgets", ["name:str"], reserved={}).class_name == "Widget"


def test_grammar_help_names_every_type_and_fits_a_terminal() -> None:
    assert all(len(line) <= 100 for line in GRAMMAR_HELP.splitlines())
    for kind in FieldType:
        assert kind.value in GRAMMAR_HELP
    example = GRAMMAR_HELP.split("Example: scaffold resource ")[1].splitlines()[0].split()
    assert parse(example[0], [arg.strip("'") for arg in example[1:]]).class_name == "Product"


# --- the name lists are true to SQLite and pydantic -------------------------------------------

# https://www.sqlite.org/lang_keywords.html
# fmt: off
SQLITE_KEYWORDS = frozenset({
    "abort", "action", "add", "after", "all", "alter", "always", "analyze", "and", "as", "asc",
    "attach", "autoincrement", "before", "begin", "between", "by", "cascade", "case", "cast",
    "check", "collate", "column", "commit", "conflict", "constraint", "create", "cross", "current",
    "current_date", "current_time", "current_timestamp", "database", "default", "deferrable",
    "deferred", "delete", "desc", "detach", "distinct", "do", "drop", "each", "else", "end",
    "escape", "except", "exclude", "exclusive", "exists", "explain", "fail", "filter", "first",
    "following", "for", "foreign", "from", "full", "generated", "glob", "group", "groups", "having",
    "if", "ignore", "immediate", "in", "index", "indexed", "initially", "inner", "insert",
    "instead", "intersect", "into", "is", "isnull", "join", "key", "last", "left", "like", "limit",
    "match", "materialized", "natural", "no", "not", "nothing", "notnull", "null", "nulls", "of",
    "offset", "on", "or", "order", "others", "outer", "over", "partition", "plan", "pragma",
    "preceding", "primary", "query", "raise", "range", "recursive", "references", "regexp",
    "reindex", "release", "rename", "replace", "restrict", "returning", "right", "rollback", "row",
    "rows", "savepoint", "select", "set", "table", "temp", "temporary", "then", "ties", "to",
    "transaction", "trigger", "unbounded", "union", "unique", "update", "using", "vacuum", "values",
    "view", "virtual", "when", "where", "window", "with", "without",
})
# fmt: on


def _works_unquoted(word: str) -> bool:
    """Whether ``word`` works as an unquoted table and column name in the SQL a resource runs."""
    statements = f"""
        CREATE TABLE IF NOT EXISTS {word} (id INTEGER PRIMARY KEY, name TEXT);
        CREATE INDEX IF NOT EXISTS {word}_name ON {word} (name);
        INSERT INTO {word} (id, name) VALUES (1, 'a');
        UPDATE {word} SET name = 'b' WHERE id = 1;
        SELECT id, name FROM {word} WHERE id = 1 ORDER BY id LIMIT 1 OFFSET 0;
        CREATE TABLE t (id INTEGER PRIMARY KEY,
            {word} TEXT NOT NULL CHECK ({word} IS NULL OR length({word}) BETWEEN 1 AND 5),
            {word}_id INTEGER REFERENCES {word} (id));
        CREATE UNIQUE INDEX t_{word}_unique ON t ({word}) WHERE {word} IS NOT NULL;
        INSERT INTO t (id, {word}, {word}_id) VALUES (1, 'a', 1);
        UPDATE t SET {word} = 'b' WHERE {word} = 'a';
        SELECT id, {word} FROM t WHERE {word} IS NOT NULL AND {word}_id = 1 ORDER BY id;
        DELETE FROM t WHERE id = 1;
    """
    try:
        sqlite3.connect(":memory:").executescript(statements)
    except sqlite3.Error:
        return False
    return True


def test_sql_reserved_words_are_exactly_the_keywords_that_break_unquoted() -> None:
    assert _works_unquoted("products")  # the probe itself is sound
    breaking = {word for word in SQLITE_KEYWORDS if not _works_unquoted(word)}
    assert breaking == SQL_RESERVED_WORDS, sqlite3.sqlite_version


def test_pydantic_attributes_are_all_that_basemodel_has() -> None:
    pydantic = pytest.importorskip("pydantic")  # installed with copier
    public = {name for name in dir(pydantic.BaseModel) if not name.startswith(("_", "model_"))}
    assert public == PYDANTIC_ATTRIBUTES


def test_the_generators_limits_are_the_kits_field_types() -> None:
    """The SQL CHECKs and the help text use spec.py's copies of the kit's limits and patterns;
    generated validation uses the kit's own (core/field_types.py). They must not drift."""
    from test_bootcamp import import_from_template

    from scaffold import spec

    field_types = import_from_template("core.field_types")
    assert spec.STR_MAX_LENGTH == field_types.SINGLE_LINE_MAX_LENGTH
    assert spec.TEXT_MAX_LENGTH == field_types.MULTI_LINE_MAX_LENGTH
    samples = ["0", "-1", "19.99", "1.", ".5", "1e3", "+1", "2026-12-02", "2026-1-2", ""]
    for ours, theirs in (
        (spec._DECIMAL_TEXT, field_types.DECIMAL_TEXT),
        (spec._DATE_TEXT, field_types.DATE_TEXT),
    ):
        assert [bool(ours.fullmatch(s)) for s in samples] == [
            bool(theirs.fullmatch(s)) for s in samples
        ], (ours.pattern, theirs.pattern)
