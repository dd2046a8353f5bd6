"""The course's live test data (Part B), its deliberately dirty rows, and the loader.

Part B says: "We intentionally inject None, missing fields, bad types". So the seed holds the
four good rows exactly as the course gives them, plus dirty rows that the shared validation
must reject, each with a reason. Loading is idempotent (running it twice inserts nothing new)
and keeps the good rows even though dirty ones fail: every row gets its own savepoint.

Run it with ``uv run <package> seed`` (``DATABASE_PATH`` chooses the file).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Final

from .db import Session, open_database, session_scope
from .errors import AppError, details_of, id_taken
from .settings import Settings
from .validation import parse_order_record, parse_user_record

# Part B does not give the orders a time; a fixed one keeps every seeded database identical.
SEED_CREATED_AT: Final = datetime(2025, 1, 1, tzinfo=UTC)

# PART B — LIVE TEST DATA, exactly as the course gives it. Tuples: module-level data that
# every caller shares must not be changeable by one of them.
USERS: Final[tuple[dict[str, Any], ...]] = (
    {"id": 1, "name": "Raj", "email": "raj@gmail.com"},
    {"id": 2, "name": "Amit", "email": None},  # NULL
)
ORDERS: Final[tuple[dict[str, Any], ...]] = (
    {"id": 101, "user_id": 1, "amount": 2500},
    {"id": 102, "user_id": 2, "amount": None},  # NULL
)

# The injected dirt: every row below must be rejected, for the reason in its comment.
DIRTY_USERS: Final[tuple[object, ...]] = (
    {"id": 3, "name": None, "email": "ghost@example.com"},  # NULL where a name is required
    {"id": 4, "email": "noname@example.com"},  # missing field: name
    {"id": "5", "name": "Priya", "email": "priya@example.com"},  # bad type: id as text
    {"id": 6, "name": "Ravi", "email": "ravi-at-example.com"},  # not an email address
    {"id": 7, "name": "Raj Again", "email": "raj@gmail.com"},  # email already taken by Raj
    {"id": 8, "name": "   ", "email": None},  # blank name (spaces are trimmed first)
    ["Vikram", "vikram@example.com"],  # not an object at all
)
DIRTY_ORDERS: Final[tuple[object, ...]] = (
    {"id": 103, "user_id": 1},  # missing field: amount (unknown must be said with null)
    {"id": 104, "user_id": 2, "amount": "2500"},  # bad type: amount as text
    {"id": 105, "user_id": 99, "amount": 100},  # unknown user
    {"id": 106, "user_id": 1, "amount": -50},  # negative amount
    {"id": 107, "user_id": True, "amount": 10},  # bad type: a boolean is not an id
    {"id": 108, "user_id": 1, "amount": 19.99},  # not whole currency units
    {"id": 109, "user_id": None, "amount": 300, "status": "shipped"},  # NULL user, bad status
    {"id": 110, "user_id": 1, "amount": 10, "note": "gift"},  # unknown field
)

SEED_USERS: Final[tuple[object, ...]] = USERS + DIRTY_USERS
SEED_ORDERS: Final[tuple[object, ...]] = ORDERS + DIRTY_ORDERS


@dataclass(frozen=True, slots=True)
class RejectedRow:
    """A seed row that was not loaded: where it was, what it was, and why."""

    table: str
    index: int
    row: object
    details: list[dict[str, Any]]

    def describe(self) -> str:
        """One line for humans, e.g. ``orders[3] id=104: amount: Input should be ...``."""
        row_id = self.row.get("id") if isinstance(self.row, dict) else None
        where = f"{self.table}[{self.index}]" + (f" id={row_id!r}" if row_id is not None else "")
        reasons = "; ".join(
            f"{detail['field'] or '(row)'}: {detail['message']} [{detail['type']}]"
            for detail in self.details
        )
        return f"{where}: {reasons}"


@dataclass(slots=True)
class SeedReport:
    """What ``load_seed`` did: ids inserted, ids already there, rows rejected."""

    users_inserted: list[int] = field(default_factory=list)
    users_present: list[int] = field(default_factory=list)
    orders_inserted: list[int] = field(default_factory=list)
    orders_present: list[int] = field(default_factory=list)
    rejected: list[RejectedRow] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The report as printable lines."""
        lines = [
            f"users:  inserted {_counted(self.users_inserted)}, "
            f"already present {_counted(self.users_present)}",
            f"orders: inserted {_counted(self.orders_inserted)}, "
            f"already present {_counted(self.orders_present)}",
            f"rejected {len(self.rejected)} deliberately dirty rows:",
        ]
        lines.extend(f"  {row.describe()}" for row in self.rejected)
        return lines


def _counted(ids: list[int]) -> str:
    """``"2 (ids 1, 2)"``, or ``"0"``."""
    if not ids:
        return "0"
    return f"{len(ids)} (ids {', '.join(str(record_id) for record_id in ids)})"


def _load_user(session: Session, raw: object, report: SeedReport) -> None:
    """Validate one user row and insert it unless the same user is already there."""
    record = parse_user_record(raw)
    existing = session.users.get(record.id)
    if existing is not None:
        if (existing.name, existing.email) != (record.name, record.email):
            raise id_taken("User", record.id)
        report.users_present.append(record.id)
        return
    with session.savepoint():
        session.users.add(record.name, record.email, user_id=record.id)
    report.users_inserted.append(record.id)


def _load_order(session: Session, raw: object, report: SeedReport) -> None:
    """Validate one order row and insert it unless the same order is already there."""
    record = parse_order_record(raw)
    existing = session.orders.get(record.id)
    if existing is not None:
        same = (existing.user_id, existing.amount, existing.status)
        if same != (record.user_id, record.amount, record.status):
            raise id_taken("Order", record.id)
        report.orders_present.append(record.id)
        return
    with session.savepoint():
        session.orders.add(
            record.user_id,
            record.amount,
            record.status,
            order_id=record.id,
            created_at=SEED_CREATED_AT,
        )
    report.orders_inserted.append(record.id)


def load_seed(
    session: Session,
    *,
    users: Sequence[object] = SEED_USERS,
    orders: Sequence[object] = SEED_ORDERS,
) -> SeedReport:
    """Insert the valid rows with their own ids; report every rejected row with its reasons.

    Idempotent: a row whose id is already there with the same values counts as present; a
    different row under that id is rejected (``conflict``), never overwritten.
    """
    report = SeedReport()
    for index, raw in enumerate(users):
        try:
            _load_user(session, raw, report)
        except AppError as error:
            report.rejected.append(RejectedRow("users", index, raw, details_of(error)))
    for index, raw in enumerate(orders):
        try:
            _load_order(session, raw, report)
        except AppError as error:
            report.rejected.append(RejectedRow("orders", index, raw, details_of(error)))
    return report


def run_seed_command(settings: Settings) -> int:
    """``uv run <package> seed``: load the seed into ``settings.database_path``, print a report.

    Returns the process exit status (0: done; rejected dirty rows are expected, not a failure).
    """
    database = open_database(settings)
    with session_scope(database) as session:
        report = load_seed(session)
    print(f"Seeded {database.path} with the live test data (Part B).")
    for line in report.lines():
        print(line)
    return 0
