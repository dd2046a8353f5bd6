"""A lab's result as lines for the terminal and as a JSON-ready dict."""

from __future__ import annotations

import textwrap
from dataclasses import asdict
from typing import Any

from .lab import Column, LabResult

WIDTH = 100


def wrap(text: str) -> list[str]:
    """Lines of at most ``WIDTH`` characters, never cutting a hyphenated word in two."""
    return textwrap.wrap(text, WIDTH, break_on_hyphens=False)


def cell_text(column: Column, value: Any) -> str:
    if value is None:
        return "n/a"
    try:
        return column.format.format(value)
    except (TypeError, ValueError):
        return str(value)


def table_lines(columns: list[Column], rows: list[dict[str, Any]]) -> list[str]:
    """Rows under their headers, each column as wide as its widest text (numbers right)."""
    texts = [[cell_text(column, row.get(column.key)) for column in columns] for row in rows]
    widths = [
        max([len(column.header)] + [len(line[index]) for line in texts])
        for index, column in enumerate(columns)
    ]
    numeric = [all(isinstance(row.get(c.key), int | float) for row in rows) for c in columns]

    def line(cells: list[str]) -> str:
        return "  ".join(
            cell.rjust(width) if right else cell.ljust(width)
            for cell, width, right in zip(cells, widths, numeric, strict=True)
        ).rstrip()

    return [line([column.header for column in columns])] + [line(cells) for cells in texts]


def knob_text(value: float) -> str:
    """1000000 as "1,000,000" and 0.4 as "0.4": a knob as a student would type it, but legible."""
    return f"{value:,.0f}" if value == int(value) else f"{value:g}"


def render(result: LabResult, knob_meanings: dict[str, str]) -> list[str]:
    """The whole report: claim, knobs, table, context findings, the verdict line and why."""
    knobs = ", ".join(
        f"--{name} {knob_text(value)} ({knob_meanings[name]})"
        for name, value in result.knobs.items()
    )
    lines = [f"lab {result.lab}", *wrap(f"claim: {result.claim}")]
    lines += [*wrap(f"knobs: {knobs}"), ""]
    lines += table_lines(result.columns, result.rows)
    lines += [""]
    for finding in result.findings:
        if finding.status is None:
            lines += wrap(f"note: {finding.text}")
    lines += [result.verdict_line(), f"why: {result.why}"]  # one line each, for grep and CI logs
    return lines


def as_json(result: LabResult) -> dict[str, Any]:
    """Every figure, the findings and the verdict (``--json PATH``)."""
    data = asdict(result)
    data.pop("columns")
    data["status"] = result.status
    data["verdict"] = result.verdict_line()
    return data
