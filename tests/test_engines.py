"""One tree, two engines: cookiecutter renders the kit copier renders, and refuses what it refuses.

Every kit the suite builds (each combination of the choices, read from copier.yml, and the
extra kits) is rendered by cookiecutter too and compared with copier's render file by file:
paths, bytes and permission bits; only the engines' own answer files may differ. The farm's
copier render is reused when this run builds that kit (tests/farm.py); otherwise the test
renders it itself. Cookiecutter runs in-process (kits.render_with_cookiecutter).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path, PurePosixPath
from typing import Any

import cookiecutter_files
import processes
import pytest
from conftest import farm_render
from kits import (
    COOKIECUTTER_DIR,
    ENGINE_ANSWER_FILES,
    TEMPLATE_DIR,
    TEMPLATE_ROOT,
    UNUSUAL_TEXT,
    all_kits,
    clean_environment,
    copy_working_tree,
    file_digests,
    file_modes,
    output_of,
    render,
    render_with_cookiecutter,
    working_tree_files,
)
from test_questions import BAD_ANSWERS
from test_update import NEW_QUESTION

# Text answers beyond the farm's unusual-text kit: markup characters and single braces (two
# braces would be Jinja to cookiecutter, which renders its --no-input answers: README.md),
# letters outside the BMP, an email with a quote; the package name is derived.
MARKUP_AND_BRACES = {
    "project_name": "Shop <API> & {Core} \u00e9t\u00e9 \U0001f680",
    "description": "Tags <b>&amp;</b>, {braces}, 100% \\ 'quotes' & \"more\"",
    "author_name": "\u00c6sir & <Co> {Ltd} \\",
    "author_email": "o'brien+kit@example.com",
}
TEXT_ANSWER_SETS = {
    "text-markup-and-braces": {"framework": "fastapi", **MARKUP_AND_BRACES},
    "text-unusual-instructor": {"framework": "both", "edition": "instructor", **UNUSUAL_TEXT},
}
ENGINE_KITS = all_kits() | TEXT_ANSWER_SETS

# Windows refuses a path of 260 characters or more (MAX_PATH counts the final NUL) unless long
# paths are switched on. A clone lives in a folder such as
# C:\Users\firstname.lastname\Documents\GitHub\bootcamp-template\ (63 characters), and cruft
# clones into %TEMP%\tmpXXXXXXXX\repo\ (about as long): 64 are left for that folder.
WINDOWS_MAX_PATH = 259
CLONE_FOLDER_ALLOWANCE = 64
TEMPLATE_PATH_BUDGET = WINDOWS_MAX_PATH - CLONE_FOLDER_ALLOWANCE


def kit_record(root: Path) -> dict[str, tuple[str, int]]:
    """(sha256, permission bits) of every kit file but the engines' own answer files."""
    digests, modes = file_digests(root), file_modes(root)
    return {
        path: (digest, modes[path])
        for path, digest in digests.items()
        if path not in ENGINE_ANSWER_FILES
    }


def differences(copier: dict[str, Any], cookiecutter: dict[str, Any]) -> list[str]:
    lines = [f"only copier renders {path}" for path in sorted(copier.keys() - cookiecutter.keys())]
    lines += [f"only cookiecutter renders {p}" for p in sorted(cookiecutter.keys() - copier.keys())]
    lines += [
        f"{path}: copier {copier[path]}, cookiecutter {cookiecutter[path]}"
        for path in sorted(copier.keys() & cookiecutter.keys())
        if copier[path] != cookiecutter[path]
    ]
    return lines


