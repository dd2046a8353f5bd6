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

Run the tests with ``uv run pytest --problem 15`` and ask for a hint with
``uv run <package> hint 15``. Each place to work on is marked by a ``# TODO`` comment
tagged ``P15``: delete each marker as you finish that part. While any is left, the
problem's tests are reported as TODO.
"""

import hashlib
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

_audit_hooks: list[Callable[[], str]] = []
"""Formats the log lines lazily, when someone asks for them."""

_checksums: dict[int, str] = {}
"""Checksums by upload id, so that a re-sent upload is not hashed twice."""


def checksum(upload: Upload) -> str:
    """The upload's SHA-256, computed once per upload id."""
    # TODO(P15): how many entries can this cache hold after a week of traffic?
    if upload.upload_id not in _checksums:
        _checksums[upload.upload_id] = sha256_hex(upload.content)
    return _checksums[upload.upload_id]


def process_upload(upload: Upload) -> str:
    """Accept one upload: return its checksum and record it in the log."""
    digest = checksum(upload)

    # TODO(P15): what does each handler keep alive, and who keeps the handlers?
    def handler() -> str:
        return f"#{upload.upload_id} {upload.filename}: {len(upload.content)} bytes, {digest[:12]}"

    _audit_hooks.append(handler)
    return digest


def recent_uploads() -> list[str]:
    """Log lines of the last ``RECENT_LIMIT`` uploads, oldest first."""
    return [hook() for hook in _audit_hooks[-RECENT_LIMIT:]]


def reset_upload_log() -> None:
    """Forget everything, as a restart would (the tests call it between tests)."""
    _audit_hooks.clear()
    _checksums.clear()


# Part B -----------------------------------------------------------------------------------


def leaks(fn: Callable[[], object], *, calls: int = 100, bytes_per_call: int = 32) -> bool:
    """Whether calling ``fn()`` keeps more than ``bytes_per_call`` bytes alive per call."""
    # TODO(P15): warm up, collect, measure, call `calls` times, collect, measure, compare.
    raise NotImplementedError("P15: implement the leak detector")
