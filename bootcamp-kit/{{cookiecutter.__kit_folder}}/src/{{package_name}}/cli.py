"""Command line of the kit: ``uv run <package> seed | progress | hint N | bench | lab NAME``.

Kept to the standard library's argparse so that the commands work before anything else does.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from .bootcamp.catalog import LEVELS, get_problem, parse_problem_number
from .bootcamp.progress import render_progress
from .bootcamp.status import State, relative_module_file

PACKAGE = Path(__file__).resolve().parent.name
PROBLEM_TESTS = Path("tests") / "problems"


def command_seed(_: argparse.Namespace) -> int:
    """Load the course's live test data (Part B) into the configured database."""
    # Imported here so that `hint` and `progress` work even while the core is being edited.
    from .core.seed import run_seed_command
    from .core.settings import Settings

    return run_seed_command(Settings.from_env())


def command_hint(arguments: argparse.Namespace) -> int:
    """Print a problem's hint: a nudge towards the concept, not the answer."""
    try:
        problem = get_problem(parse_problem_number(arguments.number))
    except (KeyError, ValueError) as error:
        print(error.args[0], file=sys.stderr)
        return 2
    print(f"{problem.code} · Level {problem.level} {LEVELS[problem.level]} · {problem.title}")
    print(f"File:    {relative_module_file(problem)}")
    print(f"Concept: {problem.concept}")
    print(f"Hint:    {problem.hint}")
    print(f"Tests:   uv run pytest --problem {problem.number}")
    return 0


