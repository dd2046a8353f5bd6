"""What every lab is and returns: a claim, its knobs, measurements, a table, a plot, a verdict.

A lab never decides what it wants to see. It measures, then compares the figures with the
claim through rules written down in the lab (``Finding``), and the verdict is the plain sum of
those findings: one that does not agree makes the lab not agree, one that cannot tell makes it
inconclusive. A machine that does not show the effect is reported as such.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

AGREES: Final = "agrees"
DISAGREES: Final = "does not agree"
INCONCLUSIVE: Final = "inconclusive"
# The load generator is suspected to be the bottleneck above this share of its core.
BUSY_CLIENT: Final = 0.85
Report = Callable[[str], None]


@dataclass(frozen=True)
class Knob:
    """One of ``--size``, ``--concurrency``, ``--duration`` as a lab reads it."""

    meaning: str
    full: float
    quick: float


@dataclass(frozen=True)
class Finding:
    """One measured fact checked against the claim; ``status`` None means context, no vote."""

    status: str | None
    text: str


@dataclass(frozen=True)
class Column:
    """A table column: the row key, its header and its format (``{:,.1f}``...)."""

    key: str
    header: str
    format: str = "{}"


@dataclass(frozen=True)
class Series:
    """One line (or one group of bars) of a plot."""

    label: str
    x: Sequence[float | str]
    y: Sequence[float]


@dataclass(frozen=True)
class Plot:
    """What the lab draws: ``kind`` is "line" or "bar"."""

    title: str
    x_label: str
    y_label: str
    series: list[Series]
    kind: str = "line"
    log_x: bool = False
    reference: tuple[float, str] | None = None
    """A horizontal line to read the figures against: (value, label)."""
    categories: list[str] | None = None
    """The bars' order (default: as the series name them)."""


@dataclass
class LabResult:
    """Everything a lab measured and concluded, ready for the table, the JSON and the plot."""

    lab: str
    claim: str
    why: str
    knobs: dict[str, float]
    columns: list[Column]
    rows: list[dict[str, Any]]
    plot: Plot
    findings: list[Finding]
    hosts: dict[str, Any] = field(default_factory=dict)
    machine: dict[str, Any] = field(default_factory=dict)

    @property
    def status(self) -> str:
        votes = [finding.status for finding in self.findings if finding.status is not None]
        if DISAGREES in votes:
            return DISAGREES
        if not votes or INCONCLUSIVE in votes:
            return INCONCLUSIVE
        return AGREES

    def verdict_line(self) -> str:
        """One line: does this machine's measurement agree with the claim, and in short why."""
        votes = [finding.text for finding in self.findings if finding.status == self.status]
        return f"verdict: {self.status} on this machine: " + "; ".join(votes or ["no figure"])


@dataclass(frozen=True)
class Lab:
    """A lab: its claim, where the course makes it, its knobs and the function that runs it."""

    name: str
    summary: str
    claim: str
    why: str
    knobs: dict[str, Knob]
    run: Callable[..., LabResult]
    """``run(knobs, hosts, report, start=serving)``: measure on every host, judge, report."""

    def result(
        self,
        *,
        knobs: dict[str, float],
        columns: list[Column],
        rows: list[dict[str, Any]],
        plot: Plot,
        findings: list[Finding],
        hosts: dict[str, Any],
        machine: dict[str, Any],
    ) -> LabResult:
        """What ``run`` returns: what it measured, under this lab's name, claim and why."""
        return LabResult(
            self.name, self.claim, self.why, knobs, columns, rows, plot, findings, hosts, machine
        )


def client_findings(cells: dict[str, dict[str, Any]]) -> list[Finding]:
    """An inconclusive finding for every load run in which the client was the busy side."""
    busy = {
        name: cell["client_cpu_share"]
        for name, cell in cells.items()
        if cell.get("client_cpu_share", 0) > BUSY_CLIENT
    }
    return [
        Finding(
            INCONCLUSIVE,
            f"the load generator used {share:.0%} of its core in {name}: it may be the "
            "bottleneck there",
        )
        for name, share in busy.items()
    ]
