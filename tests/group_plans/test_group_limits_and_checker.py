"""Group limits worked out by hand (applications and effort a year across the group, at the edge), and every
placement rule of the group checker, each broken once."""

from __future__ import annotations

from typing import Any

import pytest

from grantstack.models.errors import InputError
from grantstack.models.group_check import check_group_plan
from grantstack.models.group_plan import GroupPlan
from grantstack.models.plan import Application, Plan
from grantstack.optimizer.group import plan_group
from tests.factories import catalogue, firm, measure
from tests.group_plans.helpers import group

RATE30 = {"form": "rate", "percent": 30, "base": {"of": "project", "field": "investment"}}
UPGRADE = measure("upg", RATE30, subject="project", project_kinds=["industrial_upgrading"],
                  caps=[{"per": "firm", "amount": 2_000_000}], effort=2)
CAT = catalogue(UPGRADE)
YEARS = (2025, 2029)


def _own(pid: str, investment: int) -> dict[str, Any]:
    """An entity's own upgrade in 2025: 30% of `investment`, under its own 2M cap."""
    return {"projects": [{"id": pid, "kinds": ["industrial_upgrading"], "start": 2025,
                          "costs": {"investment": [investment]}}]}


def _two(**limits: int) -> Any:
    """a: 4M upgrade (1.2M); b: 2M upgrade (600k); both payable only in 2025, 2 effort points each."""
    return group([firm(id="a", **_own("pa", 4_000_000)), firm(id="b", **_own("pb", 2_000_000))], limits=limits)


def _lines(p: Plan) -> list[tuple[str, str | None, int, int]]:
    return [(a.measure, a.subject, a.year, a.amount) for a in p.applications]


@pytest.mark.parametrize(("limits", "total"), [
    ({}, 1_800_000),                            # no group limit: both, 1.2M + 600k
    ({"applications_per_year": 1}, 1_200_000),  # one application in 2025 across the group: a's 1.2M
    ({"applications_per_year": 2}, 1_800_000),  # at the limit: both
    ({"effort_per_year": 3}, 1_200_000),        # just below 2 + 2 points: one
    ({"effort_per_year": 4}, 1_800_000),        # at 4 points: both
])
def test_group_limits_couple_the_entities(limits: dict[str, int], total: int) -> None:
    g = _two(**limits)
    r = plan_group(CAT, g, YEARS)
    assert r.status == "OPTIMAL" and r.violations == () and r.total_yuan == total
    assert r.method == ("merged" if limits else "decompose")
    assert _lines(r.plan.plan_of("a")) == [("upg", "pa", 2025, 1_200_000)]
    assert _lines(r.plan.plan_of("b")) == ([("upg", "pb", 2025, 600_000)] if total == 1_800_000 else [])


def test_the_group_checker_refuses_a_plan_over_a_group_limit() -> None:
    free = plan_group(CAT, _two(), YEARS).plan  # both applications in 2025
    assert check_group_plan(CAT, _two(applications_per_year=2), free) == []
    (v,) = check_group_plan(CAT, _two(applications_per_year=1), free)
    assert v.entity is None and (v.violation.rule, v.violation.year, v.violation.amount, v.violation.limit) == (
        "group.applications", 2025, 2, 1)
    (v,) = check_group_plan(CAT, _two(effort_per_year=3), free)
    assert (v.violation.rule, v.violation.amount, v.violation.limit) == ("group.effort", 4, 3)
    assert "4 effort points in 2025 across the group; the group's limit is 3" in v.violation.message


def test_limits_cannot_be_solved_entity_by_entity() -> None:
    with pytest.raises(InputError, match="use method merged"):
        plan_group(CAT, _two(applications_per_year=1), YEARS, method="decompose")


