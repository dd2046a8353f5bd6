"""The kit a generator command works on: found from its ``.copier-answers.yml`` (or cruft's
``.cruft.json``, for a kit made with cookiecutter).

A generated kit records its answers there (package name, framework...). The generator reads
the ones it needs instead of asking again, and refuses to run anywhere else.
"""

from __future__ import annotations

import functools
import importlib.metadata
import json
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import yaml

from scaffold.errors import UserError
from scaffold.post_generation import ANSWERS_FILES, CRUFT_ANSWERS

COPIER_UPDATE: Final = f"uvx copier=={importlib.metadata.version('copier')} update"
MANIFEST: Final = "resource.toml"
HOSTS_OF_FRAMEWORK: Final = {
    "flask": ("flask",),
    "fastapi": ("fastapi",),
    "both": ("flask", "fastapi"),
}
_REF_FIELD: Final = re.compile(r"[^:]*:ref\[([^\]]*)\]")


@dataclass(frozen=True)
class Manifest:
    """What ``scaffold resource`` recorded about a resource it generated."""

    name: str
    singular: str
    fields: tuple[str, ...]
    files: dict[str, str]
    """Kit-relative path -> sha256 of every file generated, the manifest itself left out."""

    @property
    def references(self) -> tuple[str, ...]:
        """The resources its ``NAME:ref[RESOURCE]`` fields point at, read from their text."""
        return tuple(found[1] for field in self.fields if (found := _REF_FIELD.match(field)))


@dataclass(frozen=True)
class Kit:
    """A generated kit: where it is, and the answers that shape what the generator writes."""

    root: Path
    package: str
    hosts: tuple[str, ...]

    @property
    def resources_dir(self) -> Path:
        return self.root / "src" / self.package / "resources"

    def manifest_path(self, name: str) -> Path:
        return self.resources_dir / name / MANIFEST

    @functools.cached_property
    def manifests(self) -> dict[str, Manifest]:
        """Every resource generated in this kit so far, by name (read once per command)."""
        found = {}
        for path in sorted(self.resources_dir.glob(f"*/{MANIFEST}")):
            try:
                data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
                manifest = Manifest(
                    name=data["name"],
                    singular=data["singular"],
                    fields=tuple(data["fields"]),
                    files=dict(data.get("files", {})),
                )
            except (KeyError, TypeError, ValueError) as error:  # TOMLDecodeError too
                raise UserError(
                    f"{path.relative_to(self.root)} is not a manifest scaffold can read "
                    f"({type(error).__name__}: {error}): restore it from git, or delete its "
                    "resource's folder by hand."
                ) from None
            found[manifest.name] = manifest
        return found


def find_kit(explicit: Path | None = None, start: Path | None = None) -> Kit:
    """The kit at ``explicit``, or the one that holds ``start`` (default: the current folder)."""
    names = " or ".join(ANSWERS_FILES)
    if explicit is not None:
        recorded = _answers_file(explicit.resolve())
        if recorded is None:
            raise UserError(f"{explicit} is not a generated kit: it has no {names}.")
    else:
        here = (start or Path.cwd()).resolve()
        found = (_answers_file(folder) for folder in (here, *here.parents))
        recorded = next((path for path in found if path is not None), None)
        if recorded is None:
            raise UserError(
                f"No kit here: neither {here} nor a folder above it has {names}. Run this "
                "inside a kit made from the template (with copier or cruft), or pass --kit DIR."
            )
    root = recorded.parent
    answers = _read_answers(recorded)
    try:
        package = answers["package_name"]
        hosts = HOSTS_OF_FRAMEWORK[answers["framework"]]
    except KeyError as missing:
        raise UserError(f"{recorded} has no usable {missing} answer.") from None
    if not (root / "src" / package / "resources" / "__init__.py").is_file():
        raise UserError(
            f"The kit at {root} predates generated resources (no src/{package}/resources/): "
            f"update it first with: {COPIER_UPDATE} --defaults (a kit made with cookiecutter: "
            "cruft update)"
        )
    return Kit(root=root, package=package, hosts=hosts)


def _answers_file(folder: Path) -> Path | None:
    """Where a kit records its answers: copier's file, or cruft's (a kit made with cookiecutter)."""
    return next((folder / name for name in ANSWERS_FILES if (folder / name).is_file()), None)


def _read_answers(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    if path.name == CRUFT_ANSWERS:
        return json.loads(text).get("context", {}).get("cookiecutter", {})
    return yaml.safe_load(text) or {}
