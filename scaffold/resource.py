"""``scaffold resource`` and ``scaffold destroy``: the files of one resource, planned first.

The files are rendered from the Jinja templates in ``scaffold/templates/resource/`` with
everything type-dependent computed beforehand (``python_code``), then passed through ruff
(import order, then formatting) with the kit's own settings, so they are lint-clean at any
name length. A ``resource.toml`` manifest records the spec and each file's sha256:
``scaffold destroy`` removes exactly those files, and refuses one that was edited since.
"""

from __future__ import annotations

import hashlib
import pprint
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from ruff.__main__ import find_ruff_bin

from scaffold.errors import UserError
from scaffold.kit import MANIFEST, Kit
from scaffold.plan import CONFLICT, REMOVE, SKIP, Action, Plan, write_action
from scaffold.python_code import FieldCode, Imports
from scaffold.rendering import template_environment
from scaffold.reserved_names import load_reserved_names
from scaffold.spec import FieldType, ResourceSpec, SpecError, parse_resource
from scaffold.sqlite_schema import create_table_sql

# Part B rows that references to the kit's own tables can point at in the generated tests.
KIT_ROWS: Final = {"users": 1, "orders": 101}
KIT_CLASSES: Final = {"users": "User", "orders": "Order"}

_environment = template_environment("resource")
_environment.filters["pyrepr"] = repr


@dataclass(frozen=True)
class Generated:
    """One resource, ready to be planned: the spec and every file's final text."""

    spec: ResourceSpec
    files: dict[Path, str]
    """Kit-relative path -> content, the manifest included."""


def parse_for_kit(kit: Kit, name: str, fields: list[str], singular: str | None) -> ResourceSpec:
    """The spec, checked against the kit: its reserved names and the resources it has."""
    existing = {manifest for manifest in kit.manifests if manifest != name}
    return parse_resource(
        name, fields, reserved=load_reserved_names(), existing=existing, singular=singular
    )


def specs_of(kit: Kit) -> dict[str, ResourceSpec]:
    """The specs of the resources already in the kit (for references between them)."""
    specs = {}
    for name, manifest in kit.manifests.items():
        try:
            specs[name] = parse_resource(
                name,
                list(manifest.fields),
                reserved=load_reserved_names(),
                existing=set(kit.manifests) - {name},
                singular=manifest.singular,
            )
        except SpecError as error:
            path = kit.manifest_path(name).relative_to(kit.root)
            raise UserError(
                f"{path} no longer checks: {error.headline}. Restore what it needs (e.g. a "
                f'folder removed by hand, with git), or remove "{name}": scaffold destroy {name}'
            ) from None
    return specs


def generate(kit: Kit, spec: ResourceSpec) -> Generated:
    """Every file of ``spec`` for ``kit``'s hosts, formatted, with the manifest that lists them."""
    others = {name: other for name, other in specs_of(kit).items() if name != spec.name}
    context = _context(kit, spec, others)
    package_dir = Path("src") / kit.package / "resources" / spec.name
    templates = {
        package_dir / "__init__.py": "__init__.py.jinja",
        package_dir / "model.py": "model.py.jinja",
        package_dir / "validation.py": "validation.py.jinja",
        package_dir / "storage.py": "storage.py.jinja",
        package_dir / "services.py": "services.py.jinja",
        Path("tests") / "core" / f"test_resource_{spec.name}.py": "test_core.py.jinja",
        Path("tests") / "http" / f"test_http_resource_{spec.name}.py": "test_http.py.jinja",
    }
    for host in kit.hosts:
        templates[package_dir / f"{host}_routes.py"] = f"{host}_routes.py.jinja"
    files = {}
    for path, template in templates.items():
        text = _environment.get_template(template).render(
            context, **_imports_for(template, context)
        )
        files[path] = _ruff(kit, path, text)
    files[package_dir / MANIFEST] = _manifest(spec, files)
    return Generated(spec=spec, files=dict(sorted(files.items())))


def plan_generate(kit: Kit, generated: Generated) -> Plan:
    actions = [write_action(kit.root, path, text) for path, text in generated.files.items()]
    manifest = kit.manifests.get(generated.spec.name)
    if manifest is not None:  # files of a previous generation that this one no longer has
        for name in sorted(set(manifest.files) - {p.as_posix() for p in generated.files}):
            actions.append(_removal(kit, Path(name), manifest.files[name]))
    return Plan(kit.root, tuple(actions))


