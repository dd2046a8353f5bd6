# Wrong answer for P08: building the full list and returning iter(list) fetches every page at call time, before any row is wanted.
"""P08 wrong answer: looks like an iterator to the caller, but nothing about it is lazy."""

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

Row = Mapping[str, Any]
FetchPage = Callable[[int, int], Sequence[Row]]
DEFAULT_BATCH_SIZE = 100


def iter_orders(
    fetch_page: FetchPage,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_null_amount: Callable[[Row], object] | None = None,
    on_close: Callable[[], object] | None = None,
) -> Iterator[Row]:
    """Load every row into a list, then hand out an iterator over it."""
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")
    rows: list[Row] = []
    offset = 0
    try:
        while True:
            page = fetch_page(offset, batch_size)
            for row in page:
                if row.get("amount") is None:
                    if on_null_amount is not None:
                        on_null_amount(row)
                    continue
                rows.append(row)
            if len(page) < batch_size:
                break
            offset += batch_size
    finally:
        if on_close is not None:
            on_close()
    return iter(rows)
