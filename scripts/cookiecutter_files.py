"""Write what cookiecutter needs to render this template, from copier.yml, its one source.

copier.yml holds the questions and copier renders the template tree its `_subdirectory` names.
Cookiecutter reads its own files, in that tree's parent folder (the `--directory` of
`cookiecutter URL --directory bootcamp-kit`); this script writes them:

    cookiecutter.json          the questions (defaults, choices with the default first), help
                               texts and choice labels (`__prompts__`), the kit folder's name,
                               the extension, the files to copy without rendering, LF endings
    hooks/pre_gen_project.py   copier.yml's validators (its own Jinja, so its own messages) and
                               its computed values (`use_flask`, ...)
    hooks/post_gen_project.py  what makes cookiecutter's output copier's: pruned folders and
                               the `.jinja` suffix removed, computed values out of the context

bootcamp-kit/copier_jinja.py (bare answer names, copier's regex filters) is written by hand.

    uv run python scripts/cookiecutter_files.py           rewrite the three files
    uv run python scripts/cookiecutter_files.py --check   change nothing; exit 1 if one is stale

It refuses, one line each and writing nothing, what cookiecutter could not mirror: a copier
setting or question feature without an equivalent (tasks, migrations, excludes, conditional
questions, secrets...), a copier variable a validator uses that cookiecutter cannot provide, a
conditional folder without its cookiecutter-only branch, a file cookiecutter would render that
copier copies as is, and a folder a copy-as-is pattern would match.
"""

from __future__ import annotations

import fnmatch
import itertools
import json
import re
import subprocess
from collections.abc import Sequence
from pathlib import Path, PurePosixPath
from typing import Any

import jinja2
import jinja2.meta
import yaml
from generated_files import Generator
from jinja2 import nodes

REPOSITORY = Path(__file__).resolve().parent.parent
COPIER_YML = "copier.yml"
COMMAND = "uv run python scripts/cookiecutter_files.py"
TEMPLATES_SUFFIX = ".jinja"
EXTENSION = "copier_jinja.CopierJinja"

# Under cookiecutter a conditional folder must never render to an empty name (its files would
# land in the parent folder, or at the filesystem root): each one ends with a branch that only
# cookiecutter takes (copier has no `cookiecutter` variable, so it renders the empty name it
# skips) and that names the folder `<name>.prune` (unique among its siblings: cookiecutter
# refuses a folder that already exists); the post-generation hook deletes those folders.
PRUNED_SUFFIX = ".prune"
COOKIECUTTER_ONLY_BRANCH = "{% elif cookiecutter %}"
CONDITIONAL_FOLDER = re.compile(
    r"\{% if [^%]+ %\}(?P<name>[^{}%/]+)"
    + re.escape(COOKIECUTTER_ONLY_BRANCH)
    + r"(?P=name)"
    + re.escape(PRUNED_SUFFIX)
    + re.escape("{% endif %}")
)


# The kit's folder: cookiecutter names it before any hook can refuse a bad package name, so the
# name is made safe here (never empty, never a path) rather than left to the validator.
KIT_FOLDER_VARIABLE = "__kit_folder"
KIT_FOLDER = (
    "{{ package_name | lower | regex_replace('[^a-z0-9]+', '-') "
    "| regex_replace('^-+|-+$', '') or 'kit' }}"
)

# copier's variables that validators may use, and what cookiecutter has instead: a first copy
# (cruft re-renders both template versions as first copies too), no recorded answers, and the
# template's location.
STAND_INS = {
    "_copier_conf": "{'overwrite': false}",
    "_external_data": "{'kit': {}}",
    "_copier_answers": "{'_src_path': cookiecutter._template | default('')}",
}
STAND_IN_KEYS = {
    "_copier_conf": {"overwrite"},
    "_external_data": {"kit"},
    "_copier_answers": {"_src_path"},
}

