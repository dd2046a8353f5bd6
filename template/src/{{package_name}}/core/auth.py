"""API token check, shared by both hosts: the client sends ``X-Token: <token>``.

The comparison uses ``hmac.compare_digest``, whose running time does not depend on where the
two values first differ. A plain ``==`` stops at the first wrong character, and an attacker who
can time many requests can recover the token one character at a time.

The two failures get different public messages ("missing" tells a client how to fix its
request) but neither repeats the token that was sent.
"""

from __future__ import annotations

import hmac
from typing import Final

from .errors import UnauthorizedError
from .settings import Settings

TOKEN_HEADER: Final = "X-Token"
MISSING_TOKEN_MESSAGE: Final = f"Missing API token: send it in the {TOKEN_HEADER} header."
INVALID_TOKEN_MESSAGE: Final = "Invalid API token."


def token_matches(provided: str, expected: str) -> bool:
    """Compare two tokens in constant time (as UTF-8 bytes, so any characters are allowed)."""
    return hmac.compare_digest(provided.encode("utf-8"), expected.encode("utf-8"))


def check_token(provided: str | None, settings: Settings) -> None:
    """Raise ``UnauthorizedError`` unless ``provided`` is the configured ``API_TOKEN``.

    ``provided`` is the raw header value, ``None`` (or empty) when the header is absent.
    """
    if not provided:
        raise UnauthorizedError(MISSING_TOKEN_MESSAGE)
    if not token_matches(provided, settings.api_token):
        raise UnauthorizedError(INVALID_TOKEN_MESSAGE)
