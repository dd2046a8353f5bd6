"""copier.yml's questions: sane defaults, clear refusals of bad answers, nothing written."""

from __future__ import annotations

import json
import sys
import tomllib
from pathlib import Path

import jinja2
import processes
import pytest
import reserved_names
from conftest import farm, farm_render, kit_of
from kits import (
    EXTRA_KITS,
    LONGEST_PACKAGE_NAME,
    UNUSUAL_TEXT,
    UVX_COPIER,
    combinations,
    copier_questions,
    copier_settings,
    default_choices,
    find_python,
    kit_id,
    output_of,
    render,
)

REGENERATE = "uv run python tests/reserved_names.py"
UNUSUAL_TEXT_KIT = "flask-student-py3.12-unusual-text"


def snapshot(template: Path) -> dict[str, object]:
    """`render` options for the suite's plain-folder copy of the template (no git clone)."""
    return {"template": template, "vcs_ref": None}


NOT_A_NAME = "is not a valid package name"
INSTALLED = "package this kit installs"
WINDOWS = "is a device name on Windows"
BAD_ANSWERS = [
    ({"project_name": ""}, "project_name must not be empty"),
    ({"project_name": "   "}, "project_name must not be empty"),
    ({"project_name": "Acme\nBackend"}, "project_name must be a single line"),
    ({"project_name": 'Acme "Backend"'}, "project_name must not contain quotes"),
    ({"project_name": "Acme's Backend"}, "project_name must not contain quotes"),
    ({"package_name": "class"}, "is a Python keyword"),
    ({"package_name": "match"}, "is a Python keyword"),
    ({"package_name": "json"}, "would shadow the standard library module"),
    ({"package_name": "asyncio"}, "would shadow the standard library module"),
    # The standard library's test package, which sys.stdlib_module_names leaves out.
    ({"package_name": "test"}, "would shadow the standard library module"),
    # Modules of what the kit installs (uv could not resolve a project of the same name).
    *[
        ({"package_name": name}, f"would shadow the {name} {INSTALLED}")
        for name in (
            *("flask", "fastapi", "pydantic", "pytest", "yaml", "click", "anyio", "jinja2"),
            *("pydantic_core", "typing_extensions", "ruff", "pre_commit", "pyyaml"),
        )
    ],
    # The kit's own test modules: pytest imports them as top-level modules.
    ({"package_name": "conftest"}, "is the name of one of the kit's own test modules"),
    ({"package_name": "http_contract"}, "is the name of one of the kit's own test modules"),
    *[({"package_name": name}, WINDOWS) for name in ("con", "aux", "nul", "prn", "com1", "lpt1")],
    ({"project_name": "Aux"}, f'package_name "aux" {WINDOWS}'),  # derived from the project name
    *[
        ({"package_name": name}, NOT_A_NAME)
        for name in ("__init__", "__main__", "__future__", "_private", "acme_", "1abc")
    ],
    *[({"package_name": name}, NOT_A_NAME) for name in ("my-pkg", "My_Pkg", "pkg'name")],
    ({"package_name": "pkg\nname"}, NOT_A_NAME),
    ({"package_name": "pkg\n"}, NOT_A_NAME),
    ({"package_name": LONGEST_PACKAGE_NAME + "s"}, "characters long; at most"),
    ({"package_name": ""}, "package_name must not be empty"),
    ({"description": "two\nlines"}, "description must be a single line"),
    ({"author_name": ""}, "author_name must not be empty"),
    ({"author_email": "not-an-email"}, "is not an email address"),
    ({"author_email": "team lead@example.com"}, "is not an email address"),
    ({"author_email": "team@example.com\n"}, "author_email must be a single line"),
    ({"author_email": "team\n@example.com"}, "author_email must be a single line"),
    ({"framework": "django"}, "framework"),
    ({"edition": "teacher"}, "edition"),
    ({"python_version": "3.9"}, "python_version"),
    # Derived values: set with -d, they would contradict framework.
    ({"use_fastapi": "false"}, "use_fastapi is derived from framework"),
    ({"framework": "fastapi", "use_flask": "true"}, "use_flask is derived from framework"),
]


