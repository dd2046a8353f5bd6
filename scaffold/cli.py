"""The `scaffold` command line: one subcommand per module.

- `scaffold new DEST`: generate a kit with copier, then run the post-generation hooks (git with a
  first commit, uv.lock, `uv sync`, `pre-commit install`); `scaffold hooks KIT` runs the hooks
  alone, on a kit made with `copier copy`.
- `scaffold resource NAME FIELD:TYPE ...` and `scaffold destroy NAME`, inside a kit: add or
  remove a resource (see `scaffold.generate`).
- `scaffold problem SLUG --level N --title "..."`, in the template repository: add a course
  problem at the next free number (see `scaffold.problem`).

Exit codes: 0 done, 1 refused (a user error, printed as one line or with the grammar), 2 usage.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from scaffold import generate, new, post_generation, problem
from scaffold.errors import UserError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="scaffold", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    new_parser = commands.add_parser(
        "new",
        help="generate a kit with copier copy, then run the post-generation hooks",
        description=new.__doc__.splitlines()[0] if new.__doc__ else None,
    )
    new.add_arguments(new_parser)
    new_parser.set_defaults(run=new.run)
    hooks_parser = commands.add_parser(
        "hooks", help="run the post-generation hooks on a kit made with copier copy"
    )
    post_generation.add_arguments(hooks_parser)
    hooks_parser.set_defaults(run=post_generation.run)
    generate.add_parsers(commands)
    problem.add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = build_parser().parse_args(argv)
    try:
        return int(arguments.run(arguments))
    except UserError as error:
        print(error, file=sys.stderr)
        return 1
    except BrokenPipeError:  # `scaffold ... | head`: the reader left; Python's documented recipe
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
