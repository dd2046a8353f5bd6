"""The kit a generator command works on: found from its ``.copier-answers.yml``.

A generated kit records its answers there (package name, framework, edition). The generator
reads them instead of asking again, and refuses to run anywhere else.
"""

from __future__ import annotations

import importlib.metadata
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import yaml

from scaffold.errors import UserError

ANSWERS_FILE: Final = ".copier-answers.yml"
COPIER_UPDATE: Final = f"uvx copier=={importlib.metadata.version('copier')} update"
MANIFEST: Final = "resource.toml"
HOSTS_OF_FRAMEWORK: Final = {
    "flask": ("flask",),
    "fastapi": ("fastapi",),
    "both": ("flask", "fastapi"),
}


@dataclass(frozen=True)
class Manifest:
    """What ``scaffold resource`` recorded about a resource it generated."""

    name: str
    singular: str
    fields: tuple[str, ...]
    files: dict[str, str]
    """Kit-relative path -> sha256 of every file generated, the manifest itself left out."""


@dataclass(frozen=True)
class Kit:
    """A generated kit: where it is, and the answers that shape what the generator writes."""

    root: Path
    package: str
    hosts: tuple[str, ...]
    edition: str

    @property
    def resources_dir(self) -> Path:
        return self.root / "src" / self.package / "resources"

    def manifest_path(self, name: str) -> Path:
        return self.resources_dir / name / MANIFEST

    def manifests(self) -> dict[str, Manifest]:
        """Every resource generated in this kit so far, by name."""
        found = {}
        for path in sorted(self.resources_dir.glob(f"*/{MANIFEST}")):
            data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
            found[data["name"]] = Manifest(
                name=data["name"],
                singular=data["singular"],
                fields=tuple(data["fields"]),
                files=dict(data.get("files", {})),
            )
        return found


def find_kit(explicit: Path | None = None, start: Path | None = None) -> Kit:
    """The kit at ``explicit``, or the one that holds ``start`` (default: the current folder)."""
    if explicit is not None:
        root = explicit.resolve()
        if not (root / ANSWERS_FILE).is_file():
            raise UserError(f"{explicit} is not a generated kit: it has no {ANSWERS_FILE}.")
    else:
        here = (start or Path.cwd()).resolve()
        root = next(
            (folder for folder in (here, *here.parents) if (folder / ANSWERS_FILE).is_file()), None
        )
        if root is None:
            raise UserError(
                f"No kit here: neither {here} nor a folder above it has {ANSWERS_FILE}. "
                "Run this inside a kit made from the template, or pass --kit DIR."
            )
    answers = yaml.safe_load((root / ANSWERS_FILE).read_text(encoding="utf-8")) or {}
    try:
        package = answers["package_name"]
        hosts = HOSTS_OF_FRAMEWORK[answers["framework"]]
    except KeyError as missing:
        raise UserError(f"{root / ANSWERS_FILE} has no usable {missing} answer.") from None
    if not (root / "src" / package / "resources" / "__init__.py").is_file():
        raise UserError(
            f"The kit at {root} predates generated resources (no src/{package}/resources/): "
            f"update it first with: {COPIER_UPDATE} --defaults"
        )
    return Kit(root=root, package=package, hosts=hosts, edition=answers.get("edition", "student"))
