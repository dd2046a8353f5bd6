"""copier.yml's questions: sane defaults, clear refusals of bad answers, nothing written."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from kits import combinations, copier_questions, copier_settings, render


def snapshot(template: Path) -> dict[str, object]:
    """`render` options for the suite's plain-folder copy of the template (no git clone)."""
    return {"template": template, "vcs_ref": None}


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
    ({"package_name": "flask"}, "would shadow the flask package"),
    ({"package_name": "fastapi"}, "would shadow the fastapi package"),
    ({"package_name": "pydantic"}, "would shadow the pydantic package"),
    ({"package_name": "pytest"}, "would shadow the pytest package"),
    ({"package_name": "1abc"}, "is not a valid Python package name"),
    ({"package_name": "my-pkg"}, "is not a valid Python package name"),
    ({"package_name": "My_Pkg"}, "is not a valid Python package name"),
    ({"package_name": "pkg'name"}, "is not a valid Python package name"),
    ({"package_name": "pkg\nname"}, "is not a valid Python package name"),
    ({"package_name": ""}, "package_name must not be empty"),
    ({"description": "two\nlines"}, "description must be a single line"),
    ({"author_name": ""}, "author_name must not be empty"),
    ({"author_email": "not-an-email"}, "is not an email address"),
    ({"framework": "django"}, "framework"),
    ({"edition": "teacher"}, "edition"),
    ({"python_version": "3.9"}, "python_version"),
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


def test_text_answers_with_toml_special_characters_stay_valid(
    tmp_path: Path, template_snapshot: Path
) -> None:
    import tomllib

    answers = {"description": 'Says "hi" \\ and more', "author_name": "O\\Brien"}
    render(tmp_path / "kit", answers, **snapshot(template_snapshot))
    project = tomllib.loads((tmp_path / "kit" / "pyproject.toml").read_text())["project"]
    assert project["description"] == 'Says "hi" \\ and more'
    assert project["authors"][0]["name"] == "O\\Brien"


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


def test_reserved_names_cover_this_interpreters_standard_library() -> None:
    reserved = copier_questions()["reserved_package_names"]["default"]
    public = {name for name in sys.stdlib_module_names if not name.startswith("_")}
    assert public <= set(reserved["stdlib"]), public - set(reserved["stdlib"])


def test_copy_needs_no_trust() -> None:
    """`_tasks` or `_jinja_extensions` would make `copier copy` refuse to run without --trust."""
    settings = set(copier_settings())
    assert not settings & {"_tasks", "_jinja_extensions", "_migrations"}, settings