# Settings cookiecutter mirrors, or that concern copier alone (its messages are printed by
# copier only; cookiecutter prints nothing after generating).
SUPPORTED_SETTINGS = {
    "_min_copier_version",
    "_subdirectory",
    "_answers_file",
    "_templates_suffix",
    "_external_data",
    "_message_before_copy",
    "_message_after_copy",
    "_message_before_update",
    "_message_after_update",
}
QUESTION_KEYS = {"type", "help", "default", "choices", "validator", "when"}
ASKED_TYPES = {"str", "bool"}
COMPUTED_TYPES = {"str", "bool", "yaml"}


class UnsupportedFeature(Exception):
    """copier.yml or the template tree uses something cookiecutter cannot mirror."""


# ----- copier.yml -----


class _IncludeLoader(yaml.SafeLoader):
    """A YAML loader that understands copier's `!include` of a sibling file."""


def _include(loader: _IncludeLoader, node: yaml.Node) -> Any:
    root = Path(getattr(loader, "name", COPIER_YML)).parent
    path = root / loader.construct_scalar(node)  # type: ignore[arg-type]
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_IncludeLoader)


_IncludeLoader.add_constructor("!include", _include)


def copier_config(root: Path = REPOSITORY) -> dict[str, Any]:
    """copier.yml with its `!include`d documents merged, in order."""
    merged: dict[str, Any] = {}
    path = root / COPIER_YML
    loader = _IncludeLoader(path.read_text(encoding="utf-8"))
    loader.name = str(path)
    try:
        while loader.check_data():
            merged.update(loader.get_data() or {})
    finally:
        loader.dispose()
    return merged


def template_subdirectory(config: dict[str, Any]) -> PurePosixPath:
    """`_subdirectory` as copier renders it (its `{% raw %}` removed)."""
    return PurePosixPath(jinja2.Environment().from_string(config["_subdirectory"]).render())


def template_tree(root: Path = REPOSITORY) -> Path:
    """The folder copier renders (`_subdirectory`); cookiecutter's files are in its parent."""
    return root / template_subdirectory(copier_config(root))


