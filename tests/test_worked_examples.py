"""Worked examples from the clause texts, computed by hand, planned end to end and checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from grantstack.models.catalogue import Catalogue
from grantstack.models.checker import check_plan
from grantstack.models.firm import Firm
from grantstack.models.loading import load_catalogue, load_firm
from grantstack.models.options import PlanOptions
from tests.factories import firm

optimizer = pytest.importorskip("grantstack.optimizer.solve")
FIRMS = Path(__file__).resolve().parents[1] / "scenarios" / "firms"
EXACT = PlanOptions(money_unit=1)


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


def paid(result, prefix: str) -> dict[tuple[str, str | None, int], int]:
    assert result.plan is not None
    return {(a.measure, a.subject, a.year): a.amount for a in result.plan.applications if a.measure.startswith(prefix)}


def solve(catalogue: Catalogue, f: Firm, options: PlanOptions = EXACT):
    result = optimizer.plan(catalogue, f, (2025, 2029), options)
    assert result.status == "OPTIMAL"
    assert check_plan(catalogue, f, result.plan, options) == []
    return result


def test_upgrade_to_little_giant_pays_only_the_difference(catalogue: Catalogue) -> None:
    """001 Shijingshan: 200k for S&S, 800k for little giant, 'granting the difference' -> 200k then 600k."""
    result = solve(catalogue, load_firm(FIRMS / "shijingshan_ss_sme.yaml"))
    ladder = paid(result, "ss.shijingshan.")
    assert sorted(ladder.values()) == [200_000, 600_000]
    ss_year = next(y for (m, _, y) in ladder if m.endswith("ss_recognition"))
    lg_year = next(y for (m, _, y) in ladder if m.endswith("little_giant"))
    assert lg_year >= ss_year + 1  # one step at a time, with the firm's minimum gap


def test_upgrade_after_a_past_award_pays_the_difference_over_history(catalogue: Catalogue) -> None:
    """001 Daxing: S&S 200k already paid (history); municipal LG 500k -> 300k; national LG 1M -> 500k."""
    result = solve(catalogue, load_firm(FIRMS / "daxing_hydrogen.yaml"))
    ladder = paid(result, "ss.daxing.")
    assert sorted(ladder.values()) == [300_000, 500_000]


def test_declining_rent_schedule_with_area_and_annual_caps(catalogue: Catalogue) -> None:
    """002 Dongcheng (2): rent 12M a year on 3,600 m2 -> base 10M (3,000 m2);
    30% = 3M (at the 3M annual cap), 20% = 2M, 10% = 1M, for three consecutive years from settling."""
    years = range(2025, 2030)
    f = firm(id="rent", district="dongcheng", tags=["software_64_65"], dates={"settled": "2025-03-01"},
             metrics={"office_rent": dict.fromkeys(years, 12_000_000), "office_area": dict.fromkeys(years, 3600)})
    rent = paid(solve(catalogue, f), "ai.dongcheng.2")
    assert sorted(rent.items()) == [(("ai.dongcheng.2.rent", None, 2025), 3_000_000),
                                    (("ai.dongcheng.2.rent", None, 2026), 2_000_000),
                                    (("ai.dongcheng.2.rent", None, 2027), 1_000_000)]


def test_annual_rent_cap_binds_when_30_percent_is_above_3m(catalogue: Catalogue) -> None:
    """002 Dongcheng (2): rent 15M on 3,000 m2 -> 30% = 4.5M, cut to the 3M annual cap; then 3M, 1.5M."""
    years = range(2025, 2028)
    f = firm(id="rent", district="dongcheng", dates={"settled": "2025-01-01"},
             metrics={"office_rent": dict.fromkeys(years, 15_000_000), "office_area": dict.fromkeys(years, 3000)})
    assert sorted(paid(solve(catalogue, f), "ai.dongcheng.2").values()) == [1_500_000, 3_000_000, 3_000_000]


def test_project_under_two_clauses_of_one_district_gets_the_better_only(catalogue: Catalogue) -> None:
    """003 Art. 18: a project eligible under Art. 4 (30%, 10M per project) and Art. 9 (30%, 20M per project)
    with 30M invested each year gets Art. 9 only: 9M + 9M + 2M = 20M, never a mix of both."""
    f = firm(projects=[{"id": "line", "kinds": ["pilot_testing", "industrial_upgrading"], "start": 2025,
                        "costs": {"investment": [30_000_000] * 3}}])
    result = solve(catalogue, f)
    on_line = {a.measure for a in result.plan.applications if a.subject == "line"}
    assert on_line == {"tz.art9.upgrading"}
    assert sum(a.amount for a in result.plan.applications if a.subject == "line") == 20_000_000


def test_annual_cap_makes_moving_a_flexible_certification_worth_more(catalogue: Catalogue) -> None:
    """003 Art. 12: 100k per category / product, 1M a year per enterprise. 8 CE categories in 2025 (800k);
    4 CNAS products in 2025 would be cut to 200k by the cap, in 2026 they pay 400k: the plan moves them."""
    f = load_firm(FIRMS / "tongzhou_manufacturer.yaml")
    result = solve(catalogue, f)
    assert result.plan.schedule["cnas-products"] == 2026
    cert = paid(result, "tz.art12.")
    assert cert[("tz.art12.certification_international", "ce-marking", 2025)] == 800_000
    assert cert[("tz.art12.certification_cnas_product", "cnas-products", 2026)] == 400_000


@pytest.mark.parametrize("path", sorted(FIRMS.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_example_client_plans_optimal_and_legal(catalogue: Catalogue, path: Path) -> None:
    result = solve(catalogue, load_firm(path), PlanOptions())
    assert result.total_yuan > 0
    assert result.gap == 0
