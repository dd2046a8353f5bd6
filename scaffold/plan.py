"""Plan every file action first, then write (or not): the model of Rails' and Thor's generators.

A plan is the full list of what a command would do, each file marked ``create``,
``identical``, ``conflict`` (it exists and differs, or was edited since it was generated),
``update`` (a file the command extends on purpose, such as a catalogue), ``remove`` or
``skip``. Nothing is written while any action is a conflict, unless the user
says ``--force``; ``--dry-run`` prints the plan, with a unified diff for each file that would
change, and writes nothing. Running a command twice gives a plan of ``identical`` only.
"""

from __future__ import annotations

import difflib
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from scaffold.errors import UserError

CREATE: Final = "create"
IDENTICAL: Final = "identical"
CONFLICT: Final = "conflict"
UPDATE: Final = "update"
REMOVE: Final = "remove"
SKIP: Final = "skip"
CHANGES: Final = (CREATE, UPDATE, CONFLICT, REMOVE)


@dataclass(frozen=True)
class Action:
    """One file: what would happen to it, and why when that is not obvious."""

    kind: str
    path: Path
    """Relative to the kit."""
    content: str | None = None
    """The text to write (create, and conflict when forced); ``None`` for a removal."""
    reason: str = ""


def write_action(root: Path, path: Path, content: str) -> Action:
    """``create`` a missing file, ``identical`` for the same text, ``conflict`` otherwise."""
    target = root / path
    if not target.exists():
        return Action(CREATE, path, content)
    if target.read_text(encoding="utf-8") == content:
        return Action(IDENTICAL, path, content)
    return Action(CONFLICT, path, content, "it exists with other content")


@dataclass(frozen=True)
class Plan:
    """The actions of one command, in the order they are applied."""

    root: Path
    actions: tuple[Action, ...]

    @property
    def conflicts(self) -> list[Action]:
        return [action for action in self.actions if action.kind == CONFLICT]

    @property
    def changes_anything(self) -> bool:
        return any(action.kind in CHANGES for action in self.actions)

    def lines(self, *, diffs: bool = False) -> list[str]:
        """The plan as ``  create  path`` lines; with ``diffs``, each change's unified diff."""
        lines = []
        for action in self.actions:
            note = f"  ({action.reason})" if action.reason else ""
            lines.append(f"{action.kind:>10}  {action.path.as_posix()}{note}")
            if diffs and action.kind in CHANGES:
                lines += self._diff(action)
        return lines

    def _diff(self, action: Action) -> list[str]:
        target = self.root / action.path
        before = target.read_text(encoding="utf-8").splitlines() if target.exists() else []
        after = action.content.splitlines() if action.content is not None else []
        name = action.path.as_posix()
        diff = difflib.unified_diff(before, after, f"a/{name}", f"b/{name}", lineterm="")
        return [f"    {line}" for line in diff]

    def apply(self, *, force: bool = False) -> None:
        """Write and remove files; refuses (``PlanConflict``) while a conflict is not forced."""
        if self.conflicts and not force:
            raise PlanConflict(self.conflicts)
        for action in self.actions:
            target = self.root / action.path
            if action.kind in (CREATE, UPDATE, CONFLICT) and action.content is not None:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(action.content, encoding="utf-8")
            elif action.kind == REMOVE or action.kind == CONFLICT:  # a forced removal
                target.unlink(missing_ok=True)
        remove_empty_folders(self.root, (action.path for action in self.actions))


class PlanConflict(UserError):
    """Files that exist and differ: the command wrote nothing."""

    def __init__(self, conflicts: list[Action], *, forceable: bool = True) -> None:
        names = ", ".join(action.path.as_posix() for action in conflicts)
        fix = (
            "overwrite them with --force"
            if forceable
            else "move them away (or merge them by hand), then run the command again"
        )
        super().__init__(
            f"{len(conflicts)} file(s) would be overwritten: {names}. Nothing was written. "
            f"See the differences with --dry-run; {fix}."
        )


def run_plan(plan: Plan, *, dry_run: bool, force: bool | None = None) -> bool:
    """Print ``plan`` (with its diffs on a dry run), then apply it unless it is a dry run.

    ``force`` is ``None`` for a command that has no ``--force``: a conflict's message then
    does not offer it. Raises ``PlanConflict`` (a ``UserError``: exit 1) for a conflict not
    forced. Returns whether files changed, so the command can say what to do next.
    """
    print("\n".join(plan.lines(diffs=dry_run)))
    if dry_run:
        print("(dry run: nothing was written)")
        return False
    if plan.conflicts and not force:
        raise PlanConflict(plan.conflicts, forceable=force is not None)
    plan.apply(force=bool(force))
    if not plan.changes_anything:
        print("Nothing to do: every file is already as it would be written.")
    return plan.changes_anything


def remove_empty_folders(root: Path, paths: Iterable[Path]) -> None:
    """Remove folders left empty (or holding only bytecode caches) by removed files."""
    folders = sorted(
        {parent for path in paths for parent in path.parents if parent != Path(".")},
        key=lambda folder: len(folder.parts),
        reverse=True,
    )
    for folder in folders:
        target = root / folder
        if not target.is_dir():
            continue
        caches = [child for child in target.iterdir() if child.name == "__pycache__"]
        if all(child in caches for child in target.iterdir()):
            for cache in caches:
                shutil.rmtree(cache, ignore_errors=True)
            target.rmdir()
