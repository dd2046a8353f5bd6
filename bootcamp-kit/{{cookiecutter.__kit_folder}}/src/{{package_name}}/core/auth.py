"""API token check, shared by both hosts: the client sends ``X-Token: <token>``.

The comparison uses ``hmac.compare_digest``, whose running time does not depend on where the
two values first differ. A plain ``==`` stops at the first wrong character, and an attacker who
can time many requests can recover the token one character at a time.

The failures get different public messages ("missing" tells a client how to fix its request)
but none repeats the token that was sent. A header sent twice is refused outright: which copy
counts differs between frameworks (and servers join repeats with commas), so accepting one
would let a request pass on one host and fail on the other.
"""

from __future__ import annotations

import hmac
from collections.abc import Sequence
from typing import Final

from .errors import UnauthorizedError
from .settings import Settings

TOKEN_HEADER: Final = "X-Token"
MISSING_TOKEN_MESSAGE: Final = f"Missing API token: send it in the {TOKEN_HEADER} header."
INVALID_TOKEN_MESSAGE: Final = "Invalid API token."
AMBIGUOUS_TOKEN_MESSAGE: Final = f"Send the {TOKEN_HEADER} header once, with one token."


def token_matches(provided: str, expected: str) -> bool:
    """Compare two tokens in constant time (as UTF-8 bytes, so any characters are allowed)."""
    return hmac.compare_digest(provided.encode("utf-8"), expected.encode("utf-8"))


def check_token(provided: Sequence[str] | str | None, settings: Settings) -> None:
    """Raise ``UnauthorizedError`` unless the request carries exactly the configured token.

    ``provided`` is every value of the header (``request.headers.getlist(TOKEN_HEADER)``), or
    a single value, or ``None`` when the header is absent.
    """
    values = [provided] if isinstance(provided, str) else list(provided or [])
    values = [value for value in values if value]
    if not values:
        raise UnauthorizedError(MISSING_TOKEN_MESSAGE)
    if len(values) > 1 or "," in values[0]:
        raise UnauthorizedError(AMBIGUOUS_TOKEN_MESSAGE)
    if not token_matches(values[0], settings.api_token):
        raise UnauthorizedError(INVALID_TOKEN_MESSAGE)
