"""Hypothesis strategies: random but plausible firms over the real catalogue's vocabulary."""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import strategies as st

from grantstack.models.firm import Firm

DISTRICTS = ["tongzhou", "dongcheng", "changping", "shunyi", "chaoyang", "shijingshan", "mentougou", "daxing",
             "pinggu", "miyun", "xicheng", "fengtai", "eda", "haidian"]
TAGS = ["advanced_manufacturing", "ai", "commercial_aerospace", "foreign_trade", "high_end_precision",
        "hydrogen_energy", "production_or_rd_type", "small_micro", "software_64_65", "technology_service",
        "technology_trading_institution", "changping_clustering_talent"]
STATUSES = ["above_designated_size", "high_tech", "innovative_sme", "ss_municipal", "tase",
            "enterprise_tech_center_municipal"]
PROJECTS: dict[str, list[str]] = {
    "pilot_testing": ["investment"], "industrial_upgrading": ["investment", "municipal_award"],
    "loan": ["interest_paid"], "m_and_a": ["municipal_funding"], "service_purchase": ["contract_amount"],
    "office_rent": ["rent"], "branded_tsp": ["budget"], "public_service_platform": ["investment"],
    "rd_project": ["investment"], "belt_and_road": ["investment", "interest_paid"], "scenario": ["investment"],
    "patent_annuity": ["annuity_standard"], "innovation_platform": ["fixed_asset_investment"],
    "incubation_base_municipal": ["operating_cost"], "exhibition": ["expenses"], "patent_pool": ["maintenance_fees"],
    "ai_commercialization": ["investment"], "financial_leasing": ["leasing_cost"],
}
EVENTS: dict[str, list[str]] = {
    "certification.international": [], "certification.cnas_product": [], "certification.tase": [],
    "certification.high_tech": [], "standard.international": [], "standard.national": [],
    "standard.industry": [], "standard.local": [], "standard.group": [], "first_set.product":
    ["transaction_amount", "municipal_award"], "first_set.certified": [], "industrial_event": ["expenses"],
    "talent_event": ["expenses"], "platform.municipal_tech_centre": [], "platform.municipal_innovation": [],
    "factory.intelligent_municipal": [], "factory.intelligent_national": [], "listing": [],
    "award.sci_tech_progress_national": [], "centre.beijing_level": [], "qualification.fengtai": [],
    "scenario.pilot_demo": ["funds_raised"], "relocation.little_giant": [],
}
YEARS = range(2022, 2030)
money = st.integers(min_value=0, max_value=60_000_000)


@st.composite
def metrics(draw: st.DrawFn) -> dict[str, dict[int, int]]:
    """Revenue growing or shrinking year to year, and the other figures around it."""
    rev = draw(st.integers(5_000_000, 3_000_000_000))
    out: dict[str, dict[int, int]] = {"revenue": {}, "output_value": {}, "rd_spend": {}, "insured_employees": {}}
    for y in YEARS:
        rev = max(1, rev * draw(st.integers(80, 160)) // 100)
        out["revenue"][y] = rev
        out["output_value"][y] = rev * draw(st.integers(50, 110)) // 100
        out["rd_spend"][y] = rev * draw(st.integers(1, 20)) // 100
        out["insured_employees"][y] = draw(st.integers(10, 3000))
    for name in ("equity_investment_received", "tech_trading_volume", "investment", "special_funds_received"):
        if draw(st.booleans()):
            out[name] = {y: draw(money) for y in YEARS}
    return out


@st.composite
def projects(draw: st.DrawFn) -> list[dict[str, Any]]:
    out = []
    for i, kind in enumerate(draw(st.lists(st.sampled_from(sorted(PROJECTS)), min_size=1, max_size=5))):
        n = draw(st.integers(1, 4))
        p: dict[str, Any] = {"id": f"p{i}", "kinds": [kind],
                             "costs": {f: [draw(money) for _ in range(n)] for f in PROJECTS[kind]}}
        if kind == "office_rent":
            p["quantities"] = {"rented_area": [draw(st.integers(100, 6000))] * n}
        start = draw(st.integers(2024, 2028))
        if draw(st.booleans()):
            p["start"] = start
        else:
            p["start_window"] = [start, start + draw(st.integers(0, 2))]
        out.append(p)
    return out


def _timed(draw: st.DrawFn, e: dict[str, Any], lo: int = 2023) -> dict[str, Any]:
    y = draw(st.integers(lo, 2029))
    if draw(st.booleans()):
        e["year"] = y
    else:
        e["window"] = [y, min(2029, y + draw(st.integers(0, 2)))]
        e["optional"] = draw(st.booleans())
    return e


@st.composite
def events(draw: st.DrawFn) -> list[dict[str, Any]]:
    out = []
    for i, kind in enumerate(draw(st.lists(st.sampled_from(sorted(EVENTS)), min_size=2, max_size=8))):
        first = draw(st.sampled_from([True, True, True, False]))
        e = {"id": f"e{i}", "kind": kind, "first_time": first, "count": draw(st.integers(1, 12)),
             "values": {f: draw(money) for f in EVENTS[kind]}}
        out.append(_timed(draw, e))
    if draw(st.booleans()):  # the recognition ladder, one step at a time, always achievable
        ss = _timed(draw, {"id": "ss", "kind": "recognition.ss_municipal", "grants": ["ss_municipal"]})
        ss.pop("optional", None)
        out.append(ss)
        if draw(st.booleans()):
            gap = draw(st.integers(0, 2))
            earliest = ss.get("year") or ss["window"][1]
            requires = [{"event": "ss", "min_gap_years": gap}]
            lg = {"id": "lg", "kind": "recognition.little_giant_national", "grants": ["little_giant_national"],
                  "requires": requires}
            if earliest + gap <= 2029:
                out.append(_timed(draw, lg, lo=earliest + gap))
    if any(e["kind"] == "standard.national" for e in out) and any(e["kind"] == "standard.international" for e in out):
        nat = next(e for e in out if e["kind"] == "standard.national")
        nat["linked_to"] = [next(e["id"] for e in out if e["kind"] == "standard.international")]
    return out


@st.composite
def firms(draw: st.DrawFn) -> Firm:
    """A firm somewhere in Beijing with random figures, projects, events and statuses."""
    est = draw(st.dates(date(2005, 1, 1), date(2025, 12, 31)))
    settled = draw(st.dates(est, date(2026, 12, 31)))
    data: dict[str, Any] = {
        "id": "random-firm",
        "district": draw(st.sampled_from(DISTRICTS)),
        "key_regions": draw(st.lists(st.sampled_from(["future_science_city", "huairou_science_city", "eda", "bmc"]),
                                     max_size=1, unique=True)),
        "tags": draw(st.lists(st.sampled_from(TAGS), min_size=1, max_size=5, unique=True)),
        "statuses": [{"status": s, "since": draw(st.integers(2018, 2027))}
                     for s in draw(st.lists(st.sampled_from(STATUSES), max_size=3, unique=True))],
        "metrics": draw(metrics()),
        "dates": {"established": est.isoformat(), "settled": settled.isoformat(), "moved_in": settled.isoformat(),
                  "moved_from_outside_beijing": draw(st.booleans())},
        "projects": draw(projects()),
        "events": draw(events()),
    }
    return Firm.model_validate(data)