def plan_destroy(kit: Kit, name: str) -> Plan:
    """Remove what ``scaffold resource NAME`` wrote; a file edited since is a conflict."""
    manifests = kit.manifests
    if name not in manifests:
        known = ", ".join(sorted(manifests)) or "none yet"
        raise UserError(f'No resource "{name}" was generated in this kit (generated: {known}).')
    # Read from the manifests' text, not checked again: a broken one can still be destroyed.
    users = [
        other
        for other, manifest in manifests.items()
        if other != name and name in manifest.references
    ]
    if users:
        quoted = ", ".join(f'"{user}"' for user in users)
        first = " then ".join(f'"scaffold destroy {user}"' for user in users)
        raise UserError(
            f'"{name}" is still referenced by {quoted}: its rows would point at nothing. '
            f"Run {first} first."
        )
    manifest = manifests[name]
    actions = [_removal(kit, Path(path), digest) for path, digest in sorted(manifest.files.items())]
    actions.append(Action(REMOVE, kit.manifest_path(name).relative_to(kit.root)))
    return Plan(kit.root, tuple(actions))


def _removal(kit: Kit, path: Path, digest: str) -> Action:
    target = kit.root / path
    if not target.exists():
        return Action(SKIP, path, reason="already gone")
    if _sha256(target.read_text(encoding="utf-8")) != digest:
        return Action(CONFLICT, path, reason="edited since it was generated")
    return Action(REMOVE, path)


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _manifest(spec: ResourceSpec, files: dict[Path, str]) -> str:
    lines = [
        "# Written by `scaffold resource`; `scaffold destroy` reads it. Do not edit it by hand:",
        "# run `scaffold resource NAME FIELDS... --force` again to change the resource.",
        f'name = "{spec.name}"',
        f'singular = "{spec.singular}"',
        "fields = [",
        *(f'    "{field}",' for field in spec.field_args),
        "]",
        "",
        "[files]",
        *(f'"{path.as_posix()}" = "{_sha256(text)}"' for path, text in sorted(files.items())),
    ]
    return "\n".join(lines) + "\n"


def _ruff(kit: Kit, path: Path, text: str) -> str:
    """``text`` with its imports sorted and formatted by ruff, as the kit's config wants."""
    ruff = find_ruff_bin()
    # The files do not exist yet, so ruff cannot see that the new modules are the kit's own.
    first_party = f"lint.isort.known-first-party = ['{kit.package}']"
    sort_imports = ["check", "--fix", "--select", "I", "--quiet", "--config", first_party]
    for command in (sort_imports, ["format", "--quiet"]):
        completed = subprocess.run(
            [ruff, *command, "--stdin-filename", str(kit.root / path), "-"],
            input=text,
            capture_output=True,
            text=True,
            cwd=kit.root,
            timeout=60,
            check=False,
        )
        if completed.returncode != 0:
            raise RuntimeError(f"ruff could not process {path}:\n{completed.stderr}{text}")
        text = completed.stdout
    return text


# ----- the template context -----


def _json(value: Any) -> str:
    """A JSON-like value as Python source for a generated test (dicts kept in field order)."""
    return pprint.pformat(value, sort_dicts=False, width=88)


def _context(kit: Kit, spec: ResourceSpec, others: dict[str, ResourceSpec]) -> dict[str, Any]:
    fields = [FieldCode(field) for field in spec.fields]
    refs = [code for code in fields if code.field.type is FieldType.REF]
    values = [code for code in fields if code.field.type is not FieldType.REF]
    targets = {
        **KIT_CLASSES,
        **{name: other.class_name for name, other in others.items()},
    }
    generated_refs = [
        {
            "column": code.column,
            "target": code.field.ref,
            "target_singular": others[code.field.ref].singular,
        }
        for code in refs
        if code.field.ref in others
    ]
    fixed, made, http_made = _reference_setup(spec, others)
    required = {code.column: code.example(1) for code in values if code.field.required}
    return {
        "package": kit.package,
        "name": spec.name,
        "singular": spec.singular,
        "Class": spec.class_name,
        "title": spec.name.replace("_", " ").capitalize(),
        "schema": create_table_sql(spec).rstrip("\n"),
        "fields": fields,
        "refs": refs,
        # A self-reference is left null in the shared fixtures; a test of its own sets it.
        "self_refs": [code for code in refs if code.field.ref == spec.name],
        "filtered_refs": [code for code in refs if code.field.ref != spec.name],
        "unique": [code for code in fields if code.field.unique],
        "unique_values": [code for code in values if code.field.unique],
        "conversions": [code for code in fields if code.to_db("x") is not None],
        "decimal_aliases": [code.decimal_alias for code in fields if code.decimal_alias],
        "required_columns": [code.column for code in fields if not code.field.nullable],
        "targets": targets,
        "generated_refs": generated_refs,
        "changed": values[0].column if values else None,
        "both_hosts": len(kit.hosts) == 2,
        "first": _json({code.column: code.example(1) for code in values}),
        "second": _json({code.column: code.example(2) for code in values}),
        "required": _json(required),
        "required_references": _json([code.column for code in refs if code.field.required]),
        "defaults": _json(
            {code.column: code.field.json_default for code in fields if not code.field.required}
        ),
        "bad_values": _json(
            [(code.column, code.bad_value, code.bad_value_error) for code in fields]
        ),
        "bad": fields[0],
        "fixed_references": _json(fixed),
        "made_references": made,
        "http_references": http_made,
    }


