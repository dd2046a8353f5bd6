"""Build the kits the selected tests need and run each expensive step once per distinct input.

The rule (see CONTRIBUTING.md, "The template's own suite"): every combination (and every kit of
`kits.EXTRA_KITS`) is rendered and checked, but a step runs once per *key*, the digest of
everything that step can depend on.

- **install**: one environment per (pyproject.toml, interpreter). A student kit and the
  instructor kit of the same Python and framework have the same pyproject.toml, so they share
  one virtualenv (`UV_PROJECT_ENVIRONMENT`); `uv run` points its editable install at
  whichever kit runs a command, and an environment lock keeps their commands apart.
- **kit tests** come in up to three units: `suite` (everything under tests/ but
  tests/problems and tests/notebooks), `problems` and, in a kit with notebooks, `notebooks`
  (each notebook run in a kernel; a cell may run the student's solution, so it reads the
  problem modules). A unit's key covers every kit file it can read (the `suite` unit cannot
  read the problem modules, the notebooks or their tests), the interpreter's exact version and
  the kit's uv.lock; no unit reads README.md or the answers file. A kit runs, in one pytest
  process, the units whose key no other kit has run, and reports the others' results. So a
  student kit's core and HTTP tests are the instructor kit's run, while its problem and
  notebook units are its own: problems non-strict (all TODO, green) and strict (every stub
  fails), notebooks with every solution-dependent cell skipped. An instructor kit's
  non-strict run already runs every solution for real (no TODO marker is left), so it has no
  separate strict run.
- **pre-commit**: its hooks check file by file, so a kit checks only the files that no kit
  with the same hook config, pyproject.toml, uv.lock and interpreter has checked already.
- **wrong answers**: each known-wrong answer (and each right answer other than the reference
  solution) runs once, in rounds of one answer per problem, spread over the kits that have
  both hosts.
- **real servers** (the kit's opt-in ``-m servers`` tests, seconds each: the bench and the
  labs): not a repetition but a choice of depth, once per framework, in the instructor kit at
  the default Python, with the kit's ``labs`` group installed (``uv run --group labs``).
- **generated resources**: in a copy of that same kit (same venv), ``scaffold resource``
  adds ``products`` and ``reviews``; the copy's whole suite and pre-commit then run there,
  once per framework: the generator's output is new bytes, so nothing can be reused.

Kits are processed in a thread pool (the work is in child processes), one pipeline per
environment; the tests only read the results.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import threading
import time
import traceback
import xml.etree.ElementTree as ElementTree
from collections import defaultdict
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from subprocess import CompletedProcess
from typing import Any

import timings
from kits import (
    EXTRA_KITS,
    NOT_KIT_FILES,
    Kit,
    all_kits,
    clean_environment,
    copy_working_tree,
    digest_of,
    file_digests,
    file_modes,
    find_python,
    interpreter_version,
    output_of,
    render,
)

SUITE = "suite"
PROBLEMS = "problems"
NOTEBOOKS = "notebooks"
UNITS = (SUITE, PROBLEMS, NOTEBOOKS)
# Opt-in tests that start real servers (`-m servers` in a kit): chosen to run deeply once per
# framework, in the instructor kit at the default Python, like cookiecutter-django's matrix.
SERVERS = "servers"
# The labs' smoke test draws its plots: only the server runs install the kit's `labs` group
# (matplotlib), as the kit's CI does, into the environment they share with the other kits.
SERVERS_GROUPS = ("labs",)
# Text no kit test reads: what a unit's key leaves out.
NOT_READ_BY_TESTS = ("README.md", ".copier-answers.yml")
LOCK_FILE = "uv.lock"
# What `scaffold resource` is asked to add in each framework's kit (issue 11's example).
GENERATED_RESOURCES = (
    ("products", "name:str", "sku:str!", "price:decimal", "stock:int=0", "owner:ref[users]?"),
    ("reviews", "product:ref[products]", "rating:int", "body:text?"),
    # A reference to itself, and a resource with nothing that can clash (no 409 to test).
    ("categories", "name:str", "parent:ref[categories]?"),
    ("notes", "body:text", "pinned:bool=false", "written_on:date?"),
)
# What a kit's copy leaves out: kits.NOT_KIT_FILES but `.venv` (a farm kit's environment is
# one of the farm's, outside the kit folder: UV_PROJECT_ENVIRONMENT).
NOT_COPIED = tuple(sorted(NOT_KIT_FILES - {".venv"}))
# Every wait for a result ends at this many seconds after the farm started, so that a stuck
# pipeline fails its tests once instead of making each of them wait in turn.
FARM_DEADLINE = 1200.0
WRONG_ANSWERS_DIR = Path(__file__).parent / "wrong_answers"
RIGHT_ANSWERS_DIR = Path(__file__).parent / "right_answers"


def wrong_answers() -> list[Path]:
    """Every known-wrong answer, `pNN_<what is wrong>.py`."""
    return sorted(WRONG_ANSWERS_DIR.glob("p[0-9][0-9]_*.py"))


def right_answers() -> list[Path]:
    """Correct solutions other than the reference one, `pNN_<how it differs>.py`."""
    return sorted(RIGHT_ANSWERS_DIR.glob("p[0-9][0-9]_*.py"))


def answer_key(answer: Path) -> str:
    """A wrong and a right answer may share a file name: their folder tells them apart."""
    return f"{answer.parent.name}/{answer.name}"


def problem_number(answer: Path) -> int:
    return int(answer.name[1:3])


def rounds(answers: list[Path]) -> list[list[Path]]:
    """Group answers so that no round holds two answers to the same problem."""
    grouped: list[list[Path]] = []
    for answer in answers:
        for group in grouped:
            if problem_number(answer) not in {problem_number(other) for other in group}:
                group.append(answer)
                break
        else:
            grouped.append([answer])
    return grouped


def kit_units(kit: Kit) -> tuple[str, ...]:
    """The units this kit has: `notebooks` only when it was generated with its notebooks."""
    return tuple(u for u in UNITS if u != NOTEBOOKS or (kit.path / "tests" / NOTEBOOKS).is_dir())


def unit_files(kit: Kit, unit: str) -> dict[str, str]:
    """The kit files (with their digests) that the tests of `unit` can depend on."""
    not_read_by_suite = (
        f"src/{kit.package}/problems/",
        "tests/problems/",
        f"{NOTEBOOKS}/",
        f"tests/{NOTEBOOKS}/",
    )
    return {
        path: digest
        for path, digest in kit.files.items()
        if path not in NOT_READ_BY_TESTS
        and (unit != SUITE or not path.startswith(not_read_by_suite))
    }


def unit_paths(kit: Kit, unit: str) -> list[str]:
    """What to pass to pytest to run `unit`."""
    if unit in (PROBLEMS, NOTEBOOKS, SERVERS):
        return [f"tests/{unit}"]
    return sorted(
        child.relative_to(kit.path).as_posix()
        for child in (kit.path / "tests").iterdir()
        if child.name not in (PROBLEMS, NOTEBOOKS, SERVERS, "__pycache__")
    )


@dataclass
class PytestRun:
    """One pytest process in a kit, and which of its units had a failing or erroring test."""

    kit: str
    units: tuple[str, ...]
    strict: bool
    completed: CompletedProcess[str]
    report: dict[str, Any] | None
    failing: frozenset[str]
    tests: dict[str, int]
    """Test cases per unit, as the JUnit report counts them."""
    seconds: dict[str, float] = field(default_factory=dict)
    """Wall seconds of each test case, as the JUnit report times them, by its name in `cases`."""

    @property
    def cases(self) -> frozenset[str]:
        """Every test case that ran, as ``module::name`` (``tests.http.test_x::test_y[flask]``)."""
        return frozenset(self.seconds)

    @property
    def output(self) -> str:
        return f"[pytest in {self.kit}, units {', '.join(self.units)}]\n{output_of(self.completed)}"


@dataclass
class LintRun:
    """One pre-commit run in a kit: the files it checked and whether every hook passed."""

    kit: str
    files: tuple[str, ...]
    completed: CompletedProcess[str]

    @property
    def passed(self) -> bool:
        return self.completed.returncode == 0


@dataclass
class ResourcesRun:
    """A kit copy with generated resources: the generator's commands, then the kit's checks."""

    path: Path
    commands: list[CompletedProcess[str]]
    pytest: PytestRun | None = None
    lint: CompletedProcess[str] | None = None


@dataclass(frozen=True)
class Verdict:
    """How one wrong answer's problem tests ended in its round."""

    kit: str
    exit_code: int
    report_entry: dict[str, Any] | None
    output: str


