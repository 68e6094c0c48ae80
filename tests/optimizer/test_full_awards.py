"""Finding W0: a fixed award is paid in full or not at all; an upper ladder tier pays its amount minus what the
lower tier legally paid; only a cap may pay less. Model (optimizer) and checker agree."""

from __future__ import annotations

from pathlib import Path

import pytest

from grantstack.models.checker import check_plan
from grantstack.models.loading import load_catalogue, load_firm
from grantstack.models.options import PlanOptions
from grantstack.models.plan import Application, Plan
from grantstack.optimizer import build_model, plan
from tests.optimizer.helpers import catalogue, feasible, firm, measure, solve

MENTOUGOU = Path(__file__).resolve().parents[1] / "fixtures" / "mentougou_w0.yaml"
YEARS = (2024, 2026)
EXPECTED = [(2024, "ss.mentougou.relocation_bonus", "ss", 100_000),
            (2024, "ss.mentougou.ss_recognition", "ss", 200_000),
            (2026, "ss.mentougou.little_giant", "lg", 600_000)]


def lines(p: Plan) -> list[tuple[int, str, str | None, int]]:
    return [(a.year, a.measure, a.subject, a.amount) for a in p.applications]


@pytest.mark.parametrize("workers", [1, 2])
def test_mentougou_pays_the_lower_tier_in_full_then_the_difference(workers: int) -> None:
    """No discount option: 200k + 100k in 2024, 600k in 2026; the same for 1 and 2 workers and every run."""
    cat, f = load_catalogue(), load_firm(MENTOUGOU)
    plans = [plan(cat, f, YEARS, PlanOptions(workers=workers)) for _ in range(2)]
    for r in plans:
        assert r.status == "OPTIMAL" and r.violations == () and r.plan is not None
        assert lines(r.plan) == EXPECTED
        assert r.total_yuan == 900_000
    assert plans[0].plan == plans[1].plan


def test_mentougou_one_yuan_award_is_refused_by_model_and_checker() -> None:
    """The old optimum (S&S 1 yuan in 2024, little giant 799,999 in 2026) has the same total and is illegal."""
    cat, f = load_catalogue(), load_firm(MENTOUGOU)
    apps = [Application(measure=m, subject=s, year=y, amount=a) for y, m, s, a in [
        (2024, "ss.mentougou.relocation_bonus", "ss", 100_000), (2024, "ss.mentougou.ss_recognition", "ss", 1),
        (2026, "ss.mentougou.little_giant", "lg", 799_999)]]
    split = Plan(firm=f.id, years=YEARS, applications=tuple(apps))
    rules = {(v.rule, v.measure) for v in check_plan(cat, f, split, PlanOptions())}
    assert rules == {("full_award", "ss.mentougou.ss_recognition")}
    assert not feasible(build_model(cat, f, YEARS, PlanOptions()), split)


CERT = measure("cert", {"form": "per_unit", "unit_amount": 300_000}, subject="event",
               event_kinds=["certification.international"])
CNAS = measure("cnas", {"form": "per_unit", "unit_amount": 100_000}, subject="event",
               event_kinds=["certification.cnas_product"])
SHARED = catalogue(CERT, CNAS, caps=[{"id": "cap", "measures": ["cert", "cnas"], "per": "year", "amount": 1_000_000}])


def cert_firm(cnas_year: int = 2026) -> object:
    return firm(events=[{"id": "ce", "kind": "certification.international", "year": 2026, "count": 2},
                        {"id": "cn", "kind": "certification.cnas_product", "year": cnas_year, "count": 5}])


def test_a_reached_cap_may_pay_a_fixed_award_in_part() -> None:
    """600k + 500k under a 1M yearly cap: the cap binds, 1M in total, one award in part (legal: cap reached)."""
    r = solve(SHARED, cert_firm())
    assert r.total_yuan == 1_000_000
    # in another year nothing binds: both in full
    assert solve(SHARED, cert_firm(2027)).total_yuan == 1_100_000


@pytest.mark.parametrize(("cnas", "ok"), [(399_999, False), (400_000, True), (400_001, False)])
def test_a_fixed_award_below_full_needs_the_cap_reached(cnas: int, ok: bool) -> None:
    f = cert_firm()
    apps = (Application(measure="cert", subject="ce", year=2026, amount=600_000),
            Application(measure="cnas", subject="cn", year=2026, amount=cnas))
    p = Plan(firm=f.id, years=(2025, 2029), applications=apps)  # type: ignore[attr-defined]
    rules = {v.rule for v in check_plan(SHARED, f, p, PlanOptions())}  # type: ignore[arg-type]
    assert (rules == set()) == ok
    assert rules <= {"full_award", "cap.shared.year"}
    assert feasible(build_model(SHARED, f, (2025, 2029), PlanOptions()), p) == ok  # type: ignore[arg-type]


def test_a_money_unit_may_leave_less_than_one_unit_unpaid() -> None:
    """With 1,000-yuan units a 123,456 award is planned at 123,000: legal (the unit floors every ceiling)."""
    odd = measure("odd", {"form": "fixed", "amount": 123_456}, timing={"once": "firm"})
    r = plan(catalogue(odd), firm(), (2025, 2029), PlanOptions(money_unit=1000))
    assert r.total_yuan == 123_000 and r.violations == ()
    p = r.plan.model_copy(update={"applications": tuple(a.model_copy(update={"amount": 122_000})  # type: ignore[union-attr]
                                                        for a in r.plan.applications)})  # type: ignore[union-attr]
    assert {v.rule for v in check_plan(catalogue(odd), firm(), p, PlanOptions(money_unit=1000))} == {"full_award"}
