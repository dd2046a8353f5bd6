# Wrong answer for P08: a generator that reads every page on the first next() is lazy only until it starts.
"""P08 wrong answer: a generator, but it loads everything before yielding the first row."""

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
    """Collect all pages first, then yield their rows."""
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")
    try:
        pages = []
        offset = 0
        while True:
            page = fetch_page(offset, batch_size)
            pages.append(page)
            if len(page) < batch_size:
                break
            offset += batch_size
        for page in pages:
            for row in page:
                if row.get("amount") is None:
                    if on_null_amount is not None:
                        on_null_amount(row)
                    continue
                yield row
    finally:
        if on_close is not None:
            on_close()
