"""The vocabulary: the names a firm and a catalogue share (tags, statuses, metrics, kinds and their fields).

The shared names are data in models.vocabulary_names; a catalogue file (or an overlay) may declare more in
its own `vocabulary:` section. `vocabulary(catalogue)` is the shared vocabulary with every name the catalogue
declared, and `Vocabulary.unknown()` says, with "did you mean", when a name is not in it.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from grantstack.models import vocabulary_names as names
from grantstack.models.base import Frozen, Id

if TYPE_CHECKING:
    from grantstack.models.catalogue import Catalogue

__all__ = ["BUILTIN", "CATEGORY_NOUN", "Category", "EventKindNames", "ProjectKindNames", "Vocabulary",
           "VocabularySection", "vocabulary"]

Category = Literal["statuses", "tags", "metrics", "cost_fields", "quantities", "event_values", "project_kinds",
                   "event_kinds", "matters"]
CATEGORY_NOUN: dict[str, str] = {
    "statuses": "status", "tags": "tag", "metrics": "metric", "cost_fields": "project cost field",
    "quantities": "project quantity field", "event_values": "event value field", "project_kinds": "project kind",
    "event_kinds": "event kind", "matters": "matter label",
}


class ProjectKindNames(Frozen):
    """A project kind: the cost and quantity fields measures read from such a project."""

    costs: tuple[Id, ...] = Field(default=(), description="Cost fields (yuan by project year).")
    quantities: tuple[Id, ...] = Field(default=(), description="Quantity fields by project year.")
    used_by: str = Field(default="", description="Clauses that use the kind.")


class EventKindNames(Frozen):
    """An event kind: the value fields measures read from such an event."""

    values: tuple[Id, ...] = Field(default=(), description="Value fields (yuan).")
    meaning: str = Field(default="", description="What the event is.")


class VocabularySection(Frozen):
    """Names beyond the shared vocabulary (docs/vocabulary.md) that a catalogue file declares, each with its meaning.

    A project or event kind declared here may also extend a shared kind with more fields.
    """

    statuses: dict[Id, str] = Field(default_factory=dict, description="Statuses: name -> meaning.")
    tags: dict[Id, str] = Field(default_factory=dict, description="Industry and type tags: name -> meaning.")
    metrics: dict[Id, str] = Field(default_factory=dict, description="Yearly firm figures: name -> meaning.")
    cost_fields: dict[Id, str] = Field(default_factory=dict, description="Project cost fields: name -> meaning.")
    quantities: dict[Id, str] = Field(default_factory=dict, description="Project quantity fields: name -> meaning.")
    event_values: dict[Id, str] = Field(default_factory=dict, description="Event value fields: name -> meaning.")
    project_kinds: dict[Id, ProjectKindNames] = Field(default_factory=dict, description="Project kinds.")
    event_kinds: dict[Id, EventKindNames] = Field(default_factory=dict, description="Event kinds.")
    matters: dict[Id, str] = Field(default_factory=dict, description="Matter labels of firm-level measures.")

    def merged(self, other: VocabularySection) -> VocabularySection:
        """This section with another's names added (a kind's fields are united)."""
        kinds = dict(self.project_kinds)
        for k, v in other.project_kinds.items():
            old = kinds.get(k, ProjectKindNames())
            kinds[k] = ProjectKindNames(costs=tuple(sorted({*old.costs, *v.costs})),
                                        quantities=tuple(sorted({*old.quantities, *v.quantities})),
                                        used_by=old.used_by or v.used_by)
        events = dict(self.event_kinds)
        for k, e in other.event_kinds.items():
            old_e = events.get(k, EventKindNames())
            events[k] = EventKindNames(values=tuple(sorted({*old_e.values, *e.values})),
                                       meaning=old_e.meaning or e.meaning)
        plain = {c: {**getattr(self, c), **getattr(other, c)} for c in
                 ("statuses", "tags", "metrics", "cost_fields", "quantities", "event_values", "matters")}
        return VocabularySection(project_kinds=kinds, event_kinds=events, **plain)

    def is_empty(self) -> bool:
        """True if the section declares nothing."""
        return not any(getattr(self, c) for c in CATEGORY_NOUN)


BUILTIN = VocabularySection(
    statuses=names.STATUSES, tags=names.TAGS, metrics=names.METRICS, cost_fields=names.COST_FIELDS,
    quantities=names.QUANTITIES, event_values=names.EVENT_VALUES, matters=names.MATTERS,
    project_kinds={
        k: ProjectKindNames(costs=c, quantities=q, used_by=u) for k, (c, q, u) in names.PROJECT_KINDS.items()
    },
    event_kinds={k: EventKindNames(values=v, meaning=m) for k, (v, m) in names.EVENT_KINDS.items()},
)
"""The shared vocabulary (models.vocabulary_names)."""


@dataclass(frozen=True)
class Vocabulary:
    """Every name that may be used, by category, and the fields of each project and event kind."""

    section: VocabularySection

    @cached_property
    def allowed(self) -> dict[str, frozenset[str]]:
        """Category -> names (kinds' fields count as declared fields)."""
        s = self.section
        out = {c: frozenset(getattr(s, c)) for c in CATEGORY_NOUN}
        out["cost_fields"] |= {f for k in s.project_kinds.values() for f in k.costs}
        out["quantities"] |= {f for k in s.project_kinds.values() for f in k.quantities}
        out["event_values"] |= {f for k in s.event_kinds.values() for f in k.values}
        return out

    @property
    def tags(self) -> tuple[str, ...]:
        return tuple(sorted(self.allowed["tags"]))

    @property
    def statuses(self) -> tuple[str, ...]:
        return tuple(sorted(self.allowed["statuses"]))

    @property
    def metrics(self) -> tuple[str, ...]:
        return tuple(sorted(self.allowed["metrics"]))

    @property
    def project_costs(self) -> dict[str, tuple[str, ...]]:
        """Project kind -> its cost fields, sorted."""
        return {k: tuple(sorted(v.costs)) for k, v in sorted(self.section.project_kinds.items())}

    @property
    def event_values(self) -> dict[str, tuple[str, ...]]:
        """Event kind -> its value fields, sorted."""
        return {k: tuple(sorted(v.values)) for k, v in sorted(self.section.event_kinds.items())}

    @property
    def quantities(self) -> dict[str, tuple[str, ...]]:
        """Project kind -> its quantity fields (kinds that have some)."""
        return {k: tuple(sorted(v.quantities)) for k, v in sorted(self.section.project_kinds.items()) if v.quantities}

    def unknown(self, category: str, name: str) -> str | None:
        """None if the name is known; else "unknown tag 'x'. Did you mean 'y'?"."""
        pool = self.allowed[category]
        if name in pool:
            return None
        close = difflib.get_close_matches(name, sorted(pool), n=1, cutoff=0.6)
        did = f" Did you mean '{close[0]}'?" if close else ""
        return f"unknown {CATEGORY_NOUN[category]} '{name}'.{did}"


_BUILTIN_VOCABULARY = Vocabulary(BUILTIN)


def vocabulary(catalogue: Catalogue | VocabularySection | None = None) -> Vocabulary:
    """The shared vocabulary with the names a catalogue (or a section) declares."""
    extra = catalogue if isinstance(catalogue, VocabularySection) or catalogue is None \
        else getattr(catalogue, "vocabulary", None)
    if extra is None or extra.is_empty():
        return _BUILTIN_VOCABULARY
    return Vocabulary(BUILTIN.merged(extra))
