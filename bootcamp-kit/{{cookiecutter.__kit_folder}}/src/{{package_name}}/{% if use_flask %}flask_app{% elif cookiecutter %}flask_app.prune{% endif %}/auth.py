"""``@require_token``: the Flask way to say "this view needs the API token" (all but /health).

A decorator wraps the view in a function that checks the ``X-Token`` header first and only
then calls the view. ``functools.wraps`` copies the view's name and docstring onto the
wrapper: Flask names endpoints after the function, so without it every decorated view would
be called ``wrapper`` and registering a second one would fail.

The check itself is the core's (``check_token``, a constant-time comparison); the decorator
only knows where Flask keeps the header and the settings. ``UnauthorizedError`` is left to
propagate: ``errors`` turns it into the 401 envelope like any other core error.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from flask import request
from flask.typing import ResponseReturnValue

from ..core.auth import TOKEN_HEADER, check_token
from .lifecycle import get_settings

# Any view: it takes the URL's values as arguments and returns what Flask can turn into a response.
ViewFunction = Callable[..., ResponseReturnValue]


def require_token(view: ViewFunction) -> ViewFunction:
    """Run ``view`` only for a request that carries the configured API token."""

    @functools.wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> ResponseReturnValue:
        check_token(request.headers.getlist(TOKEN_HEADER), get_settings())
        return view(*args, **kwargs)

    return wrapper
