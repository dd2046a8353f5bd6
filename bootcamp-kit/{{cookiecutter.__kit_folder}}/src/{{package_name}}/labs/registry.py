"""The labs, in the order ``lab --list`` shows them."""

from __future__ import annotations

from typing import Final

from . import blocking, cpu_bound, leak, shared_state, streaming
from .lab import Lab

LABS: Final[dict[str, Lab]] = {
    module.LAB.name: module.LAB for module in (streaming, cpu_bound, blocking, leak, shared_state)
}
