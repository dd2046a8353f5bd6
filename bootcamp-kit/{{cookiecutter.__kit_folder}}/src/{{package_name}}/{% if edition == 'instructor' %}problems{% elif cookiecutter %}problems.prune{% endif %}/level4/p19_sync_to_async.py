"""P19 · Convert logic from sync to async (Level 4, module 0.7).

Task
----
``build_user_report`` (below, finished and correct) is the sync service behind
``GET /users/{id}/report`` in the Flask host: it reads a user and their order summary in one
unit of work, then asks a slow loyalty service (``enrich``) which tier the user is in.
``build_user_reports`` does that for several users, one after another.

Write the async versions for the FastAPI host, returning exactly the same reports:

- ``build_user_report_async(database, user_id, enrich)``: ``enrich`` is now an *async*
  callable (think ``await loyalty_client.tier(...)`` over ``httpx.AsyncClient``). The database
  work is still blocking ``sqlite3`` code: run it in a worker thread (``asyncio.to_thread``),
  and open the session *inside* that thread (``load_user_data`` does exactly that: send the
  whole function to the thread, not a session). Errors keep their type: an unknown user is
  still the core's ``NotFoundError``.
- ``build_user_reports_async(database, user_ids, enrich)``: the reports of several users, in
  the order of ``user_ids``, processed *concurrently*: the slow enrichments of all users are in
  flight at the same time (``asyncio.gather``), not awaited one after another. One unknown user
  fails the whole batch, and either way of saying so is accepted: the core's ``NotFoundError``
  itself (what ``asyncio.gather`` raises) or an ``ExceptionGroup`` holding it (what an
  ``asyncio.TaskGroup`` raises).

Concept
-------
``async def`` does not make code non-blocking: only ``await`` gives the event loop back. A
blocking call (``sqlite3``, ``requests``, ``time.sleep``) inside ``async def`` freezes every
request the loop is serving, so it goes to a thread, where the loop keeps running while it
waits. A unit of work belongs to one thread from start to end: plain ``sqlite3`` refuses a
connection used outside the thread that opened it, the kit's pool lends a connection to one
session at a time, and a session shared by concurrent tasks mixes their transactions. So each
worker thread opens its own session. And async only pays off when independent waits overlap:
``await a(); await b()`` takes as long as the sync code; ``await asyncio.gather(a(), b())``
takes as long as the slowest. When one of them fails, ``gather`` re-raises that first error at
once and lets the others run on unattended; ``async with asyncio.TaskGroup()`` cancels the
others and raises an ``ExceptionGroup`` of every error (``except* NotFoundError`` picks one
kind out of it), which a host must unwrap before it can answer 404.

Why this solution
-----------------
``asyncio.to_thread(load_user_data, database, user_id)`` sends the *whole* unit of work to
the thread: the session is born, used and closed there, so no connection ever serves two
threads or two tasks at once. The coroutine for one user stays a straight line (load,
then enrich, since the tier needs the summary); the concurrency lives one level up, where
``asyncio.gather`` runs one such coroutine per user. ``gather`` returns results in the order
its arguments were given, whatever order they finish in, and re-raises the first error as it
is: the core's ``NotFoundError``, which every host already answers with a 404. A ``TaskGroup``
is just as correct and also cancels the other users' work on the first failure, at the price
of an ``ExceptionGroup`` to unwrap.
"""

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
    user, summary = await asyncio.to_thread(load_user_data, database, user_id)
    return UserReport(user=user, summary=summary, tier=await enrich(user, summary))


async def build_user_reports_async(
    database: Database, user_ids: Sequence[int], enrich: AsyncEnricher
) -> list[UserReport]:
    """Several users concurrently; the reports come back in the order of ``user_ids``."""
    reports = await asyncio.gather(
        *(build_user_report_async(database, user_id, enrich) for user_id in user_ids)
    )
    return list(reports)