def _reference_setup(
    spec: ResourceSpec, others: dict[str, ResourceSpec]
) -> tuple[dict[str, int | None], list[str], list[str]]:
    """Rows for ``spec``'s references in the tests: Part B ids, or rows the tests create.

    A reference to a generated resource needs a row of it, made with that resource's own
    example values (its required references first, recursively). Returns the fixed ids, the
    lines that make rows through the services (core tests) and through HTTP (contract tests).
    """
    fixed: dict[str, int | None] = {}
    core_lines: list[str] = []
    http_lines: list[str] = []
    made: dict[str, str] = {}  # resource -> expression of the id of a row made for it

    def row_for(target: str, path: tuple[str, ...]) -> str:
        if target in KIT_ROWS:
            return str(KIT_ROWS[target])
        if target in made:
            return made[target]
        if target == spec.name or target in path:
            chain = " -> ".join((spec.name, *path, target))
            raise UserError(
                f'"{spec.name}" cannot be generated: its tests need a row of "{path[0]}", and '
                f"the required references from there go round in a circle ({chain}). Generate "
                f"one of {', '.join(path)} again with its reference nullable (NAME:ref[RESOURCE]?)."
            )
        other = others[target]
        values = [
            f"{field.column!r}: {field.example(1)!r}"
            for field in other.fields
            if field.type is not FieldType.REF
        ]
        references = [  # the variables of the rows made for them just before
            f"{field.column!r}: {row_for(field.ref, (*path, target))}"
            for field in other.fields
            if field.type is FieldType.REF and field.ref is not None and field.required
        ]
        literal = "{" + ", ".join(values + references) + "}"
        variable = f"{other.singular}_id"
        core_lines.append(
            f"{variable} = {target}_services.create_{other.singular}(session, {literal}).id"
        )
        http_lines.append(
            f'{variable} = client.post("/{target}", json={literal}, headers=AUTH).json()["id"]'
        )
        made[target] = variable
        return variable

    for field in spec.fields:
        if field.ref == spec.name:  # always nullable: the first row has nothing to point at
            fixed[field.column] = None
        elif field.type is FieldType.REF and field.ref is not None:
            target_row = row_for(field.ref, ())
            if field.ref in KIT_ROWS:
                fixed[field.column] = KIT_ROWS[field.ref]
            else:
                core_lines.append(f'found["{field.column}"] = {target_row}')
                http_lines.append(f'found["{field.column}"] = {target_row}')
    return fixed, core_lines, http_lines


