"""P13 · Simulate a race condition and fix it (Level 3, modules 0.3 and 0.7).

Task
----
``BankAccount`` works perfectly when one request at a time uses it, and loses money when
several threads use it at once (Flask's threaded server, a thread pool, FastAPI's ``def``
routes). Run the simulation and watch it go wrong::

    uv run python -m <package>.problems.level3.p13_race_condition

Then fix the class so that, with any number of threads:

- a withdrawal succeeds only if the balance covers it, so the balance never goes negative and
  no two withdrawals spend the same money;
- no deposit or withdrawal is lost: the final balance is exactly what the successful
  operations add up to.

Keep the ``pause()`` call where it is, between reading the balance and writing it back. It
stands for the slow work a real system does there (a fraud check, an audit-log write), which
is exactly what makes races frequent in production. Removing it only makes the race rarer;
the tests also check that it still runs.

Concept
-------
``if balance >= amount: balance -= amount`` is *check-then-act*: read, decide, write. When two
threads both read 100 before either writes, both see enough money and both withdraw. Each
line is fine on its own; the bug is the gap between them. The fix is to make the whole
read-check-write sequence one *critical section* that only one thread can be in at a time: a
single ``threading.Lock`` shared by every call on the account, held from the read to the write.
A lock around the write alone, or a new lock created inside the method (which nobody else
ever waits for), protects nothing. The same reasoning applies to a row in a database (use a
transaction with ``SELECT ... FOR UPDATE`` or an atomic ``UPDATE ... WHERE balance >= ?``) and
to asyncio code that awaits between the read and the write.

Why this solution
-----------------
One ``threading.Lock`` per account, created once in ``__init__`` and shared by every call, is
held with ``with`` from the read to the write, so the check, the slow step and the update form
one critical section (and ``with`` releases it even if the slow step raises). The slow step
stays inside: a thread that must wait for the lock simply waits, and correctness no longer
depends on timing. Two different accounts have two different locks, so they never wait for
each other. Reading ``balance`` needs no lock: reading one attribute cannot observe a
half-finished update, because the update is a single assignment.
"""

import threading
import time
from collections.abc import Callable

SLOW_STEP_SECONDS = 0.001
"""How long the simulated fraud check / audit write takes."""


def simulate_slow_step() -> None:
    """The slow work done between reading the balance and writing it (fraud check, audit)."""
    time.sleep(SLOW_STEP_SECONDS)


class BankAccount:
    """An account whose balance many threads read and change at the same time."""

    def __init__(self, balance: int = 0, *, pause: Callable[[], None] = simulate_slow_step) -> None:
        if balance < 0:
            raise ValueError("an account cannot open with a negative balance")
        self._balance = balance
        self._pause = pause
        self._lock = threading.Lock()

    @property
    def balance(self) -> int:
        """The current balance."""
        return self._balance

    def deposit(self, amount: int) -> int:
        """Add ``amount`` and return the new balance."""
        _require_positive(amount)
        with self._lock:
            current = self._balance
            self._pause()
            self._balance = current + amount
            return self._balance

    def withdraw(self, amount: int) -> bool:
        """Take ``amount`` out if the balance covers it; return whether it was taken."""
        _require_positive(amount)
        with self._lock:
            current = self._balance
            if current < amount:
                return False
            self._pause()
            self._balance = current - amount
            return True


def _require_positive(amount: int) -> None:
    """Reject amounts that would turn a deposit into a withdrawal or the other way round."""
    if amount <= 0:
        raise ValueError(f"amount must be positive, got {amount}")


def simulate_withdrawals(balance: int, amount: int, threads: int) -> tuple[int, int]:
    """Start ``threads`` threads that withdraw ``amount`` at the same moment.

    Returns ``(successful withdrawals, final balance)``. A barrier releases all threads
    together, the way a burst of requests reaches a server.
    """
    account = BankAccount(balance)
    start_together = threading.Barrier(threads)
    results: list[bool] = []

    def customer() -> None:
        start_together.wait()
        results.append(account.withdraw(amount))

    workers = [threading.Thread(target=customer) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return sum(results), account.balance


if __name__ == "__main__":
    successes, final = simulate_withdrawals(balance=100, amount=30, threads=10)
    print(f"10 customers withdrew 30 from 100: {successes} succeeded, final balance {final}")
    verdict = "OK" if (successes, final) == (3, 10) else "RACE!"
    print(f"expected: 3 succeeded, final balance 10 ({verdict})")