@pytest.mark.parametrize("rendered_kit", list(ENGINE_KITS))
def test_cookiecutter_renders_the_kit_copier_renders(
    rendered_kit: str, tmp_path: Path, template_snapshot: Path
) -> None:
    answers = ENGINE_KITS[rendered_kit]
    farm_kit, snapshot = farm_render(rendered_kit)
    if farm_kit is not None and snapshot is not None:
        copier = {path: (digest, farm_kit.modes[path]) for path, digest in farm_kit.files.items()}
        copier = {
            path: record for path, record in copier.items() if path not in ENGINE_ANSWER_FILES
        }
        copier_package = farm_kit.package
    else:
        snapshot = template_snapshot
        render(tmp_path / "copier", answers, template=snapshot, vcs_ref=None)
        copier = kit_record(tmp_path / "copier")
        copier_package = next((tmp_path / "copier" / "src").iterdir()).name
    made = render_with_cookiecutter(tmp_path / "cookiecutter", answers, template=snapshot)

    assert differences(copier, kit_record(made)) == []
    assert sorted(path.name for path in (tmp_path / "cookiecutter").iterdir()) == [made.name]
    assert made.name == copier_package.replace("_", "-"), "the kit folder is the package's name"


def test_the_kits_compared_cover_every_combination_and_the_text_answers() -> None:
    """ENGINE_KITS holds every kit of the suite (all_kits()); its text answers, every kind."""
    texts = [answers for name, answers in ENGINE_KITS.items() if "project_name" in answers]
    every_character = "".join(str(value) for answers in texts for value in answers.values())
    for character in ("<", ">", "&", "{", "}", '"', "'", "\\", "\u00e9", "\U0001f680"):
        assert character in every_character, f"no text answer holds {character!r}"
    assert all("package_name" not in answers for answers in texts), "derive the package name"


# ----- bad answers -----

DERIVED = {"use_flask", "use_fastapi"}
# Names that would lead outside the output folder if cookiecutter took them as they are.
ESCAPING_NAMES = [
    ({"package_name": "../../escaped"}, "is not a valid package name"),
    ({"package_name": "/tmp/escaped"}, "is not a valid package name"),
    ({"package_name": ".."}, "is not a valid package name"),
    ({"project_name": "../.."}, "package_name must not be empty"),
]


@pytest.mark.parametrize(
    ("answers", "message"),
    [(a, m) for a, m in BAD_ANSWERS if not DERIVED & set(a)] + ESCAPING_NAMES,
    ids=lambda value: repr(value),
)
def test_cookiecutter_refuses_each_bad_answer_with_copiers_message_and_writes_nothing(
    tmp_path: Path,
    template_snapshot: Path,
    capfd: pytest.CaptureFixture[str],
    answers: dict[str, str],
    message: str,
) -> None:
    """The pre-generation hook prints copier's line; a bad choice is refused by cookiecutter."""
    outside = tmp_path / "outside"
    output = outside / "out"
    with pytest.raises(Exception) as refused:
        render_with_cookiecutter(output, answers, template=template_snapshot)
    printed = capfd.readouterr().err
    question = next(iter(answers)) if "package_name" not in message else "package_name"
    if "choices" in str(refused.value):
        assert message in str(refused.value), refused.value
    else:
        assert f"Validation error for question '{question}': " in printed, printed
        assert message in printed, printed
    assert list(output.iterdir()) == [], "cookiecutter left files in the output folder"
    assert sorted(path.name for path in outside.iterdir()) == ["out", "out.cookiecutter"]
    assert not (Path("/tmp") / "escaped").exists() and not (tmp_path / "escaped").exists()


@pytest.mark.parametrize("answers", [a for a, _ in BAD_ANSWERS if DERIVED & set(a)], ids=repr)
def test_cookiecutter_does_not_take_a_derived_value_as_an_answer(
    tmp_path: Path, template_snapshot: Path, answers: dict[str, str]
) -> None:
    """Cookiecutter ignores a key its questions lack: the kit follows framework, as copier's."""
    made = render_with_cookiecutter(tmp_path / "out", answers, template=template_snapshot)
    framework = answers.get("framework", "both")
    package = made / "src" / "users_and_orders_backend"
    assert (package / "flask_app").is_dir() is (framework in ("flask", "both"))
    assert (package / "fastapi_app").is_dir() is (framework in ("fastapi", "both"))


# ----- the generated files and the layout -----


def test_the_generated_cookiecutter_files_are_fresh() -> None:
    stale = cookiecutter_files.stale_files()
    assert not stale, "\n".join(stale) + f"\nRun `{cookiecutter_files.COMMAND}`"