def command_progress(arguments: argparse.Namespace) -> int:
    """Run the problems' tests quietly and print the same table pytest prints."""
    if not PROBLEM_TESTS.is_dir():
        print(f"No {PROBLEM_TESTS}/ here: run this from the kit's top folder.", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as scratch:
        report_path = Path(scratch) / "progress.json"
        command = [sys.executable, "-m", "pytest", str(PROBLEM_TESTS), "-q", "--tb=no"]
        command += ["-p", "no:cacheprovider", f"--bootcamp-report={report_path}"]
        if arguments.strict:
            command.append("--strict-todo")
        completed = subprocess.run(command, capture_output=True, text=True, check=False)
        if not report_path.exists():
            print(completed.stdout + completed.stderr, file=sys.stderr)
            return completed.returncode or 1
        report = json.loads(report_path.read_text(encoding="utf-8"))
    states = {
        int(code.removeprefix("P")): State(entry["state"])
        for code, entry in report["problems"].items()
    }
    print("\n".join(render_progress(states, package=PACKAGE)))
    return 0


def command_bench(arguments: argparse.Namespace) -> int:
    """Bench each host against a bare app of its framework; print a table, save JSON."""
    # Imported here: the bench needs the servers, which `hint` and `progress` do not.
    from .bench.runner import FULL, QUICK, render_table, run_bench

    base = QUICK if arguments.quick else FULL
    knobs = {"users": arguments.users, "orders": arguments.orders, "duration": arguments.duration}
    knobs |= {"rounds": arguments.rounds, "concurrency": arguments.concurrency}
    config = replace(base, **{name: value for name, value in knobs.items() if value is not None})

    def report(line: str) -> None:
        print(f"  {line}", file=sys.stderr, flush=True)

    results = run_bench(config, report)
    print("\n".join(render_table(results)))
    if arguments.json:
        Path(arguments.json).write_text(json.dumps(results, indent=2), encoding="utf-8")
        print(f"figures saved to {arguments.json}")
    return 0


def command_lab(arguments: argparse.Namespace) -> int:
    """Run one lab: measure a claim of the course on this machine; table, JSON, plot."""
    # Imported here: the labs need the servers, which `hint` and `progress` do not.
    from .labs.plot import PlotUnavailableError, draw, require_matplotlib
    from .labs.registry import LABS
    from .labs.report import as_json, knob_text, render
    from .labs.serving import lab_hosts

    if arguments.list:
        for lab in LABS.values():
            print(f"{lab.name:<14}{lab.summary}")
            for knob, spec in lab.knobs.items():
                full, quick = knob_text(spec.full), knob_text(spec.quick)
                print(f"{'':<16}--{knob}: {spec.meaning} ({full}; --quick {quick})")
        return 0
    lab = LABS.get(arguments.name or "")
    if lab is None:
        known = ", ".join(LABS)
        given = f"There is no lab {arguments.name!r}" if arguments.name else "Name a lab"
        print(f"{given}: choose one of {known} (uv run {PACKAGE} lab --list).", file=sys.stderr)
        return 2
    given = {k: getattr(arguments, k) for k in ("size", "concurrency", "duration")}
    given = {knob: value for knob, value in given.items() if value is not None}
    for knob in given.keys() - lab.knobs.keys():
        knobs = ", ".join(f"--{name}" for name in lab.knobs)
        print(f"lab {lab.name} has no --{knob}; its knobs are {knobs}.", file=sys.stderr)
        return 2
    for option, suffix in (("json", ".json"), ("plot", ".png")):
        path = getattr(arguments, option)
        if path and (Path(path).suffix != suffix or not Path(path).parent.is_dir()):
            print(
                f"--{option} needs a {suffix} file in a folder that exists: {path}", file=sys.stderr
            )
            return 2
    if arguments.plot:
        try:
            require_matplotlib()
        except PlotUnavailableError as error:
            print(error, file=sys.stderr)
            return 2
    knobs = {name: spec.quick if arguments.quick else spec.full for name, spec in lab.knobs.items()}
    started = time.monotonic()

    def report(line: str) -> None:
        print(f"  [{time.monotonic() - started:5.1f} s] {lab.name}: {line}", file=sys.stderr)

    try:
        result = lab.run(knobs | given, lab_hosts(), report)
    except KeyboardInterrupt:
        print(f"lab {lab.name} stopped; every server it started is stopped.", file=sys.stderr)
        return 130
    except RuntimeError as error:  # a server that did not start says why in its log
        print(f"lab {lab.name} failed: {error}", file=sys.stderr)
        return 1
    except (OSError, EOFError) as error:  # a server that cannot start or stopped answering
        print(f"lab {lab.name} failed: {error or type(error).__name__}", file=sys.stderr)
        return 1
    print("\n".join(render(result, {name: spec.meaning for name, spec in lab.knobs.items()})))
    if arguments.json:
        Path(arguments.json).write_text(json.dumps(as_json(result), indent=2), encoding="utf-8")
        print(f"figures saved to {arguments.json}")
    if arguments.plot:
        draw(result, Path(arguments.plot))
        print(f"plot saved to {arguments.plot}")
    return 0


def positive_int(text: str) -> int:
    """An argparse type: a whole number of at least 1, or a clear usage error."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least 1")
    return int(text)


def positive_seconds(text: str) -> float:
    """An argparse type: a number of seconds above 0 and at most an hour."""
    try:
        seconds = float(text)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds <= 3600:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds from 0 to 3600")
    return seconds


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, separate from ``main`` so tests can inspect it."""
    parser = argparse.ArgumentParser(prog=PACKAGE, description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)

    seed = commands.add_parser("seed", help="load the live test data into the database")
    seed.set_defaults(handler=command_seed)

    progress = commands.add_parser("progress", help="show which problems are solved")
    progress.add_argument("--strict", action="store_true", help="ignore TODO markers")
    progress.set_defaults(handler=command_progress)

    hint = commands.add_parser("hint", help="show the hint of problem N")
    hint.add_argument("number", help="problem number, e.g. 7 or P07")
    hint.set_defaults(handler=command_hint)

    bench = commands.add_parser(
        "bench", help="measure each host against a bare app of its framework (127.0.0.1 only)"
    )
    bench.add_argument("--quick", action="store_true", help="a run of seconds, tiny sizes")
    bench.add_argument("--json", metavar="PATH", help="also save every figure as JSON")
    bench.add_argument("--users", type=positive_int, help="users in the database")
    bench.add_argument("--orders", type=positive_int, help="orders in the database (exported)")
    bench.add_argument("--duration", type=positive_seconds, help="seconds per scenario and round")
    bench.add_argument("--rounds", type=positive_int, help="rounds of kit/bare turns")
    bench.add_argument("--concurrency", type=positive_int, help="connections per scenario")
    bench.set_defaults(handler=command_bench)

    lab = commands.add_parser(
        "lab", help="measure a claim of the course on this machine (servers on 127.0.0.1 only)"
    )
    lab.add_argument("name", nargs="?", help="the lab to run (see --list)")
    lab.add_argument("--list", action="store_true", help="list the labs and their knobs")
    lab.add_argument("--quick", action="store_true", help="a run of seconds, tiny sizes")
    lab.add_argument("--json", metavar="PATH", help="also save every figure as JSON")
    lab.add_argument("--plot", metavar="PATH.png", help="also draw the figures (labs group)")
    lab.add_argument("--size", type=positive_int, help="the lab's size (see --list)")
    lab.add_argument("--concurrency", type=positive_int, help="clients at once")
    lab.add_argument("--duration", type=positive_seconds, help="seconds per measurement")
    lab.set_defaults(handler=command_lab)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``<package>`` console script."""
    arguments = build_parser().parse_args(argv)
    try:
        status = arguments.handler(arguments)
        sys.stdout.flush()  # a reader that went away shows up here, where it can be handled
    except BrokenPipeError:
        # `progress | head` closed the pipe early: nothing is wrong, and nobody reads the rest.
        # Python's documented recipe: point stdout at devnull, so that the flush at exit cannot
        # fail again, and exit with 1 as Python itself does on a broken pipe.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    return status
