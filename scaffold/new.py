"""`scaffold new DEST`: generate a kit with `copier copy`, then run the post-generation hooks.

Everything a user can get wrong is checked before anything is written, and reported as one
line: a destination that is not empty, a `-d` name that is not a question of the template (a
typo, or a value copier.yml derives from other answers), an answer copier.yml refuses, a
template that cannot be fetched. With `--pretend` nothing is written and no hook runs.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from copier._main import Worker  # the public run_copy cannot show the questions before copying
from copier.errors import CopierError
from plumbum import ProcessExecutionError

from scaffold import post_generation
from scaffold.errors import UserError
from scaffold.kit import COPIER_UPDATE
from scaffold.source import TemplateSource, UnknownSource, installed_source


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("destination", type=Path, help="new or empty folder for the kit")
    parser.add_argument(
        "--template",
        help="template folder or git URL (default: where scaffold was installed from)",
    )
    parser.add_argument("--vcs-ref", help="template git revision (default: the newest tag)")
    parser.add_argument(
        "-d",
        "--data",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="answer a question (repeat for several)",
    )
    parser.add_argument("--data-file", type=Path, help="YAML file of answers (-d wins)")
    parser.add_argument("-l", "--defaults", action="store_true", help="use defaults, ask nothing")
    parser.add_argument("-g", "--prereleases", action="store_true", help="allow prerelease tags")
    parser.add_argument("--pretend", action="store_true", help="show what would be written")
    parser.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    parser.add_argument(
        "--no-install", action="store_true", help="skip uv sync and pre-commit install"
    )


def template_source(arguments: argparse.Namespace) -> TemplateSource:
    if arguments.template:
        # A relative folder would be recorded as is, and break updates run from inside the kit.
        local = Path(arguments.template)
        location = str(local.resolve()) if local.is_dir() else arguments.template
        return TemplateSource(location, arguments.vcs_ref)
    installed = installed_source()
    return TemplateSource(installed.location, arguments.vcs_ref or installed.vcs_ref)


def checked_destination(destination: Path) -> Path:
    """The destination as an absolute path, refused unless it is new or an empty folder."""
    destination = destination.resolve()
    if destination.exists() and (not destination.is_dir() or any(destination.iterdir())):
        raise UserError(
            f"{destination} exists and is not empty: scaffold new creates a new kit "
            f"(inside an existing kit, run `{COPIER_UPDATE}`)"
        )
    return destination


def answers_from(arguments: argparse.Namespace) -> dict[str, Any]:
    """The answers given with --data-file and -d KEY=VALUE (the latter win)."""
    answers: dict[str, Any] = {}
    if arguments.data_file:
        loaded = yaml.safe_load(arguments.data_file.read_text(encoding="utf-8")) or {}
        if not isinstance(loaded, dict):
            raise UserError(f"{arguments.data_file} must hold a mapping of answers")
        answers.update(loaded)
    for item in arguments.data:
        name, separator, value = item.partition("=")
        if not separator or not name:
            raise UserError(f"-d {item!r}: write it as -d KEY=VALUE, e.g. -d framework=flask")
        answers[name] = value
    return answers


def check_answer_names(answers: Mapping[str, Any], questions: Mapping[str, Any]) -> None:
    """Refuse answers to questions the template does not ask: copier would ignore or misuse them."""
    asked = [name for name, question in questions.items() if question.get("when") is not False]
    for name in answers:
        if name in asked:
            continue
        if name in questions:
            raise UserError(
                f'-d {name}: "{name}" is computed by copier.yml, not asked; '
                f"answer the questions instead ({', '.join(asked)})"
            )
        close = difflib.get_close_matches(name, asked, n=1)
        hint = f' (did you mean "{close[0]}"?)' if close else ""
        raise UserError(
            f'-d {name}: "{name}" is not a question of this template{hint}; '
            f"the questions are {', '.join(asked)}"
        )


def generate(arguments: argparse.Namespace, destination: Path) -> None:
    """Check the answers' names against the template, then let copier ask, check and copy."""
    answers = answers_from(arguments)
    source = template_source(arguments)
    worker = Worker(
        src_path=source.location,
        dst_path=destination,
        vcs_ref=source.vcs_ref,
        data=answers,
        defaults=arguments.defaults,
        use_prereleases=arguments.prereleases,
        pretend=arguments.pretend,
        quiet=arguments.quiet,
        unsafe=False,
    )
    with worker:
        try:
            questions = worker.template.questions_data
        except (ProcessExecutionError, ValueError, OSError) as error:
            # git's own last words when a clone fails; copier's message for a missing folder.
            reason = _last_line(str(getattr(error, "stderr", "") or error))
            raise UserError(f"cannot read the template {source.location}: {reason}") from None
        check_answer_names(answers, questions)
        worker.run_copy()


def _last_line(text: str) -> str:
    lines = text.strip().splitlines()
    return lines[-1] if lines else ""


def run(arguments: argparse.Namespace) -> int:
    """`scaffold new`: 0 when the kit and every hook are done, 1 on any error or failed hook."""
    try:
        destination = checked_destination(arguments.destination)
        generate(arguments, destination)
    except (UserError, UnknownSource, CopierError, ValueError, OSError) as error:
        # copier reports a refused answer as a ValueError naming the question and the rule.
        print(f"scaffold new: {_last_line(str(error)) or repr(error)}", file=sys.stderr)
        return 1
    if arguments.pretend:
        print("[skipped] hooks: --pretend given, nothing was written")
        return 0
    return post_generation.report(
        post_generation.run_all(destination, install=not arguments.no_install)
    )
