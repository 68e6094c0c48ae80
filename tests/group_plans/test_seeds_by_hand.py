"""Group plans over the real catalogue, worked out by hand from the seed texts: a per-enterprise annual cap decides
where an event goes (003 Art. 14), a settlement award decides the new entity's district (002 Dongcheng (1)), and
the relocation bonus (001 Mentougou) is paid only under the generous reading of a new subsidiary."""

from __future__ import annotations

from typing import Any

import pytest

from grantstack.models.group_options import GroupOptions
from grantstack.models.loading import load_catalogue
from grantstack.optimizer.group import GroupPlanResult, plan_group
from tests.factories import firm
from tests.group_plans.helpers import group

CAT = load_catalogue()
YEARS = (2025, 2029)


def _solve(g: Any, **kw: Any) -> GroupPlanResult:
    r = plan_group(CAT, g, YEARS, **kw)
    assert r.status == "OPTIMAL" and r.plan is not None and r.violations == ()
    return r


def _lines(r: GroupPlanResult, entity: str) -> list[tuple[str, str | None, int, int]]:
    return [(a.measure, a.subject, a.year, a.amount) for a in r.plan.plan_of(entity).applications]


def _event(eid: str, expenses: int) -> dict[str, Any]:
    return {"id": eid, "kind": "industrial_event", "year": 2026, "values": {"expenses": expenses}}


@pytest.mark.parametrize(("own", "carrier", "value"), [
    (1_600_000, "b", 400_000),  # a's own event pays 800k: 200k of its 1M left, against 600k at b
    (800_002, "b", 1),          # a's pays 400,001: 599,999 left, b pays 1 yuan more
    (800_000, "a", 0),          # a's pays 400,000: exactly 600k left, a tie (the first carrier listed)
    (799_998, "a", 0),          # room to spare at a: a tie
])
def test_art14_annual_cap_per_enterprise_moves_the_event(own: int, carrier: str, value: int) -> None:
    """003 Art. 14: 'Up to 50% of actual event expenditures ... Annual support per enterprise is capped at RMB 1
    million.' Two Tongzhou manufacturers; a holds its own conference in 2026; a second one (1.2M of expenses, so
    600k) may be held by a or b in 2026."""
    g = group([firm(id="a", events=[_event("own", own)]), firm(id="b")],
              placeable_events=[{"carriers": ["a", "b"], "event": _event("expo", 1_200_000)}])
    r = _solve(g)
    assert r.plan.placements == {"expo": carrier}
    assert r.total_yuan == own // 2 + 600_000
    (p,) = r.placements
    assert (p.item, p.chosen, p.value, p.objective_without) == ("expo", carrier, value, r.total_yuan - value)
    art14 = "tz.art14.industrial_event"
    assert (art14, "expo", 2026, 600_000) in _lines(r, carrier)
    assert (art14, "own", 2026, own // 2) in _lines(r, "a")


def _ai_lab(revenue_2025: int) -> dict[str, Any]:
    """A new AI software subsidiary settling on 1 March 2025, with only its 2025 revenue known."""
    return {"firm": {"id": "n", "tags": ["ai", "software_64_65"], "metrics": {"revenue": {2025: revenue_2025}}},
            "districts": ["changping", "dongcheng"], "settles": "2025-03-01"}


@pytest.mark.parametrize(("revenue", "district", "total"), [
    (29_999_999, "changping", 0),        # just below 30M: no Dongcheng award; the first district listed
    (30_000_000, "dongcheng", 500_000),  # at 30M: 'a one-time incentive of CNY 500,000'
    (99_999_999, "dongcheng", 500_000),  # just below 100M: the same row
])
def test_dongcheng_settlement_award_decides_the_district(revenue: int, district: str, total: int) -> None:
    """002 Dongcheng (1): 500,000 once for revenue of 30M or more and less than 100M 'in the year of incorporation
    or settlement in the District'. Changping pays its measures to high-tech enterprises only: nothing here."""
    r = _solve(group([firm(id="a")], new_entity=_ai_lab(revenue)))
    assert r.plan.district == district and r.total_yuan == total
    assert _lines(r, "n") == ([("ai.dongcheng.1.settlement_revenue", None, 2025, 500_000)] if total else [])
    (d,) = r.placements
    assert (d.kind, d.chosen, d.value) == ("district", district, total)
    # no measure in Dongcheng or Changping (or the city's) tests a move into the district: no such reading
    assert "new_entity_introduced" not in {x.option for x in r.readings}


def test_mentougou_relocation_bonus_only_if_the_subsidiary_counts_as_introduced() -> None:
    """001 Mentougou: 200,000 for a first Beijing S&S recognition, and 'an extra one-time incentive of RMB 100,000
    for entering the District ... newly introduced to the District from outside Beijing on or after January 1,
    2022'. 001 Shunyi: 100,000. A new subsidiary of a group already in Beijing is not introduced from outside
    Beijing (default): Mentougou wins by 100,000; read as introduced, it pays 300,000."""
    new = {"firm": {"id": "n", "tags": ["advanced_manufacturing"], "events": [
        {"id": "ss", "kind": "recognition.ss_municipal", "year": 2026, "grants": ["ss_municipal"]}]},
        "districts": ["shunyi", "mentougou"], "settles": "2025-03-01"}
    g = group([firm(id="a")], new_entity=new)
    r = _solve(g)
    assert r.plan.district == "mentougou" and r.total_yuan == 200_000
    assert _lines(r, "n") == [("ss.mentougou.ss_recognition", "ss", 2026, 200_000)]
    (d,) = r.placements
    assert (d.best_alternative, d.objective_without, d.value) == ("shunyi", 100_000, 100_000)
    (reading,) = [x for x in r.readings if x.kind == "group"]
    assert (reading.option, reading.reading, reading.objective, reading.difference) == (
        "new_entity_introduced", "true", 300_000, 100_000)
    introduced = _solve(g, group_options=GroupOptions(new_entity_introduced=True))
    assert introduced.total_yuan == 300_000 and sorted(_lines(introduced, "n")) == [
        ("ss.mentougou.relocation_bonus", "ss", 2026, 100_000), ("ss.mentougou.ss_recognition", "ss", 2026, 200_000)]