@pytest.mark.parametrize(("answers", "message"), BAD_ANSWERS, ids=lambda value: repr(value))
def test_bad_answers_are_refused_clearly_and_write_nothing(
    tmp_path: Path, template_snapshot: Path, answers: dict[str, str], message: str
) -> None:
    destination = tmp_path / "kit"
    with pytest.raises(ValueError) as refused:
        render(destination, answers, **snapshot(template_snapshot))
    assert message in str(refused.value)
    assert not destination.exists() or not any(destination.iterdir())


def test_default_package_name_is_derived_from_the_project_name(
    tmp_path: Path, template_snapshot: Path
) -> None:
    render(tmp_path / "kit", {"project_name": "Acme Shop -- API 2"}, **snapshot(template_snapshot))
    answers = (tmp_path / "kit" / ".copier-answers.yml").read_text()
    assert "package_name: acme_shop_api_2" in answers
    assert (tmp_path / "kit" / "src" / "acme_shop_api_2" / "core").is_dir()


@pytest.mark.parametrize("rendered_kit", [UNUSUAL_TEXT_KIT])
def test_text_answers_with_special_characters_stay_valid(
    rendered_kit: str, tmp_path: Path, template_snapshot: Path
) -> None:
    """Quotes and backslashes reach TOML and JSON escaped; non-ASCII leaves the package name.

    The same answers are an extra kit of the farm (kits.EXTRA_KITS), linted and tested there:
    this test reads the farm's render of it, or renders it when the farm does not build it.
    """
    farm_kit, _ = farm_render(rendered_kit)
    if farm_kit is not None:
        kit = farm_kit.path
    else:
        kit = tmp_path / "kit"
        render(kit, EXTRA_KITS[rendered_kit], **snapshot(template_snapshot))
    project = tomllib.loads((kit / "pyproject.toml").read_text())["project"]
    assert project["description"] == UNUSUAL_TEXT["description"]
    assert project["authors"][0]["name"] == UNUSUAL_TEXT["author_name"]
    devcontainer = json.loads((kit / ".devcontainer" / "devcontainer.json").read_text())
    assert devcontainer["name"] == UNUSUAL_TEXT["project_name"]
    assert (kit / "src" / "caf_and_backend" / "core").is_dir()


@pytest.mark.parametrize("package_name", [LONGEST_PACKAGE_NAME, "a"])
def test_the_longest_and_shortest_package_names_render_lint_clean(
    tmp_path: Path, template_snapshot: Path, package_name: str
) -> None:
    """Long names once pushed import lines past ruff's limit; a short one must not reflow them.

    ruff from this repository, with the kit's own configuration; the farm's extra kit with the
    longest name also runs the kit's pre-commit and pytest.
    """
    kit = tmp_path / "kit"
    answers = {"framework": "both", "edition": "student", "package_name": package_name}
    render(kit, answers, **snapshot(template_snapshot))
    for command in (["check"], ["format", "--check"]):
        completed = processes.run([sys.executable, "-m", "ruff", *command, "."], cwd=kit)
        assert completed.returncode == 0, output_of(completed)


def test_the_extra_kits_test_what_their_ids_say() -> None:
    rules = copier_questions()["reserved_package_names"]["default"]
    assert len(LONGEST_PACKAGE_NAME) == rules["max_length"], "use the longest allowed name"
    assert EXTRA_KITS["both-instructor-py3.12-longest-name"]["package_name"] == LONGEST_PACKAGE_NAME
    unusual = EXTRA_KITS[UNUSUAL_TEXT_KIT]
    assert "package_name" not in unusual, "its package_name must be derived from the project name"
    assert not unusual["project_name"].isascii() and "\\" in unusual["project_name"]
    assert '"' in unusual["description"] and "'" in unusual["author_name"]
    questions = copier_questions()
    assert questions["notebooks"]["type"] == "bool" and questions["notebooks"]["default"] is True
    without = [name for name, answers in EXTRA_KITS.items() if answers.get("notebooks") is False]
    assert without == ["fastapi-instructor-py3.12-no-notebooks"], without
    assert all("notebooks" not in answers for answers in combinations()), "a bool is no choice"


