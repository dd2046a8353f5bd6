"""Keep notebooks without outputs: ``uv run strip-notebook-outputs FILE.ipynb ...`` (a hook).

A notebook saved after running holds its outputs and execution counts: pictures, tracebacks,
timings that change on every run, and the exact Python and editor it ran in. Committed, they
make every diff unreadable and every ``copier update`` of a notebook a conflict. The pre-commit
hook runs this on the notebooks of a commit: it empties each code cell's outputs and execution
count, drops the run's timing, puts back the plain kernel metadata the kit ships, rewrites only
the files that changed, names them, and exits 1, so the commit stops and you ``git add`` them
again. The cells' sources, ids and order are left exactly as they were.

Plain JSON, no Jupyter package: it works in every kit, with or without the notebooks' tools.
"""

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

# The notebook metadata the kit ships: any Python 3 kernel, whichever editor saved the file.
KIT_METADATA: dict[str, Any] = {
    "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
    "language_info": {"name": "python"},
}
# Cell metadata an editor records about a run (JupyterLab's timings, the classic ExecuteTime).
RUN_METADATA = ("execution", "ExecuteTime")


def strip_outputs(notebook: dict[str, Any]) -> bool:
    """Remove what running and saving ``notebook`` added to it; True if there was anything."""
    changed = notebook.get("metadata") != KIT_METADATA
    notebook["metadata"] = dict(KIT_METADATA)
    for cell in notebook.get("cells", []):
        metadata = cell.get("metadata", {})
        for key in RUN_METADATA:
            changed |= metadata.pop(key, None) is not None
        if cell.get("cell_type") != "code":
            continue
        if cell.get("outputs") or cell.get("execution_count") is not None:
            cell["outputs"] = []
            cell["execution_count"] = None
            changed = True
    return changed


def notebook_text(notebook: dict[str, Any]) -> str:
    """The file's text as Jupyter writes it (one-space indent, sorted keys, a final newline)."""
    return json.dumps(notebook, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def strip_file(path: Path) -> bool:
    """Strip one notebook file in place; True if it had outputs (and was rewritten)."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    if not strip_outputs(notebook):
        return False
    path.write_text(notebook_text(notebook), encoding="utf-8")
    return True


def main(arguments: Sequence[str] | None = None) -> int:
    """Strip every notebook named on the command line; 1 if any was rewritten, 2 if unreadable."""
    names = list(sys.argv[1:] if arguments is None else arguments)
    exit_code = 0
    for name in names:
        try:
            stripped = strip_file(Path(name))
        except (OSError, ValueError) as error:
            print(f"{name}: not a readable notebook ({error}); fix or delete it", file=sys.stderr)
            exit_code = 2
            continue
        if stripped:
            print(f"{name}: outputs removed; `git add {name}` and commit again")
            exit_code = max(exit_code, 1)
    return exit_code


if __name__ == "__main__":
    sys.exit(main())
