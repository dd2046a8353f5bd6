"""``scaffold resource`` and ``scaffold destroy``: their command-line parts.

Exit codes scripts can rely on: 0 done (or nothing to do), 1 refused (a bad spec, not a kit, a
conflict), 2 usage error (argparse). Output has no colour: it is meant to be read in a log too.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from scaffold.errors import UserError
from scaffold.kit import find_kit
from scaffold.plan import Plan, run_plan
from scaffold.resource import generate, parse_for_kit, plan_destroy, plan_generate
from scaffold.spec import GRAMMAR_HELP

RESOURCE_HELP = """\
Add a resource to the kit: model, validation, storage (SQLite and in memory), services,
routes on every host the kit has, and their tests. Nothing the template owns is edited: the
kit discovers the new package in src/<package>/resources/.

"""


def add_parsers(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register ``resource`` and ``destroy`` on the ``scaffold`` command line."""
    resource = commands.add_parser(
        "resource",
        help="add a resource (model, storage, services, routes, tests) to a kit",
        description=RESOURCE_HELP + GRAMMAR_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    resource.add_argument("name", help="plural snake_case name, e.g. products")
    resource.add_argument("fields", nargs="*", metavar="FIELD", help="NAME:TYPE[?][!][=DEFAULT]")
    resource.add_argument("--singular", help="the singular when the guess is wrong (people)")
    resource.add_argument(
        "--refresh",
        action="store_true",
        help="generate again with the fields recorded in resource.toml (e.g. after adding a host)",
    )
    _common(resource)
    resource.set_defaults(run=command_resource)

    destroy = commands.add_parser(
        "destroy",
        help="remove what `scaffold resource NAME` added, exactly",
        description="Remove a generated resource; refuses files edited since (unless --force) "
        "and resources other resources still reference.",
    )
    destroy.add_argument("name", help="the resource to remove, e.g. products")
    _common(destroy)
    destroy.set_defaults(run=command_destroy)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--kit", type=Path, help="the kit's folder (default: found from here)")
    parser.add_argument(
        "--dry-run", action="store_true", help="print the plan and the diffs, write nothing"
    )
    parser.add_argument(
        "--force", action="store_true", help="overwrite or remove files that differ"
    )


def command_resource(arguments: argparse.Namespace) -> int:
    kit = find_kit(arguments.kit)
    fields = list(arguments.fields)
    singular = arguments.singular
    if arguments.refresh:
        manifest = kit.manifests.get(arguments.name)
        if manifest is None:
            raise UserError(f'--refresh: no resource "{arguments.name}" was generated here.')
        if fields:
            raise UserError("--refresh takes the fields from resource.toml: give no FIELD.")
        fields, singular = list(manifest.fields), singular or manifest.singular
    spec = parse_for_kit(kit, arguments.name, fields, singular)
    recorded = kit.manifests.get(spec.name)
    if (
        recorded is not None
        and recorded.fields != spec.field_args  # both canonical: the same spec, however written
        and not (arguments.refresh or arguments.force or arguments.dry_run)  # dry run: the diffs
    ):
        raise UserError(
            f'"{spec.name}" already exists with the fields {" ".join(recorded.fields)}: '
            "generating it with other fields would overwrite its files. Run "
            f'"scaffold destroy {spec.name}" first, or add --force (see --dry-run for the '
            "differences); --refresh generates it again from resource.toml."
        )
    return _run(plan_generate(kit, generate(kit, spec)), arguments, done=_next_steps(spec.name))


def command_destroy(arguments: argparse.Namespace) -> int:
    kit = find_kit(arguments.kit)
    return _run(plan_destroy(kit, arguments.name), arguments, done=[])


def _run(plan: Plan, arguments: argparse.Namespace, *, done: list[str]) -> int:
    if run_plan(plan, dry_run=arguments.dry_run, force=arguments.force):
        print("\n".join(done))
    return 0


def _next_steps(resource: str) -> list[str]:
    return [
        "",
        "Next: uv run pytest (the new tests run on every host of the kit),",
        f"then review the files and commit them. Undo with: scaffold destroy {resource}",
    ]
