"""Configuration read from the environment once, into a frozen value passed to whoever needs it.

Reading ``os.environ`` all over the code makes behaviour depend on hidden global state and
makes tests mutate the process environment. Here the environment is read in one place,
``Settings.from_env()``, which also accepts an explicit mapping so tests never touch
``os.environ``. The result is immutable: no request can change another request's settings.

Variables:

- ``APP_ENV``: ``production`` (the default) or ``development``. Secure by default: a
  production server refuses to start without a real ``API_TOKEN`` and hides the interactive
  docs; development accepts the public development token (with a loud warning) and shows them.
- ``DATABASE_PATH``: the SQLite file (default ``var/app.sqlite3``, relative to the current
  directory; its folder is created when the schema is).
- ``API_TOKEN``: the token clients send in the ``X-Token`` header, for every endpoint but
  ``/health``. Unset (or blank) means the well-known ``DEV_API_TOKEN``, allowed in development
  only. It may not contain spaces or commas (a comma is how two header values get joined).
- ``DATABASE_SYNCHRONOUS``: ``normal`` (default) or ``full``, how hard each SQLite commit waits
  for the disk. With WAL journaling ``normal`` cannot corrupt the database and a crash of the
  application loses nothing; only a power loss (or an OS crash) can lose the last commits.
  ``full`` flushes the disk on every commit, which makes writes many times slower.

A value that is not allowed raises ``ValueError`` naming the variable, so a typo stops the
server at start-up instead of surfacing as odd behaviour later.
"""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from .sqlite_pool import SYNCHRONOUS_MODES
from .validation import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE

logger = logging.getLogger(__name__)

DEFAULT_DATABASE_PATH: Final = "var/app.sqlite3"
DEFAULT_SYNCHRONOUS: Final = "normal"
ENVIRONMENTS: Final = ("production", "development")
# DEVELOPMENT ONLY. Anyone who has read this file knows it: set API_TOKEN in any real deployment.
DEV_API_TOKEN: Final = "dev-token-change-me"


class ConfigurationError(RuntimeError):
    """The settings are not safe to serve with; the message says what to set."""


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything the kit can be configured with; build it with ``Settings.from_env()``.

    The page sizes are part of the API contract (see ``validation.PageParams``), not
    configurable; they are repeated here so that hosts and docs read them from one place.
    """

    database_path: str = DEFAULT_DATABASE_PATH
    api_token: str = DEV_API_TOKEN
    database_synchronous: str = DEFAULT_SYNCHRONOUS
    environment: str = "production"
    default_page_size: int = DEFAULT_PAGE_SIZE
    max_page_size: int = MAX_PAGE_SIZE

    @property
    def api_token_is_dev_default(self) -> bool:
        """True when the API is protected by the publicly known development token."""
        return self.api_token == DEV_API_TOKEN

    @property
    def development(self) -> bool:
        """True for ``APP_ENV=development``: the dev token is allowed and the docs are shown."""
        return self.environment == "development"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read the settings from ``environ`` (default: ``os.environ``); unset means default.

        An empty or blank value counts as unset, which is what ``API_TOKEN=`` in a ``.env``
        file or a compose file usually means.
        """
        source = os.environ if environ is None else environ

        def read(name: str, default: str, allowed: tuple[str, ...] = ()) -> str:
            value = source.get(name, "").strip()
            value = value.lower() if allowed else value
            if allowed and value and value not in allowed:
                raise ValueError(
                    f"{name}={value!r} is not allowed: use {' or '.join(allowed)} "
                    f"(default {default})."
                )
            return value or default

        api_token = read("API_TOKEN", DEV_API_TOKEN)
        if any(char.isspace() or char == "," for char in api_token):
            raise ValueError("API_TOKEN must not contain spaces or commas: pick another token.")
        return cls(
            database_path=read("DATABASE_PATH", DEFAULT_DATABASE_PATH),
            api_token=api_token,
            database_synchronous=read(
                "DATABASE_SYNCHRONOUS", DEFAULT_SYNCHRONOUS, SYNCHRONOUS_MODES
            ),
            environment=read("APP_ENV", "production", ENVIRONMENTS),
        )


def ensure_safe_to_serve(settings: Settings) -> None:
    """Refuse to serve in production without a real token; warn loudly, once, in development.

    Hosts call it when they start: waitress never starts serving, uvicorn's lifespan fails, and
    the message says exactly what to set.
    """
    if not settings.api_token_is_dev_default:
        return
    if not settings.development:
        raise ConfigurationError(
            "API_TOKEN is not set: a production server will not accept the public development "
            "token. Set API_TOKEN to a secret, or APP_ENV=development on your own machine."
        )
    _warn_dev_token_once()


@functools.cache
def _warn_dev_token_once() -> None:
    logger.warning(
        "DEVELOPMENT MODE: API_TOKEN is not set, so every endpoint accepts the public token "
        "%r. Never run like this where anyone else can reach the server.",
        DEV_API_TOKEN,
    )