def _imports_for(template: str, context: dict[str, Any]) -> dict[str, list[str]]:
    """The import lines each template needs, from the fields it holds."""
    fields: list[FieldCode] = context["fields"]
    name, klass = context["name"], context["Class"]
    imports = Imports()
    if template == "model.py.jinja":
        imports.add("dataclasses", "dataclass").add("typing", "Any")
        imports.add_all(pair for code in fields for pair in code.field.python_imports)
        helpers = {h for code in fields for h in code.helpers if h.startswith("json_")}
        if helpers:
            imports.add("...core.field_types", *helpers)
    elif template == "validation.py.jinja":
        imports.add("collections.abc", "Mapping").add("typing", "Any")
        # The annotations name only the core's types; defaults and Literal need the rest.
        imports.add_all(
            pair
            for code in fields
            for pair in code.field.python_imports
            if pair[1] == "Literal" or code.field.default is not None
        )
        core_types = {code.validation_type for code in fields if code.decimal_alias is None}
        core_types -= {"bool"}
        core_types = {t for t in core_types if not t.startswith("Literal")}
        validation_names = {"BodyModel", "QueryModel", "parse_query"}
        if any(code.field.type is FieldType.REF for code in fields):
            validation_names |= {"QueryId"}
        if "PositiveId" in core_types:
            validation_names.add("PositiveId")
            core_types.discard("PositiveId")
        imports.add("...core.validation", *validation_names)
        field_types = core_types | {"decimal_text" for code in fields if code.decimal_alias}
        if field_types:
            imports.add("...core.field_types", *field_types)
        if context["required_columns"]:
            imports.add("pydantic", "ConfigDict", "field_validator")
            imports.add("pydantic_core", "PydanticCustomError")
            imports.add("...core.validation", "never_null_in_schema")
    elif template == "storage.py.jinja":
        imports.add("sqlite3").add("dataclasses", "replace").add(
            "typing", "Any", "Final", "Protocol"
        )
        imports.add("...core.errors", "AppError", "ConflictError", "ValidationError")
        helpers = {
            h
            for code in fields
            for h in code.helpers
            if h.startswith(("db_", "from_db_"))
            or (h.startswith("json_") and code.field.type in (FieldType.DATE, FieldType.DATETIME))
        }
        if helpers:
            imports.add("...core.field_types", *helpers)
        imports.add(".model", klass)
    elif template == "services.py.jinja":
        imports.add("collections.abc", "Mapping").add("typing", "Any")
        imports.add("...core.db", "Session")
        errors = {"ConflictError", "NotFoundError"}
        for code in context["refs"]:
            errors.add("user_not_found" if code.field.ref == "users" else "reference_not_found")
        imports.add("...core.errors", *errors)
        imports.add("...core.services", "PageInput")
        imports.add("...core.validation", "MAX_SQL_INTEGER", "PageParams", "parse_page")
        imports.add("..", "first_reference")
        for code in context["refs"]:
            if code.field.ref not in (*KIT_ROWS, name):  # its own is `.storage`'s
                imports.add(
                    f"..{code.field.ref}.storage", f"repository as {code.field.ref}_repository"
                )
        imports.add(".model", klass).add(".storage", "repository")
        imports.add(".validation", f"{klass}Create", f"{klass}Filters", f"{klass}Update")
        imports.add(
            ".validation",
            f"parse_{context['singular']}_create",
            f"parse_{context['singular']}_filters",
            f"parse_{context['singular']}_update",
        )
    elif template == "flask_routes.py.jinja":
        imports.add("flask", "Blueprint", "Response", "jsonify", "request")
        imports.add("...core.validation", "parse_page")
        imports.add("...flask_app.auth", "require_token")
        imports.add("...flask_app.lifecycle", "get_session")
        imports.add("...flask_app.request_body", "read_json_object")
        imports.add("...flask_app.routes", "created", "no_content", "page_body")
        imports.add(".", "services").add(".validation", f"parse_{context['singular']}_filters")
    elif template == "fastapi_routes.py.jinja":
        imports.add("typing", "Annotated").add("fastapi", "APIRouter", "Response")
        imports.add("fastapi.responses", "JSONResponse").add("pydantic", "BaseModel")
        if any(code.field.type is FieldType.ENUM for code in fields):
            imports.add("typing", "Literal")
        imports.add("...fastapi_app.dependencies", "DatabaseDep", "PageDep", "query_model")
        imports.add(
            "...fastapi_app.routes",
            "COMMON_ERRORS",
            "TOKEN_NEEDED",
            "WRITE_ERRORS",
            "created",
            "page_body",
        )
        imports.add("...fastapi_app.schemas", "error_responses")
        imports.add("...fastapi_app.units", "run_unit_of_work")
        imports.add(".", "services")
        imports.add(".validation", f"{klass}Create", f"{klass}Filters", f"{klass}Update")
    elif template == "test_core.py.jinja":
        package = context["package"]
        imports.add(f"{package}.core.db", "Database", "session_scope")
        imports.add(f"{package}.core.errors", "NotFoundError", "ValidationError")
        # The tests that expect a 409: a unique clash, or a delete of a row still referenced.
        if context["unique_values"] or context["self_refs"] or context["generated_refs"]:
            imports.add(f"{package}.core.errors", "ConflictError")
        imports.add(f"{package}.resources.{name}", "services")
        for target in sorted({code.field.ref for code in context["refs"]} - {*KIT_ROWS, name}):
            imports.add(f"{package}.resources.{target}", f"services as {target}_services")
    return {"imports": imports.lines()}
