"""`scaffold resource` and `scaffold destroy` as a user meets them, in one rendered kit.

The kit is rendered once (both hosts, so every generated file exists) and committed; each test
works on its own copy, calls the CLI in-process and reads the tree back through git. What the
generated code does at run time (its core and contract tests on every host, ruff, pre-commit)
is proven by the farm, in `test_kits.py::test_generated_resources_pass_the_kits_own_checks`.
"""

from __future__ import annotations

import shlex
import shutil
import sys
from pathlib import Path

import processes
import pytest
from farm import GENERATED_RESOURCES
from kits import DEFAULT_PACKAGE, clean_environment, output_of, render

from scaffold.cli import main
from scaffold.spec import GRAMMAR_HELP

PRODUCTS, REVIEWS = (list(spec) for spec in GENERATED_RESOURCES[:2])
RESOURCES = f"src/{DEFAULT_PACKAGE}/resources"
SCAFFOLD = [sys.executable, "-m", "scaffold"]
GRAMMAR_FIRST_LINE = GRAMMAR_HELP.strip().splitlines()[0]


def git(kit: Path, *arguments: str) -> str:
    completed = processes.run(["git", *arguments], cwd=kit, env=clean_environment())
    assert completed.returncode == 0, output_of(completed)
    return completed.stdout


def tree_state(kit: Path) -> str:
    """Every change to the committed tree, untracked files included, and the index's tree."""
    status = git(kit, "status", "--porcelain", "--untracked-files=all", "--ignored")
    return status + git(kit, "write-tree")


def scaffold(capsys: pytest.CaptureFixture[str], *arguments: str | Path) -> tuple[int, str, str]:
    """`scaffold ARGUMENTS...`: exit code, stdout, stderr (argparse's exits included)."""
    capsys.readouterr()
    try:
        code = main([str(argument) for argument in arguments])
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def pristine_kit(tmp_path_factory: pytest.TempPathFactory, template_snapshot: Path) -> Path:
    kit = tmp_path_factory.mktemp("resource-kit") / "kit"
    answers = {"framework": "both", "edition": "instructor"}
    render(kit, answers, template=template_snapshot, vcs_ref=None)
    git(kit, "init", "-q", "-b", "main")
    git(kit, "add", "-A")
    git(kit, "commit", "-q", "-m", "Generated kit")
    return kit


@pytest.fixture
def kit(pristine_kit: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(pristine_kit, tmp_path / "kit", symlinks=True))


def generated(kit: Path, capsys: pytest.CaptureFixture[str], *spec: str) -> str:
    code, out, err = scaffold(capsys, "resource", *spec, "--kit", kit)
    assert code == 0, out + err
    return out


BAD_SPECS = {
    "unknown type": (["widgets", "size:huge"], '"size:huge"'),
    "empty enum": (["widgets", "status:enum[]"], '"status:enum[]"'),
    "enum value not an identifier": (["widgets", "status:enum[a,b-c]"], '"b-c"'),
    "default of the wrong type": (["widgets", "stock:int=many"], '"many"'),
    "default outside the enum": (["widgets", "status:enum[draft,live]=gone"], '"gone"'),
    "duplicate field": (["widgets", "name:str", "name:text"], '"name"'),
    "a field named id": (["widgets", "id:int"], '"id"'),
    "a keyword as field": (["widgets", "class:str"], '"class"'),
    "a field that is no identifier": (["widgets", "2fast:str"], '"2fast"'),
    "singular resource name": (["widget", "name:str"], '"widget"'),
    "not snake_case": (["Widgets", "name:str"], '"Widgets"'),
    "clash with users": (["users", "name:str"], '"users"'),
    "clash with health": (["health", "name:str"], '"health"'),
    "clash with problems": (["problems", "name:str"], '"problems"'),
    "a stdlib module": (["types", "name:str"], '"types"'),
    "the kit's package": ([DEFAULT_PACKAGE, "name:str"], f'"{DEFAULT_PACKAGE}"'),
    "a reference to nothing": (["widgets", "maker:ref[makers]"], '"makers"'),
    "no fields": (["widgets"], "no fields"),
}


