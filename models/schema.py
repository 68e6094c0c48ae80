"""JSON Schema for the input files: catalogue, firm, plan, scenario and sweep files.

    python -m grantstack.models.schema [--out DIR] [--check]

writes catalogue.schema.json, firm.schema.json, plan.schema.json, scenario.schema.json and sweep.schema.json into
DIR (default: schemas/ at the repository root), each atomically (a temporary file in DIR, then os.replace). With
--check nothing is written: the exit status is 1 if a file is missing or differs from what the models generate.

The schemas are for editors and other tools: they check field names, types and ranges as you type.
The loader (models.loading) checks more than a schema can say (cross-references, duplicate ids, dates in
order), so a file that passes the schema can still be refused, with a message naming the entry and field.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from grantstack.models.atomic_write import write_atomic
from grantstack.models.catalogue import CataloguePackage
from grantstack.models.firm import Firm
from grantstack.models.group import Group
from grantstack.models.plan import Plan
from grantstack.models.scenario_file import ScenarioFile, SweepFile
from grantstack.models.schema_names import add_names
from grantstack.models.vocabulary import Vocabulary, vocabulary

__all__ = [
    "DEFAULT_DIR", "SCHEMA_DIALECT", "file_name", "main", "render", "schemas", "write_atomic_text", "write_schemas",
]

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
DEFAULT_DIR = Path(__file__).resolve().parent.parent / "schemas"

# name -> (model, title, what the file is, an example path of such a file relative to the repository)
_FILES: dict[str, tuple[type[BaseModel], str, str, str]] = {
    "catalogue": (
        CataloguePackage,
        "grantstack catalogue file",
        "One catalogue file: a seed policy package's support measures and the rules linking them "
        "(exclusive groups, ladders, shared caps, no-repeat rules).",
        "scenarios/catalogue",
    ),
    "firm": (
        Firm,
        "grantstack firm file",
        "One firm: where it is registered, what it holds, its yearly figures, its projects and events, "
        "and the support it has already received.",
        "scenarios/firms",
    ),
    "group": (
        Group,
        "grantstack group file",
        "A corporate group: its entities (each a firm, inline or {file: PATH}), the projects and events the plan "
        "places with one of them, a planned new entity whose district the plan chooses, and group-wide limits "
        "(docs/groups.md).",
        "scenarios/groups",
    ),
    "plan": (
        Plan,
        "grantstack plan file",
        "A plan: the firm's applications (measure, subject, year, amount) over the horizon and the years "
        "chosen for flexible events and projects. The loader also accepts this object under a top-level "
        "'plan' key.",
        "plans",
    ),
    "scenario": (
        ScenarioFile,
        "grantstack scenario file",
        "A what-if scenario: a base firm file, the horizon, options, and changes to the firm and to the "
        "catalogue (docs/changes.md), planned and compared by 'grantstack compare'.",
        "scenarios/examples",
    ),
    "sweep": (
        SweepFile,
        "grantstack sweep file",
        "A sweep: a base (a firm or a scenario file) and a grid of parameters (firm paths, catalogue paths, "
        "options), every combination planned by 'grantstack sweep'.",
        "scenarios/examples",
    ),
}


def file_name(name: str) -> str:
    """The file a schema is written to: 'catalogue' -> 'catalogue.schema.json'."""
    return f"{name}.schema.json"


def _editor_hint(name: str, folder: str) -> str:
    return (
        f"To have an editor check and complete a {name} file, point it at this schema: with the YAML "
        "language server (VS Code YAML extension, and others) put the comment "
        f"'# yaml-language-server: $schema=<path to schemas/{file_name(name)}>' on the first line of the "
        f"file, e.g. '# yaml-language-server: $schema=../../schemas/{file_name(name)}' for a file in "
        f"{folder}/ (or map file patterns to it in the editor's yaml.schemas / json.schemas settings). "
        "Generated from the pydantic models by "
        "'python -m grantstack.models.schema'; do not edit by hand. The loader checks more than this schema "
        "(cross-references, duplicate ids, dates in order)."
    )


def schemas(vocab: Vocabulary | None = None) -> dict[str, dict[str, Any]]:
    """The JSON Schema of each input file kind ('catalogue', 'firm', 'plan', 'scenario', 'sweep'), listing the
    vocabulary's names."""
    out: dict[str, dict[str, Any]] = {}
    for name, (model, title, what, folder) in _FILES.items():
        body = add_names(model.model_json_schema(mode="validation"), name, vocab or vocabulary())
        body.pop("title", None)
        body.pop("description", None)
        out[name] = {
            "$schema": SCHEMA_DIALECT,
            "title": title,
            "description": f"{what} {_editor_hint(name, folder)}",
            **body,
        }
    return out


def render(schema: dict[str, Any]) -> str:
    """The exact text written for a schema (stable, so the files can be compared)."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_atomic_text(path: Path, text: str) -> None:
    """Write text to `path` atomically (models.atomic_write), keeping an existing file's mode."""
    write_atomic(path, text)


def write_schemas(out: str | Path = DEFAULT_DIR) -> list[Path]:
    """Write every schema into `out` (created if needed); returns the files whose content changed."""
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, schema in schemas().items():
        path = folder / file_name(name)
        text = render(schema)
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        write_atomic_text(path, text)
        changed.append(path)
    return changed


def stale(out: str | Path = DEFAULT_DIR) -> list[Path]:
    """Schema files in `out` that are missing or differ from what the models generate."""
    folder = Path(out)
    return [
        folder / file_name(name)
        for name, schema in schemas().items()
        if not (folder / file_name(name)).exists()
        or (folder / file_name(name)).read_text(encoding="utf-8") != render(schema)
    ]


def main(argv: list[str] | None = None) -> int:
    """Command line: write the schemas, or with --check report stale ones."""
    parser = argparse.ArgumentParser(prog="python -m grantstack.models.schema", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_DIR, help=f"folder to write to (default: {DEFAULT_DIR})")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if a schema file is out of date")
    args = parser.parse_args(argv)
    if args.check:
        old = stale(args.out)
        for path in old:
            print(f"out of date: {path} (run: python -m grantstack.models.schema --out {args.out})", file=sys.stderr)
        return 1 if old else 0
    changed = write_schemas(args.out)
    for name in schemas():
        path = args.out / file_name(name)
        print(f"{'wrote' if path in changed else 'unchanged'} {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
