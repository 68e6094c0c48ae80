"""A corporate group: its entities (each a firm), the projects and events it may place with one of them, and a
planned new entity whose district the plan chooses. Every per-entity rule stays per entity (docs/groups.md)."""

from __future__ import annotations

from typing import Any

from pydantic import Field, model_validator

from grantstack.models.base import Date, District, Frozen, Id
from grantstack.models.firm import Event, Firm, FirmDates, PastAward, Project
from grantstack.models.limits import MAX_APPLICATIONS, MAX_EFFORT_POINTS, MAX_EVENTS, MAX_PROJECTS

__all__ = [
    "MAX_ENTITIES", "EntityFile", "Group", "GroupLimits", "NewEntity", "NewFirm", "PlaceableEvent",
    "PlaceableProject",
]

MAX_ENTITIES = 200
"""Most entities in one group file."""


class EntityFile(Frozen):
    """An entity kept in its own firm file (a path relative to the group file); the loader reads it in place."""

    file: str = Field(min_length=1, description="Path of the entity's firm file, relative to the group file.")


class NewFirm(Firm):
    """The planned new entity as a firm, without a district (the plan chooses it) or dates of settlement."""

    district: District | None = Field(  # type: ignore[assignment]
        default=None, description="Leave out: the plan chooses the district from new_entity.districts.")


class NewEntity(Frozen):
    """A subsidiary the group plans to set up on `settles`, in one of `districts` (the plan chooses which).

    By default it is newly incorporated in that district and not "introduced from outside Beijing" (group option
    new_entity_introduced reads it the generous way)."""

    firm: NewFirm = Field(description="The new entity as a firm file without district and dates of settlement.")
    districts: tuple[District, ...] = Field(min_length=1, description="Districts it may settle in.")
    settles: Date = Field(description="Date of incorporation (settlement) in the chosen district.")

    @model_validator(mode="after")
    def _new(self) -> NewEntity:
        if len(set(self.districts)) != len(self.districts):
            raise ValueError("districts lists a district twice")
        f = self.firm
        if f.district is not None:
            raise ValueError("firm.district: leave it out; the plan chooses it from 'districts'")
        if f.dates != FirmDates():
            raise ValueError("firm.dates: leave them out; the entity is incorporated and settled on 'settles'")
        if f.history:
            raise ValueError("firm.history: a new entity has received no support yet")
        early = [s.status for s in f.statuses if s.since < self.settles.year]
        if early:
            raise ValueError(f"firm.statuses: '{early[0]}' is held before the entity exists ({self.settles.year})")
        return self


class _Placeable(Frozen):
    """Who may carry a placeable project or event."""

    carriers: tuple[Id, ...] = Field(
        min_length=1, description="Entities that may carry it (ids; the new entity's id for the new entity).")
    districts: tuple[District, ...] = Field(
        default=(), description="If given, only a carrier registered (or settling) in one of these districts.")


class PlaceableProject(_Placeable):
    """A project the group gives to exactly one of its carriers, never split between entities."""

    project: Project = Field(description="The project, as in a firm file.")
    started_by: Id | None = Field(
        default=None,
        description="Entity that has already started it: it stays there (group option move_started_projects).")
    history: tuple[PastAward, ...] = Field(
        default=(), description="Support already received for it, by the entity that started it.")

    @model_validator(mode="after")
    def _started(self) -> PlaceableProject:
        if self.started_by is not None and self.started_by not in self.carriers:
            raise ValueError(f"started_by '{self.started_by}' is not one of its carriers")
        if self.history and self.started_by is None:
            raise ValueError("history: support already received means the project was started; name the entity "
                             "in started_by")
        wrong = [h.subject for h in self.history if h.subject not in (None, self.project.id)]
        if wrong:
            raise ValueError(f"history names subject '{wrong[0]}'; past awards here are for this project only")
        return self


class PlaceableEvent(_Placeable):
    """An event (certification, standard, hosted event) the group gives to exactly one of its carriers."""

    event: Event = Field(description="The event, as in a firm file.")

    @model_validator(mode="after")
    def _no_grants(self) -> PlaceableEvent:
        if self.event.grants:
            raise ValueError("event.grants: a status belongs to the entity that earns it; list the recognition "
                             "in that entity's own events, not as a placeable event")
        return self


class GroupLimits(Frozen):
    """Limits over the whole group, where the user states them (each entity's own rules stay per entity)."""

    applications_per_year: int | None = Field(
        strict=True, default=None, ge=0, le=MAX_APPLICATIONS, description="Applications a year, all entities.")
    effort_per_year: int | None = Field(
        strict=True, default=None, ge=0, le=MAX_EFFORT_POINTS, description="Effort points a year, all entities.")

    def any(self) -> bool:
        """True if a limit is set."""
        return self.applications_per_year is not None or self.effort_per_year is not None