@pytest.mark.parametrize(
    ("source", "reachable"),
    [
        ("https://github.com/acme/bootcamp-template.git", True),
        ("git@github.com:acme/bootcamp-template.git", True),
        ("gh:acme/bootcamp-template", True),
        ("git+https://git.example.com/acme/template", True),
        ("/home/lead/bootcamp-template", False),
        ("bootcamp-template", False),
        ("file:///home/lead/bootcamp-template", False),
        ("git+file:///home/lead/bootcamp-template", False),
    ],
)
def test_the_message_after_copy_warns_when_students_cannot_reach_the_template(
    source: str, reachable: bool
) -> None:
    message = copier_settings()["_message_after_copy"]
    context = {
        "project_name": "Acme",
        "package_name": "acme",
        "_copier_answers": {"_src_path": source},
        "_copier_conf": {"dst_path": "acme-kit"},
    }
    text = jinja2.Environment().from_string(message).render(context)
    assert ("WARNING" in text) is not reachable, text
    assert "uv lock" in text.split("git init")[0], "uv.lock must exist before the first commit"


def test_copying_from_a_folder_prints_the_warning(
    tmp_path: Path, template_snapshot: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    render(tmp_path / "kit", {}, **snapshot(template_snapshot), quiet=False)
    printed = capsys.readouterr().err
    assert f'records its template as "{template_snapshot}"' in printed, printed
    assert f"{UVX_COPIER} copy https://" in printed


def test_answers_file_stores_real_answers_only(tmp_path: Path, template_snapshot: Path) -> None:
    render(tmp_path / "kit", {"framework": "flask"}, **snapshot(template_snapshot))
    answers = (tmp_path / "kit" / ".copier-answers.yml").read_text()
    for derived in ("use_flask", "use_fastapi", "reserved_package_names"):
        assert derived not in answers
    assert "framework: flask" in answers
    assert "_src_path:" in answers  # and `_commit:`, checked with tagged versions in test_update


def test_every_question_has_help_and_a_default() -> None:
    for name, question in copier_questions().items():
        if question.get("when", True) is False:
            continue
        assert question.get("help"), f"{name} has no help text"
        assert "default" in question, f"{name} has no default"


def test_combinations_cover_every_choice_question() -> None:
    every = combinations()
    assert {"framework", "edition", "python_version"} <= set(every[0])
    assert len(every) == len({tuple(sorted(c.items())) for c in every})  # no duplicates
    frameworks = {c["framework"] for c in every}
    assert frameworks == {"flask", "fastapi", "both"}


# A kit with both hosts installs everything any kit installs.
BOTH_HOSTS_KIT = kit_id({**default_choices(), "framework": "both"})


@pytest.mark.parametrize("kit_name", [BOTH_HOSTS_KIT])
def test_reserved_names_match_what_a_kit_installs(kit_name: str) -> None:
    """reserved-names.yml is generated; it is stale once a dependency or a test module changes."""
    missing = [v for v in reserved_names.offered_pythons() if find_python(v) is None]
    if missing:
        pytest.skip(f"Python {', '.join(missing)} is needed to list the standard library")
    with farm().exclusive(kit_name) as outcome:
        kit = kit_of(outcome)
        # Every group, as tests/reserved_names.py installs them (the farm's environment may
        # not have the `labs` group yet); --inexact removes nothing another kit relies on.
        synced = kit.run("uv", "sync", "--frozen", "--inexact", "--all-groups", "--quiet")
        assert synced.returncode == 0, synced.stderr
        python = Path(kit.env["UV_PROJECT_ENVIRONMENT"]) / "bin" / "python"
        distribution = tomllib.loads((kit.path / "pyproject.toml").read_text())["project"]["name"]
        lock = (kit.path / "uv.lock").read_text()
        expected = reserved_names.reserved_names(str(python), lock, distribution)
    committed = reserved_names.committed()
    stale = {
        key: sorted(set(expected[key]) ^ set(committed.get(key, [])))
        if isinstance(expected[key], list)
        else (committed.get(key), expected[key])
        for key in expected
        if committed.get(key) != expected[key]
    }
    assert not stale, f"reserved-names.yml is stale (run `{REGENERATE}`): {stale}"


def test_reserved_names_cover_this_interpreters_standard_library() -> None:
    reserved = copier_questions()["reserved_package_names"]["default"]
    # Only names of the shape copier.yml allows (`cProfile` or `_thread` can never be one).
    public = {name for name in sys.stdlib_module_names if reserved_names.NAME_RULE.fullmatch(name)}
    assert public <= set(reserved["stdlib"]), public - set(reserved["stdlib"])


def test_copy_needs_no_trust() -> None:
    """`_tasks` or `_jinja_extensions` would make `copier copy` refuse to run without --trust."""
    settings = set(copier_settings())
    assert not settings & {"_tasks", "_jinja_extensions", "_migrations"}, settings
