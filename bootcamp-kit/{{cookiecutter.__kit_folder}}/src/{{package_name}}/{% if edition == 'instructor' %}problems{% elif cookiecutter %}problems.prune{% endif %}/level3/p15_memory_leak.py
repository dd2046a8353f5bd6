"""P15 · Memory leak detection exercise (Level 3, modules 0.2 and 0.4).

Task
----
Part A: find and fix two leaks. This module is the upload log of a long-running API: every
``process_upload(upload)`` returns the upload's SHA-256 and records a line that
``recent_uploads()`` shows (the last ``RECENT_LIMIT`` uploads, oldest first). A cache keeps
checksums by upload id, because re-uploads are common and hashing big files is slow. It all
gives the right answers, and the process's memory grows with every upload until the container
is killed: two module-level structures grow forever, and one of them also keeps every upload's
bytes alive.

Fix both so that memory stops growing with the number of uploads, without changing what the
functions return:

- keep at most ``RECENT_LIMIT`` log lines, and no reference to an ``Upload`` once
  ``process_upload`` has returned;
- keep the cache, but with at most ``CHECKSUM_CACHE_SIZE`` entries, dropping the least recently
  used one when it is full (``collections.OrderedDict`` helps); compute checksums with
  ``sha256_hex`` (the tests count its calls);
- update ``reset_upload_log`` to clear whatever you store.

Part B: write ``leaks(fn, calls=..., bytes_per_call=...)``, a tiny leak detector for tests
and debugging: it answers whether calling ``fn()`` again and again keeps more and more memory
alive. Use ``tracemalloc`` and follow these steps, each of which matters:

1. call ``fn()`` once to warm up: first calls legitimately allocate for good (a cache filled
   once, a lazy import) and that is not a leak;
2. ``gc.collect()``, then note ``tracemalloc``'s current traced memory: garbage in reference
   cycles is freed only by the cycle collector, and it is not a leak either;
3. call ``fn()`` ``calls`` more times, ``gc.collect()`` again, and measure again;
4. return ``True`` when the memory grew by more than ``calls * bytes_per_call`` bytes. Measure
   memory still held (``current``), not the ``peak``: a function may use a lot temporarily.

Start ``tracemalloc`` if it is not tracing yet and stop it afterwards only if you started it.

Concept
-------
Python frees an object as soon as nothing references it; a "leak" in Python is a reference
you forgot about. A closure keeps every variable it uses alive (a handler that formats a line
from ``upload`` keeps the whole upload, megabytes included), a module-level list or dict lives
as long as the process, and a cache without a bound is a leak with a nicer name. In a Flask or
FastAPI worker that serves millions of requests, a few hundred bytes kept per request is an
out-of-memory kill by the end of the week. The way to find one is to measure growth over many
calls (after a warm-up), not the size after one call.

Why this solution
-----------------
The log keeps finished strings in a ``deque(maxlen=RECENT_LIMIT)``: formatting a line costs
less than keeping an upload alive, and the deque drops the oldest line by itself. Nothing
defined inside ``process_upload`` outlives the call, so the upload is freed as soon as the
caller lets it go. (Capturing ``upload`` through a default argument, ``def handler(u=upload)``,
would not help: the default is a reference too.) The cache is an ``OrderedDict`` used as an
LRU: a hit moves the entry to the end, and inserting beyond the bound evicts the first (least
recently used) entry, so its size is capped whatever the traffic. ``leaks`` measures *retained*
memory across many calls, between two ``gc.collect()`` calls and after a warm-up call, so
one-time allocations, temporary peaks and collectable cycles do not count as leaks.
"""

import gc
import hashlib
import tracemalloc
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass

RECENT_LIMIT = 50
"""How many lines ``recent_uploads()`` shows."""

CHECKSUM_CACHE_SIZE = 64
"""How many checksums the cache may hold."""


@dataclass
class Upload:
    """A file a client uploaded; ``content`` may be megabytes."""

    upload_id: int
    filename: str
    content: bytes


def sha256_hex(content: bytes) -> str:
    """The slow part: hash the whole content."""
    return hashlib.sha256(content).hexdigest()


# Part A -----------------------------------------------------------------------------------

_recent_lines: deque[str] = deque(maxlen=RECENT_LIMIT)
"""Finished log lines; the deque forgets the oldest one when a new one arrives."""

_checksums: OrderedDict[int, str] = OrderedDict()
"""Checksums by upload id, least recently used first, at most ``CHECKSUM_CACHE_SIZE``."""


def checksum(upload: Upload) -> str:
    """The upload's SHA-256, computed once per upload id while it stays in the cache."""
    cached = _checksums.get(upload.upload_id)
    if cached is not None:
        _checksums.move_to_end(upload.upload_id)
        return cached
    digest = sha256_hex(upload.content)
    _checksums[upload.upload_id] = digest
    if len(_checksums) > CHECKSUM_CACHE_SIZE:
        _checksums.popitem(last=False)
    return digest


def process_upload(upload: Upload) -> str:
    """Accept one upload: return its checksum and record it in the log."""
    digest = checksum(upload)
    size = len(upload.content)
    _recent_lines.append(f"#{upload.upload_id} {upload.filename}: {size} bytes, {digest[:12]}")
    return digest


def recent_uploads() -> list[str]:
    """Log lines of the last ``RECENT_LIMIT`` uploads, oldest first."""
    return list(_recent_lines)


def reset_upload_log() -> None:
    """Forget everything, as a restart would (the tests call it between tests)."""
    _recent_lines.clear()
    _checksums.clear()


# Part B -----------------------------------------------------------------------------------


def leaks(fn: Callable[[], object], *, calls: int = 100, bytes_per_call: int = 32) -> bool:
    """Whether calling ``fn()`` keeps more than ``bytes_per_call`` bytes alive per call."""
    started_here = not tracemalloc.is_tracing()
    if started_here:
        tracemalloc.start()
    try:
        fn()  # warm-up: one-time allocations (caches, imports) are not leaks
        gc.collect()  # unreachable cycles are garbage, not leaks
        before, _peak = tracemalloc.get_traced_memory()
        for _ in range(calls):
            fn()
        gc.collect()
        after, _peak = tracemalloc.get_traced_memory()
    finally:
        if started_here:
            tracemalloc.stop()
    return after - before > calls * bytes_per_call