def questions_of(config: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {name: value for name, value in config.items() if not name.startswith("_")}


def is_computed(question: dict[str, Any]) -> bool:
    return question.get("when", True) is False


def choice_values(question: dict[str, Any]) -> list[Any]:
    choices = question["choices"]
    return list(choices.values()) if isinstance(choices, dict) else list(choices)


def choice_labels(question: dict[str, Any]) -> dict[str, str]:
    choices = question["choices"]
    if isinstance(choices, dict):
        return {str(value): str(label) for label, value in choices.items()}
    return {str(value): str(value) for value in choices}


# ----- what cookiecutter cannot mirror -----


def unsupported_features(config: dict[str, Any]) -> list[str]:
    """One line per copier feature of `config` that cookiecutter cannot mirror."""
    problems = [
        f"{COPIER_YML}: setting {name} has no cookiecutter equivalent"
        for name in config
        if name.startswith("_") and name not in SUPPORTED_SETTINGS
    ]
    suffix = config.get("_templates_suffix", TEMPLATES_SUFFIX)
    if suffix != TEMPLATES_SUFFIX:
        problems.append(
            f"{COPIER_YML}: _templates_suffix must be {TEMPLATES_SUFFIX!r}, not {suffix!r}"
        )
    if set(config.get("_external_data", {})) - {"kit"}:
        problems.append(f"{COPIER_YML}: _external_data may only read the kit's answers (kit)")
    questions = questions_of(config)
    reserved = set(jinja2.Environment().globals) | {"cookiecutter"}
    for name, question in questions.items():
        where = f"{COPIER_YML}: question {name}"
        if name in reserved:
            problems.append(f"{where}: the name is taken in cookiecutter's Jinja")
        if not isinstance(question, dict):
            problems.append(f"{where}: write it as a mapping with a type")
            continue
        for key in sorted(set(question) - QUESTION_KEYS):
            problems.append(f"{where}: `{key}` has no cookiecutter equivalent")
        kind = question.get("type", "str")
        if "when" in question and question["when"] is not False:
            problems.append(f"{where}: a conditional question (when) cannot be mirrored")
        if is_computed(question):
            if kind not in COMPUTED_TYPES:
                problems.append(f"{where}: a computed value of type {kind} cannot be mirrored")
            elif kind == "bool" and not _single_expression(question.get("default")):
                problems.append(
                    f"{where}: a computed bool must default to one {{{{ expression }}}}"
                )
            elif kind == "yaml" and _has_jinja(json.dumps(question.get("default"))):
                problems.append(f"{where}: a computed yaml value must be plain data")
            continue
        if kind not in ASKED_TYPES:
            problems.append(f"{where}: type {kind} cannot be asked by cookiecutter")
        if "default" not in question:
            problems.append(f"{where}: cookiecutter needs a default")
        if kind == "bool" and not isinstance(question.get("default"), bool):
            problems.append(f"{where}: a bool question needs a literal true or false default")
        if "choices" in question and question.get("default") not in choice_values(question):
            problems.append(f"{where}: its default must be one of its choices")
    problems += _unknown_variables(questions)
    return problems


def _single_expression(text: Any) -> bool:
    if not isinstance(text, str):
        return False
    stripped = text.strip()
    return stripped.startswith("{{") and stripped.endswith("}}") and stripped.count("{{") == 1


def _has_jinja(text: str) -> bool:
    return any(mark in text for mark in ("{{", "{%", "{#"))


def _unknown_variables(questions: dict[str, dict[str, Any]]) -> list[str]:
    """Variables in defaults and validators that cookiecutter's hooks could not provide."""
    environment = jinja2.Environment()
    environment.filters.update({"regex_replace": str, "regex_search": str})
    known = set(questions) | set(STAND_INS)
    problems = []
    for name, question in questions.items():
        for key in ("default", "validator"):
            text = question.get(key)
            if not isinstance(text, str) or not _has_jinja(text):
                continue
            where = f"{COPIER_YML}: {name}'s {key}"
            parsed = environment.parse(text)
            assigned = {
                target.name for target in parsed.find_all(nodes.Name) if target.ctx == "store"
            }
            undeclared = jinja2.meta.find_undeclared_variables(parsed) - known - assigned
            for variable in sorted(undeclared):
                problems.append(f"{where} uses {variable}, which cookiecutter cannot provide")
            for node in parsed.find_all(nodes.Getattr):
                owner = node.node.name if isinstance(node.node, nodes.Name) else ""
                if owner in STAND_IN_KEYS and node.attr not in STAND_IN_KEYS[owner]:
                    problems.append(
                        f"{where} uses {owner}.{node.attr}, which cookiecutter cannot provide"
                    )
    return problems


# ----- the template tree -----


def git_files(folder: Path) -> list[PurePosixPath]:
    """The files under `folder` as git sees them (tracked and untracked, not ignored), sorted.

    OSError when git cannot list them (`folder` is not in a git checkout, say).
    """
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z", "."],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=60,
    )
    if listed.returncode != 0:
        raise OSError(f"git cannot list the files of {folder}: {listed.stderr.strip()}")
    names = [name for name in listed.stdout.split("\0") if name and (folder / name).is_file()]
    return sorted(PurePosixPath(name) for name in names)


def tree_files(tree: Path) -> list[PurePosixPath]:
    """The template tree's files as git sees them (tracked and untracked, not ignored)."""
    try:
        return git_files(tree)
    except (OSError, subprocess.SubprocessError):  # not a git checkout: the folder as it is
        return sorted(
            PurePosixPath(path.relative_to(tree).as_posix())
            for path in tree.rglob("*")
            if path.is_file() and "__pycache__" not in path.parts
        )


def tree_folders(files: list[PurePosixPath]) -> list[PurePosixPath]:
    return sorted({parent for path in files for parent in path.parents if parent.parts})


def is_conditional(name: str) -> bool:
    """A name with a condition, which may render empty (a `{{ answer }}` never does: answers
    are validated before cookiecutter names anything inside the kit folder)."""
    return "{%" in name


def rendered_name(name: str) -> str:
    """A template file name as a kit names it, its conditions removed (its `.jinja` kept):
    ``{% if use_flask %}0B_flask.ipynb{% endif %}`` -> ``0B_flask.ipynb``."""
    return re.sub(r"\{%.*?%\}", "", name)


