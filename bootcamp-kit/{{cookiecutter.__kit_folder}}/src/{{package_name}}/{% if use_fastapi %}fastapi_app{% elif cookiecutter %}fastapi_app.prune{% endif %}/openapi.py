"""The OpenAPI document as FastAPI builds it, with integer bounds kept as integers.

Clients and fuzzers generate requests from this document, so its numbers must be exact. FastAPI
checks the document against its own pydantic models of OpenAPI, which hold ``minimum``,
``maximum`` and their exclusive forms as floats: an amount's maximum of 10**12 comes out as
``1000000000000.0``. ``exact_integer_bounds`` turns the bounds of every integer schema back
into integers. That is exact because the core writes its one bound past 2**53 as a power of
two (``lt=2**63``, see ``core.validation.PositiveId``), which a float holds exactly; the kit's
OpenAPI test compares the published bounds with pydantic's own schema of the core's models.
"""

from __future__ import annotations

from typing import Any, Final

from fastapi import FastAPI

BOUND_KEYS: Final = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf")


def exact_integer_bounds(node: Any) -> None:
    """Make the bounds of every ``{"type": "integer"}`` schema in ``node`` integers, in place."""
    if isinstance(node, list):
        for item in node:
            exact_integer_bounds(item)
    elif isinstance(node, dict):
        if node.get("type") == "integer":
            for key in BOUND_KEYS:
                value = node.get(key)
                if isinstance(value, float) and value.is_integer():
                    node[key] = int(value)
        for value in node.values():
            exact_integer_bounds(value)


def use_exact_openapi(app: FastAPI) -> None:
    """Make ``app.openapi()`` (what ``/openapi.json`` serves) the corrected document.

    Replacing ``app.openapi`` is FastAPI's documented way to change the document; FastAPI
    builds it once and keeps it in ``app.openapi_schema``, and so does this.
    """
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = build()
            exact_integer_bounds(document)
            app.openapi_schema = document
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
