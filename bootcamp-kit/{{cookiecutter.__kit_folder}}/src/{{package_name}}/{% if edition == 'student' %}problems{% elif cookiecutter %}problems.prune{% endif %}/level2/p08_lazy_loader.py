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

Run the tests with ``uv run pytest --problem 8`` and ask for a hint with
``uv run <package> hint 8``. Each place to work on is marked by a ``# TODO`` comment
tagged ``P08``: delete each marker as you finish that part. While any is left, the
problem's tests are reported as TODO.
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
    # TODO(P08): make this a generator: fetch a page only when the previous one is used up,
    #   yield its rows one at a time, and stop after a short page.
    # TODO(P08): skip rows whose amount is None or missing, reporting each to on_null_amount.
    # TODO(P08): call on_close exactly once whenever the loader stops (try/finally).
    raise NotImplementedError("P08: implement the lazy order loader")
