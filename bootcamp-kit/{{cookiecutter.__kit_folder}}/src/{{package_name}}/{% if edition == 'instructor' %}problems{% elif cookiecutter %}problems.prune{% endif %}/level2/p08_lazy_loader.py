"""P08 · Create a lazy data loader using a generator (Level 2, module 0.5).

Task
----
Write ``iter_orders(fetch_page, batch_size=..., on_null_amount=None, on_close=None)``, a
*generator* that yields order rows (dicts such as ``{"id": 101, "user_id": 1, "amount": 2500}``)
one at a time, reading them from a paged source:

- ``fetch_page(offset, limit)`` returns up to ``limit`` rows starting at row ``offset``, like
  ``SELECT ... LIMIT :limit OFFSET :offset``. Ask for pages of ``batch_size`` rows: offsets
  0, ``batch_size``, ``2 * batch_size``, ...
- Be lazy: fetch nothing before the consumer asks for the first row, and fetch the next page
  only when the rows of the current one are used up. A page with fewer than ``batch_size``
  rows (or none) is the last one: do not ask for another.
- Rows whose amount is NULL (``None``, or no ``"amount"`` key at all) are skipped, like the
  course's ``stream_orders``; when ``on_null_amount`` is given, call it with each skipped row
  so that the caller can count or log them.
- When ``on_close`` is given, call it exactly once as soon as the loader stops, however that
  happens: all rows consumed, the consumer stopping early (``close()``, or a ``for`` loop left
  with ``break`` whose generator is then closed), or ``fetch_page`` raising (the error must
  still reach the consumer). It stands for releasing a database connection or a file. (A
  loader closed before its first row was requested never started, so it has nothing to
  release.)
- ``batch_size`` below 1 is a programming error: ``ValueError`` (raising it when the first
  row is requested is fine).

Concept
-------
A function that builds a list does all its work before the caller gets anything; a generator
does its work step by step, when the caller asks for the next item. For an export or a
streaming API response (Flask ``Response(generator)``, FastAPI ``StreamingResponse``) that
means memory that stays flat however many rows there are, a first byte sent before the last
row is read, and no database work at all for rows a client never reads because it
disconnected. When a client disconnects the server calls the generator's ``close()``, which
raises ``GeneratorExit`` at the paused ``yield``: a ``try/finally`` around the loop is where
the cleanup goes.

Why this solution
-----------------
The ``yield`` inside the loop is what makes ``iter_orders`` a generator: calling it runs none
of its body, and each ``next()`` runs it only up to the following ``yield``. So the first page
is fetched by the first ``next()``, and the next page only when the ``for`` over the current
page is finished. Yielding row by row (not page by page) keeps the caller's view simple while
memory holds one page at most. The short-page test ends the loop without a wasted query.

The ``try/finally`` covers the three ways out: the loop returning, ``fetch_page`` raising, and
``GeneratorExit`` raised at the paused ``yield`` by ``close()``. ``finally`` neither catches
nor replaces any of them. ``batch_size`` is checked before the ``try``: nothing has been
opened yet, so there is nothing to release.
"""

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

Row = Mapping[str, Any]
"""One order row, e.g. ``{"id": 101, "user_id": 1, "amount": 2500}``."""

FetchPage = Callable[[int, int], Sequence[Row]]
"""``fetch_page(offset, limit)``: up to ``limit`` rows starting at row ``offset``."""

DEFAULT_BATCH_SIZE = 100


def iter_orders(
    fetch_page: FetchPage,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_null_amount: Callable[[Row], object] | None = None,
    on_close: Callable[[], object] | None = None,
) -> Iterator[Row]:
    """Yield the rows with an amount, one by one, fetching pages of ``batch_size`` on demand."""
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")
    try:
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
                return
            offset += batch_size
    finally:
        if on_close is not None:
            on_close()