def conditional_folders(files: list[PurePosixPath]) -> list[PurePosixPath]:
    """Every folder of the tree whose own name holds Jinja."""
    return [folder for folder in tree_folders(files) if is_conditional(folder.name)]


def choice_contexts(config: dict[str, Any]) -> list[dict[str, Any]]:
    """The answers of every combination of the choice and bool questions, computed values too."""
    questions = questions_of(config)
    asked = {
        name: choice_values(question) if "choices" in question else [False, True]
        for name, question in questions.items()
        if not is_computed(question) and ("choices" in question or question.get("type") == "bool")
    }
    contexts = []
    for values in itertools.product(*asked.values()):
        answers: dict[str, Any] = dict(zip(asked, values, strict=True))
        environment = jinja2.Environment()
        for name, question in questions.items():
            if is_computed(question) and question.get("type") == "bool":
                rendered = environment.from_string(question["default"]).render(answers)
                answers[name] = rendered.strip().lower() in ("true", "yes", "on", "1", "y")
        contexts.append(answers)
    return contexts


def folder_branch_problems(config: dict[str, Any], files: list[PurePosixPath]) -> list[str]:
    """Conditional folders cookiecutter could render empty, or like a sibling, one line each.

    Each must read `{% if CONDITION %}NAME{% elif cookiecutter %}NAME.prune{% endif %}`: copier
    (no `cookiecutter` variable) renders NAME or the empty name it skips, cookiecutter renders
    NAME or `NAME.prune`. Checked for every combination of the choice and bool questions.
    """
    environment = jinja2.Environment()
    problems = []
    contexts = choice_contexts(config)
    by_parent: dict[PurePosixPath, list[PurePosixPath]] = {}
    for folder in conditional_folders(files):
        if not CONDITIONAL_FOLDER.fullmatch(folder.name):
            problems.append(
                f"{folder}: a conditional folder needs its cookiecutter-only branch: name it "
                f"{{% if CONDITION %}}NAME{COOKIECUTTER_ONLY_BRANCH}NAME{PRUNED_SUFFIX}"
                "{% endif %}"
            )
        else:
            by_parent.setdefault(folder.parent, []).append(folder)
    for _parent, folders in sorted(by_parent.items()):
        clashing: set[PurePosixPath] = set()
        for answers in contexts:
            taken: dict[str, PurePosixPath] = {}
            for folder in folders:
                name = environment.from_string(folder.name).render(answers, cookiecutter=answers)
                if name in taken and folder not in clashing:
                    clashing.add(folder)
                    problems.append(
                        f"{folder}: renders {name!r} under cookiecutter, like "
                        f"{taken[name].name}, for {answers}: cookiecutter refuses the second"
                    )
                taken[name] = folder
    return problems


def copy_as_is_patterns(files: list[PurePosixPath], tree: Path) -> tuple[list[str], list[str]]:
    """`_copy_without_render`: patterns matching exactly the files copier copies as is.

    A file whose name ends in `.jinja` is rendered; so is one whose name holds Jinja (its name
    may render empty, which cookiecutter's copy-as-is path cannot skip), and such a file must
    then hold no Jinja syntax. One `*<suffix>` pattern per kind of plain file; no pattern may
    match a folder (cookiecutter would copy the folder with its names unrendered) nor a file
    cookiecutter must render. Returns (patterns, problems).
    """
    rendered = [path for path in files if path.name.endswith(TEMPLATES_SUFFIX)]
    problems = []
    plain = []
    for path in files:
        if path.name.endswith(TEMPLATES_SUFFIX):
            continue
        if is_conditional(path.name):
            rendered.append(path)
            data = (tree / path).read_bytes()
            if b"\0" not in data[:8192] and _has_jinja(data.decode("utf-8", "replace")):
                problems.append(
                    f"{path}: cookiecutter renders a file whose name holds Jinja, and this "
                    f"one holds Jinja syntax: name it {path.name}{TEMPLATES_SUFFIX} and wrap "
                    "that text in {% raw %}...{% endraw %}"
                )
            continue
        plain.append(path)
    patterns = sorted({"*" + path.name[path.name.rfind(".") :] for path in plain})
    for pattern in patterns:
        for other in (*tree_folders(files), *rendered):
            if fnmatch.fnmatch(str(other), pattern):
                kind = "folder" if other not in rendered else "rendered file"
                problems.append(f"{other}: the copy-as-is pattern {pattern!r} matches this {kind}")
    return patterns, problems


