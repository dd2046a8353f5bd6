"""What both hosts accept as a request body, in one place so they cannot drift apart.

A body must be declared as JSON and be at most ``MAX_BODY_BYTES`` long (413 otherwise). A body
that is not valid JSON, or is JSON but not an object, is a malformed request (400): the client
sent something no field-level validation can explain. So is JSON nested deeper than
``MAX_JSON_DEPTH``: Python's parser recurses, and how deep it gets before ``RecursionError``
depends on the Python version, so both hosts measure the depth first, the same way. A JSON
object goes to the validators, which answer field problems with 422.
"""

import json
import re
from typing import Any, Final

from .errors import BadRequestError
from .text_rules import LONE_SURROGATE

MAX_BODY_BYTES: Final = 64 * 1024
"""64 KiB: far more than any user or order needs, small enough that no client can make the
server read and decode megabytes."""

NOT_JSON_CONTENT_TYPE_MESSAGE: Final = (
    "Send the body as JSON, with the header Content-Type: application/json."
)
MAX_JSON_DEPTH: Final = 64
"""Levels of nested arrays and objects a body may have; the API's own bodies need three."""
INVALID_JSON_MESSAGE: Final = (
    f"The request body is not valid JSON (or is nested more than {MAX_JSON_DEPTH} levels deep)."
)
NOT_AN_OBJECT_MESSAGE: Final = "The request body must be a JSON object."


# A JSON string (skipped whole, escapes included) or one bracket: what depth is made of.
_STRINGS_AND_BRACKETS: Final = re.compile(rb'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def is_json_content_type(content_type: str | None) -> bool:
    """``application/json`` or ``application/<something>+json``, parameters ignored."""
    media_type = (content_type or "").split(";", 1)[0].strip().lower()
    return media_type == "application/json" or (
        media_type.startswith("application/") and media_type.endswith("+json")
    )


def too_deep(raw: bytes, limit: int = MAX_JSON_DEPTH) -> bool:
    """True if ``raw`` nests arrays and objects more than ``limit`` levels, strings aside.

    Counted without parsing (a regular expression skips strings), so it cannot recurse.
    """
    depth = 0
    for token in _STRINGS_AND_BRACKETS.finditer(raw):
        bracket = token.group()
        if bracket in (b"[", b"{"):
            depth += 1
            if depth > limit:
                return True
        elif bracket in (b"]", b"}"):
            depth -= 1
    return False


def has_lone_surrogate(value: object) -> bool:
    """True if a string anywhere in ``value`` (keys included) holds half a UTF-16 pair.

    JSON can spell one (``"\\ud800"``) but it is not a character: it cannot be stored as UTF-8,
    so a body carrying one is treated as invalid JSON, by both hosts. The walk uses a list of
    pending values, not recursion: a body may nest deeper than Python's recursion limit.
    """
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            if LONE_SURROGATE.search(item):
                return True
        elif isinstance(item, dict):
            pending.extend(item)
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return False


def decode_json_object(raw: bytes) -> dict[str, Any]:
    """The body as a JSON object, or ``BadRequestError`` (400) saying what is wrong with it."""
    if not raw:
        raise BadRequestError(NOT_AN_OBJECT_MESSAGE)
    if too_deep(raw):
        raise BadRequestError(INVALID_JSON_MESSAGE)
    try:
        value = json.loads(raw)
    except (ValueError, RecursionError) as exc:  # ValueError: bad JSON or bytes not UTF-8
        raise BadRequestError(INVALID_JSON_MESSAGE) from exc
    if has_lone_surrogate(value):
        raise BadRequestError(INVALID_JSON_MESSAGE)
    if not isinstance(value, dict):
        raise BadRequestError(NOT_AN_OBJECT_MESSAGE)
    return value
