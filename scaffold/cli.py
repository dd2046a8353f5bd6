"""The `scaffold` command line: one subcommand per module (`new`, `hooks`).

`scaffold new DEST` generates a kit with copier and runs the post-generation hooks: git with a
first commit (which `copier update` needs), uv.lock, `uv sync` and `pre-commit install`.
`scaffold hooks KIT` runs the hooks alone, on a kit made with `copier copy`.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from scaffold import new, post_generation


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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = build_parser().parse_args(argv)
    return arguments.run(arguments)
