# Wrong answer for P13: a Lock created inside the method is new on every call; nobody waits.
"""P13 wrong answer: a lock nobody shares."""

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
        with threading.Lock():
            current = self._balance
            self._pause()
            self._balance = current + amount
            return self._balance

    def withdraw(self, amount: int) -> bool:
        """Take ``amount`` out if the balance covers it; return whether it was taken."""
        _require_positive(amount)
        with threading.Lock():
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
