"""rules/caps.py: per year, subject, subject-year and firm caps (history counts), slices, shared caps,
the project-total rate basis, and the money unit's floor."""

from __future__ import annotations

from grantstack.models.checker import check_plan
from tests.optimizer.helpers import EXACT, agree_over_by_one, amounts, catalogue, firm, measure, opts, solve

RATE50 = {"form": "rate", "percent": 50, "base": {"of": "project", "field": "investment"}}


def project(costs: list[int], pid: str = "p", start: int = 2025) -> dict[str, object]:
    return {"id": pid, "kinds": ["rd_project"], "start": start, "costs": {"investment": costs}}


def test_declining_rent_schedule_with_area_and_annual_caps() -> None:
    """30/20/10% of rent, at most 3,000 m2 and 3M a year: 12M on 3,600 m2 -> base 10M -> 3M, 2M, 1M;
    15M on 3,000 m2 -> 4.5M cut to 3M, then 3M, 1.5M."""
    rent = measure("rent", {"form": "schedule", "percents": [30, 20, 10], "cap": 3_000_000,
                            "base": {"of": "project", "field": "rent", "quantity": "area", "max_quantity": 3000}},
                   subject="project", project_kinds=["office_rent"])
    f = firm(projects=[{"id": "hq", "kinds": ["office_rent"], "start": 2025, "costs": {"rent": [12_000_000] * 5},
                        "quantities": {"area": [3600] * 5}}])
    assert sorted(amounts(solve(catalogue(rent), f)).values()) == [1_000_000, 2_000_000, 3_000_000]
    f2 = firm(projects=[{"id": "hq", "kinds": ["office_rent"], "start": 2025, "costs": {"rent": [15_000_000] * 3},
                         "quantities": {"area": [3000] * 3}}])
    r = agree_over_by_one(catalogue(rent), f2, ("rent", "hq", 2025), "ceiling")
    assert sorted(amounts(r).values()) == [1_500_000, 3_000_000, 3_000_000]


def test_cumulative_cap_per_subject_counts_history() -> None:
    m = measure("m", RATE50, subject="project", project_kinds=["rd_project"],
                caps=[{"per": "subject", "amount": 5_000_000}])
    f = firm(projects=[project([4_000_000] * 5, start=2024)],
             history=[{"measure": "m", "subject": "p", "year": 2024, "amount": 2_000_000}])
    r = agree_over_by_one(catalogue(m), f, ("m", "p", 2025), "cap.subject")
    assert r.total_yuan == 3_000_000


def test_cap_per_firm_and_per_year() -> None:
    m = measure("m", {"form": "fixed", "amount": 1_000_000}, caps=[{"per": "firm", "amount": 3_000_000}])
    f = firm(history=[{"measure": "m", "year": 2023, "amount": 1_000_000}])
    assert solve(catalogue(m), f).total_yuan == 2_000_000
    per_year = measure("e", {"form": "per_unit", "unit_amount": 100_000}, subject="event",
                       event_kinds=["standard.group"], caps=[{"per": "year", "amount": 250_000}])
    f2 = firm(events=[{"id": f"s{i}", "kind": "standard.group", "year": 2025} for i in range(3)])
    r = solve(catalogue(per_year), f2)
    assert r.total_yuan == 250_000


def test_first_year_and_later_years_slices() -> None:
    """001 item 1: up to 2M in the first year and 5M through years 2-3: 50% of 10M, 10M, 4M -> 2M + 5M
    (starting a year later would pay 2M + 2M)."""
    m = measure("m", RATE50, subject="project", project_kinds=["rd_project"], timing={"max_years": 3},
                caps=[{"per": "subject", "amount": 2_000_000, "support_years": [1, 1]},
                      {"per": "subject", "amount": 5_000_000, "support_years": [2, 3]}])
    f = firm(projects=[project([10_000_000, 10_000_000, 4_000_000])])
    r = agree_over_by_one(catalogue(m), f, ("m", "p", 2025), "cap.slice")
    assert r.total_yuan == 7_000_000 and amounts(r)[("m", "p", 2025)] == 2_000_000


def test_shared_cap_moves_a_flexible_certification_to_the_next_year() -> None:
    """003 Art. 12: 100k per category, 1M a year shared; 8 CE categories in 2025 (800k), 4 CNAS products in
    2025 or 2026: in 2025 only 200k would fit, in 2026 all 400k -> the plan moves them."""
    ce = measure("ce", {"form": "per_unit", "unit_amount": 100_000}, subject="event",
                 event_kinds=["certification.international"])
    cnas = measure("cnas", {"form": "per_unit", "unit_amount": 100_000}, subject="event",
                   event_kinds=["certification.cnas_product"])
    cat = catalogue(ce, cnas, caps=[{"id": "art12", "measures": ["ce", "cnas"], "per": "year", "amount": 1_000_000}])
    f = firm(events=[{"id": "ce8", "kind": "certification.international", "year": 2025, "count": 8},
                     {"id": "cnas4", "kind": "certification.cnas_product", "window": [2025, 2026], "count": 4}])
    r = solve(cat, f)
    assert r.plan is not None and r.plan.schedule == {"cnas4": 2026}
    assert amounts(r) == {("ce", "ce8", 2025): 800_000, ("cnas", "cnas4", 2026): 400_000}
    crowded = r.plan.model_copy(update={"schedule": {"cnas4": 2025}, "applications": tuple(
        a.model_copy(update={"year": 2025}) for a in r.plan.applications)})
    assert "cap.shared.year" in {v.rule for v in check_plan(cat, f, crowded, EXACT)}


def test_project_total_rate_basis() -> None:
    """30% of 10M, 20M, 30M for at most 2 years: each year's base -> 6M + 9M = 15M; project total -> 30% x 60M
    = 18M over the run."""
    m = measure("m", {"form": "rate", "percent": 30, "base": {"of": "project", "field": "investment"},
                      "total_basis_option": True}, subject="project", project_kinds=["rd_project"],
                timing={"max_years": 2})
    f = firm(projects=[project([10_000_000, 20_000_000, 30_000_000])])
    assert solve(catalogue(m), f).total_yuan == 15_000_000
    total = opts(rate_basis="project_total")
    r = agree_over_by_one(catalogue(m), f, ("m", "p", 2025), "cap.project_total", options=total)
    assert r.total_yuan == 18_000_000


def test_money_unit_floors_every_ceiling_and_cap() -> None:
    """A 1,234,567 ceiling and a 2,500,500 yearly cap in units of 10,000: 1,230,000 and 2,500,000."""
    a = measure("a", {"form": "fixed", "amount": 1_234_567})
    b = measure("b", {"form": "fixed", "amount": 1_999_999})
    cat = catalogue(a, b, caps=[{"id": "y", "measures": ["a", "b"], "per": "year", "amount": 2_500_500}])
    r = solve(cat, firm(), opts(unit=10_000), years=(2025, 2025))
    assert r.money_unit == 10_000 and r.total_yuan == 2_500_000
    assert all(x.amount % 10_000 == 0 for x in r.plan.applications)  # type: ignore[union-attr]
