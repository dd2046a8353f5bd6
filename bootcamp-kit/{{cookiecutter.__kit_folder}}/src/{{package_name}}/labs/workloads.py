"""What the lab endpoints do, in plain Python, shared by the Flask and the FastAPI lab apps.

Each claim of the course is about Python, not about a framework, so each good and bad variant
is written once here and both hosts call it, the way both of the kit's hosts call the core.
Only what must differ by host differs: a worker thread waits with ``time.sleep``, a coroutine
with ``await asyncio.sleep``. Every size is bounded (``limit``), so no request can make a lab
server loop or allocate without end.
"""

from __future__ import annotations

import asyncio
import gc
import multiprocessing
import threading
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Final

from ..core.context import current_request, request_context
from ..core.ndjson import LINES_PER_CHUNK

MAX_NUMBERS: Final = 10_000_000
MAX_ITERATIONS: Final = 50_000_000
MAX_WAIT_MS: Final = 1_000
# What one leak-lab request keeps: a list like the course's ``[1] * 100000``, smaller so that
# a lab of hundreds of requests stays within tens of MB (8 bytes per slot: 100 KiB).
LEAK_SLOTS: Final = 12_800
# The work between reading shared state and writing it back (a query, a log line, a call).
STATE_WORK_SECONDS: Final = 0.001
RECENT_KEPT: Final = 16


def limit(raw: str | None, default: int, maximum: int) -> int:
    """A query parameter as a whole number from 0 to ``maximum`` (ValueError otherwise)."""
    if raw is None:
        return default
    if not raw.isdigit() or int(raw) > maximum:
        raise ValueError(f"expected a whole number from 0 to {maximum}, got {raw!r}")
    return int(raw)


# ----- streaming (Module 0.5) -----


def number_chunks(count: int) -> Iterator[str]:
    """0 .. count-1 as NDJSON (one number per line), generated chunk by chunk: nothing is kept."""
    for start in range(0, count, LINES_PER_CHUNK):
        stop = min(count, start + LINES_PER_CHUNK)
        yield "".join(f"{number}\n" for number in range(start, stop))


async def number_chunks_async(count: int) -> AsyncIterator[str]:
    """The same chunks from an async generator: FastAPI sends each one without a thread hop."""
    for chunk in number_chunks(count):
        yield chunk


def number_list_body(count: int) -> str:
    """The same text, built the list way: every line exists in memory before the first is sent."""
    lines = [f"{number}\n" for number in range(count)]
    return "".join(lines)


# ----- cpu-bound (Module 0.7) -----


def add_up(iterations: int) -> int:
    """The course's CPU-bound loop: pure Python, never waits, never lets go of the GIL by itself."""
    total = 0
    for number in range(iterations):
        total += number
    return total


class LazyProcessPool:
    """The course's fix for CPU-bound work: a pool of worker processes, started on first use.

    Each process has its own interpreter and its own GIL, so they run Python in parallel.
    They are spawned, not forked: forking a server that already runs threads can deadlock.
    """

    def __init__(self, workers: int) -> None:
        self._workers = workers
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def get(self) -> ProcessPoolExecutor:
        with self._lock:  # two first requests at once must not start two pools
            if self._pool is None:
                context = multiprocessing.get_context("spawn")
                self._pool = ProcessPoolExecutor(self._workers, mp_context=context)
            return self._pool


PROCESS_POOL: Final = LazyProcessPool(workers=2)


# ----- blocking (Module 0.7) -----


def blocking_wait(milliseconds: int) -> None:
    """A blocking call (``time.sleep`` stands for ``requests.get`` or a sync database driver)."""
    time.sleep(milliseconds / 1000)


async def awaited_wait(milliseconds: int) -> None:
    """The same wait, awaited: the event loop serves other requests meanwhile."""
    await asyncio.sleep(milliseconds / 1000)


# ----- leak (Module 0.2) -----

