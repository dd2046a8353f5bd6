"""`scaffold new DEST [copier options]`: generate a kit, then run the post-generation hooks.

Copier itself runs no tasks for this template (so `copier copy` works without `--trust`); this
command adds what a team lead wants right after generating: git with a first commit (needed by
`copier update`), `uv sync` and `pre-commit install`.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from scaffold import generate
from scaffold.kit import UserError

TEMPLATE_ROOT = Path(__file__).resolve().parent.parent
HOOKS_FILE = TEMPLATE_ROOT / "hooks" / "post_generation.py"


def load_hooks() -> ModuleType:
    """Load hooks/post_generation.py from this checkout (it also runs as a plain script)."""
    spec = importlib.util.spec_from_file_location("bootcamp_post_generation", HOOKS_FILE)
    assert spec is not None and spec.loader is not None, HOOKS_FILE
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="scaffold", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    new = commands.add_parser(
        "new",
        help="generate a kit with copier, then run the post-generation hooks",
        epilog="Other options go to `copier copy`, e.g. --defaults -d framework=flask.",
    )
    new.add_argument("destination", type=Path, help="folder to create the kit in")
    new.add_argument(
        "--template",
        default=str(TEMPLATE_ROOT),
        help="template path or git URL (default: this checkout)",
    )
    new.add_argument("--no-install", action="store_true", help="skip uv sync and pre-commit")
    generate.add_parsers(commands)
    return parser


def command_new(arguments: argparse.Namespace, copier_options: list[str]) -> int:
    command = [sys.executable, "-m", "copier", "copy", *copier_options]
    command += [arguments.template, str(arguments.destination)]
    print("$", " ".join(command[1:]))
    if subprocess.run(command, check=False).returncode:
        print("copier copy failed; no hook was run.", file=sys.stderr)
        return 1
    results = load_hooks().run_all(arguments.destination, install=not arguments.no_install)
    for result in results:
        print(result)
    return 1 if any(result.status == "failed" for result in results) else 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    arguments, extra = parser.parse_known_args(argv)
    if arguments.command == "new":
        return command_new(arguments, extra)
    if extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    try:
        return int(arguments.handler(arguments))
    except UserError as error:
        print(error, file=sys.stderr)
        return 1
    except BrokenPipeError:  # `scaffold ... | head`: the reader left; Python's documented recipe
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
