"""NDJSON, the export's format: one JSON document per line, sent in chunks of lines.

A client can use each line as soon as it arrives, and nothing has to hold the whole list. Both
hosts stream these chunks unchanged, so the export is byte-for-byte the same from either.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Final

NDJSON_MEDIA_TYPE: Final = "application/x-ndjson"
# Each chunk is one write to the socket: a chunk per row would cost a system call per row,
# and one huge chunk would delay the first byte. A few hundred lines is a few tens of KiB.
LINES_PER_CHUNK: Final = 500


def ndjson_chunks(rows: Iterable[Mapping[str, Any]]) -> Iterator[str]:
    """The rows as NDJSON text, ``LINES_PER_CHUNK`` lines per chunk (the last may be shorter)."""
    lines: list[str] = []
    for row in rows:
        lines.append(json.dumps(row) + "\n")
        if len(lines) == LINES_PER_CHUNK:
            yield "".join(lines)
            lines = []
    if lines:
        yield "".join(lines)
