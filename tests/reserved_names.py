"""Generate reserved-names.yml: the rules copier.yml applies to `package_name`.

Every list is derived, never typed by hand, so that it cannot go stale:

- keywords and standard-library modules: asked of each Python the template offers
  (copier.yml's `python_version` choices), plus the stdlib `test` package, which
  `sys.stdlib_module_names` leaves out on purpose but which still shadows a kit package;
- installed: the top-level import names and the distribution names of everything a kit with
  both hosts installs, every dependency group included (its environment, plus every package
  in its uv.lock, which also lists the ones only other platforms install);
- kit_modules: the kit's own test modules; pytest puts their folders on sys.path, so a package
  of the same name could not be imported by the kit's tests;
- max_length: the longest name with which every line that names the package still fits the
  kit's ruff line length;
- windows_devices: names Windows reserves for devices; a folder with one of them cannot exist.

Run it after changing the kit's dependencies or the template's test files:

    uv run python tests/reserved_names.py          # renders and installs a kit, rewrites the file

The template's suite compares the file with what the kits it builds really install and fails
when it is stale (tests/test_questions.py).
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
import tomllib
from pathlib import Path
from typing import Any

import processes
from kits import (
    TEMPLATE_DIR,
    TEMPLATE_ROOT,
    choice_values,
    clean_environment,
    copier_questions,
    default_choices,
    find_python,
    render,
)

# isort: split
# kits has put scripts/ on sys.path (this file also runs as a script).
from cookiecutter_files import TEMPLATES_SUFFIX, rendered_name

# In the scaffold package, so an installed `scaffold resource` reads the same list.
RESERVED_NAMES_FILE = TEMPLATE_ROOT / "scaffold" / "reserved-names.yml"
# The shape copier.yml accepts for a package name; every list keeps only names of that shape.
NAME_RULE = re.compile(r"[a-z]([a-z0-9_]*[a-z0-9])?")
PACKAGE_PLACEHOLDER = "{{ package_name }}"
WINDOWS_DEVICES = ["con", "prn", "aux", "nul"] + [
    f"{device}{number}" for device in ("com", "lpt") for number in range(10)
]
# Asked of each interpreter: its keywords (soft ones too) and its standard-library modules.
INTERPRETER_QUERY = (
    "import json, keyword, sys; "
    "print(json.dumps({'keywords': keyword.kwlist + keyword.softkwlist, "
    "'stdlib': sorted(sys.stdlib_module_names) + ['test']}))"
)
# Asked of the kit's environment: every top-level name its distributions can be imported as.
IMPORT_NAMES_QUERY = (
    "import importlib.metadata as m, json; print(json.dumps(sorted(m.packages_distributions())))"
)


def valid_names(names: object) -> list[str]:
    """The names that copier.yml's shape rule would let through, sorted and unique."""
    return sorted({name for name in names if NAME_RULE.fullmatch(name)})  # type: ignore[attr-defined]


def offered_pythons() -> list[str]:
    return [str(version) for version in choice_values(copier_questions()["python_version"])]


def language_names(pythons: list[str]) -> dict[str, list[str]]:
    """Keywords and stdlib modules of every offered Python (each must be installed)."""
    keywords: set[str] = set()
    stdlib: set[str] = set()
    for version in pythons:
        python = find_python(version)
        if python is None:
            raise SystemExit(f"Python {version} is needed to list its standard library")
        completed = processes.run([python, "-c", INTERPRETER_QUERY], timeout=60)
        assert completed.returncode == 0, completed.stderr
        answer = json.loads(completed.stdout)
        keywords |= set(answer["keywords"])
        stdlib |= set(answer["stdlib"])
    return {"keywords": valid_names(keywords), "stdlib": valid_names(stdlib)}


def normalized(distribution: str) -> str:
    """A distribution name as the package name it would collide with (PEP 503, `_` for `-`)."""
    return re.sub(r"[-_.]+", "_", distribution).lower()