@dataclass
class KitOutcome:
    """Everything the farm learnt about one kit; the tests assert on it."""

    name: str
    answers: dict[str, Any]
    kit: Kit | None = None
    error: str | None = None
    skip_reason: str | None = None
    unit_runs: dict[str, PytestRun] = field(default_factory=dict)
    """Each unit of this kit -> the run that covered its key (this kit's own, or another's)."""
    own_run: PytestRun | None = None
    strict_run: PytestRun | None = None
    servers_run: PytestRun | None = None
    resources: ResourcesRun | None = None
    lint: dict[str, LintRun] = field(default_factory=dict)
    """Each file of this kit -> the pre-commit run that checked it (this kit's, or another's)."""
    rendered: threading.Event = field(default_factory=threading.Event)
    finished: threading.Event = field(default_factory=threading.Event)


@dataclass
class Environment:
    """A virtualenv shared by the kits whose pyproject.toml and interpreter are the same."""

    key: str
    venv: Path
    lock: threading.RLock = field(default_factory=threading.RLock)
    lock_file: str | None = None
    """The uv.lock that `uv sync` wrote for the first kit; the other kits start from it."""


class KitFarm:
    """Plans and runs the kits' steps in a thread pool; tests read the outcomes."""

    def __init__(
        self,
        kit_names: set[str],
        with_wrong_answers: bool,
        workers: int,
        deep_kits: frozenset[str] = frozenset(),
    ) -> None:
        self.deep_kits = deep_kits
        """Kits that also run the real-server tests and the generated resources."""
        self.root = Path(tempfile.mkdtemp(prefix="template-suite-"))
        self.snapshot = copy_working_tree(self.root / "template")
        self.combinations = all_kits()
        answers = wrong_answers() + right_answers()
        self.answer_rounds = rounds(answers) if with_wrong_answers else []
        self.round_kits = self._round_kits() if with_wrong_answers else []
        wanted = set(kit_names) | set(self.round_kits)
        self.outcomes = {
            name: KitOutcome(name, self.combinations[name])
            for name in self.combinations
            if name in wanted
        }
        self.verdicts: dict[str, Verdict] = {}
        self._verdicts_done = threading.Event()
        self._claims: dict[str, Future[PytestRun]] = {}
        self._linted: dict[str, dict[tuple[str, str], LintRun]] = defaultdict(dict)
        self._environments: dict[str, Environment] = {}
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="kit-farm")
        self._deadline = time.monotonic() + FARM_DEADLINE

    # ----- planning -----

    def _round_kits(self) -> list[str]:
        """The kits the wrong-answer rounds run in: instructor kits with both hosts (no extra)."""
        return [
            name
            for name, answers in self.combinations.items()
            if name not in EXTRA_KITS
            and answers.get("framework") == "both"
            and answers.get("edition") == "instructor"
            and find_python(answers.get("python_version", "3.12")) is not None
        ]

    def start(self) -> None:
        """Submit one pipeline per predicted environment (same Python and framework).

        An extra kit (kits.EXTRA_KITS) has a pyproject.toml of its own, so a pipeline of its own.
        """
        pipelines: dict[tuple[Any, ...], list[str]] = defaultdict(list)
        for name, outcome in self.outcomes.items():
            answers = outcome.answers
            key = (
                (name,)
                if name in EXTRA_KITS
                else (answers.get("python_version"), answers.get("framework"))
            )
            pipelines[key].append(name)
        # The longest pipelines (the ones with wrong-answer rounds) go first.
        ordered = sorted(
            pipelines.values(), key=lambda names: not set(names) & set(self.round_kits)
        )
        self._pending = len(ordered)
        for names in ordered:
            self._pool.submit(self._pipeline, sorted(names, key=_instructor_first))

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    def cleanup(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    # ----- what the tests call -----

    def _remaining(self) -> float:
        return max(0.0, self._deadline - time.monotonic())

    def outcome(self, name: str) -> KitOutcome:
        """The kit's outcome once its pipeline has finished."""
        outcome = self.outcomes[name]
        if not outcome.finished.wait(self._remaining()):
            raise TimeoutError(f"kit {name} was not finished {FARM_DEADLINE:.0f} s after start")
        return outcome

    def rendered(self, name: str) -> KitOutcome:
        """The kit's outcome once copier has rendered it (its files and modes as rendered)."""
        outcome = self.outcomes[name]
        if not outcome.rendered.wait(self._remaining()):
            raise TimeoutError(f"kit {name} was not rendered {FARM_DEADLINE:.0f} s after start")
        return outcome

    def verdict(self, answer: Path) -> Verdict:
        if not self._verdicts_done.wait(self._remaining()):
            raise TimeoutError("the wrong-answer rounds did not finish in time")
        missing = Verdict("none", -1, None, "no kit with both hosts could be built to run it")
        return self.verdicts.get(answer_key(answer), missing)

    @contextmanager
    def exclusive(self, name: str) -> Iterator[KitOutcome]:
        """The finished kit, with its environment to itself for as long as the block runs."""
        outcome = self.outcome(name)
        if outcome.kit is None:
            yield outcome
            return
        with self._environment_of(outcome.kit).lock:
            yield outcome

    # ----- the pipeline -----

    def _pipeline(self, names: list[str]) -> None:
        try:
            for name in names:
                self._render(self.outcomes[name])
            for name in names:
                outcome = self.outcomes[name]
                if outcome.kit is not None:
                    self._guarded(outcome, self._process)
            self._run_wrong_answers(names)
        except BaseException:
            for name in names:
                self.outcomes[name].error = self.outcomes[name].error or traceback.format_exc()
        finally:
            for name in names:
                self.outcomes[name].rendered.set()
                self.outcomes[name].finished.set()
            with self._lock:
                self._pending -= 1
                if self._pending == 0:
                    self._verdicts_done.set()

    def _guarded(self, outcome: KitOutcome, step: Any) -> None:
        try:
            step(outcome)
        except BaseException:
            outcome.error = traceback.format_exc()

    def _render(self, outcome: KitOutcome) -> None:
        version = outcome.answers.get("python_version", "3.12")
        python = find_python(version)
        if python is None:
            outcome.skip_reason = f"Python {version} is not installed here"
            outcome.rendered.set()
            return
        path = self.root / "kits" / outcome.name
        started = time.perf_counter()
        try:
            render(path, outcome.answers, template=self.snapshot, vcs_ref=None)
        except BaseException:
            outcome.error = traceback.format_exc()
            outcome.rendered.set()
            return
        timings.record("render", time.perf_counter() - started, kit=outcome.name)
        kit = Kit(path=path, answers=outcome.answers, env={}, name=outcome.name)
        kit.files = file_digests(path)
        kit.modes = file_modes(path)
        environment = self._environment(kit, python)
        kit.env = {
            **clean_environment(python),
            "UV_PROJECT_ENVIRONMENT": str(environment.venv),
        }
        outcome.kit = kit
        outcome.rendered.set()

    def _environment(self, kit: Kit, python: str) -> Environment:
        key = digest_of(kit.files["pyproject.toml"], interpreter_version(python))
        with self._lock:
            if key not in self._environments:
                venv = self.root / "envs" / key
                self._environments[key] = Environment(key=key, venv=venv)
            return self._environments[key]

    def _environment_of(self, kit: Kit) -> Environment:
        return self._environments[Path(kit.env["UV_PROJECT_ENVIRONMENT"]).name]

    def _process(self, outcome: KitOutcome) -> None:
        kit = outcome.kit
        assert kit is not None
        environment = self._environment_of(kit)
        with environment.lock:
            self._install(kit, environment)
            self._run_units(outcome, environment)
            if kit.edition == "student":
                outcome.strict_run = self._pytest(
                    kit, (PROBLEMS,), strict=True, step="pytest strict"
                )
            elif kit.name in self.deep_kits:
                outcome.servers_run = self._pytest(kit, (SERVERS,), strict=False, step="servers")
                outcome.resources = self._generate_resources(kit)
            self._lint(outcome, environment)

    def _install(self, kit: Kit, environment: Environment) -> None:
        """`uv sync` once per environment; other kits of it reuse its lock file."""
        if environment.lock_file is not None:
            (kit.path / LOCK_FILE).write_text(environment.lock_file, encoding="utf-8")
        else:
            synced = kit.run("uv", "sync", "--quiet", step="install")
            assert synced.returncode == 0, output_of(synced)
            environment.lock_file = (kit.path / LOCK_FILE).read_text(encoding="utf-8")
        for command in (["git", "init", "-q", "-b", "main"], ["git", "add", "-A"]):
            completed = kit.run(*command, step="git")
            assert completed.returncode == 0, output_of(completed)

    def _unit_key(self, kit: Kit, unit: str, environment: Environment) -> str:
        lock = (kit.path / LOCK_FILE).read_text(encoding="utf-8")
        return digest_of(unit, environment.key, lock, unit_files(kit, unit))

    def _run_units(self, outcome: KitOutcome, environment: Environment) -> None:
        """Run the units no other kit has run (one pytest process); borrow the others."""
        kit = outcome.kit
        assert kit is not None
        mine: list[str] = []
        futures: dict[str, Future[PytestRun]] = {}
        with self._lock:
            for unit in kit_units(kit):
                key = self._unit_key(kit, unit, environment)
                if key not in self._claims:
                    self._claims[key] = Future()
                    mine.append(unit)
                futures[unit] = self._claims[key]
        own = self._pytest(kit, tuple(mine), strict=False, step="pytest")
        for unit in mine:
            futures[unit].set_result(own)
        outcome.own_run = own
        for case, seconds in own.seconds.items():  # what each notebook adds to the kit's run
            if case.startswith(f"tests.{NOTEBOOKS}."):
                timings.record_within("pytest", "notebooks", seconds, kit=kit.name)
        outcome.unit_runs = {
            unit: future.result(self._remaining()) for unit, future in futures.items()
        }

    def _pytest(self, kit: Kit, units: tuple[str, ...], *, strict: bool, step: str) -> PytestRun:
        junit = kit.path / ".junit.xml"
        junit.unlink(missing_ok=True)
        everything = set(units) == set(kit_units(kit))
        paths = [] if everything else [p for u in units for p in unit_paths(kit, u)]
        options = ["-q", "--tb=no", "-rN"] if strict else ["-q", "--tb=short"]
        if units == (SERVERS,):
            options += ["-m", SERVERS]
        completed, report = kit.pytest_report(
            *options,
            f"--junitxml={junit}",
            *paths,
            env={"BOOTCAMP_STRICT": "1"} if strict else None,
            step=step,
            groups=SERVERS_GROUPS if units == (SERVERS,) else (),
        )
        failing, tests, seconds = _junit_units(junit)
        junit.unlink(missing_ok=True)
        return PytestRun(
            kit=kit.name,
            units=units,
            strict=strict,
            completed=completed,
            report=report,
            failing=frozenset(failing),
            tests=tests,
            seconds=seconds,
        )

    def _generate_resources(self, kit: Kit) -> ResourcesRun:
        """``scaffold resource`` twice in a copy of ``kit``, then its suite and pre-commit."""
        copy = kit.path.with_name(f"{kit.name}+resources")
        shutil.copytree(kit.path, copy, ignore=shutil.ignore_patterns(*NOT_COPIED))
        run = ResourcesRun(path=copy, commands=[])
        resources_kit = Kit(path=copy, answers=kit.answers, env=kit.env, name=f"{kit.name}+res")
        for fields in GENERATED_RESOURCES:
            command = [sys.executable, "-m", "scaffold", "resource", *fields]
            run.commands.append(resources_kit.run(*command, step="generator"))
        if any(completed.returncode for completed in run.commands):
            return run
        for command in (["git", "init", "-q", "-b", "main"], ["git", "add", "-A"]):
            resources_kit.run(*command, step="git")
        # The notebooks use no generated resource, and the kit's own run has just run them.
        units = tuple(unit for unit in kit_units(kit) if unit != NOTEBOOKS)
        run.pytest = self._pytest(resources_kit, units, strict=False, step="pytest")
        run.lint = resources_kit.uv_run("pre-commit", "run", "--all-files", step="pre-commit")
        return run

    def _lint(self, outcome: KitOutcome, environment: Environment) -> None:
        """pre-commit on the files no kit with the same hook inputs has checked yet."""
        kit = outcome.kit
        assert kit is not None
        tracked = file_digests(kit.path)
        tracked = {
            path: tracked[path] for path in tracked if path in kit.files or path == LOCK_FILE
        }
        config_key = digest_of(
            environment.key,
            tracked.get(".pre-commit-config.yaml", ""),
            tracked.get(LOCK_FILE, ""),
        )
        with self._lock:
            checked = self._linted[config_key]
            unchecked = sorted(
                path for path, digest in tracked.items() if (path, digest) not in checked
            )
        if unchecked:
            everything = len(unchecked) == len(tracked)
            selection = ["--all-files"] if everything else ["--files", *unchecked]
            completed = kit.uv_run("pre-commit", "run", *selection, step="pre-commit")
            run = LintRun(kit=kit.name, files=tuple(unchecked), completed=completed)
            with self._lock:
                for path in unchecked:
                    checked[(path, tracked[path])] = run
        with self._lock:
            outcome.lint = {path: checked[(path, digest)] for path, digest in tracked.items()}

    def _run_wrong_answers(self, names: list[str]) -> None:
        """The rounds assigned to these kits, after everything else ran in them."""
        if not self.round_kits:
            return
        for index, group in enumerate(self.answer_rounds):
            name = self.round_kits[index % len(self.round_kits)]
            if name not in names:
                continue
            outcome = self.outcomes[name]
            if outcome.kit is None:
                for answer in group:
                    reason = outcome.error or outcome.skip_reason or "not built"
                    self.verdicts[answer_key(answer)] = Verdict(name, -1, None, reason)
                continue
            with self._environment_of(outcome.kit).lock:
                self.verdicts.update(run_round(outcome.kit, group))


def run_round(kit: Kit, answers: list[Path]) -> dict[str, Verdict]:
    """Put a round's answers in place, run their problems' tests once, restore the modules.

    A round holds at most one answer per problem; problem tests import only their own
    problem's module, so the answers of one round cannot mask each other.
    """
    modules = {answer: problem_module(kit, problem_number(answer)) for answer in answers}
    originals = {module: module.read_text() for module in modules.values()}
    try:
        for answer, module in modules.items():
            replace_module(module, answer.read_text())
        numbers = [problem_number(answer) for answer in answers]
        test_files = [
            path.relative_to(kit.path).as_posix()
            for number in numbers
            for path in (kit.path / "tests" / "problems").glob(f"level*/test_p{number:02d}_*.py")
        ]
        completed, report = kit.pytest_report(
            "-q",
            "--tb=line",
            "--problem",
            ",".join(str(number) for number in numbers),
            *test_files,
            step="wrong answers",
            env={"PYTHONDONTWRITEBYTECODE": "1"},
        )
    finally:
        for module, original in originals.items():
            replace_module(module, original)
    output = output_of(completed)
    return {
        answer_key(answer): Verdict(
            kit=kit.name,
            exit_code=completed.returncode,
            report_entry=report["problems"][f"P{problem_number(answer):02d}"] if report else None,
            output=output,
        )
        for answer in answers
    }


def problem_module(kit: Kit, number: int) -> Path:
    matches = list((kit.path / "src" / kit.package / "problems").glob(f"level*/p{number:02d}_*.py"))
    assert len(matches) == 1, matches
    return matches[0]


def replace_module(module: Path, text: str) -> None:
    """Write a module and drop its folder's bytecode, so the next import reads the new text."""
    module.write_text(text)
    shutil.rmtree(module.parent / "__pycache__", ignore_errors=True)


def _junit_units(path: Path) -> tuple[set[str], dict[str, int], dict[str, float]]:
    """Units with a failing or erroring test case, test cases per unit, and the seconds of each
    case by its name."""
    failing: set[str] = set()
    tests: dict[str, int] = defaultdict(int)
    seconds: dict[str, float] = {}
    if not path.is_file():
        return set(UNITS), dict(tests), seconds  # no report at all: nothing can be trusted
    for case in ElementTree.parse(path).getroot().iter("testcase"):
        # A collection error has no class name; its name is then the module's dotted path.
        where = case.get("classname") or case.get("name", "")
        unit = next(
            (u for u in (PROBLEMS, NOTEBOOKS, SERVERS) if where.startswith(f"tests.{u}.")), SUITE
        )
        tests[unit] += 1
        name = f"{where}::{case.get('name', '')}"
        seconds[name] = float(case.get("time") or 0.0)
        if case.find("failure") is not None or case.find("error") is not None:
            failing.add(unit)
    return failing, dict(tests), seconds


def _instructor_first(name: str) -> bool:
    return "-instructor-" not in name
