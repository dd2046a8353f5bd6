"""Let cookiecutter render this template's files the way copier does (a local Jinja extension).

The template is written for copier: its files name answers bare (`{{ package_name }}`) and
copier.yml uses copier's `regex_replace` and `regex_search` filters. Cookiecutter passes the
answers as one `cookiecutter` mapping and has neither filter. Listed in cookiecutter.json's
`_extensions`, this extension makes a bare name fall back to `cookiecutter.<name>` and adds the
two filters with copier's (Ansible's) arguments. Copier never loads it: copier reads nothing
outside its `_subdirectory`, so `copier copy` still needs no `--trust`.

Cookiecutter imports this module once per process (cruft renders two template versions in one
process), so a change must keep working for older template versions: add, never rename.
"""

from __future__ import annotations

import re
from typing import Any

from jinja2 import Environment
from jinja2.ext import Extension
from jinja2.runtime import Context, missing


class AnswersByBareName(Context):
    """A render context in which `package_name` means `cookiecutter.package_name`.

    Names the template defines itself (`{% set %}`, loop variables) and Jinja's globals still
    win; only a name that is otherwise unknown is looked up among cookiecutter's answers.
    """

    def resolve_or_missing(self, key: str) -> Any:
        value = super().resolve_or_missing(key)
        if value is not missing:
            return value
        answers = super().resolve_or_missing("cookiecutter")
        if isinstance(answers, dict) and key in answers:
            return answers[key]
        return missing


def regex_replace(
    value: Any = "", pattern: str = "", replacement: str = "", ignorecase: bool = False
) -> str:
    """copier's `regex_replace`: `re.sub` over the value as text."""
    flags = re.IGNORECASE if ignorecase else 0
    return re.compile(pattern, flags=flags).sub(replacement, str(value))


def regex_search(value: Any, pattern: str, *groups: str, **options: bool) -> Any:
    """copier's `regex_search`: the matched text (or the groups asked for), None if no match."""
    flags = (re.IGNORECASE if options.get("ignorecase") else 0) | (
        re.MULTILINE if options.get("multiline") else 0
    )
    found = re.search(pattern, str(value), flags)
    if found is None:
        return None
    if not groups:
        return found.group()
    wanted: list[str | int] = []
    for group in groups:
        named = re.fullmatch(r"\\g<(\S+)>", group)
        numbered = re.fullmatch(r"\\(\d+)", group)
        if not (named or numbered):
            raise ValueError(f"regex_search: unknown group argument {group!r}")
        wanted.append(named.group(1) if named else int(numbered.group(1)))  # type: ignore[union-attr]
    return [found.group(group) for group in wanted]


class CopierJinja(Extension):
    """Bare answer names and copier's two regex filters, for cookiecutter's environment."""

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        environment.context_class = AnswersByBareName
        environment.filters["regex_replace"] = regex_replace
        environment.filters["regex_search"] = regex_search
