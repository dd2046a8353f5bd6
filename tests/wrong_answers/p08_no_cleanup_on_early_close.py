# Wrong answer for P08: cleanup placed after the loop instead of in a finally block never runs when the consumer stops early or a fetch fails.
"""P08 wrong answer: lazy, but leaks the source whenever the loader does not run to the end."""

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
    """Yield rows lazily; release the source only after the last row."""
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")
    offset = 0
    while True:
        page = fetch_page(offset, batch_size)
        for row in page:
            if row.get("amount") is None:
                if on_null_amount is not None:
                    on_null_amount(row)
                continue
            yield row
        if len(page) < batch_size:
            break
        offset += batch_size
    if on_close is not None:
        on_close()
