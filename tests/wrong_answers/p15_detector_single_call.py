# Wrong answer for P15: one call with no warm-up: a one-time cache fill looks like a leak.
"""P15 wrong answer: one call is no trend."""

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
        gc.collect()
        before, _peak = tracemalloc.get_traced_memory()
        fn()
        gc.collect()
        after, _peak = tracemalloc.get_traced_memory()
    finally:
        if started_here:
            tracemalloc.stop()
    return after - before > bytes_per_call