_kept_forever: list[list[int]] = []  # the bug: a module-level cache nobody ever empties
_handlers: list[Callable[[], int]] = []  # the bug: closures registered and never dropped
_recent: OrderedDict[int, list[int]] = OrderedDict()  # the fix: a cache with a size limit
_recent_lock = threading.Lock()


def leak_into_global_list(request_number: int) -> int:
    """Keep this request's data in a global list: it grows on every request, forever."""
    _kept_forever.append([request_number] * LEAK_SLOTS)
    return len(_kept_forever)


def leak_into_closure(request_number: int) -> int:
    """Register a handler whose closure holds this request's data: the course's second leak."""
    data = [request_number] * LEAK_SLOTS

    def handler() -> int:
        return data[0]

    _handlers.append(handler)
    return len(_handlers)


def keep_recent(request_number: int) -> int:
    """The fix: keep only the last ``RECENT_KEPT`` entries; older ones are freed at once."""
    with _recent_lock:
        _recent[request_number] = [request_number] * LEAK_SLOTS
        while len(_recent) > RECENT_KEPT:
            _recent.popitem(last=False)
        return len(_recent)


# The leak lab's endpoint, by its URL's last part: two leaks and the fix, for both lab apps.
LEAKS: Final[dict[str, Callable[[int], int]]] = {
    "global-list": leak_into_global_list,
    "closure": leak_into_closure,
    "bounded": keep_recent,
}


def gc_report() -> dict[str, int]:
    """What the garbage collector sees now, after a full collection (a diagnostic only).

    ``collected`` is what ``gc.collect()`` could free: a leak through a live reference is not
    garbage, so it stays near 0 however much memory the leak holds.
    """
    collected = gc.collect()
    return {
        "collected": collected,
        "tracked_objects": len(gc.get_objects()),
        "gen2_collections": gc.get_stats()[2]["collections"],
        "global_list": len(_kept_forever),
        "closures": len(_handlers),
        "recent": len(_recent),
    }


# ----- shared state (Module 0.3) -----


class Counter:
    """A counter shared by every request of the process, as a module-level global would be."""

    def __init__(self) -> None:
        self.value = 0
        self._thread_lock = threading.Lock()
        self._task_lock = asyncio.Lock()

    def increment_racy(self) -> None:
        """Read, work, write back: two threads that read the same value lose an update."""
        current = self.value
        time.sleep(STATE_WORK_SECONDS)
        self.value = current + 1

    def increment_locked(self) -> None:
        """The same steps under a lock: nobody reads until the previous writer is done."""
        with self._thread_lock:
            self.increment_racy()

    async def increment_racy_async(self) -> None:
        """Read, await, write back: another task runs at the await and reads the same value."""
        current = self.value
        await asyncio.sleep(STATE_WORK_SECONDS)
        self.value = current + 1

    async def increment_locked_async(self) -> None:
        async with self._task_lock:
            await self.increment_racy_async()


COUNTERS: Final = {"racy": Counter(), "locked": Counter()}
_current_user = {"name": ""}  # the bug: "the current user" in a module-level global


def whoami_global(user: str) -> str:
    """Store the caller in a global, work, read it back: another request may have replaced it."""
    _current_user["name"] = user
    time.sleep(STATE_WORK_SECONDS)
    return _current_user["name"]


def whoami_scoped(user: str) -> str:
    """The fix: the core's request context (a ContextVar) holds one value per thread or task."""
    with request_context(user=user):
        time.sleep(STATE_WORK_SECONDS)
        context = current_request()
        return context.user if context and context.user else ""


async def whoami_global_async(user: str) -> str:
    _current_user["name"] = user
    await asyncio.sleep(STATE_WORK_SECONDS)
    return _current_user["name"]


async def whoami_scoped_async(user: str) -> str:
    with request_context(user=user):
        await asyncio.sleep(STATE_WORK_SECONDS)
        context = current_request()
        return context.user if context and context.user else ""
