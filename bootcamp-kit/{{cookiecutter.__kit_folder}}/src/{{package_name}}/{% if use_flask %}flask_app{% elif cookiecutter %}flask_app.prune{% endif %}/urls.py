"""How the Flask host reads URLs: ids, slashes and methods, as the FastAPI host does.

- ``<id:...>``: a path id is 1 to 19 ASCII digits (``core.validation.PATH_ID_PATTERN``).
  Flask's own ``<int:...>`` also takes other scripts' digits (``/users/%D9%A1``, an
  Arabic-Indic one, found user 1) and
  any number of digits; FastAPI takes neither, so both hosts use the same rule.
- No merging of slashes: ``//users`` names nothing (404), instead of a redirect to ``/users``.
- No automatic ``OPTIONS`` answer: the API serves no browser preflights (no CORS), so
  ``OPTIONS`` is a wrong method (405) on both hosts. ``HEAD`` stays: it is ``GET`` without the
  body, which HTTP asks every server to support.
"""

from __future__ import annotations

from flask import Flask
from werkzeug.routing import BaseConverter

from ..core.validation import PATH_ID_PATTERN


class IdConverter(BaseConverter):
    """``<id:user_id>``: an id of ASCII digits, passed to the view as an ``int``."""

    regex = PATH_ID_PATTERN

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


def init_app(app: Flask) -> None:
    """Apply the URL rules above; call it before registering any blueprint."""
    app.url_map.converters["id"] = IdConverter
    app.url_map.merge_slashes = False
    app.config["PROVIDE_AUTOMATIC_OPTIONS"] = False
