"""FastAPI dependencies: what a route needs, declared in its signature.

- ``SettingsDep`` and ``DatabaseDep``: the objects the lifespan stored on ``app.state``.
- ``require_token``: the API token check, a dependency of the users and orders routers (every
  endpoint but ``/health``). ``Security(APIKeyHeader(...))`` tells OpenAPI about the header, so
  ``/docs`` gets an "Authorize" button; the check itself is the core's ``check_token``, given
  *every* copy of the header, because a header sent twice is refused.
- ``PageDep``: ``?limit=&offset=`` validated by the core's own ``PageParams`` model, after the
  core has refused a key given twice (FastAPI alone would silently take the last one);
  ``query_model(Model)`` does the same for any query model (generated resources' filters).

These are ``async def`` on purpose: they only read attributes and compare a string, and a
sync dependency would be sent to the thread pool for that.

The database session is not a dependency at all: ``units`` says why.
"""

# No `from __future__ import annotations` here: `query_model` builds a dependency whose
# parameter annotation names a local variable, which FastAPI must evaluate when it reads it.
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Query, Request, Security
from fastapi.security import APIKeyHeader

from ..core.auth import TOKEN_HEADER, check_token
from ..core.db import Database
from ..core.settings import Settings
from ..core.validation import PageParams, QueryModel, refuse_repeated_keys

api_token_header = APIKeyHeader(
    name=TOKEN_HEADER,
    auto_error=False,  # a missing header reaches check_token, which words the 401 itself
    description="The API token; every endpoint but /health needs it.",
)


async def get_settings(request: Request) -> Settings:
    """The settings the lifespan stored for this application."""
    settings: Settings = request.app.state.settings
    return settings


async def get_database(request: Request) -> Database:
    """The database the lifespan stored for this application."""
    database: Database = request.app.state.database
    return database


SettingsDep = Annotated[Settings, Depends(get_settings)]
DatabaseDep = Annotated[Database, Depends(get_database)]


Model = TypeVar("Model", bound=QueryModel)


def query_model(model: type[Model]) -> Any:
    """``Depends`` reading ``model`` from the query string, after refusing a key given twice.

    The repeat check is a sub-dependency: FastAPI runs those before it reads the endpoint's
    own parameters, so ``?limit=1&limit=abc`` is a "repeated" error, as in Flask, rather
    than whatever FastAPI makes of the last value.
    """

    async def single_keys(request: Request) -> None:
        refuse_repeated_keys(request.query_params, model.model_fields)

    async def read(
        _: Annotated[None, Depends(single_keys)], params: Annotated[model, Query()]
    ) -> Model:
        return params

    return Depends(read)


PageDep = Annotated[PageParams, query_model(PageParams)]


async def require_token(
    request: Request,
    settings: SettingsDep,
    _: Annotated[str | None, Security(api_token_header)],
) -> None:
    """Raise the core's ``UnauthorizedError`` (401) unless the ``X-Token`` header is right.

    The ``Security`` parameter only documents the header; the check reads every copy of it.
    """
    check_token(request.headers.getlist(TOKEN_HEADER), settings)
