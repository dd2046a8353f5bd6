"""The names a kit's package and resources must not take, read from the template's one list.

copier.yml includes reserved-names.yml to refuse a bad `package_name`; `scaffold resource`
refuses the same names for a resource, so both read this one file and nothing is copied. The
categories (keywords, stdlib, installed...) are kept as the file has them: a category added
there is refused here too, without a change to this module.
"""

from __future__ import annotations

from pathlib import Path

import yaml

RESERVED_NAMES_FILE = Path(__file__).resolve().parent / "reserved-names.yml"
QUESTION = "reserved_package_names"


def load_reserved_names(path: Path = RESERVED_NAMES_FILE) -> dict[str, frozenset[str]]:
    """Each category of reserved-names.yml with its names: ``{"stdlib": {"json", ...}, ...}``."""
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    categories = document[QUESTION]["default"]
    # The file also holds settings such as `max_length`; only the lists are names.
    return {
        category: frozenset(names)
        for category, names in categories.items()
        if isinstance(names, list)
    }
