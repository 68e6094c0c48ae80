"""The vocabulary's names written into the JSON Schemas, so an editor completes names and flags typos.

Each place a name goes is listed once: (definition, property, category, how), where `how` says whether the
property holds a name ("value"), a list of names ("items"), or a mapping keyed by names ("keys").
"""

from __future__ import annotations

from typing import Any

from grantstack.models.vocabulary import Vocabulary

__all__ = ["NAME_PLACES", "add_names"]

# definition ("" = the file's top level) -> property -> (category, how)
NAME_PLACES: dict[str, dict[str, dict[str, tuple[str, str]]]] = {
    "firm": {
        "": {"tags": ("tags", "items"), "metrics": ("metrics", "keys")},
        "StatusRecord": {"status": ("statuses", "value")},
        "Project": {"kinds": ("project_kinds", "items"), "costs": ("cost_fields", "keys"),
                    "quantities": ("quantities", "keys")},
        "Event": {"kind": ("event_kinds", "value"), "values": ("event_values", "keys"),
                  "grants": ("statuses", "items")},
        "Prerequisite": {"status": ("statuses", "value")},
    },
    "group": {
        "Firm": {"tags": ("tags", "items"), "metrics": ("metrics", "keys")},
        "NewFirm": {"tags": ("tags", "items"), "metrics": ("metrics", "keys")},
        "StatusRecord": {"status": ("statuses", "value")},
        "Project": {"kinds": ("project_kinds", "items"), "costs": ("cost_fields", "keys"),
                    "quantities": ("quantities", "keys")},
        "Event": {"kind": ("event_kinds", "value"), "values": ("event_values", "keys"),
                  "grants": ("statuses", "items")},
        "Prerequisite": {"status": ("statuses", "value")},
    },
    "catalogue": {
        "Measure": {"project_kinds": ("project_kinds", "items"), "event_kinds": ("event_kinds", "items"),
                    "matter": ("matters", "value")},
        "HasTags": {"all_of": ("tags", "items"), "any_of": ("tags", "items"), "none_of": ("tags", "items")},
        "StatusHeld": {"status": ("statuses", "value")},
        "MetricRange": {"metric": ("metrics", "value")},
        "FirstReach": {"metric": ("metrics", "value")},
        "Growth": {"metric": ("metrics", "value")},
        "Increase": {"metric": ("metrics", "value")},
        "RatioAtLeast": {"numerator": ("metrics", "value"), "denominator": ("metrics", "value")},
        "Milestones": {"metric": ("metrics", "value")},
        "BaseRef": {"field": ("base_fields", "value"), "quantity": ("quantity_fields", "value")},
    },
}
_NOTE = " Names: see docs/vocabulary.md (a catalogue's vocabulary: section may declare more)."


def _names(vocab: Vocabulary, category: str) -> list[str]:
    if category == "base_fields":
        a = vocab.allowed
        return sorted(a["cost_fields"] | a["event_values"] | a["metrics"])
    if category == "quantity_fields":  # a project quantity, or a firm metric for a firm base
        return sorted(vocab.allowed["quantities"] | vocab.allowed["metrics"])
    return sorted(vocab.allowed[category])


def _string_schema(node: dict[str, Any]) -> dict[str, Any]:
    """The string branch of a property's schema (an optional name is anyOf [string, null])."""
    for branch in node.get("anyOf", []):
        if branch.get("type") == "string":
            return branch
    return node


def _place(prop: dict[str, Any], names: list[str], how: str) -> None:
    if how == "value":
        _string_schema(prop)["enum"] = names
    elif how == "items":
        target = prop.get("items", prop)
        target["enum"] = names
    else:
        prop.setdefault("propertyNames", {})["enum"] = names
    prop["description"] = prop.get("description", "").rstrip() + _NOTE


def add_names(schema: dict[str, Any], kind: str, vocab: Vocabulary) -> dict[str, Any]:
    """The schema of a file kind ('firm', 'catalogue', 'plan') with the allowed names listed (in place)."""
    for definition, props in NAME_PLACES.get(kind, {}).items():
        node = schema if definition == "" else schema.get("$defs", {}).get(definition)
        if node is None:
            raise KeyError(f"schema '{kind}' has no definition '{definition}' (a model was renamed?)")
        for name, (category, how) in props.items():
            _place(node["properties"][name], _names(vocab, category), how)
    return schema
