"""Group plans worked out by hand on small catalogues: a project moves to the entity whose cap is not yet used,
a settlement award decides the new entity's district, and the conservative group readings."""

from __future__ import annotations

from typing import Any

import pytest

from grantstack.models.group_check import check_group_plan
from grantstack.models.group_options import GroupOptions
from grantstack.optimizer.group import GroupPlanResult, plan_group
from tests.factories import catalogue, firm, measure
from tests.group_plans.helpers import brute_force, group

RATE30 = {"form": "rate", "percent": 30, "base": {"of": "project", "field": "investment"}}
UPGRADE = measure("upg", RATE30, subject="project", project_kinds=["industrial_upgrading"],
                  caps=[{"per": "firm", "amount": 2_000_000}])
CAT = catalogue(UPGRADE)


def _old_project_and_history(used: int) -> dict[str, Any]:
    """An entity that received `used` yuan of the measure in 2024 for a project that ended then."""
    return {"projects": [{"id": "old", "kinds": ["industrial_upgrading"], "start": 2023, "costs": {"investment": [1]}}],
            "history": [{"measure": "upg", "subject": "old", "year": 2024, "amount": used}]}


def _line(**extra: Any) -> dict[str, Any]:
    """A placeable upgrade: 4M in 2025, so 30% is 1.2M, for entity a or b."""
    project = {"id": "line", "kinds": ["industrial_upgrading"], "start": 2025, "costs": {"investment": [4_000_000]}}
    project.update(extra.pop("project", {}))
    return {"carriers": ["a", "b"], "project": project, **extra}


def _solve(g: Any, **kw: Any) -> GroupPlanResult:
    r = plan_group(CAT if "cat" not in kw else kw.pop("cat"), g, (2025, 2029), **kw)
    assert r.plan is not None and r.violations == ()
    return r


@pytest.mark.parametrize(("used", "carrier", "value"), [
    (1_500_000, "b", 700_000),   # a has 500k of its 2M cap left: 1.2M at b against 500k at a
    (800_001, "b", 1),           # just below: a has 1,199,999 left, b pays 1 yuan more
    (800_000, None, 0),          # at the edge: a has exactly 1.2M left, a tie
    (799_999, None, 0),          # just above: a has room to spare, a tie
])
def test_a_project_moves_to_the_entity_whose_cap_is_not_yet_used(used: int, carrier: str | None, value: int) -> None:
    g = group([firm(id="a", **_old_project_and_history(used)), firm(id="b")], placeable_projects=[_line()])
    r = _solve(g)
    assert r.status == "OPTIMAL" and r.total_yuan == 1_200_000
    if carrier is not None:
        assert r.plan.placements == {"line": carrier}
    (p,) = r.placements
    assert (p.item, p.options, p.value) == ("line", ("a", "b"), value)
    assert p.objective_without == 1_200_000 - value and p.status == "OPTIMAL"
    assert brute_force(CAT, g) == 1_200_000


def test_a_started_project_stays_with_its_starter_unless_the_option_moves_it() -> None:
    """a got 1.6M for an old project and 200k for the line in 2024: 200k of its 2M cap is left, so the line's
    1.2M in 2025 pays 200k at a. Moved to b (option), the line's 200k counts against b's cap too: 1.2M."""
    history = [{"measure": "upg", "subject": "line", "year": 2024, "amount": 200_000}]
    line = _line(project={"start": 2024, "costs": {"investment": [666_667, 4_000_000]}}, started_by="a",
                 history=history)
    g = group([firm(id="a", **_old_project_and_history(1_600_000)), firm(id="b")], placeable_projects=[line])
    r = _solve(g)
    assert r.status == "OPTIMAL" and r.plan.placements == {"line": "a"} and r.total_yuan == 200_000
    (p,) = r.placements
    assert p.options == ("a",) and p.status is None  # no alternative under the default reading
    (reading,) = r.readings
    assert (reading.option, reading.reading, reading.difference) == ("move_started_projects", "true", 1_000_000)
    moved = _solve(g, group_options=GroupOptions(move_started_projects=True))
    assert moved.plan.placements == {"line": "b"} and moved.total_yuan == 1_200_000
    assert brute_force(CAT, g, group_options=GroupOptions(move_started_projects=True)) == 1_200_000
    # the group checker refuses the move under the default reading
    found = check_group_plan(CAT, g, moved.plan)
    assert [v.violation.rule for v in found] == ["group.placement"]
    assert "started by 'a'" in found[0].violation.message


