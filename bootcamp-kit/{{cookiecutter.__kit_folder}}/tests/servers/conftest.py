"""What the server tests share: a way to find the servers a test started, once it is over.

Every test here starts real servers, and none of them may outlive its test. The helper is a
fixture, not a function to import: other test folders have a ``conftest.py`` of their own, and
``import conftest`` may find any of them; pytest hands each test the fixtures of its folder.
"""

from collections.abc import Callable
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def processes_with() -> Callable[[str], list[int]]:
    """A function: the processes whose environment holds a marker (the servers a test started).

    A server inherits its environment from the test, so a value only that test put there (a
    temporary folder, a tag) finds every process it started, workers included.
    """

    def find(marker: str) -> list[int]:
        found = []
        for entry in Path("/proc").iterdir():
            try:
                if entry.name.isdigit() and marker.encode() in (entry / "environ").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue  # gone, or not ours
        return found

    return find