@pytest.mark.parametrize("spec, quoted", BAD_SPECS.values(), ids=BAD_SPECS.keys())
def test_bad_specs_are_refused_with_the_grammar_and_nothing_is_written(
    pristine_kit: Path, capsys: pytest.CaptureFixture[str], spec: list[str], quoted: str
) -> None:
    before = tree_state(pristine_kit)
    code, out, err = scaffold(capsys, "resource", *spec, "--kit", pristine_kit)
    assert code == 1, out + err
    assert quoted in err, f"the message must quote {quoted}:\n{err}"
    assert GRAMMAR_FIRST_LINE in err, f"the message must show the grammar:\n{err}"
    assert tree_state(pristine_kit) == before, "a refused spec wrote something"


def test_a_name_taken_by_a_generated_resource_is_refused(
    kit: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    generated(kit, capsys, *PRODUCTS)
    before = tree_state(kit)
    code, _, err = scaffold(capsys, "resource", "products", "title:str", "--kit", kit)
    assert code == 1 and '"products"' in err and "--refresh" in err, err
    assert tree_state(kit) == before


def test_the_same_fields_written_otherwise_are_the_same_spec_and_dry_run_shows_a_change(
    kit: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    generated(kit, capsys, *PRODUCTS)
    git(kit, "add", "-A")
    before = tree_state(kit)
    written_otherwise = {"price:decimal": "price:decimal[14,2]", "stock:int=0": "stock:int=-0"}
    assert set(written_otherwise) <= set(PRODUCTS)
    same = [written_otherwise.get(field, field) for field in PRODUCTS]
    again = generated(kit, capsys, *same)
    assert "Nothing to do" in again, again
    assert tree_state(kit) == before

    other = [*PRODUCTS, "notes:text?"]
    code, out, err = scaffold(capsys, "resource", *other, "--dry-run", "--kit", kit)
    assert code == 0, out + err
    assert f"conflict  {RESOURCES}/products/model.py" in out and "+    notes: str | None" in out
    assert tree_state(kit) == before
    code, _, err = scaffold(capsys, "resource", *other, "--kit", kit)
    assert code == 1 and "already exists with the fields" in err and "--dry-run" in err, err
    assert tree_state(kit) == before


def test_outside_a_kit_it_refuses_and_usage_errors_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = scaffold(capsys, "resource", *PRODUCTS)
    assert code == 1 and "No kit here" in err and "--kit DIR" in err, err
    code, _, err = scaffold(capsys, "destroy", "products", "--kit", tmp_path)
    assert code == 1 and "is not a generated kit" in err, err
    assert list(tmp_path.iterdir()) == []
    for usage in (["resource"], ["resource", "products", "--colour"], ["destroy"], ["nonsense"]):
        code, _, err = scaffold(capsys, *usage)
        assert code == 2 and "usage:" in err, (usage, err)


def test_every_command_has_help_and_resource_help_holds_the_grammar(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = scaffold(capsys, "--help")
    assert code == 0
    for command in ("new", "hooks", "resource", "destroy"):
        assert command in out
        code, help_text, _ = scaffold(capsys, command, "--help")
        assert code == 0 and help_text.startswith("usage: scaffold " + command), help_text
    _, resource_help, _ = scaffold(capsys, "resource", "--help")
    for type_name in ("str", "text", "int", "float", "decimal", "bool", "date", "datetime"):
        assert f"  {type_name} " in resource_help or f" {type_name}," in resource_help, type_name
    for part in ("enum[", "ref[", "?", "!", "="):
        assert part in resource_help


def test_dry_run_prints_the_plan_with_diffs_and_writes_nothing(
    pristine_kit: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = tree_state(pristine_kit)
    code, out, _ = scaffold(capsys, "resource", *PRODUCTS, "--dry-run", "--kit", pristine_kit)
    assert code == 0
    assert f"create  {RESOURCES}/products/model.py" in out
    assert f"+++ b/{RESOURCES}/products/model.py" in out
    assert "create  tests/http/test_http_resource_products.py" in out
    assert "(dry run: nothing was written)" in out
    assert "\x1b[" not in out, "no colour: the output is read in logs too"
    assert tree_state(pristine_kit) == before


def test_a_second_run_is_identical_and_an_edited_file_is_a_conflict(
    kit: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = generated(kit, capsys, *PRODUCTS)
    created = [line.split()[1] for line in first.splitlines() if line.strip().startswith("create")]
    assert len(created) >= 9, first
    assert "Undo with: scaffold destroy products" in first, "the next steps name the resource"
    git(kit, "add", "-A")
    after_first = tree_state(kit)

    again = generated(kit, capsys, *PRODUCTS)
    kinds = {line.split()[0] for line in again.splitlines() if line.startswith(" ")}
    assert kinds == {"identical"}, again
    assert "Nothing to do" in again
    assert tree_state(kit) == after_first

    model = kit / RESOURCES / "products" / "model.py"
    edited = model.read_text() + "# my own note\n"
    model.write_text(edited)
    code, out, err = scaffold(capsys, "resource", *PRODUCTS, "--kit", kit)
    assert code == 1, out + err
    assert f"conflict  {RESOURCES}/products/model.py" in out
    assert "Nothing was written" in err and "--force" in err
    assert model.read_text() == edited, "a refused run must keep the edit"

    code, out, err = scaffold(capsys, "resource", *PRODUCTS, "--force", "--kit", kit)
    assert code == 0, out + err
    git(kit, "add", "-A")
    assert tree_state(kit) == after_first, "--force writes the generated text back"


def test_destroy_restores_the_tree_and_refuses_while_referenced(
    kit: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pristine = tree_state(kit)
    generated(kit, capsys, *PRODUCTS)
    generated(kit, capsys, *REVIEWS)

    with_both = tree_state(kit)
    code, _, err = scaffold(capsys, "destroy", "products", "--kit", kit)
    assert code == 1 and '"reviews"' in err, err
    assert tree_state(kit) == with_both

    code, out, _ = scaffold(capsys, "destroy", "reviews", "--dry-run", "--kit", kit)
    assert code == 0 and "remove  tests/core/test_resource_reviews.py" in out, out
    assert tree_state(kit) == with_both

    for name in ("reviews", "products"):
        code, out, err = scaffold(capsys, "destroy", name, "--kit", kit)
        assert code == 0, out + err
    assert tree_state(kit) == pristine, "resource then destroy must give the same tree back"
    assert not (kit / RESOURCES / "products").exists()

    code, _, err = scaffold(capsys, "destroy", "products", "--kit", kit)
    assert code == 1 and '"products"' in err, err


def test_a_manifest_broken_by_hand_is_named_and_can_still_be_destroyed(
    kit: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """reviews refers to products, whose package was deleted by hand, not with destroy."""
    generated(kit, capsys, *PRODUCTS)
    generated(kit, capsys, *REVIEWS)
    shutil.rmtree(kit / RESOURCES / "products")
    before = tree_state(kit)

    code, out, err = scaffold(capsys, "resource", "carts", "name:str", "--kit", kit)
    assert code == 1, out + err
    assert f"{RESOURCES}/reviews/resource.toml no longer checks" in err, err
    assert '"products"' in err and "scaffold destroy reviews" in err, err
    assert len(err.strip().splitlines()) == 1, err
    assert tree_state(kit) == before

    code, out, err = scaffold(capsys, "destroy", "reviews", "--dry-run", "--kit", kit)
    assert code == 0 and "remove  tests/core/test_resource_reviews.py" in out, out + err
    code, out, err = scaffold(capsys, "destroy", "reviews", "--kit", kit)
    assert code == 0, out + err
    assert not (kit / RESOURCES / "reviews").exists()


def test_an_unreadable_manifest_is_one_line_naming_it(
    kit: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    generated(kit, capsys, *PRODUCTS)
    (kit / RESOURCES / "products" / "resource.toml").write_text('name = "products"\n')
    code, out, err = scaffold(capsys, "destroy", "products", "--kit", kit)
    assert code == 1, out + err
    assert f"{RESOURCES}/products/resource.toml is not a manifest" in err, err
    assert "restore it from git" in err and len(err.strip().splitlines()) == 1, err


def test_destroy_refuses_an_edited_file_unless_forced(
    kit: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pristine = tree_state(kit)
    generated(kit, capsys, *PRODUCTS)
    services = kit / RESOURCES / "products" / "services.py"
    edited = services.read_text() + "\n\ndef my_helper() -> int:\n    return 1\n"
    services.write_text(edited)

    code, out, err = scaffold(capsys, "destroy", "products", "--kit", kit)
    assert code == 1, out + err
    assert f"conflict  {RESOURCES}/products/services.py" in out
    assert services.read_text() == edited
    assert (kit / RESOURCES / "products" / "model.py").is_file(), "nothing may be removed"

    code, out, err = scaffold(capsys, "destroy", "products", "--force", "--kit", kit)
    assert code == 0, out + err
    assert tree_state(kit) == pristine


def test_refresh_regenerates_from_the_recorded_spec(
    kit: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    generated(kit, capsys, *PRODUCTS)
    manifest = (kit / RESOURCES / "products" / "resource.toml").read_text()
    for field in PRODUCTS[1:]:
        assert f'"{field}"' in manifest, manifest
    git(kit, "add", "-A")
    before = tree_state(kit)
    (kit / RESOURCES / "products" / "storage.py").unlink()

    code, out, err = scaffold(capsys, "resource", "products", "--refresh", "--kit", kit)
    assert code == 0, out + err
    assert f"create  {RESOURCES}/products/storage.py" in out
    assert tree_state(kit) == before

    code, _, err = scaffold(capsys, "resource", "products", "x:int", "--refresh", "--kit", kit)
    assert code == 1 and "resource.toml" in err, err
    code, _, err = scaffold(capsys, "resource", "carts", "--refresh", "--kit", kit)
    assert code == 1 and '"carts"' in err, err


def test_a_self_reference_is_left_null_by_the_fixtures_and_tested_on_its_own(
    kit: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`parent:ref[categories]?`: the first row points at nothing; one test sets the parent."""
    generated(kit, capsys, "categories", "name:str", "parent:ref[categories]?")
    services = (kit / RESOURCES / "categories" / "services.py").read_text()
    assert "repository(session).get(parent_id) is None" in services, services
    assert "categories_repository" not in services, "its own repository is `.storage`'s"
    for test in ("core/test_resource_categories.py", "http/test_http_resource_categories.py"):
        text = (kit / "tests" / test).read_text()
        assert 'found: dict[str, Any] = {"parent_id": None}' in text, text
        assert "def test_parent_id_points_at_another_category(" in text, text
        assert '"referenced"' in text and "categories_services" not in text, text


def test_required_references_in_a_circle_are_refused(
    kit: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    generated(kit, capsys, "alphas", "name:str")
    generated(kit, capsys, "betas", "alpha:ref[alphas]")
    before = tree_state(kit)
    code, out, err = scaffold(
        capsys, "resource", "alphas", "name:str", "beta:ref[betas]", "--force", "--kit", kit
    )
    assert code == 1, out + err
    assert "(alphas -> betas -> alphas)" in err and "nullable" in err, err
    assert tree_state(kit) == before


def test_the_command_a_student_runs_finds_the_kit_from_a_subfolder(kit: Path) -> None:
    """`scaffold resource ...` from inside the kit, as the kit's README says, with no --kit."""
    command = [*SCAFFOLD, "resource", *PRODUCTS, "--dry-run"]
    completed = processes.run(command, cwd=kit / "tests", env=clean_environment())
    assert completed.returncode == 0, output_of(completed)
    assert f"create  {RESOURCES}/products/model.py" in completed.stdout


def test_a_broken_pipe_ends_quietly(pristine_kit: Path) -> None:
    """`scaffold resource ... --dry-run | head -1` prints one line and no traceback."""
    command = shlex.join([*SCAFFOLD, "resource", *PRODUCTS, "--dry-run"])
    completed = processes.run(
        ["sh", "-c", f"{command} | head -1"],
        cwd=pristine_kit,
        env=clean_environment(),
        timeout=120,
    )
    assert len(completed.stdout.splitlines()) == 1, completed.stdout
    assert "Traceback" not in completed.stderr, completed.stderr
