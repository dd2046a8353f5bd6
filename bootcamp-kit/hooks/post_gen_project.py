"""Cookiecutter's last step: remove what only cookiecutter writes, so the kit is copier's.

GENERATED from copier.yml by scripts/cookiecutter_files.py: edit copier.yml, then run
`uv run python scripts/cookiecutter_files.py`.
- Folders named `*.prune`: a conditional folder's cookiecutter-only name (copier renders an
  empty name, which it skips, and cookiecutter must not: see CONTRIBUTING.md).
- The `.jinja` suffix: copier removes it from the files it renders, cookiecutter does not; a
  file whose name rendered empty is left as a bare `.jinja` and deleted.
- Computed values (use_flask, use_fastapi, __kit_folder), taken out of the answers while this file is rendered, so
  that cruft does not store them in .cruft.json.
"""
{%- set _ = cookiecutter.pop('use_flask', none) %}
{%- set _ = cookiecutter.pop('use_fastapi', none) %}
{%- set _ = cookiecutter.pop('__kit_folder', none) %}

import os
import shutil
from pathlib import Path

PRUNED_SUFFIX = ".prune"
SUFFIX = ".jinja"


def remove_cookiecutter_only_paths(kit: Path) -> None:
    for folder, subfolders, files in os.walk(kit):
        for name in [name for name in subfolders if name.endswith(PRUNED_SUFFIX)]:
            shutil.rmtree(Path(folder, name))
            subfolders.remove(name)
        for name in files:
            if name == SUFFIX:
                Path(folder, name).unlink()
            elif name.endswith(SUFFIX):
                Path(folder, name).replace(Path(folder, name.removesuffix(SUFFIX)))


if __name__ == "__main__":
    remove_cookiecutter_only_paths(Path.cwd())