# ----- the files -----


def jinja_literal(value: Any) -> str:
    """Plain data as a Jinja literal (for the reserved names the validators read)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(jinja_literal(item) for item in value) + "]"
    if isinstance(value, dict):
        return (
            "{"
            + ", ".join(f"{json.dumps(str(k))}: {jinja_literal(v)}" for k, v in value.items())
            + "}"
        )
    raise UnsupportedFeature(f"{value!r} cannot be written as a Jinja literal")


def cookiecutter_json(config: dict[str, Any], patterns: list[str]) -> str:
    context: dict[str, Any] = {}
    prompts: dict[str, Any] = {}
    for name, question in questions_of(config).items():
        if is_computed(question):
            continue
        help_text = " ".join(str(question.get("help", name)).split())
        if "choices" in question:
            values = [str(value) for value in choice_values(question)]
            default = str(question["default"])
            context[name] = [default, *(value for value in values if value != default)]
            prompts[name] = {"__prompt__": help_text, **choice_labels(question)}
        else:
            context[name] = question["default"]
            prompts[name] = help_text
    context[KIT_FOLDER_VARIABLE] = KIT_FOLDER
    context["__prompts__"] = prompts
    context["_extensions"] = [EXTENSION]
    context["_copy_without_render"] = patterns
    context["_new_lines"] = "\n"
    return json.dumps(context, indent=2, ensure_ascii=False) + "\n"


GENERATED = (
    "GENERATED from copier.yml by scripts/cookiecutter_files.py: edit copier.yml, then run\n"
    f"`{COMMAND}`."
)

PRE_GEN = '''\
"""Cookiecutter checks the answers before writing the kit: copier.yml's validators, its messages.

{generated}
Cookiecutter renders this file with the answers, then runs it. Each check below is copier.yml's
own validator, so a bad answer gets copier's message; cookiecutter then deletes the kit folder
it had just made. Rendering also adds copier.yml's computed values to the answers the files are
rendered with (the post-generation hook takes them out again, so cruft never stores them).
"""

{{#- What copier gives validators and cookiecutter lacks, then the data they read. #}}
{{%- set _copier_conf = {copier_conf} %}}
{{%- set _external_data = {external_data} %}}
{{%- set _copier_answers = {copier_answers} %}}
{data}
{{#- The computed values, added to the answers. #}}
{computed}
import json
import sys

# (question, copier's message for its answer: empty when the answer is valid), in copier.yml's
# order. Computed values are not here: cookiecutter ignores a value given for them.
CHECKS = [
{checks}
]


def first_refusal() -> str:
    """copier's line for the first refused answer, or an empty string."""
    for question, message in CHECKS:
        if message.strip():
            return f"Validation error for question '{{question}}': {{message.strip()}}"
    return ""


if __name__ == "__main__":
    refusal = first_refusal()
    if refusal:
        print(refusal, file=sys.stderr)
        sys.exit(1)
'''

POST_GEN = '''\
"""Cookiecutter's last step: remove what only cookiecutter writes, so the kit is copier's.

{generated}
- Folders named `*{pruned}`: a conditional folder's cookiecutter-only name (copier renders an
  empty name, which it skips, and cookiecutter must not: see CONTRIBUTING.md).
- The `.jinja` suffix: copier removes it from the files it renders, cookiecutter does not; a
  file whose name rendered empty is left as a bare `.jinja` and deleted.
- Computed values ({names}), taken out of the answers while this file is rendered, so
  that cruft does not store them in .cruft.json.
"""
{popped}

import os
import shutil
from pathlib import Path