def test_a_new_question_makes_them_stale_until_the_script_runs(tmp_path: Path) -> None:
    root = copy_working_tree(tmp_path / "repo")
    copier_yml = root / "copier.yml"
    copier_yml.write_text(copier_yml.read_text() + NEW_QUESTION)
    assert cookiecutter_files.main(["--check", "--root", str(root)]) == 1
    assert cookiecutter_files.main(["--root", str(root)]) == 0
    assert cookiecutter_files.stale_files(root) == []
    written = (root / COOKIECUTTER_DIR.relative_to(TEMPLATE_ROOT) / "cookiecutter.json").read_text()
    assert '"cohort": "2027"' in written and '"cohort": "Name of the cohort"' in written


UNSUPPORTED = [
    ({"_tasks": ["echo hi"]}, "setting _tasks has no cookiecutter equivalent"),
    ({"_migrations": []}, "setting _migrations has no cookiecutter equivalent"),
    ({"_exclude": ["*.md"]}, "setting _exclude has no cookiecutter equivalent"),
    ({"_jinja_extensions": ["x.Y"]}, "setting _jinja_extensions has no cookiecutter"),
    ({"_templates_suffix": ".tmpl"}, "_templates_suffix must be '.jinja'"),
    ({"cohort": {"type": "str", "default": "x", "when": "{{ edition }}"}}, "a conditional"),
    ({"token": {"type": "str", "default": "", "secret": True}}, "`secret` has no cookiecutter"),
    ({"size": {"type": "int", "default": 3}}, "type int cannot be asked"),
    ({"tags": {"type": "str", "default": "a", "multiselect": True}}, "`multiselect` has no"),
    ({"cookiecutter": {"type": "str", "default": "x"}}, "the name is taken"),
    (
        {"cohort": {"type": "str", "default": "x", "validator": "{{ _copier_conf.dst_path }}"}},
        "uses _copier_conf.dst_path, which cookiecutter cannot provide",
    ),
    (
        {"cohort": {"type": "str", "default": "{{ _folder_name }}"}},
        "uses _folder_name, which cookiecutter cannot provide",
    ),
    (
        {"framework": {"type": "str", "default": "django", "choices": ["flask"]}},
        "its default must be one of its choices",
    ),
]


@pytest.mark.parametrize(("addition", "message"), UNSUPPORTED, ids=lambda value: repr(value))
def test_the_script_refuses_what_cookiecutter_cannot_mirror(
    addition: dict[str, Any], message: str
) -> None:
    config = cookiecutter_files.copier_config()
    assert cookiecutter_files.unsupported_features(config) == []
    problems = cookiecutter_files.unsupported_features({**config, **addition})
    assert any(message in problem for problem in problems), problems


def test_the_script_names_a_file_it_cannot_mirror_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy_working_tree(tmp_path / "repo")
    tree = root / TEMPLATE_DIR.relative_to(TEMPLATE_ROOT)
    (tree / "x.py").mkdir()  # a folder the `*.py` copy-as-is pattern would match
    (tree / "tests" / "{% if use_flask %}notes.txt{% endif %}").write_text("{{ not rendered }}")
    generated = root / COOKIECUTTER_DIR.relative_to(TEMPLATE_ROOT) / "cookiecutter.json"
    (tree / "x.py" / "keep.txt").write_text("")
    before = generated.read_text()
    assert cookiecutter_files.main(["--root", str(root)]) == 1
    err = capsys.readouterr().err
    assert "x.py: the copy-as-is pattern '*.py' matches this folder" in err, err
    assert "notes.txt{% endif %}: cookiecutter renders a file whose name holds Jinja" in err, err
    assert err.rstrip().endswith("Nothing was written.")
    assert generated.read_text() == before


