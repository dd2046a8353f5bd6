"""The Jinja2 environment every generator command renders its templates with.

StrictUndefined turns a missing name into an error instead of an empty string, and the
whitespace settings let a template put ``{% if %}`` lines on their own without leaving blank
lines behind. The output is Python, TOML and SQL, never HTML, so nothing is escaped.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

import jinja2

TEMPLATES: Final = Path(__file__).resolve().parent / "templates"


def template_environment(kind: str) -> jinja2.Environment:
    """The environment for ``scaffold/templates/<kind>/`` (``resource`` or ``problem``)."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES / kind),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
