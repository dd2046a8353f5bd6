# Wrong answer for P19: the session is opened on the loop's thread and used from worker threads.
# Rejected with: a session was opened on the event loop's thread
"""P19 wrong answer: only the queries go to threads; the sqlite3 connection belongs to another."""

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ...core.db import Database, session_scope
from ...core.models import User, UserSummary
from ...core.services import get_user, user_summary

SyncEnricher = Callable[[User, UserSummary], str]
"""A blocking call to the loyalty service: the user's tier, e.g. ``"gold"``."""
AsyncEnricher = Callable[[User, UserSummary], Awaitable[str]]
"""The same call made with an async HTTP client."""


@dataclass(frozen=True, slots=True)
class UserReport:
    """What ``GET /users/{id}/report`` returns: the user, their spending and their tier."""

    user: User
    summary: UserSummary
    tier: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready fields."""
        return {"user": self.user.to_dict(), "summary": self.summary.to_dict(), "tier": self.tier}


def load_user_data(database: Database, user_id: int) -> tuple[User, UserSummary]:
    """Read a user and their summary in one read-only unit of work (blocking database I/O).

    The session is opened and closed here, in whichever thread runs this function.
    ``NotFoundError`` if the user does not exist.
    """
    with session_scope(database, read_only=True) as session:
        return get_user(session, user_id), user_summary(session, user_id)


def build_user_report(database: Database, user_id: int, enrich: SyncEnricher) -> UserReport:
    """The sync version (Flask host): read from the database, then call the loyalty service."""
    user, summary = load_user_data(database, user_id)
    return UserReport(user=user, summary=summary, tier=enrich(user, summary))


def build_user_reports(
    database: Database, user_ids: Sequence[int], enrich: SyncEnricher
) -> list[UserReport]:
    """The sync version for several users: one after another, each wait adding up."""
    return [build_user_report(database, user_id, enrich) for user_id in user_ids]


async def build_user_report_async(
    database: Database, user_id: int, enrich: AsyncEnricher
) -> UserReport:
    """The async version (FastAPI host): same result, the event loop never blocked."""
    with session_scope(database, read_only=True) as session:
        user = await asyncio.to_thread(get_user, session, user_id)
        summary = await asyncio.to_thread(user_summary, session, user_id)
    return UserReport(user=user, summary=summary, tier=await enrich(user, summary))


async def build_user_reports_async(
    database: Database, user_ids: Sequence[int], enrich: AsyncEnricher
) -> list[UserReport]:
    """Several users concurrently; the reports come back in the order of ``user_ids``."""
    reports = await asyncio.gather(
        *(build_user_report_async(database, user_id, enrich) for user_id in user_ids)
    )
    return list(reports)
