"""Resources added to this kit with ``scaffold resource NAME FIELD:TYPE ...``, one package each.

Nothing here needs editing when a resource is added: the SQLite backend creates each
resource's table (``discover()``), and each host registers the routes of every resource that
has routes for it (``host_routes``). So the generator only ever *adds* files, in its own
folders, and ``copier update`` never meets a file it changed. ``scaffold destroy NAME``
removes a resource again.

A resource package holds ``RESOURCE`` (below) in its ``__init__.py``, then ``model``,
``validation``, ``storage``, ``services`` and, for each host the kit had when it was made,
``flask_routes`` and/or ``fastapi_routes``.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
from dataclasses import dataclass
from importlib.util import find_spec
from types import ModuleType


@dataclass(frozen=True, slots=True)
class Resource:
    """What the rest of the kit needs to know about one generated resource."""

    name: str
    """Plural snake_case: the table, the URL prefix (``/products``) and the package."""
    package: str
    """The resource's package, e.g. ``<package>.resources.products``."""
    schema: str
    """Its ``CREATE TABLE`` and ``CREATE INDEX`` statements, run after the kit's own."""
    references: tuple[tuple[str, str], ...] = ()
    """``(column, resource)`` for each field that points at another table's rows."""


@functools.cache
def discover() -> tuple[Resource, ...]:
    """Every resource of this kit, in name order (each package's ``RESOURCE``).

    Cached: the set of resources is fixed for the life of the process.
    """
    found = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda module: module.name):
        if info.ispkg:
            found.append(importlib.import_module(f"{__name__}.{info.name}").RESOURCE)
    return tuple(found)


def referencing(name: str) -> list[tuple[Resource, str]]:
    """The resources (and their columns) whose rows can point at a row of ``name``."""
    return [
        (resource, column)
        for resource in discover()
        for column, target in resource.references
        if target == name
    ]


def host_routes(host: str) -> list[ModuleType]:
    """The ``<host>_routes`` module of every resource that has one (``flask`` or ``fastapi``).

    A resource made before a host was added to the kit has no routes for it until it is
    generated again (``scaffold resource NAME --refresh``).
    """
    modules = []
    for resource in discover():
        module_name = f"{resource.package}.{host}_routes"
        if find_spec(module_name) is not None:
            modules.append(importlib.import_module(module_name))
    return modules


def first_reference(session: object, name: str, record_id: int) -> str | None:
    """The name of a resource that still has a row pointing at row ``record_id`` of ``name``.

    A delete is refused while one exists (409), on both storage backends: SQLite's foreign key
    would refuse it too, but only the resources know which of them is in the way.
    """
    for resource, column in referencing(name):
        storage = importlib.import_module(f"{resource.package}.storage")
        if storage.repository(session).points_at(column, record_id):
            return resource.name
    return None
