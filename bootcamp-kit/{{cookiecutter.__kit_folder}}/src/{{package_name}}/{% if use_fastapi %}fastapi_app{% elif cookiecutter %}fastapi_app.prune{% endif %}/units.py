"""One unit of work, off the event loop: the only place the FastAPI routes touch SQLite.

``sqlite3`` blocks. A blocking call inside ``async def`` stops the event loop, and with it every
other request of the process (module 0.7). So a route hands its whole unit of work, from
opening the session to the commit, to the thread pool in *one* trip and awaits the result:
the loop serves other requests meanwhile, and the session is opened, used, committed and
closed on one thread. The request context travels along: the pool runs the call in a copy of
the caller's context.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from starlette.concurrency import run_in_threadpool

from ..core.db import Database, Session, session_scope

Result = TypeVar("Result")


async def run_unit_of_work(
    database: Database, work: Callable[[Session], Result], *, read_only: bool = False
) -> Result:
    """``work(session)`` in one unit of work, run in the thread pool; its result, or its error.

    Committed when ``work`` returns, before the route answers, so a failed commit becomes an
    error response and never a false success.
    """

    def unit() -> Result:
        with session_scope(database, read_only=read_only) as session:
            return work(session)

    return await run_in_threadpool(unit)
