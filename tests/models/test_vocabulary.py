"""One vocabulary (models/vocabulary_names.py): the docs, the schemas and the loaders use the same names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from grantstack.models.loading import InputError, load_catalogue, load_firm
from grantstack.models.schema import DEFAULT_DIR, file_name, render, schemas
from grantstack.models.schema_names import NAME_PLACES
from grantstack.models.vocabulary import BUILTIN, VocabularySection, vocabulary
from grantstack.models.vocabulary_doc import DOC_PATH
from grantstack.models.vocabulary_doc import render as render_doc
from grantstack.scenarios.overlay import load_catalogue as load_overlaid

REPO = Path(__file__).resolve().parents[2]
FIRM = "id: acme\ndistrict: tongzhou\n"


def test_docs_vocabulary_is_generated_from_the_names() -> None:
    assert DOC_PATH == REPO / "docs" / "vocabulary.md"
    assert DOC_PATH.read_text(encoding="utf-8") == render_doc(), \
        "docs/vocabulary.md is out of date: run python -m grantstack.models.vocabulary_doc"


def test_every_name_is_in_the_docs() -> None:
    text = DOC_PATH.read_text(encoding="utf-8")
    for category in ("statuses", "tags", "metrics", "cost_fields", "quantities", "event_values", "project_kinds",
                     "event_kinds", "matters"):
        for name in getattr(BUILTIN, category):
            assert f"| {name} |" in text, f"{category} {name} missing from docs/vocabulary.md"


def test_committed_schemas_list_the_names() -> None:
    for kind, doc in schemas().items():
        assert (DEFAULT_DIR / file_name(kind)).read_text(encoding="utf-8") == render(doc)
    firm = json.loads((DEFAULT_DIR / "firm.schema.json").read_text(encoding="utf-8"))
    assert firm["properties"]["tags"]["items"]["enum"] == sorted(BUILTIN.tags)
    assert firm["properties"]["metrics"]["propertyNames"]["enum"] == sorted(BUILTIN.metrics)
    assert firm["$defs"]["Event"]["properties"]["kind"]["enum"] == sorted(BUILTIN.event_kinds)
    project = firm["$defs"]["Project"]["properties"]
    assert set(project["costs"]["propertyNames"]["enum"]) == set(vocabulary().allowed["cost_fields"])
    catalogue = json.loads((DEFAULT_DIR / "catalogue.schema.json").read_text(encoding="utf-8"))
    assert catalogue["$defs"]["HasTags"]["properties"]["any_of"]["items"]["enum"] == sorted(BUILTIN.tags)


def test_every_name_place_exists_in_the_schemas() -> None:
    docs = schemas()
    for kind, places in NAME_PLACES.items():
        for definition, props in places.items():
            node = docs[kind] if not definition else docs[kind]["$defs"][definition]
            for prop in props:
                assert "docs/vocabulary.md" in node["properties"][prop]["description"]


def test_benchmarks_use_the_models_vocabulary() -> None:
    assert not (REPO / "benchmarks" / "vocab.py").exists()
    from grantstack.benchmarks import gen_typical

    assert gen_typical.Vocabulary is type(vocabulary())


def test_the_bundled_catalogue_and_firms_use_only_known_names() -> None:
    catalogue = load_catalogue()
    assert catalogue.vocabulary.is_empty()
    for path in sorted((REPO / "scenarios" / "firms").glob("*.yaml")):
        load_firm(path, catalogue)


@pytest.mark.parametrize(("snippet", "wrong", "close"), [
    ("tags: [softwar_64_65]", "tag 'softwar_64_65'", "software_64_65"),
    ("statuses: [{status: little_giant, since: 2020}]", "status 'little_giant'", "little_giant_national"),
    ("metrics: {rd_spending: {2024: 5}}", "metric 'rd_spending'", "rd_spend"),
    ("projects: [{id: p, kinds: [office_rental], start: 2025}]", "project kind 'office_rental'", "office_rent"),
    ("projects: [{id: p, kinds: [office_rent], start: 2025, costs: {rents: [5]}}]", "cost field 'rents'", "rent"),
    ("events: [{id: e, kind: listings, year: 2025}]", "event kind 'listings'", "listing"),
    ("events: [{id: e, kind: listing, year: 2025, values: {municipal_awards: 5}}]", "value field", "municipal_award"),
])
def test_a_firm_typo_is_refused_with_the_closest_name(tmp_path: Path, snippet: str, wrong: str, close: str) -> None:
    path = tmp_path / "firm.yaml"
    path.write_text(FIRM + snippet + "\n")
    with pytest.raises(InputError) as info:
        load_firm(path)
    message = str(info.value)
    assert str(path) in message and wrong in message and f"Did you mean '{close}'?" in message


def _measure(**extra: object) -> dict[str, object]:
    return {"id": "own.quantum_grant", "title": "Quantum lab grant", "level": "district", "district": "haidian",
            "issuer": "Haidian", "source": {"seed": "own", "item": "1", "clause": "Quantum labs get 30% of equipment."},
            "edition": {"year": 2026}, "subject": "project", "project_kinds": ["quantum_lab"],
            "eligibility": [{"kind": "tags", "any_of": ["quantum"]}],
            "amount": {"form": "rate", "percent": 30, "base": {"of": "project", "field": "equipment"}}, **extra}


def _overlay(tmp_path: Path, declare: bool) -> Path:
    doc: dict[str, object] = {"catalogue_changes": [
        {"op": "add", "path": "measures[own.quantum_grant]", "value": _measure()}]}
    if declare:
        doc["vocabulary"] = {"tags": {"quantum": "quantum technology"},
                             "project_kinds": {"quantum_lab": {"costs": ["equipment"]}},
                             "cost_fields": {"equipment": "lab equipment"}}
    path = tmp_path / "overlay.yaml"
    path.write_text(yaml.safe_dump(doc), encoding="utf-8")
    return path


def test_an_overlay_must_declare_its_new_names(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        load_overlaid(overlay=_overlay(tmp_path, declare=False))
    message = str(info.value)
    assert "overlay.yaml" in message and "catalogue_changes[0]" in message and "quantum_lab" in message


def test_declared_names_hold_in_that_catalogue_and_nowhere_else(tmp_path: Path) -> None:
    catalogue = load_overlaid(overlay=_overlay(tmp_path, declare=True))
    assert "quantum" in vocabulary(catalogue).allowed["tags"]
    firm = tmp_path / "firm.yaml"
    firm.write_text(FIRM.replace("tongzhou", "haidian") + "tags: [quantum]\n"
                    "projects: [{id: lab, kinds: [quantum_lab], start: 2026, costs: {equipment: [1000000]}}]\n")
    assert load_firm(firm, catalogue).projects[0].kinds == ("quantum_lab",)
    with pytest.raises(InputError, match="unknown tag 'quantum'"):
        load_firm(firm)  # the bundled catalogue alone does not know it


def test_a_package_file_may_declare_names_too(tmp_path: Path) -> None:
    package = {"package": {"seed": "own", "title": "own"}, "measures": [_measure()],
               "vocabulary": {"tags": {"quantum": "q"}, "project_kinds": {"quantum_lab": {"costs": ["equipment"]}}}}
    path = tmp_path / "own.yaml"
    path.write_text(yaml.safe_dump(package), encoding="utf-8")
    assert load_catalogue([path]).vocabulary.tags == {"quantum": "q"}
    assert VocabularySection().is_empty()
