"""Seeded typical firms for the real catalogue: district, tags, statuses, metrics, projects, events, ladder."""

from __future__ import annotations

import random
from datetime import date
from typing import Any

from grantstack.models.base import DISTRICTS
from grantstack.models.catalogue import Catalogue
from grantstack.models.vocabulary import Vocabulary

__all__ = ["LADDER_KINDS", "relevant_kinds", "typical_firm"]

LADDER_KINDS = ("recognition.innovative_sme", "recognition.ss_municipal", "recognition.little_giant_national")

KEY_REGIONS_OF = {
    "eda": "eda", "tongzhou": "bmc", "changping": "future_science_city", "huairou": "huairou_science_city",
}
COUNT_KINDS = ("certification.international", "certification.cnas_product", "first_set.certified")


def relevant_kinds(catalogue: Catalogue, district: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Project and event kinds of measures a firm in this district could use, sorted."""
    projects: set[str] = set()
    events: set[str] = set()
    for m in catalogue.monetary():
        if m.district is None or m.district == district:
            projects.update(m.project_kinds)
            events.update(m.event_kinds)
    return tuple(sorted(projects)), tuple(sorted(events))


def _money(rng: random.Random, lo: float, hi: float) -> int:
    """A log-uniform amount in [10^lo, 10^hi] yuan, rounded to the thousand."""
    return int(round(10 ** rng.uniform(lo, hi), -3))


def _metrics(rng: random.Random, vocab: Vocabulary, tags: list[str], y0: int, y1: int) -> dict[str, dict[int, int]]:
    years = range(y0 - 3, y1 + 1)
    rev = 10 ** rng.uniform(6.5, 9.3)
    growth = rng.uniform(-0.05, 0.35)
    revenue = {}
    for y in years:
        revenue[y] = int(round(rev, -3))
        rev *= 1 + growth + rng.uniform(-0.08, 0.08)
    out: dict[str, dict[int, int]] = {"revenue": revenue}
    rd_share, inv_share = rng.uniform(0.02, 0.15), rng.uniform(0.02, 0.2)
    out["rd_spend"] = {y: int(round(v * rd_share, -3)) for y, v in revenue.items()}
    out["investment"] = {y: int(round(v * inv_share * rng.uniform(0.5, 1.5), -3)) for y, v in revenue.items()}
    out["insured_employees"] = {y: max(5, int(v / 1e6 * rng.uniform(3, 8))) for y, v in revenue.items()}
    if rng.random() < 0.6:
        out["output_value"] = {y: int(round(v * rng.uniform(0.7, 0.95), -3)) for y, v in revenue.items()}
    if rng.random() < 0.35:
        out["equity_investment_received"] = {y: _money(rng, 6, 8.3) for y in years if rng.random() < 0.4}
    if "technology_trading_institution" in tags:
        out["tech_trading_volume"] = {y: _money(rng, 7, 9) for y in years}
    for name in vocab.metrics:
        if name not in out and rng.random() < 0.15:
            out[name] = {y: _money(rng, 5.5, 7.5) for y in years}
    return {k: v for k, v in out.items() if v}


def _statuses(rng: random.Random, metrics: dict, tags: list[str], y0: int) -> list[dict[str, Any]]:
    out = []
    if rng.random() < 0.4:
        out.append({"status": "high_tech", "since": rng.randint(y0 - 6, y0 - 1)})
    if metrics["revenue"][y0 - 1] >= 20_000_000:
        out.append({"status": "above_designated_size", "since": y0 - 2})
    if "technology_service" in tags and rng.random() < 0.3:
        out.append({"status": "tase", "since": rng.randint(y0 - 4, y0 - 1)})
    if rng.random() < 0.1:
        out.append({"status": "enterprise_tech_center_municipal", "since": rng.randint(y0 - 5, y0 - 1)})
    return out


def _ladder(rng: random.Random, y0: int, y1: int, statuses: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Innovative SME -> S&S SME -> national little giant, with minimum gaps, fixed or flexible."""
    sme, ss, lg = LADDER_KINDS
    events: list[dict[str, Any]] = []
    stage = rng.random()
    if stage < 0.3:
        statuses.append({"status": "innovative_sme", "since": rng.randint(y0 - 3, y0 - 1)})
        sme_req: dict[str, Any] = {"status": "innovative_sme", "min_gap_years": 1}
    else:
        e = {"id": "rec-sme", "kind": sme, "grants": ["innovative_sme"]}
        e.update({"year": y0} if rng.random() < 0.5 else {"window": [y0, y0 + 1]})
        events.append(e)
        sme_req = {"event": "rec-sme", "min_gap_years": 1}
    ss_event = {"id": "rec-ss", "kind": ss, "grants": ["ss_municipal"], "requires": [sme_req],
                "window": [y0 + 1, min(y1, y0 + 3)], "optional": rng.random() < 0.5}
    events.append(ss_event)
    if rng.random() < 0.7:
        events.append({"id": "rec-lg", "kind": lg, "grants": ["little_giant_national"],
                       "requires": [{"event": "rec-ss", "min_gap_years": rng.choice((1, 2))}],
                       "window": [y0 + 2, y1], "optional": True})
    return events


def _event(rng: random.Random, vocab: Vocabulary, i: int, kind: str, y0: int, y1: int) -> dict[str, Any]:
    e: dict[str, Any] = {"id": f"ev{i}", "kind": kind}
    if rng.random() < 0.6:
        e["year"] = rng.randint(y0, y1)
    else:
        a = rng.randint(y0, y1 - 1)
        e["window"] = [a, min(y1, a + rng.randint(1, 2))]
        e["optional"] = rng.random() < 0.5
    if rng.random() < 0.15:
        e["first_time"] = False
    if kind in COUNT_KINDS or kind.startswith("standard.") and rng.random() < 0.3:
        e["count"] = rng.randint(1, 4)
    values = {f: _money(rng, 5, 7.5) for f in vocab.event_values.get(kind, ())}
    if values:
        e["values"] = values
    return e


def _project(rng: random.Random, vocab: Vocabulary, i: int, kinds: list[str], y0: int, y1: int) -> dict[str, Any]:
    p: dict[str, Any] = {"id": f"pr{i}", "kinds": kinds}
    if rng.random() < 0.75:
        p["start"] = rng.randint(y0 - 2, y1)
    else:
        a = rng.randint(y0, y1 - 1)
        p["start_window"] = [a, min(y1, a + 2)]
    n = rng.randint(1, 4)
    fields = sorted({f for k in kinds for f in vocab.project_costs.get(k, ())}) or ["investment"]
    p["costs"] = {f: [_money(rng, 5.3, 7.7) for _ in range(n)] for f in fields}
    qty = sorted({q for k in kinds for q in vocab.quantities.get(k, ())})
    if qty:
        p["quantities"] = {q: [rng.randint(300, 6000) for _ in range(n)] for q in qty}
    return p


def _pick(rng: random.Random, relevant: tuple[str, ...], every: tuple[str, ...], bias: float) -> str:
    pool = relevant if relevant and rng.random() < bias else every
    return rng.choice(pool)


def typical_firm(seed: int, catalogue: Catalogue, vocab: Vocabulary, years: tuple[int, int]) -> dict[str, Any]:
    """A typical client firm as a plain dict (Firm-shaped, int year keys); deterministic for the seed."""
    rng = random.Random(seed)
    y0, y1 = years
    district = rng.choice(DISTRICTS)
    tags = sorted(rng.sample([t for t in vocab.tags if t != "prohibited_catalog"], rng.randint(1, 4)))
    if rng.random() < 0.03:
        tags.append("prohibited_catalog")
    regions = [KEY_REGIONS_OF[district]] if district in KEY_REGIONS_OF and rng.random() < 0.6 else []
    est = date(rng.randint(2005, y0 - 1), rng.randint(1, 12), rng.randint(1, 28))
    dates: dict[str, Any] = {"established": est.isoformat(), "settled": est.isoformat()}
    if rng.random() < 0.2:
        moved = date(rng.randint(max(est.year, 2018), y0), rng.randint(1, 12), rng.randint(1, 28))
        dates.update(settled=moved.isoformat(), moved_in=moved.isoformat(),
                     moved_from_outside_beijing=rng.random() < 0.5)
    metrics = _metrics(rng, vocab, tags, y0, y1)
    statuses = _statuses(rng, metrics, tags, y0)
    rel_projects, rel_events = relevant_kinds(catalogue, district)
    all_projects, all_events = tuple(vocab.project_costs), tuple(vocab.event_values)
    events = _ladder(rng, y0, y1, statuses) if rng.random() < 0.6 else []
    other_events = tuple(k for k in all_events if k not in LADDER_KINDS)
    rel_other = tuple(k for k in rel_events if k not in LADDER_KINDS)
    chosen: set[str] = set()
    for i in range(rng.randint(1, 4)):
        kind = _pick(rng, tuple(k for k in rel_other if k not in chosen), other_events, 0.6)
        chosen.add(kind)
        events.append(_event(rng, vocab, i, kind, y0, y1))
    kinds_by_event = {e["kind"]: e["id"] for e in events}
    if "standard.international" in kinds_by_event and "standard.national" in kinds_by_event and rng.random() < 0.5:
        intl = next(e for e in events if e["id"] == kinds_by_event["standard.international"])
        intl["linked_to"] = [kinds_by_event["standard.national"]]
    projects = []
    for i in range(rng.randint(1, 5)):
        kinds = [_pick(rng, rel_projects, all_projects, 0.75)]
        if rng.random() < 0.1:
            kinds = sorted({*kinds, rng.choice(all_projects)})
        projects.append(_project(rng, vocab, i, kinds, y0, y1))
    return {
        "id": f"typical-{seed:06d}", "district": district, "key_regions": regions, "tags": tags,
        "statuses": statuses, "metrics": metrics, "dates": dates, "projects": projects, "events": events,
    }