PRUNED_SUFFIX = "{pruned}"
SUFFIX = "{suffix}"


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
'''


def added_values(config: dict[str, Any]) -> list[str]:
    """The computed values the pre-generation hook adds to cookiecutter's answers."""
    return [
        name
        for name, question in questions_of(config).items()
        if is_computed(question) and question.get("type", "str") != "yaml"
    ]


def pre_gen_hook(config: dict[str, Any]) -> str:
    questions = questions_of(config)
    data = []
    computed = []
    checks = []
    for name, question in questions.items():
        if is_computed(question):
            kind = question.get("type", "str")
            if kind == "yaml":
                data.append(f"{{%- set {name} = {jinja_literal(question['default'])} %}}")
            elif kind == "bool":
                expression = question["default"].strip()[2:-2].strip()
                computed.append(
                    f"{{%- set _ = cookiecutter.update({{'{name}': ({expression})}}) %}}"
                )
            else:
                computed.append(f"{{%- set {name} %}}{question.get('default', '')}{{% endset %}}")
                computed.append(f"{{%- set _ = cookiecutter.update({{'{name}': {name}}}) %}}")
            continue
        validator = str(question.get("validator", ""))
        if validator.strip():
            rendered = "{% filter tojson %}" + validator + "{% endfilter %}"
            checks.append(f"    ({name!r}, json.loads(r'''{rendered}''')),")
    return PRE_GEN.format(
        generated=GENERATED,
        copier_conf=STAND_INS["_copier_conf"],
        external_data=STAND_INS["_external_data"],
        copier_answers=STAND_INS["_copier_answers"],
        data="\n".join(data),
        computed="\n".join(computed),
        checks="\n".join(checks),
    )


def post_gen_hook(config: dict[str, Any]) -> str:
    names = (*added_values(config), KIT_FOLDER_VARIABLE)
    popped = "\n".join(f"{{%- set _ = cookiecutter.pop('{name}', none) %}}" for name in names)
    return POST_GEN.format(
        generated=GENERATED,
        pruned=PRUNED_SUFFIX,
        suffix=TEMPLATES_SUFFIX,
        names=", ".join(names),
        popped=popped,
    )


def build(root: Path = REPOSITORY) -> dict[Path, str]:
    """The three files, by path relative to `root`; raises UnsupportedFeature with every problem."""
    config = copier_config(root)
    problems = unsupported_features(config)
    subdirectory = template_subdirectory(config)
    tree = root / subdirectory
    folder_name = subdirectory.name
    if not ("cookiecutter." in folder_name and "{{" in folder_name and "}}" in folder_name):
        problems.append(
            f"{COPIER_YML}: _subdirectory must name a folder like {{{{cookiecutter.x}}}}: "
            "cookiecutter and cruft find the template tree by such a name"
        )
    if not tree.is_dir():
        raise UnsupportedFeature("\n".join([*problems, f"{subdirectory}: no such folder"]))
    files = tree_files(tree)
    problems += folder_branch_problems(config, files)
    patterns, pattern_problems = copy_as_is_patterns(files, tree)
    problems += pattern_problems
    if problems:
        raise UnsupportedFeature("\n".join(problems))
    folder = subdirectory.parent
    return {
        Path(folder, "cookiecutter.json"): cookiecutter_json(config, patterns),
        Path(folder, "hooks", "pre_gen_project.py"): pre_gen_hook(config),
        Path(folder, "hooks", "post_gen_project.py"): post_gen_hook(config),
    }


GENERATOR = Generator(
    build=build,
    error=UnsupportedFeature,
    subject="cookiecutter's files",
    sources="copier.yml",
    fix=f"run {COMMAND}",
)


def stale_files(root: Path = REPOSITORY) -> list[str]:
    """The generated files that differ from what copier.yml and the tree give today."""
    return GENERATOR.stale_files(root)


def write(root: Path = REPOSITORY) -> list[str]:
    return GENERATOR.write(root)


def main(argv: Sequence[str] | None = None) -> int:
    return GENERATOR.main(argv, description=__doc__.splitlines()[0])


if __name__ == "__main__":
    raise SystemExit(main())
