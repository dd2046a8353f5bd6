"""Write the kit's notebooks (.ipynb, without outputs) from their plain-text sources.

The course's parallel notebooks are written once, in ``course/notebooks/`` (never rendered by
copier), as Python files in the "percent" format that Jupytext and VS Code also read:

    # %% [markdown]             a Markdown cell: each line below it is a comment, "# " removed
    # # A heading
    # Some text.
    # %%                        a code cell: the lines below it, as they are
    print("hello")
    # %% only=flask             a cell of one host's notebook only (also: [markdown] only=...)

A marker is a whole line. Blank lines at the edges of a cell are dropped. ``hosts.py`` builds
both host notebooks, 0B (Flask) and 0C (FastAPI): its shared cells go into both, its
``only=flask`` / ``only=fastapi`` cells into one, so the two keep the same sections in the same
order by construction; a section heading (``##`` and deeper) must therefore sit in a shared
cell, and only the title (``#``) may differ.

Each cell's id is the slug of the heading above it plus its position under that heading
(``0-6-errors-the-hierarchy-and-its-2``): stable from one build to the next, and a cell added in one
section renumbers only the cells after it in that section, so ``copier update`` can merge.
Notebooks are written as Jupyter writes them (nbformat 4.5, one-space indent, sorted keys).

    uv run python scripts/build_notebooks.py           rewrite the notebooks of the template tree
    uv run python scripts/build_notebooks.py --check   change nothing; exit 1 if one is stale
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from cookiecutter_files import (
    COOKIECUTTER_ONLY_BRANCH,
    PRUNED_SUFFIX,
    copier_config,
    rendered_name,
    template_subdirectory,
)
from generated_files import Generator

REPOSITORY = Path(__file__).resolve().parent.parent
SOURCE_DIR = Path("course") / "notebooks"
TREE = Path(template_subdirectory(copier_config(REPOSITORY)))  # the template tree (copier.yml)
# The folder renders `notebooks` when the question says so (`notebooks.prune` under cookiecutter).
NOTEBOOKS_FOLDER = f"notebooks{COOKIECUTTER_ONLY_BRANCH}notebooks{PRUNED_SUFFIX}"
OUTPUT_DIR = TREE / f"{{% if notebooks %}}{NOTEBOOKS_FOLDER}{{% endif %}}"
BUILD_COMMAND = "uv run python scripts/build_notebooks.py"
HOSTS = ("flask", "fastapi")

# Source file -> the notebooks it builds: (file name in the kit's template, host or None).
NOTEBOOKS: dict[str, tuple[tuple[str, str | None], ...]] = {
    "core.py": (("0A_core.ipynb", None),),
    "hosts.py": (
        ("{% if use_flask %}0B_flask.ipynb{% endif %}", "flask"),
        ("{% if use_fastapi %}0C_fastapi.ipynb{% endif %}", "fastapi"),
    ),
}

MARKER = re.compile(r"^# %%(?P<markdown> \[markdown\])?(?: only=(?P<host>\w+))?$")
HEADING = re.compile(r"^(?P<level>#+) (?P<text>.+)$")
# The kit's own output stripper says what a committed notebook's metadata and text are.
STRIPPER = TREE / "src" / "{{package_name}}" / "bootcamp" / "notebook_outputs.py"


def load_stripper(root: Path = REPOSITORY) -> ModuleType:
    """The kit's ``bootcamp/notebook_outputs.py`` (standard library only, so it loads as is)."""
    spec = importlib.util.spec_from_file_location("kit_notebook_outputs", root / STRIPPER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


stripper = load_stripper()


class SourceError(Exception):
    """A notebook source that cannot be built; the message says where and how to fix it."""


@dataclass(frozen=True)
class Cell:
    kind: str
    """``markdown`` or ``code``."""
    lines: tuple[str, ...]
    host: str | None
    line_number: int
    """Where the cell's marker is in its source, for error messages."""


def parse(text: str, shown_as: str) -> list[Cell]:
    """The cells of a source, in order; SourceError for anything that is not one."""
    cells: list[Cell] = []
    current: tuple[str, str | None, int] | None = None
    body: list[str] = []

    def close() -> None:
        if current is None:
            return
        kind, host, number = current
        while body and not body[-1].strip():
            body.pop()
        while body and not body[0].strip():
            body.pop(0)
        if not body:
            raise SourceError(f"{shown_as}:{number}: empty cell: write something or remove it")
        cells.append(Cell(kind, tuple(body), host, number))
        body.clear()

    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith("# %%"):
            match = MARKER.match(line)
            if match is None:
                raise SourceError(
                    f"{shown_as}:{number}: unknown cell marker {line!r}: use `# %%`, "
                    "`# %% [markdown]`, optionally followed by ` only=flask` or ` only=fastapi`"
                )
            host = match["host"]
            if host is not None and host not in HOSTS:
                raise SourceError(f"{shown_as}:{number}: unknown host {host!r}: use {HOSTS}")
            close()
            current = ("markdown" if match["markdown"] else "code", host, number)
            continue
        if current is None:
            if line.strip():
                raise SourceError(f"{shown_as}:{number}: text before the first `# %%` marker")
            continue
        if current[0] == "markdown":
            if line.strip() and not (line == "#" or line.startswith("# ")):
                raise SourceError(
                    f"{shown_as}:{number}: a Markdown cell's lines start with '# ': {line!r}"
                )
            line = line[2:] if line.startswith("# ") else ""
        body.append(line)
    close()
    return cells


def slug(text: str) -> str:
    """The first words of a heading, lower case, joined by ``-``: at most 32 characters."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    kept = words[:1]
    for word in words[1:]:
        if len("-".join([*kept, word])) > 32:
            break
        kept.append(word)
    return "-".join(kept)[:32] or "section"


def notebook_cells(cells: list[Cell], host: str | None, shown_as: str) -> list[dict[str, Any]]:
    """The nbformat cells of one notebook: the shared cells and those of ``host``."""
    built: list[dict[str, Any]] = []
    section, position, ids = "intro", 0, set()
    for cell in cells:
        if cell.host is not None and cell.host != host:
            continue
        if cell.kind == "markdown":
            for line in cell.lines:
                heading = HEADING.match(line)
                if heading is None:
                    continue
                if cell.host is not None and len(heading["level"]) > 1:
                    raise SourceError(
                        f"{shown_as}:{cell.line_number}: the heading {line!r} is in an "
                        "only= cell: put section headings in a shared cell, so that both host "
                        "notebooks have them"
                    )
                section, position = slug(heading["text"]), 0
        position += 1
        cell_id = f"{section}-{position}"
        if cell_id in ids:
            raise SourceError(
                f"{shown_as}:{cell.line_number}: two headings give the cell id {cell_id!r}: "
                "reword one of them"
            )
        ids.add(cell_id)
        source = [line + "\n" for line in cell.lines]
        source[-1] = source[-1].removesuffix("\n")
        entry: dict[str, Any] = {"cell_type": cell.kind, "id": cell_id, "metadata": {}}
        if cell.kind == "code":
            entry |= {"execution_count": None, "outputs": []}
        built.append(entry | {"source": source})
    return built


def notebook_text(cells: list[dict[str, Any]]) -> str:
    """A notebook file's text, byte for byte as Jupyter (nbformat) writes it."""
    metadata = stripper.KIT_METADATA
    notebook = {"cells": cells, "metadata": metadata, "nbformat": 4, "nbformat_minor": 5}
    return stripper.notebook_text(notebook)


def build(root: Path = REPOSITORY) -> dict[Path, str]:
    """Every notebook's text by its path under ``root``; SourceError lists every problem."""
    built: dict[Path, str] = {}
    problems: list[str] = []
    sources = {path.name for path in (root / SOURCE_DIR).glob("*.py")}
    for unknown in sorted(sources - set(NOTEBOOKS)):
        problems.append(f"{SOURCE_DIR / unknown}: not listed in NOTEBOOKS of this script")
    for source, outputs in NOTEBOOKS.items():
        shown_as = (SOURCE_DIR / source).as_posix()
        try:
            cells = parse((root / SOURCE_DIR / source).read_text(encoding="utf-8"), shown_as)
            hosts = {cell.host for cell in cells} - {None}
            if len(outputs) == 1 and hosts:
                raise SourceError(f"{shown_as}: only= cells in a source of one notebook")
            for name, host in outputs:
                built[OUTPUT_DIR / name] = notebook_text(notebook_cells(cells, host, shown_as))
        except (OSError, SourceError) as error:
            problems.append(str(error))
    if problems:
        raise SourceError("\n".join(problems))
    return built


def committed_notebooks(root: Path) -> dict[Path, str]:
    """The notebooks in the template tree now, by path: the files this script owns."""
    folder = root / OUTPUT_DIR
    return {
        path.relative_to(root): path.read_text(encoding="utf-8")
        for path in sorted(folder.iterdir() if folder.is_dir() else [])
        if rendered_name(path.name).endswith(".ipynb")
    }


GENERATOR = Generator(
    build=build,
    owned=committed_notebooks,
    error=SourceError,
    subject="The notebooks",
    sources="their sources",
    fix=f"edit {SOURCE_DIR.as_posix()}/, then run {BUILD_COMMAND}",
)


def stale_files(root: Path = REPOSITORY) -> list[str]:
    """Notebooks that differ from their source, are missing, or have no source."""
    return GENERATOR.stale_files(root)


def write(root: Path = REPOSITORY) -> list[str]:
    """Write every stale notebook (and delete one without a source); one line per change."""
    return GENERATOR.write(root)


def main(argv: Sequence[str] | None = None) -> int:
    return GENERATOR.main(argv, description=__doc__.splitlines()[0])


if __name__ == "__main__":
    raise SystemExit(main())