class Group(Frozen):
    """A corporate group: entities, placeable projects and events, an optional new entity, group limits."""

    id: Id = Field(description="Group identifier.")
    name: str = Field(default="", description="Display name.")
    description: str = Field(default="", description="A few lines about the client.")
    entities: tuple[Firm, ...] = Field(
        min_length=1, max_length=MAX_ENTITIES, json_schema_extra=lambda s: _or_file(s),
        description="The group's existing entities, each a firm (inline, or {file: PATH} to a firm file).")
    new_entity: NewEntity | None = Field(default=None, description="A planned new entity whose district is open.")
    placeable_projects: tuple[PlaceableProject, ...] = Field(
        default=(), max_length=MAX_PROJECTS, description="Projects the plan gives to one of their carriers.")
    placeable_events: tuple[PlaceableEvent, ...] = Field(
        default=(), max_length=MAX_EVENTS, description="Events the plan gives to one of their carriers.")
    limits: GroupLimits = Field(default_factory=GroupLimits, description="Group-wide limits, if any.")

    @model_validator(mode="after")
    def _references(self) -> Group:
        ids = [e.id for e in self.entities] + ([self.new_entity.firm.id] if self.new_entity else [])
        _unique(ids, "entity id")
        own = [s for f in self._firms() for s in [*(p.id for p in f.projects), *(e.id for e in f.events)]]
        placeable = [p.project.id for p in self.placeable_projects] + [e.event.id for e in self.placeable_events]
        _unique(own + placeable, "project or event id (ids are unique across the whole group)")
        districts = {e.id: (e.district,) for e in self.entities}
        if self.new_entity:
            districts[self.new_entity.firm.id] = self.new_entity.districts
        for item, p in self._placeables():
            for c in p.carriers:
                if c not in districts:
                    raise ValueError(f"'{item}': carrier '{c}' is not an entity of the group ({', '.join(districts)})")
                if p.districts and not set(districts[c]) & set(p.districts):
                    raise ValueError(f"'{item}': carrier '{c}' is never in one of its districts "
                                     f"({', '.join(p.districts)})")
            _unique(list(p.carriers), f"carrier of '{item}'")
        if self.new_entity and any(p.started_by == self.new_entity.firm.id for p in self.placeable_projects):
            raise ValueError("a project cannot be started_by the new entity, which does not exist yet")
        self._links(set(placeable))
        return self

    def _firms(self) -> list[Firm]:
        return [*self.entities, *([self.new_entity.firm] if self.new_entity else [])]

    def _placeables(self) -> list[tuple[str, _Placeable]]:
        return [(p.project.id, p) for p in self.placeable_projects] + [(e.event.id, e) for e in self.placeable_events]

    def _links(self, placeable: set[str]) -> None:
        """Placeable items may refer only to each other (they are then placed together), never to an entity's own."""
        by_id = dict(self._placeables())
        for item, other in self.item_links():
            if other not in placeable:
                raise ValueError(f"'{item}' refers to '{other}', which is not placeable: a placeable project or "
                                 "event may refer only to other placeable ones (placed together)")
            a, b = by_id[item], by_id[other]
            if (a.carriers, a.districts) != (b.carriers, b.districts):
                raise ValueError(f"'{item}' and '{other}' are placed together, so they need the same carriers "
                                 "and districts")

    def item_links(self) -> list[tuple[str, str]]:
        """(item, item it refers to) pairs among placeable items: prerequisites, linked works, financing."""
        out = []
        for e in self.placeable_events:
            out += [(e.event.id, r.event) for r in e.event.requires if r.event is not None]
            out += [(e.event.id, x) for x in e.event.linked_to]
        for p in self.placeable_projects:
            financed = getattr(p.project, "finances", None)
            if financed is not None:
                out.append((p.project.id, financed))
        return out

    def entity(self, eid: str) -> Firm | NewFirm | None:
        """The entity (or the new entity's template) with this id."""
        return next((f for f in self._firms() if f.id == eid), None)

    @property
    def entity_ids(self) -> tuple[str, ...]:
        """Ids of the existing entities, then the new entity's."""
        return tuple(f.id for f in self._firms())


def _or_file(schema: dict[str, Any]) -> None:
    """In the JSON Schema an entity is a firm or a {file: PATH} reference (the loader reads the file in place)."""
    ref = EntityFile.model_json_schema()
    schema["items"] = {"anyOf": [schema["items"], ref]}


def _unique(ids: list[str], what: str) -> None:
    seen: set[str] = set()
    for i in ids:
        if i in seen:
            raise ValueError(f"duplicate {what} '{i}'")
        seen.add(i)
