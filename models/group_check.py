"""The arbiter of a group plan: placement rules and group limits, then each entity's plan by the firm checker."""

from __future__ import annotations

from collections import Counter

from grantstack.models.catalogue import Catalogue
from grantstack.models.checker import check_plan
from grantstack.models.group import Group
from grantstack.models.group_expand import Slot, allowed_slots, entity_firm, slots, units
from grantstack.models.group_options import GroupOptions
from grantstack.models.group_plan import GroupPlan, GroupViolation
from grantstack.models.options import PlanOptions
from grantstack.models.plan import Plan, Violation

__all__ = ["check_group_plan", "entity_slots"]


def _group(rule: str, message: str, subject: str | None = None, **kw: int | None) -> GroupViolation:
    return GroupViolation(violation=Violation(rule=rule, subject=subject, message=message, **kw))


def entity_slots(group: Group, district: str | None) -> list[Slot]:
    """The slot of each entity under a choice of the new entity's district (none if it is not chosen)."""
    return [s for s in slots(group) if not s.new or s.district == district]


def _placement_problems(group: Group, gp: GroupPlan, options: GroupOptions) -> list[GroupViolation]:
    out = []
    ne = group.new_entity
    if ne is not None and gp.district not in ne.districts:
        out.append(_group("group.district", f"the new entity '{ne.firm.id}' must settle in one of "
                          f"{', '.join(ne.districts)}; the plan says {gp.district or 'nothing'}"))
    if ne is None and gp.district is not None:
        out.append(_group("group.district", f"the group plans no new entity, yet the plan names {gp.district}"))
    known = {i for u in units(group) for i in u.items}
    for item in sorted(set(gp.placements) - known):
        out.append(_group("group.placement", f"'{item}' is not a placeable project or event of the group", item))
    for u in units(group):
        where = {gp.placements.get(i) for i in u.items}
        if None in where:
            missing = next(i for i in u.items if i not in gp.placements)
            out.append(_group("group.placement", f"'{missing}' is not placed: every placeable project and event is "
                              "carried by exactly one entity", missing))
            continue
        if len(where) > 1:
            out.append(_group("group.placement", f"{', '.join(u.items)} refer to each other and must be carried by "
                              f"one entity, not split between {', '.join(sorted(w for w in where if w))}", u.id))
            continue
        entity = where.pop()
        ok = {s.entity for s in allowed_slots(group, u, options) if not s.new or s.district == gp.district}
        if entity not in ok:
            why = (f"it was started by '{u.started_by}' and stays there (group option move_started_projects is off)"
                   if u.started_by and not options.move_started_projects and entity in u.carriers
                   else f"its carriers here are {', '.join(sorted(ok)) or 'none'}")
            out.append(_group("group.placement", f"'{u.id}' cannot be carried by '{entity}': {why}", u.id))
    return out


def _limit_problems(catalogue: Catalogue, group: Group, plans: list[Plan]) -> list[GroupViolation]:
    out = []
    lim = group.limits
    for limit, rule, weight in ((lim.applications_per_year, "group.applications", lambda m: 1),
                                (lim.effort_per_year, "group.effort",
                                 lambda m: catalogue.measure(m).effort if m in catalogue.by_id else 0)):
        if limit is None:
            continue
        per: Counter[int] = Counter()
        for p in plans:
            for a in p.applications:
                per[a.year] += weight(a.measure)
        for year, n in sorted(per.items()):
            if n > limit:
                what = "applications" if rule == "group.applications" else "effort points"
                out.append(_group(rule, f"{n} {what} in {year} across the group; the group's limit is {limit}",
                                  year=year, amount=n, limit=limit))
    return out


def check_group_plan(catalogue: Catalogue, group: Group, gp: GroupPlan, options: PlanOptions | None = None,
                     group_options: GroupOptions | None = None) -> list[GroupViolation]:
    """Every rule the group plan breaks: placements, the new entity's district, group limits, and each entity's
    own plan checked against its firm (its own file plus the units placed with it). Empty: the plan is legal."""
    options = options or PlanOptions()
    group_options = group_options or GroupOptions()
    out = []
    if gp.group != group.id:
        out.append(_group("group", f"the plan is for group '{gp.group}', not '{group.id}'"))
    out += _placement_problems(group, gp, group_options)
    ids = set(group.entity_ids)
    for p in gp.plans:
        if p.firm not in ids:
            out.append(_group("group.entity", f"a plan for '{p.firm}', which is not an entity of the group"))
        elif p.years != gp.years:
            out.append(_group("group.years", f"the plan of '{p.firm}' covers {p.years[0]}-{p.years[1]}, not the "
                              f"group's horizon {gp.years[0]}-{gp.years[1]}"))
    out += _limit_problems(catalogue, group, list(gp.plans))
    if any(v.violation.rule in ("group.placement", "group.district") for v in out):
        return out  # the entities' firms are not defined by an invalid placement
    for slot in entity_slots(group, gp.district):
        firm = entity_firm(group, slot, gp.placements, group_options)
        plan = gp.plan_of(slot.entity) or Plan(firm=slot.entity, years=gp.years)
        out += [GroupViolation(entity=slot.entity, violation=v) for v in check_plan(catalogue, firm, plan, options)]
    return out
