"""What the generators of scripts/ share: their files compared, written, and their command line.

Each generator builds every file it owns from its sources (path relative to the repository ->
text) and owns nothing else: `--check` reports each owned file that differs from its build
(`stale: PATH`) or has no source any more (`no source: PATH`) and exits 1; a plain run writes
the stale files and removes those without a source. A source the generator refuses raises
its error, whose lines are printed with "Nothing was written." (exit 1).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Generator:
    """One generator: how it builds its files, which files it owns, and what it says."""

    build: Callable[[Path], dict[Path, str]]
    """Every file it writes, by path relative to the root; raises `error` when it cannot."""
    error: type[Exception]
    subject: str
    """What its files are called in its messages: ``The problem trees``."""
    sources: str
    """What they are built from: ``their sources``."""
    fix: str
    """What to do when they are stale: ``run uv run python scripts/x.py``."""
    owned: Callable[[Path], dict[Path, str]] | None = None
    """The files it owns in a root now, by the same paths; by default, those it builds."""

    def present(self, root: Path, wanted: dict[Path, str]) -> dict[Path, str]:
        if self.owned is not None:
            return self.owned(root)
        return {
            path: (root / path).read_text(encoding="utf-8")
            for path in wanted
            if (root / path).is_file()
        }

    def stale_files(self, root: Path = REPOSITORY) -> list[str]:
        """One line per owned file that differs from its build, is missing or has no source."""
        wanted = self.build(root)
        present = self.present(root, wanted)
        lines = [
            f"stale: {path.as_posix()}"
            for path in sorted(wanted)
            if present.get(path) != wanted[path]
        ]
        lines += [
            f"no source: {path.as_posix()}" for path in sorted(present.keys() - wanted.keys())
        ]
        return lines

    def write(self, root: Path = REPOSITORY) -> list[str]:
        """Write each stale file and remove each one without a source; one line per change."""
        wanted = self.build(root)
        present = self.present(root, wanted)
        changed = []
        for path, text in sorted(wanted.items()):
            if present.get(path) != text:
                (root / path).parent.mkdir(parents=True, exist_ok=True)
                (root / path).write_text(text, encoding="utf-8", newline="\n")
                changed.append(f"wrote {path.as_posix()}")
        for path in sorted(present.keys() - wanted.keys()):
            (root / path).unlink()
            changed.append(f"removed {path.as_posix()}")
        return changed

    def main(self, argv: Sequence[str] | None, description: str) -> int:
        parser = argparse.ArgumentParser(description=description)
        parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if stale")
        parser.add_argument("--root", type=Path, default=REPOSITORY, help=argparse.SUPPRESS)
        arguments = parser.parse_args(argv)
        try:
            if arguments.check:
                stale = self.stale_files(arguments.root)
                if stale:
                    print("\n".join(stale), file=sys.stderr)
                    print(f"{self.subject} are stale: {self.fix}", file=sys.stderr)
                    return 1
                print(f"{self.subject} match {self.sources}.")
                return 0
            changes = self.write(arguments.root)
        except self.error as error:
            print(f"{error}\nNothing was written.", file=sys.stderr)
            return 1
        print("\n".join(changes) if changes else f"{self.subject} were already up to date.")
        return 0