SETTLE = {"timing": {"once": "firm", "window": {"anchor": "settled", "from_offset": 0, "to_offset": 1}},
          "subject": "firm"}
DONGCHENG = measure("dc.settle", {"form": "fixed", "amount": 500_000}, district="dongcheng", **SETTLE)
CHANGPING = measure("cp.settle", {"form": "fixed", "amount": 300_000}, district="changping", **SETTLE)
INTRODUCED = measure("cp.introduced", {"form": "fixed", "amount": 1_000_000}, district="changping",
                     eligibility=[{"kind": "moved_from_outside_beijing"}], **SETTLE)
SETTLEMENT = catalogue(DONGCHENG, CHANGPING, INTRODUCED)
NEW = {"firm": {"id": "n", "tags": ["ai"]}, "districts": ["dongcheng", "changping"], "settles": "2025-03-01"}


def test_a_settlement_award_decides_the_new_entitys_district() -> None:
    """Newly incorporated (not introduced from outside Beijing): Dongcheng pays 500k once, Changping 300k; the
    choice is worth 200k. Read as introduced (option), Changping adds 1M: 1.3M, 800k more."""
    g = group([firm(id="a")], new_entity=NEW)
    r = _solve(g, cat=SETTLEMENT)
    assert r.status == "OPTIMAL" and r.plan.district == "dongcheng" and r.total_yuan == 500_000
    (n,) = [e for e in r.entities if e.entity == "n"]
    assert n.new and n.district == "dongcheng"
    assert [(a.measure, a.year, a.amount) for a in n.result.plan.applications] == [("dc.settle", 2025, 500_000)]
    (d,) = r.placements
    assert (d.kind, d.chosen, d.best_alternative, d.value) == ("district", "dongcheng", "changping", 200_000)
    (reading,) = r.readings
    assert (reading.option, reading.objective, reading.difference) == ("new_entity_introduced", 1_300_000, 800_000)
    introduced = _solve(g, cat=SETTLEMENT, group_options=GroupOptions(new_entity_introduced=True))
    assert introduced.plan.district == "changping" and introduced.total_yuan == 1_300_000


def test_a_project_may_wait_for_the_new_entity() -> None:
    """A placeable rent project only the new entity may carry, and only in Dongcheng: 30% of 2M rent."""
    rent = measure("dc.rent", {"form": "rate", "percent": 30, "base": {"of": "project", "field": "rent"}},
                   district="dongcheng", subject="project", project_kinds=["office_rent"])
    cat = catalogue(DONGCHENG, CHANGPING, rent)
    office = {"carriers": ["n"], "districts": ["changping"],
              "project": {"id": "office", "kinds": ["office_rent"], "start": 2025, "costs": {"rent": [2_000_000]}}}
    g = group([firm(id="a")], new_entity=NEW, placeable_projects=[office])
    r = _solve(g, cat=cat)
    assert r.plan.district == "changping" and r.total_yuan == 300_000  # the office must be in Changping
    g2 = group([firm(id="a")], new_entity=NEW, placeable_projects=[{**office, "districts": []}])
    r2 = _solve(g2, cat=cat)
    assert r2.plan.district == "dongcheng" and r2.total_yuan == 1_100_000
    assert brute_force(cat, g2) == 1_100_000


def test_ties_go_to_the_first_listed_carrier_or_stay_where_the_base_put_them() -> None:
    """At the edge (a has exactly 1.2M of cap left) both carriers pay 1.2M: the canonical placement is the
    first carrier listed, and a variant's placement stays where its base put it."""
    entities = [firm(id="a", **_old_project_and_history(800_000)), firm(id="b")]
    assert _solve(group(entities, placeable_projects=[_line()])).plan.placements == {"line": "a"}
    flipped = _solve(group(entities, placeable_projects=[_line(carriers=["b", "a"])]))
    assert flipped.plan.placements == {"line": "b"}
    kept = _solve(group(entities, placeable_projects=[_line()]), base=flipped.plan)
    assert kept.plan.placements == {"line": "b"} and kept.total_yuan == 1_200_000