def test_every_conditional_folder_has_its_cookiecutter_only_branch() -> None:
    """Found, not listed: every folder whose name holds a condition, for every combination."""
    config = cookiecutter_files.copier_config()
    files = cookiecutter_files.tree_files(TEMPLATE_DIR)
    folders = cookiecutter_files.conditional_folders(files)
    assert len(folders) >= 4, folders  # flask_app, fastapi_app, both problem trees
    assert cookiecutter_files.folder_branch_problems(config, files) == []


@pytest.mark.parametrize(
    "name",
    [
        "{% if use_flask %}flask_app{% endif %}",  # no branch: empty under cookiecutter
        "{% if use_flask %}flask_app{% elif cookiecutter %}{% endif %}",  # an empty branch
        "{% if use_flask %}flask_app{% else %}flask_app.prune{% endif %}",  # copier takes it
        "{% if use_flask %}flask_app{% elif cookiecutter %}fastapi_app.prune{% endif %}",
    ],
)
def test_a_conditional_folder_without_a_safe_branch_is_named(name: str) -> None:
    config = cookiecutter_files.copier_config()
    files = cookiecutter_files.tree_files(TEMPLATE_DIR)
    broken = PurePosixPath("src") / name / "__init__.py"
    problems = cookiecutter_files.folder_branch_problems(config, [*files, broken])
    assert len(problems) == 1 and problems[0].startswith(f"src/{name}: "), problems


def test_the_longest_template_path_fits_a_windows_clone() -> None:
    lengths = {name: len(name) for name in working_tree_files()}
    longest = max(lengths, key=lengths.__getitem__)
    assert lengths[longest] <= TEMPLATE_PATH_BUDGET, (
        f"{longest} is {lengths[longest]} characters; at most {TEMPLATE_PATH_BUDGET} keep a "
        f"clone in a {CLONE_FOLDER_ALLOWANCE}-character folder under Windows' 260"
    )


def test_copier_still_reads_nothing_of_cookiecutters(
    tmp_path: Path, template_snapshot: Path
) -> None:
    """copier renders only its `_subdirectory`: break cookiecutter's files, copier does not care."""
    snapshot = tmp_path / "template"
    shutil.copytree(template_snapshot, snapshot)
    cookiecutter_dir = snapshot / COOKIECUTTER_DIR.relative_to(TEMPLATE_ROOT)
    for name in ("cookiecutter.json", "copier_jinja.py", "hooks/pre_gen_project.py"):
        (cookiecutter_dir / name).write_text("raise SystemExit('copier must not read this')\n")
    render(tmp_path / "kit", {}, template=snapshot, vcs_ref=None)
    assert (tmp_path / "kit" / "pyproject.toml").is_file()


# The oldest cookiecutter this template supports: `__prompts__` (help texts and choice labels)
# came in 2.2.0; 2.1 renders the same kit but asks with bare names; 2.0 cannot load the
# template's extension. README.md says so; this test runs that version once, through uvx.
OLDEST_COOKIECUTTER = "2.2.0"


def test_the_oldest_supported_cookiecutter_renders_the_same_kit(
    tmp_path: Path, template_snapshot: Path
) -> None:
    readme = (TEMPLATE_ROOT / "README.md").read_text()
    assert f"cookiecutter {OLDEST_COOKIECUTTER} or later" in readme, "README.md must say it"
    pinned = render_with_cookiecutter(tmp_path / "pinned", {}, template=template_snapshot)
    home = tmp_path / "oldest.cookiecutter"
    home.mkdir()
    (home / "config.yaml").write_text(f"cookiecutters_dir: {home}/c\nreplay_dir: {home}/r\n")
    command = [
        *("uvx", "--quiet", "--python", sys.executable),
        *("--from", f"cookiecutter=={OLDEST_COOKIECUTTER}", "cookiecutter", "--no-input"),
        *("--config-file", str(home / "config.yaml"), str(template_snapshot)),
        *("--directory", COOKIECUTTER_DIR.name, "--output-dir", str(tmp_path / "oldest")),
    ]
    completed = processes.run(command, env=clean_environment(), timeout=300)
    assert completed.returncode == 0, output_of(completed)
    assert differences(kit_record(pinned), kit_record(tmp_path / "oldest" / pinned.name)) == []
