"""The notebooks' single source: course/notebooks/ builds the committed .ipynb files, exactly.

scripts/build_notebooks.py explains the source format. These tests fail when a committed
notebook is stale or edited by hand, check that 0B and 0C keep the same sections in the same
order, that each notebook sends the student to real problems and ends with the homework, and
that malformed sources are refused with a message that says how to fix them. Running the
notebooks is each kit's own job (tests/notebooks in the kit, run by the farm).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import build_notebooks
import build_problems
import pytest
from kits import TEMPLATE_ROOT

PROBLEM_LINK = re.compile(r"--problem (\d+)")


def notebooks() -> dict[str, dict]:
    """Each built notebook by its name in a kit (``0B_flask.ipynb``)."""
    return {
        build_notebooks.rendered_name(path.name): json.loads(text)
        for path, text in build_notebooks.build().items()
    }


def markdown(notebook: dict) -> list[str]:
    return [
        "".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "markdown"
    ]


def sections(notebook: dict) -> list[str]:
    return [
        line
        for text in markdown(notebook)
        for line in text.splitlines()
        if line.startswith("## ") or line.startswith("### ")
    ]


def test_committed_notebooks_match_their_sources() -> None:
    stale = build_notebooks.stale_files()
    assert not stale, (
        "\n".join(stale)
        + "\nEdit course/notebooks/ (never the .ipynb files of the template tree), "
        f"then run `{build_notebooks.BUILD_COMMAND}`"
    )


def test_every_notebook_of_the_course_is_built() -> None:
    assert sorted(notebooks()) == ["0A_core.ipynb", "0B_flask.ipynb", "0C_fastapi.ipynb"]


def test_flask_and_fastapi_notebooks_have_the_same_sections_in_the_same_order() -> None:
    built = notebooks()
    flask, fastapi = sections(built["0B_flask.ipynb"]), sections(built["0C_fastapi.ipynb"])
    assert flask == fastapi and len(flask) >= 8, (flask, fastapi)
    assert [c["id"] for c in built["0B_flask.ipynb"]["cells"]] != [
        c["id"] for c in built["0C_fastapi.ipynb"]["cells"]
    ], "each host notebook has cells of its own"


def test_each_notebook_prepares_real_problems_and_ends_with_the_homework() -> None:
    numbers = set(build_problems.catalogued_modules(TEMPLATE_ROOT).values())
    for name, notebook in notebooks().items():
        text = "\n".join(markdown(notebook))
        linked = {int(number) for number in PROBLEM_LINK.findall(text)}
        assert linked and linked <= numbers, (name, linked - numbers)
        assert "uv run pytest --problem" in text, name
        assert sections(notebook)[-1].startswith("## Exercises"), (name, sections(notebook)[-1])


def test_notebooks_are_stored_without_outputs_with_unique_stable_ids() -> None:
    for name, notebook in notebooks().items():
        assert (notebook["nbformat"], notebook["nbformat_minor"]) == (4, 5), name
        ids = [cell["id"] for cell in notebook["cells"]]
        assert len(ids) == len(set(ids)) and all(re.fullmatch(r"[a-z0-9-]{1,64}", i) for i in ids)
        for cell in notebook["cells"]:
            if cell["cell_type"] == "code":
                assert cell["outputs"] == [] and cell["execution_count"] is None, (name, cell["id"])
    assert build_notebooks.build() == build_notebooks.build(), "a build must be deterministic"


def write_sources(root: Path, core: str, hosts: str = "# %%\nprint(1)\n") -> Path:
    folder = root / build_notebooks.SOURCE_DIR
    folder.mkdir(parents=True)
    (folder / "core.py").write_text(core, encoding="utf-8")
    (folder / "hosts.py").write_text(hosts, encoding="utf-8")
    return root


BAD_SOURCES = [
    ("# %% [code]\nprint(1)\n", "unknown cell marker"),
    ("# %% only=django\nprint(1)\n", "unknown host 'django'"),
    ("print(0)\n# %%\nprint(1)\n", "text before the first `# %%` marker"),
    ("# %% [markdown]\n# Title\n# %%\n\n", "empty cell"),
    ("# %% [markdown]\nNot a comment\n", "a Markdown cell's lines start with '# '"),
    ("# %% only=flask\nprint(1)\n", "only= cells in a source of one notebook"),
    ("# %% [markdown]\n# ## Same\n# %% [markdown]\n# ## Same!\n", "give the cell id 'same-1'"),
]


@pytest.mark.parametrize(("core", "message"), BAD_SOURCES, ids=[m for _, m in BAD_SOURCES])
def test_malformed_sources_are_refused_with_the_fix(
    tmp_path: Path, core: str, message: str
) -> None:
    root = write_sources(tmp_path, core)
    with pytest.raises(build_notebooks.SourceError, match=re.escape(message)) as refused:
        build_notebooks.build(root)
    assert "course/notebooks/core.py" in str(refused.value)


def test_a_section_heading_only_one_host_has_is_refused(tmp_path: Path) -> None:
    hosts = "# %% [markdown] only=flask\n# # 0B\n# %% [markdown] only=flask\n# ## Flask only\n"
    root = write_sources(tmp_path, "# %%\nprint(0)\n", hosts)
    with pytest.raises(build_notebooks.SourceError, match="put section headings in a shared cell"):
        build_notebooks.build(root)


def test_check_mode_reports_a_hand_edit_and_writes_nothing(tmp_path: Path) -> None:
    root = write_sources(tmp_path, "# %% [markdown]\n# # 0A\n# %%\nprint(0)\n")
    assert build_notebooks.write(root), "the first build writes every notebook"
    built = root / build_notebooks.OUTPUT_DIR / "0A_core.ipynb"
    built.write_text(built.read_text().replace("print(0)", "print(1)"))
    assert build_notebooks.stale_files(root) == [f"stale: {built.relative_to(root).as_posix()}"]
    assert "print(1)" in built.read_text()
    assert build_notebooks.write(root) == [f"wrote {built.relative_to(root).as_posix()}"]
    assert build_notebooks.stale_files(root) == []
