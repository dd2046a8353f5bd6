"""``--plot PATH.png``: the lab's figures as one chart a student can read at a glance.

matplotlib is in the optional ``labs`` dependency group, so the kit's default install stays
lean: ``require_matplotlib`` says how to install it, before a lab runs for nothing. The chart
uses matplotlib's object API (``Figure``), not ``pyplot``: no global state and no window.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from .lab import AGREES, DISAGREES, LabResult

INSTALL_HINT = (
    "--plot needs matplotlib, from the kit's optional `labs` group: run `uv sync --group labs` "
    "once (or `uv run --group labs <command>`), then try again"
)
STATUS_COLOURS = {AGREES: "#1a7f37", DISAGREES: "#cf222e"}


class PlotUnavailableError(RuntimeError):
    """matplotlib is not installed: the message says how to install it."""


def require_matplotlib() -> None:
    """Raise ``PlotUnavailableError`` (how to install it) where matplotlib cannot be imported."""
    try:
        import matplotlib  # noqa: F401
    except ImportError as error:
        raise PlotUnavailableError(INSTALL_HINT) from error


def draw(result: LabResult, path: Path) -> None:
    """Write the lab's chart as a PNG: its series, its title and the verdict line under it."""
    require_matplotlib()
    from matplotlib.figure import Figure

    spec = result.plot
    verdict = textwrap.wrap(result.verdict_line(), 110, break_on_hyphens=False)
    # Each line of the verdict under the chart gets its own room: the chart keeps its height.
    height = 4.4 + 0.16 * len(verdict)
    figure = Figure(figsize=(8, height), dpi=100)
    bottom = (0.55 + 0.16 * len(verdict)) / height
    figure.subplots_adjust(left=0.1, right=0.97, top=1 - 0.3 / height, bottom=bottom)
    axes = figure.subplots()
    if spec.kind == "bar":
        categories = spec.categories or list(
            dict.fromkeys(str(x) for series in spec.series for x in series.x)
        )
        width = 0.8 / max(1, len(spec.series))
        for index, series in enumerate(spec.series):
            # A category a series has no value for gets no bar (a 0 would be a measurement).
            where = {category: n for n, category in enumerate(categories)}
            positions = [where[x] + index * width for x in series.x]
            axes.bar(positions, series.y, width, label=series.label)
        axes.set_xticks([n + width * (len(spec.series) - 1) / 2 for n in range(len(categories))])
        axes.set_xticklabels([textwrap.fill(category, 16) for category in categories])
    else:
        for series in spec.series:
            axes.plot(series.x, series.y, marker="o", markersize=3, label=series.label)
        if spec.log_x:
            axes.set_xscale("log")
    if spec.reference is not None:
        value, label = spec.reference
        axes.axhline(value, color="#666", linestyle="--", linewidth=1, label=label)
    axes.set_xlabel(spec.x_label)
    axes.set_ylabel(spec.y_label)
    axes.grid(True, alpha=0.3)
    axes.legend(fontsize="small")
    axes.set_title(f"lab {result.lab}: {spec.title}", fontsize="medium")
    colour = STATUS_COLOURS.get(result.status, "#444")
    text = "\n".join(verdict)
    figure.text(0.5, 0.1 / height, text, ha="center", va="bottom", fontsize="x-small", color=colour)
    figure.savefig(path, format="png")
