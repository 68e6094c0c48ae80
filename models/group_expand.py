"""From a group and a placement to each entity's firm: units placed together, slots, and the rules of placement.

A *unit* is a set of placeable items that refer to each other (prerequisites, linked works, financing) and so
go to one carrier together. A *slot* is where a unit can go: an existing entity, or the new entity settled in
one of its districts. A unit's allowed slots follow its carriers and districts and, for a project already
started, group option move_started_projects (off: it stays with the entity that started it).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from grantstack.models.base import components
from grantstack.models.firm import Firm, FirmDates, PastAward, Project
from grantstack.models.group import Group, PlaceableEvent, PlaceableProject
from grantstack.models.group_options import GroupOptions

__all__ = ["Slot", "Unit", "allowed_slots", "entity_firm", "horizon_problems", "slots", "units"]


@dataclass(frozen=True, order=True)
class Slot:
    """Where a unit can go: an entity (for the new entity: settled in `district`)."""

    entity: str
    district: str
    new: bool = False

    @property
    def key(self) -> str:
        """'entity', or 'entity@district' for the new entity."""
        return f"{self.entity}@{self.district}" if self.new else self.entity


@dataclass(frozen=True)
class Unit:
    """Placeable items that go to one carrier together (ids in order); `id` names the unit."""

    items: tuple[str, ...]
    carriers: tuple[str, ...]
    districts: tuple[str, ...]
    started_by: str | None
    history: tuple[PastAward, ...]

    @property
    def id(self) -> str:
        """The unit's name: its first item."""
        return self.items[0]


def _placeables(group: Group) -> dict[str, PlaceableProject | PlaceableEvent]:
    out: dict[str, PlaceableProject | PlaceableEvent] = {p.project.id: p for p in group.placeable_projects}
    out.update({e.event.id: e for e in group.placeable_events})
    return out


def units(group: Group) -> tuple[Unit, ...]:
    """The group's units, in the order their first item appears in the file."""
    items = _placeables(group)
    comp = components(list(items), [list(link) for link in group.item_links()])
    members: dict[str, list[str]] = {}
    for i in items:
        members.setdefault(comp[i], []).append(i)
    out = []
    for ids in members.values():
        first = items[ids[0]]
        started = next((p.started_by for i in ids if isinstance(p := items[i], PlaceableProject) and p.started_by),
                       None)
        history = tuple(h.model_copy(update={"subject": p.project.id}) for i in ids
                        if isinstance(p := items[i], PlaceableProject) for h in p.history)
        out.append(Unit(tuple(ids), first.carriers, first.districts, started, history))
    return tuple(out)


def slots(group: Group) -> tuple[Slot, ...]:
    """Every slot: the existing entities, then the new entity in each of its districts."""
    out = [Slot(e.id, e.district) for e in group.entities]
    if group.new_entity is not None:
        out += [Slot(group.new_entity.firm.id, d, new=True) for d in group.new_entity.districts]
    return tuple(out)


def allowed_slots(group: Group, unit: Unit, options: GroupOptions | None = None) -> tuple[Slot, ...]:
    """Slots the unit may go to: its carriers (in their districts), only its starter unless moving is allowed."""
    options = options or GroupOptions()
    carriers = unit.carriers
    if unit.started_by is not None and not options.move_started_projects:
        carriers = (unit.started_by,)
    return tuple(s for s in slots(group) if s.entity in carriers and (not unit.districts or s.district in
                                                                      unit.districts))


def horizon_problems(group: Group, years: tuple[int, int]) -> list[str]:
    """Placeable projects that started before the horizon but name no entity that started them."""
    return [f"placeable project '{p.project.id}' starts in {min(p.project.start_years())}, before the horizon "
            f"({years[0]}-{years[1]}), so an entity has already started it: name it in started_by"
            for p in group.placeable_projects if p.started_by is None and min(p.project.start_years()) < years[0]]


def _record(p: Project, history: tuple[PastAward, ...]) -> Project:
    """What a starter keeps of a project that moved away, for the past awards it received for it to count against
    its own caps: its id and kinds, no figures, one project year at its first award (before the horizon, since
    history is), so it pays nothing in the horizon."""
    return Project(id=p.id, title=p.title, kinds=p.kinds, start=min(h.year for h in history))


def entity_firm(group: Group, slot: Slot, placement: Mapping[str, str], options: GroupOptions | None = None,
                present: Iterable[str] | None = None) -> Firm:
    """The firm of one entity: its own file plus the units placed with it (item id -> entity in `placement`).

    `present` lists more units to include (by unit id) whatever the placement: the optimiser includes every unit a
    slot may carry and switches their payments off. A started project placed elsewhere leaves its past awards
    with its starter (on a record of the project with no figures) and takes them to its new carrier as well
    (conservative: they count against both entities' caps)."""
    options = options or GroupOptions()
    items = _placeables(group)
    extra = set(present or ())
    placed = [u for u in units(group) if placement.get(u.id) == slot.entity or u.id in extra]
    projects = [items[i].project for u in placed for i in u.items if isinstance(items[i], PlaceableProject)]
    events = [items[i].event for u in placed for i in u.items if isinstance(items[i], PlaceableEvent)]
    history = [h for u in placed for h in u.history]
    moved = [u for u in units(group) if u.started_by == slot.entity and u not in placed and u.history]
    projects += [_record(items[i].project, u.history) for u in moved for i in u.items
                 if isinstance(items[i], PlaceableProject)]
    history += [h for u in moved for h in u.history]
    base = group.entity(slot.entity)
    assert base is not None, slot
    update: dict[str, object] = {
        "projects": (*base.projects, *projects), "events": (*base.events, *events),
        "history": (*base.history, *history),
    }
    if slot.new:
        ne = group.new_entity
        assert ne is not None
        update["district"] = slot.district
        update["dates"] = FirmDates(
            established=ne.settles, settled=ne.settles,
            moved_in=ne.settles if options.new_entity_introduced else None,
            moved_from_outside_beijing=options.new_entity_introduced)
    data = {name: getattr(base, name) for name in Firm.model_fields}
    data.update(update)
    return Firm.model_validate(data)
