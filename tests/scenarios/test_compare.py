"""Decision-level compare on small firms, each expected diff worked out by hand from tests/scenarios/small.py."""

from __future__ import annotations

import pytest

from grantstack.models.plan import Application, Plan
from grantstack.scenarios.comparison import Decision, compare, diff_plans
from grantstack.scenarios.scenario import Scenario
from tests.scenarios import small


def base(**firm) -> Scenario:  # noqa: ANN003
    return Scenario.from_firm(small.firm(**firm), catalogue=small.catalogue(), name="base")


def one(base_: Scenario, *changes: dict) -> tuple:
    c = compare(base_, [base_.variant(firm_changes=list(changes), name="variant")])
    assert c.proven
    return c, c.diffs[0]


def test_raising_a_projects_cost_above_its_cap_adds_nothing() -> None:
    # 30% of 40M = 12M, capped at 10M per project; 45M gives 13.5M, still capped: nothing changes.
    c, d = one(base(investment=40_000_000),
               {"op": "set", "path": "projects[line].costs.investment[0]", "value": 45_000_000})
    assert c.base_result.total_yuan == 10_000_000 + 200_000
    assert d.empty and d.total.difference == 0 and all(x.difference == 0 for x in d.by_year)


def test_a_cost_just_over_the_cap_edge_pays_only_up_to_the_cap() -> None:
    # 30% of 33,333,330 = 9,999,999 (below the 10M cap); 30% of 33,333,340 = 10,000,002, capped: +1 yuan.
    c, d = one(base(investment=33_333_330),
               {"op": "set", "path": "projects[line].costs.investment[0]", "value": 33_333_340})
    assert d.decisions == (Decision("amount", small.RATE, "line", 2025, 2025, 9_999_999, 10_000_000),)
    assert d.total.difference == 1


def test_moving_a_recognition_into_the_horizon_adds_its_award() -> None:
    c, d = one(base(recognition=2030), {"op": "set", "path": "events[ss].year", "value": 2029})
    assert d.decisions == (Decision("added", small.AWARD, "ss", None, 2029, 0, 200_000),)
    assert {x.key: x.difference for x in d.by_year} == {"2025": 0, "2026": 0, "2027": 0, "2028": 0, "2029": 200_000}
    assert {x.key: x.difference for x in d.by_level} == {"municipal": 0, "district": 200_000}
    assert {x.key: x.difference for x in d.by_measure if x.difference} == {small.AWARD: 200_000}


def test_a_variant_that_changes_nothing_of_value_has_an_empty_diff() -> None:
    # 7 categories x 50,000 = 350,000 is capped at 300,000 an application; 8 pays the same.
    c, d = one(base(categories=7), {"op": "set", "path": "name", "value": "Renamed Ltd"},
               {"op": "set", "path": "events[ce].count", "value": 8})
    assert d.empty and not d.decisions and not d.schedule and d.total.difference == 0
    assert c.results[0].plan == c.base_result.plan


def test_moved_changed_and_removed_decisions() -> None:
    _, moved = one(base(), {"op": "set", "path": "events[ce].year", "value": 2027})
    assert moved.decisions == (Decision("moved", small.CERT, "ce", 2026, 2027, 200_000, 200_000),)
    assert {x.key: x.difference for x in moved.by_year if x.difference} == {"2026": -200_000, "2027": 200_000}
    _, amount = one(base(), {"op": "set", "path": "events[ce].count", "value": 5})
    assert amount.decisions == (Decision("amount", small.CERT, "ce", 2026, 2026, 200_000, 250_000),)
    _, removed = one(base(), {"op": "remove", "path": "events[ce]"})
    assert removed.decisions == (Decision("removed", small.CERT, "ce", 2026, None, 200_000, 0),)
    assert removed.total.difference == -200_000


def test_schedule_changes_of_flexible_events() -> None:
    b = base(recognition=2030).variant(firm_changes=[
        {"op": "set", "path": "events[ss].year", "value": None},
        {"op": "set", "path": "events[ss].window", "value": [2030, 2031]},
        {"op": "set", "path": "events[ss].optional", "value": True}], name="flexible")
    _, d = one(b, {"op": "set", "path": "events[ss].window", "value": [2028, 2031]})
    assert [(s.subject, s.after in (2028, 2029)) for s in d.schedule] == [("ss", True)]
    assert [x.kind for x in d.decisions] == ["added"] and d.total.difference == 200_000


def test_diff_pairs_years_of_a_run_in_order() -> None:
    def plan(*rows: tuple[int, int]) -> Plan:
        return Plan(firm="f", years=(2025, 2029), applications=tuple(
            Application(measure="m", subject="p", year=y, amount=a) for y, a in rows))
    d = diff_plans(plan((2025, 10), (2026, 20), (2027, 30)), plan((2026, 25), (2027, 30), (2028, 40)))
    assert [x.kind for x in d.decisions] == ["moved", "amount"]
    assert d.decisions[0] == Decision("moved", "m", "p", 2025, 2028, 10, 40)
    assert d.total.difference == 95 - 60


@pytest.mark.parametrize("changes", [[], [{"op": "set", "path": "description", "value": "x"}]])
def test_no_change_example_firm_has_an_empty_diff(changes: list) -> None:
    b = Scenario.from_firm("scenarios/firms/tongzhou_manufacturer.yaml", name="base")
    c = compare(b, [b.variant(firm_changes=changes)])
    assert c.diffs[0].empty and c.proven