def test_a_reading_the_merged_method_cannot_model_is_noted_not_fatal() -> None:
    """With group limits (merged method), a started project with past awards stays with its starter (default);
    the generous reading that moves it cannot be re-solved by the merged model: the plan says so and stands."""
    line = {"carriers": ["a", "b"], "started_by": "a",
            "history": [{"measure": "upg", "year": 2024, "amount": 300_000}],
            "project": {"id": "line", "kinds": ["industrial_upgrading"], "start": 2024,
                        "costs": {"investment": [1_000_000, 4_000_000]}}}
    g = group([firm(id="a"), firm(id="b")], placeable_projects=[line], limits={"applications_per_year": 5})
    r = plan_group(CAT, g, YEARS)
    assert r.status == "OPTIMAL" and r.method == "merged" and r.plan.placements == {"line": "a"}
    assert r.total_yuan == 1_200_000  # 30% of the 4M in 2025; a's cap: 300k + 1.2M <= 2M
    assert r.readings == ()
    (note,) = [n for n in r.notes if n.startswith("group reading")]
    assert note.startswith("group reading move_started_projects: not re-solved:") and "use method decompose" in note


# The group checker's placement rules, each broken once (no solver: plans written by hand).
EVENTS = [{"carriers": ["a", "b"], "event": {"id": "w1", "kind": "industrial_event", "year": 2026}},
          {"carriers": ["a", "b"], "event": {"id": "w2", "kind": "industrial_event", "year": 2026,
                                              "linked_to": ["w1"]}}]
NEW = {"firm": {"id": "n"}, "districts": ["dongcheng", "changping"], "settles": "2025-03-01"}
PLACEABLE = group([firm(id="a"), firm(id="b")], placeable_events=EVENTS, new_entity=NEW)


def _plan(placements: dict[str, str], district: str | None = "dongcheng", **kw: Any) -> GroupPlan:
    plans = kw.pop("plans", (Plan(firm="a", years=YEARS),))
    return GroupPlan(group=kw.pop("gid", "g"), years=YEARS, district=district, placements=placements, plans=plans)


@pytest.mark.parametrize(("plan", "rule", "fragment"), [
    (_plan({"w1": "a", "w2": "b"}), "group.placement", "w1, w2 refer to each other and must be carried by one "
     "entity, not split between a, b"),
    (_plan({"w1": "a"}), "group.placement", "'w2' is not placed: every placeable project and event is carried by "
     "exactly one entity"),
    (_plan({"w1": "a", "w2": "a", "zz": "a"}), "group.placement", "'zz' is not a placeable project or event"),
    (_plan({"w1": "n", "w2": "n"}), "group.placement", "'w1' cannot be carried by 'n': its carriers here are a, b"),
    (_plan({"w1": "a", "w2": "a"}, district="chaoyang"), "group.district", "must settle in one of dongcheng, "
     "changping; the plan says chaoyang"),
    (_plan({"w1": "a", "w2": "a"}, district=None), "group.district", "the plan says nothing"),
    (_plan({"w1": "a", "w2": "a"}, gid="other"), "group", "the plan is for group 'other', not 'g'"),
    (_plan({"w1": "a", "w2": "a"}, plans=(Plan(firm="x", years=YEARS),)), "group.entity",
     "a plan for 'x', which is not an entity of the group"),
    (_plan({"w1": "a", "w2": "a"}, plans=(Plan(firm="a", years=(2025, 2027)),)), "group.years",
     "the plan of 'a' covers 2025-2027, not the group's horizon 2025-2029"),
])
def test_each_placement_rule_of_the_group_checker(plan: GroupPlan, rule: str, fragment: str) -> None:
    found = check_group_plan(CAT, PLACEABLE, plan)
    assert [v.violation.rule for v in found] == [rule], found
    assert fragment in found[0].violation.message and found[0].entity is None


def test_an_entity_rule_broken_in_a_group_plan_names_the_entity() -> None:
    g = _two()
    over = Application(measure="upg", subject="pb", year=2025, amount=600_001)  # 30% of 2M is 600,000
    plan = GroupPlan(group="g", years=YEARS, plans=(Plan(firm="b", years=YEARS, applications=(over,)),))
    found = check_group_plan(CAT, g, plan)
    assert found and {v.entity for v in found} == {"b"}
    assert check_group_plan(CAT, g, plan.model_copy(update={"plans": (Plan(
        firm="b", years=YEARS, applications=(over.model_copy(update={"amount": 600_000}),)),)})) == []