def installed_names(kit_python: str, lock_text: str, kit_distribution: str) -> list[str]:
    """Import and distribution names of what the kit installs, the kit itself left out."""
    completed = processes.run([kit_python, "-c", IMPORT_NAMES_QUERY], timeout=60)
    assert completed.returncode == 0, completed.stderr
    names = set(json.loads(completed.stdout))
    names |= {normalized(package["name"]) for package in tomllib.loads(lock_text)["package"]}
    names -= {normalized(kit_distribution)}
    return valid_names(names)


def _rendered_name(template_path: Path) -> str:
    """A template file name as a kit names it: conditions and the .jinja suffix removed."""
    return rendered_name(template_path.name).removesuffix(TEMPLATES_SUFFIX)


def kit_test_modules(template: Path = TEMPLATE_DIR) -> list[str]:
    """The module names of the kit's test files (pytest imports them as top-level modules)."""
    names = {
        _rendered_name(path).removesuffix(".py")
        for path in (template / "tests").rglob("*")
        if path.is_file() and _rendered_name(path).endswith(".py")
    }
    return valid_names(names)


def ruff_line_length(template: Path = TEMPLATE_DIR) -> int:
    pyproject = (template / "pyproject.toml.jinja").read_text(encoding="utf-8")
    match = re.search(r"^line-length = (\d+)$", pyproject, re.MULTILINE)
    assert match, "the kit's pyproject.toml sets no ruff line-length"
    return int(match.group(1))


def max_package_name_length(template: Path = TEMPLATE_DIR) -> int:
    """The longest package name with which every Python line naming the package fits ruff."""
    limit = ruff_line_length(template)
    longest = limit
    for path in template.rglob("*.py.jinja"):
        for line in path.read_text(encoding="utf-8").splitlines():
            count = line.count(PACKAGE_PLACEHOLDER)
            if count:
                rest = len(line) - count * len(PACKAGE_PLACEHOLDER)
                longest = min(longest, (limit - rest) // count)
    return longest


def reserved_names(kit_python: str, lock_text: str, kit_distribution: str) -> dict[str, Any]:
    """Everything reserved-names.yml holds, in the order copier.yml checks it."""
    return {
        "max_length": max_package_name_length(),
        **language_names(offered_pythons()),
        "installed": installed_names(kit_python, lock_text, kit_distribution),
        "kit_modules": kit_test_modules(),
        "windows_devices": WINDOWS_DEVICES,
    }


HEADER = """\
# Names a generated package must not take, and how long it may be. Included by copier.yml.
# GENERATED by tests/reserved_names.py (its docstring says where each list comes from); do not
# edit by hand: run `uv run python tests/reserved_names.py`. The template's suite fails when
# this file no longer matches what a kit installs.
reserved_package_names:
  type: yaml
  when: false
  default:
"""


def render_file(data: dict[str, Any]) -> str:
    """reserved-names.yml's text: one flow list (valid JSON, valid YAML) per line."""
    lines = [f"    {key}: {json.dumps(value)}" for key, value in data.items()]
    return HEADER + "\n".join(lines) + "\n"


def committed() -> dict[str, Any]:
    """The lists as reserved-names.yml holds them today."""
    return copier_questions()["reserved_package_names"]["default"]


def build_reference_kit(folder: Path) -> tuple[str, str, str]:
    """Render a kit with both hosts and install it: (its python, its uv.lock, its name)."""
    answers = {**default_choices(), "framework": "both"}
    python = find_python(str(answers["python_version"]))
    if python is None:
        raise SystemExit(f"Python {answers['python_version']} is needed to install a kit")
    kit = folder / "kit"
    render(kit, answers)
    # Every dependency group: a kit's `uv sync --group labs` installs matplotlib's names too.
    command = ["uv", "sync", "--quiet", "--all-groups"]
    synced = processes.run(command, cwd=kit, env=clean_environment(python), timeout=600)
    assert synced.returncode == 0, synced.stderr
    distribution = tomllib.loads((kit / "pyproject.toml").read_text())["project"]["name"]
    return str(kit / ".venv" / "bin" / "python"), (kit / "uv.lock").read_text(), distribution


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="reserved-names-") as folder:
        data = reserved_names(*build_reference_kit(Path(folder)))
    RESERVED_NAMES_FILE.write_text(render_file(data), encoding="utf-8")
    print(f"wrote {RESERVED_NAMES_FILE.relative_to(TEMPLATE_ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
