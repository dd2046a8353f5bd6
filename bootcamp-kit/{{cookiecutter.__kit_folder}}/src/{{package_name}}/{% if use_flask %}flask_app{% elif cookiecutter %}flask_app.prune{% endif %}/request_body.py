"""Reading a JSON object from the request body, with the same rules as the FastAPI host.

The contract (both hosts, see ``tests/http``):

- the body must be declared as JSON (``Content-Type: application/json`` or ``application/*+json``)
  and be at most ``MAX_BODY_BYTES`` long (413 ``payload_too_large`` otherwise);
- a body that is not valid JSON, or is JSON but not an object (a list, a string, ``null``,
  nothing at all), is ``400 bad_request``: the request itself is malformed;
- a JSON object is handed to the core, whose validation answers field problems with
  ``422 validation_error``.

Flask's ``request.get_json()`` is not used on purpose: it answers a wrong content type with
415 and bad JSON with an HTML 400 page, while the contract wants the JSON envelope and the
same statuses as FastAPI. Reading the bytes and decoding them here keeps every rule visible.
"""

from __future__ import annotations

from typing import Any

from flask import request

from ..core.body_rules import (
    MAX_BODY_BYTES,
    NOT_JSON_CONTENT_TYPE_MESSAGE,
    decode_json_object,
    is_json_content_type,
)
from ..core.errors import BadRequestError, PayloadTooLargeError


def read_json_object() -> dict[str, Any]:
    """The request body decoded as a JSON object, or ``BadRequestError`` (400).

    A body over ``MAX_BODY_BYTES`` is ``PayloadTooLargeError`` (413). A declared
    ``Content-Length`` is checked before anything is read (``lifecycle.start_request``). A
    chunked body has no length to check: werkzeug stops reading it at ``MAX_CONTENT_LENGTH``
    *without* an error, so the app sets that to one byte more than the limit, and a body of
    that many bytes is known to be too large instead of being silently cut short.
    """
    if not is_json_content_type(request.content_type):
        raise BadRequestError(NOT_JSON_CONTENT_TYPE_MESSAGE)
    raw = request.get_data(cache=False)
    if len(raw) > MAX_BODY_BYTES:
        raise PayloadTooLargeError()
    return decode_json_object(raw)
