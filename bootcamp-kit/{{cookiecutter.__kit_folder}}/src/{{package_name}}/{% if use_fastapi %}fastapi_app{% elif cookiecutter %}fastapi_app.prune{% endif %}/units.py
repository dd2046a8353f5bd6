"""One unit of work, off the event loop: the only place the FastAPI routes touch SQLite.

``sqlite3`` blocks. A blocking call inside ``async def`` stops the event loop, and with it every
other request of the process (module 0.7). So a route hands its whole unit of work, from
opening the session to the commit, to the thread pool in *one* trip and awaits the result:
the loop serves other requests meanwhile, and the session is opened, used, committed and
closed on one thread. The request context travels along: the pool runs the call in a copy of
the caller's context.

Why is there no ``get_session`` dependency with ``yield``?
----------------------------------------------------------
It is the textbook pattern, and two facts of this stack make it wrong here:

1. Code after ``yield`` runs *after the response has been sent* (FastAPI 0.118+, unless the
   dependency is declared with ``scope="function"``, 0.121+). A commit there can fail after
   the client was told ``201 Created``.
2. With ``scope="function"`` the order is right, but a sync dependency's setup, the sync
   route and the dependency's teardown are three *separate* trips to the thread pool, which
   may land on three different threads (with 40 concurrent requests, most did): three hops
   where one does, and a unit of work that no single piece of code can be read top to bottom.
   An ``async def`` dependency would open it on the event loop's thread instead, and every
   blocking ``sqlite3`` call after it would stall the loop.

So a route awaits ``run_unit_of_work(database, work)`` instead: one trip, one thread, and the
commit done before the route answers. It is the same unit of work the Flask host opens per
request, one level lower.
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
