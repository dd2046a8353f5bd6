"""The export both bare apps stream: the kit's own row, repeated with new ids."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..core.ndjson import ndjson_chunks


def export_rows(template: dict[str, Any], count: int) -> Iterator[str]:
    """``count`` NDJSON lines shaped like ``template`` (ids 1..count), chunked like the kit's."""
    return ndjson_chunks({**template, "id": row_id} for row_id in range(1, count + 1))
