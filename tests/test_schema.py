"""The JSON Schemas of catalogue, firm and plan files: generated, well formed, in step with the models."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from grantstack.models.catalogue import CataloguePackage
from grantstack.models.firm import Firm
from grantstack.models.group import Group
from grantstack.models.group_loading import load_group
from grantstack.models.loading import InputError, load_catalogue, load_firm, read_document
from grantstack.models.plan import Plan
from grantstack.models.scenario_file import ScenarioFile, SweepFile
from grantstack.models.schema import DEFAULT_DIR, SCHEMA_DIALECT, file_name, main, render, schemas, stale, write_schemas

REPO = Path(__file__).resolve().parent.parent
MODELS = {
    "catalogue": CataloguePackage, "firm": Firm, "group": Group, "plan": Plan, "scenario": ScenarioFile,
    "sweep": SweepFile,
}
CORPUS = Path(__file__).resolve().parent / "malformed"

# Keywords of JSON Schema 2020-12 (plus 'discriminator', an annotation pydantic adds for OpenAPI tools).
KEYWORDS = {
    "$schema", "$id", "$ref", "$defs", "$comment", "title", "description", "default", "examples", "deprecated",
    "readOnly", "writeOnly", "type", "enum", "const", "properties", "patternProperties", "additionalProperties",
    "propertyNames", "required", "minProperties", "maxProperties", "items", "prefixItems", "minItems",
    "maxItems", "uniqueItems", "contains", "anyOf", "oneOf", "allOf", "not", "if", "then", "else", "minimum",
    "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minLength", "maxLength", "pattern",
    "format", "discriminator",
}
TYPES = {"object", "array", "string", "number", "integer", "boolean", "null"}
MAP_OF_SCHEMAS = ("properties", "patternProperties", "$defs")
LIST_OF_SCHEMAS = ("anyOf", "oneOf", "allOf", "prefixItems")
ONE_SCHEMA = ("items", "additionalProperties", "propertyNames", "not", "if", "then", "else", "contains")


def _subschemas(node: dict[str, Any]) -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    for key in MAP_OF_SCHEMAS:
        out += [(f"{key}.{k}", v) for k, v in node.get(key, {}).items()]
    for key in LIST_OF_SCHEMAS:
        out += [(f"{key}[{i}]", v) for i, v in enumerate(node.get(key, []))]
    out += [(key, node[key]) for key in ONE_SCHEMA if key in node]
    return out


def _check_well_formed(node: Any, root: dict[str, Any], where: str) -> None:
    """A structural check of a schema against the 2020-12 vocabulary (no third-party validator needed)."""
    if isinstance(node, bool):
        return
    assert isinstance(node, dict), f"{where}: a schema must be an object or a boolean"
    unknown = set(node) - KEYWORDS
    assert not unknown, f"{where}: unknown keywords {sorted(unknown)}"
    if "type" in node:
        kinds = node["type"] if isinstance(node["type"], list) else [node["type"]]
        assert set(kinds) <= TYPES, f"{where}: bad type {node['type']!r}"
    if "$ref" in node:
        ref = node["$ref"]
        assert ref.startswith("#/$defs/") and ref.removeprefix("#/$defs/") in root.get("$defs", {}), \
            f"{where}: dangling $ref {ref}"
    if "required" in node:
        assert isinstance(node["required"], list) and len(set(node["required"])) == len(node["required"])
        assert set(node["required"]) <= set(node.get("properties", {})), f"{where}: required names no property"
    for key in ("pattern", *node.get("patternProperties", {}).keys()):
        if key == "pattern" and "pattern" in node:
            re.compile(node["pattern"])
        elif key != "pattern":
            re.compile(key)
    for key in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minItems", "maxItems",
                "minLength", "maxLength"):
        if key in node:
            assert isinstance(node[key], (int, float)) and not isinstance(node[key], bool), f"{where}.{key}"
    for name, sub in _subschemas(node):
        _check_well_formed(sub, root, f"{where}.{name}")


def _valid(node: Any, value: Any, root: dict[str, Any]) -> bool:
    """A small JSON Schema validator for the keywords the generated schemas use."""
    if isinstance(node, bool):
        return node
    if "$ref" in node and not _valid(root["$defs"][node["$ref"].removeprefix("#/$defs/")], value, root):
        return False
    if "type" in node:
        kinds = node["type"] if isinstance(node["type"], list) else [node["type"]]
        checks = {
            "object": isinstance(value, dict), "array": isinstance(value, list), "string": isinstance(value, str),
            "boolean": isinstance(value, bool), "null": value is None,
            "number": isinstance(value, (int, float)) and not isinstance(value, bool),
            "integer": (isinstance(value, int) and not isinstance(value, bool))
            or (isinstance(value, float) and value.is_integer()),
        }
        if not any(checks[k] for k in kinds):
            return False
    if "enum" in node and value not in node["enum"]:
        return False
    if "const" in node and value != node["const"]:
        return False
    if "anyOf" in node and not any(_valid(s, value, root) for s in node["anyOf"]):
        return False
    if "oneOf" in node and sum(_valid(s, value, root) for s in node["oneOf"]) != 1:
        return False
    if "allOf" in node and not all(_valid(s, value, root) for s in node["allOf"]):
        return False
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if "minimum" in node and value < node["minimum"]:
            return False
        if "maximum" in node and value > node["maximum"]:
            return False
        if "exclusiveMinimum" in node and value <= node["exclusiveMinimum"]:
            return False
        if "exclusiveMaximum" in node and value >= node["exclusiveMaximum"]:
            return False
    if isinstance(value, str):
        if "pattern" in node and not re.search(node["pattern"], value):
            return False
        if len(value) < node.get("minLength", 0) or len(value) > node.get("maxLength", len(value)):
            return False
    if isinstance(value, list):
        if len(value) < node.get("minItems", 0) or len(value) > node.get("maxItems", len(value)):
            return False
        prefix = node.get("prefixItems", [])
        for i, item in enumerate(value):
            sub = prefix[i] if i < len(prefix) else node.get("items", True)
            if not _valid(sub, item, root):
                return False
    if isinstance(value, dict):
        if not set(node.get("required", [])) <= set(value):
            return False
        props, patterns = node.get("properties", {}), node.get("patternProperties", {})
        for key, item in value.items():
            if "propertyNames" in node and not _valid(node["propertyNames"], key, root):
                return False
            matched = False
            if key in props:
                matched = True
                if not _valid(props[key], item, root):
                    return False
            for pattern, sub in patterns.items():
                if re.search(pattern, key):
                    matched = True
                    if not _valid(sub, item, root):
                        return False
            if not matched and not _valid(node.get("additionalProperties", True), item, root):
                return False
    return True


def _as_json(path: Path) -> Any:
    """A file's content as an editor's JSON view of it (dates as text, mapping keys as text)."""
    return json.loads(json.dumps(read_document(path), default=str))


# --------------------------------------------------------------------------- generation


def test_schemas_cover_the_file_kinds() -> None:
    assert set(schemas()) == set(MODELS)


@pytest.mark.parametrize("name", list(MODELS))
def test_schema_is_well_formed_with_the_expected_top_level(name: str) -> None:
    schema = schemas()[name]
    json.loads(render(schema))  # plain JSON
    assert schema["$schema"] == SCHEMA_DIALECT
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False
    assert list(schema["properties"]) == list(MODELS[name].model_fields)
    required = {k for k, f in MODELS[name].model_fields.items() if f.is_required()}
    assert set(schema.get("required", [])) == required
    _check_well_formed(schema, schema, name)


def test_expected_top_level_properties() -> None:
    s = schemas()
    assert {"package", "measures", "groups", "ladders", "caps", "no_repeat"} <= set(s["catalogue"]["properties"])
    assert {"id", "district", "projects", "events", "metrics", "history"} <= set(s["firm"]["properties"])
    assert {"firm", "years", "applications", "schedule"} <= set(s["plan"]["properties"])
    assert s["firm"]["required"] == ["id", "district"]


@pytest.mark.parametrize("name", list(MODELS))
def test_description_says_how_to_point_an_editor_at_it(name: str) -> None:
    description = schemas()[name]["description"]
    assert "# yaml-language-server: $schema=" in description
    assert file_name(name) in description


def test_amount_forms_and_predicates_are_tagged_unions() -> None:
    defs = schemas()["catalogue"]["$defs"]
    amount = defs["Measure"]["properties"]["amount"]
    union = next(s for s in amount["anyOf"] if "oneOf" in s)
    assert union["discriminator"]["propertyName"] == "form"
    assert {"fixed", "up_to", "rate", "matching", "valued"} <= set(union["discriminator"]["mapping"])
    assert defs["Fixed"]["properties"]["amount"]["type"] == "integer"
    assert defs["Fixed"]["properties"]["amount"]["minimum"] == 0


# --------------------------------------------------------------------------- files in step with the models


@pytest.mark.parametrize("name", list(MODELS))
def test_committed_schema_files_are_up_to_date(name: str) -> None:
    path = DEFAULT_DIR / file_name(name)
    assert path.parent == REPO / "schemas"
    assert path.exists(), f"{path} is missing: run python -m grantstack.models.schema"
    assert path.read_text(encoding="utf-8") == render(schemas()[name]), \
        f"{path} is out of date with the models: run python -m grantstack.models.schema"


def test_check_mode_reports_up_to_date_files() -> None:
    assert stale() == []
    assert main(["--check"]) == 0


def test_module_entry_point_writes_the_same_files(tmp_path: Path) -> None:
    out = tmp_path / "generated"
    result = subprocess.run(
        [sys.executable, "-m", "grantstack.models.schema", "--out", str(out)], cwd=REPO, capture_output=True, text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    written = sorted(p.name for p in out.iterdir())
    assert written == sorted(file_name(k) for k in MODELS)
    for name in written:
        assert (out / name).read_text(encoding="utf-8") == (REPO / "schemas" / name).read_text(encoding="utf-8")


def test_writing_is_atomic_and_idempotent(tmp_path: Path) -> None:
    assert len(write_schemas(tmp_path)) == len(MODELS)
    assert write_schemas(tmp_path) == []  # nothing changed, nothing rewritten
    (tmp_path / "plan.schema.json").write_text("{}", encoding="utf-8")
    assert stale(tmp_path) == [tmp_path / "plan.schema.json"]
    assert main(["--check", "--out", str(tmp_path)]) == 1
    assert write_schemas(tmp_path) == [tmp_path / "plan.schema.json"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(file_name(k) for k in MODELS)  # no temp files


# --------------------------------------------------------------------------- the schema agrees with the loader


def _loadable_examples() -> list[tuple[str, Path]]:
    out = [("catalogue", p) for p in sorted((CORPUS / "catalogue" / "duplicate_measure_id_across_files").glob("*"))]
    out += [("catalogue", p) for p in sorted((REPO / "scenarios" / "catalogue").glob("*.yaml"))]
    out += [("firm", p) for p in sorted((REPO / "scenarios" / "firms").glob("*.yaml"))]
    out += [("group", p) for p in sorted((REPO / "scenarios" / "groups").glob("*.yaml"))]
    return out


@pytest.mark.parametrize(("kind", "path"), _loadable_examples(), ids=lambda x: getattr(x, "name", x))
def test_files_the_loader_accepts_satisfy_the_schema(kind: str, path: Path) -> None:
    try:
        {"catalogue": lambda: load_catalogue([path]), "firm": lambda: load_firm(path),
         "group": lambda: load_group(path)}[kind]()
    except InputError:
        pytest.skip(f"{path.name} does not load (being edited?)")
    schema = schemas()[kind]
    assert _valid(schema, _as_json(path), schema), f"{path} loads but does not satisfy {file_name(kind)}"


SCHEMA_REJECTS = [
    "catalogue/unknown_field_top_level.yaml", "catalogue/unknown_field_nested.yaml",
    "catalogue/money_as_string.yaml", "catalogue/list_for_mapping.yaml", "catalogue/negative_amount.yaml",
    "catalogue/float_amount.yaml", "catalogue/rate_over_100.yaml", "catalogue/rate_zero.yaml",
    "catalogue/unknown_district.yaml", "catalogue/unknown_amount_form.yaml", "catalogue/unknown_predicate_kind.yaml",
    "catalogue/missing_required_field.yaml", "catalogue/bad_id_characters.yaml", "catalogue/ladder_with_one_tier.yaml",
    "firm/unknown_field_top_level.yaml", "firm/unknown_field_nested.yaml", "firm/money_as_string.yaml",
    "firm/list_for_mapping.yaml", "firm/negative_amount.yaml", "firm/float_amount.yaml", "firm/unknown_district.yaml",
    "firm/unknown_key_region.yaml", "firm/missing_required_field.yaml", "firm/bad_id_characters.yaml",
    "firm/probability_over_one.yaml",
    "plan/unknown_field_in_application.yaml", "plan/negative_amount.yaml", "plan/float_amount.json",
    "plan/bad_measure_id.yaml",
]


@pytest.mark.parametrize("name", SCHEMA_REJECTS)
def test_schema_catches_field_level_mistakes(name: str) -> None:
    schema = schemas()[name.split("/", 1)[0]]
    assert not _valid(schema, _as_json(CORPUS / name), schema), f"the schema accepts {name}"
