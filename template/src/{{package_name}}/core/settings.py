"""Configuration read from the environment once, into a frozen value passed to whoever needs it.

Reading ``os.environ`` all over the code makes behaviour depend on hidden global state and
makes tests mutate the process environment. Here the environment is read in one place,
``Settings.from_env()``, which also accepts an explicit mapping so tests never touch
``os.environ``. The result is immutable: no request can change another request's settings.

Variables:

- ``DATABASE_PATH``: the SQLite file (default ``var/app.sqlite3``, relative to the current
  directory; its folder is created when the schema is).
- ``API_TOKEN``: the token clients send in the ``X-Token`` header. When it is unset (or empty),
  the well-known development default ``DEV_API_TOKEN`` is used and
  ``api_token_is_dev_default`` is true, so a host can warn loudly. Never deploy with it.
- ``DATABASE_SYNCHRONOUS``: ``normal`` (default) or ``full``, how hard each SQLite commit waits
  for the disk. With WAL journaling ``normal`` cannot corrupt the database and a crash of the
  application loses nothing; only a power loss (or an OS crash) can lose the last commits.
  ``full`` flushes the disk on every commit, which makes writes many times slower.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from .sqlite_pool import SYNCHRONOUS_MODES
from .validation import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE

DEFAULT_DATABASE_PATH: Final = "var/app.sqlite3"
DEFAULT_SYNCHRONOUS: Final = "normal"
# DEVELOPMENT ONLY. Anyone who has read this file knows it: set API_TOKEN in any real deployment.
DEV_API_TOKEN: Final = "dev-token-change-me"


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything the kit can be configured with; build it with ``Settings.from_env()``.

    The page sizes are part of the API contract (see ``validation.PageParams``), not
    configurable; they are repeated here so that hosts and docs read them from one place.
    """

    database_path: str = DEFAULT_DATABASE_PATH
    api_token: str = DEV_API_TOKEN
    database_synchronous: str = DEFAULT_SYNCHRONOUS
    default_page_size: int = DEFAULT_PAGE_SIZE
    max_page_size: int = MAX_PAGE_SIZE

    @property
    def api_token_is_dev_default(self) -> bool:
        """True when the API is protected by the publicly known development token."""
        return self.api_token == DEV_API_TOKEN

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read the settings from ``environ`` (default: ``os.environ``); unset means default.

        An empty or blank value counts as unset, which is what ``API_TOKEN=`` in a ``.env``
        file or a compose file usually means. A value that is not allowed raises
        ``ValueError`` naming the variable, so a typo stops the server at start-up.
        """
        source = os.environ if environ is None else environ
        database_path = source.get("DATABASE_PATH", "").strip() or DEFAULT_DATABASE_PATH
        api_token = source.get("API_TOKEN", "").strip() or DEV_API_TOKEN
        synchronous = source.get("DATABASE_SYNCHRONOUS", "").strip().lower() or DEFAULT_SYNCHRONOUS
        if synchronous not in SYNCHRONOUS_MODES:
            raise ValueError(
                f"DATABASE_SYNCHRONOUS={synchronous!r} is not allowed: use "
                + " or ".join(SYNCHRONOUS_MODES)
                + f" (default {DEFAULT_SYNCHRONOUS})."
            )
        return cls(
            database_path=database_path, api_token=api_token, database_synchronous=synchronous
        )
