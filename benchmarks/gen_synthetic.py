"""Seeded synthetic catalogues and firms with a configurable rule mix, built from model objects."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from grantstack.models.amounts import BaseRef, Fixed, Matching, PerUnit, Rate, Schedule, UpTo
from grantstack.models.catalogue import Catalogue
from grantstack.models.firm import Firm
from grantstack.models.measure import Edition, Measure, Validity
from grantstack.models.predicates import HasTags, MetricRange, StatusHeld
from grantstack.models.rules import Cap, ExclusiveGroup, Ladder, NoRepeat, SharedCap, Source, Timing

__all__ = ["Mix", "synthetic_instance"]

SRC = Source(seed="synthetic", item="generated", clause="Synthetic benchmark clause, not a law.")
EDITION = Edition(year=2024, note="synthetic")
TAGS = ("t0", "t1", "t2", "t3", "t4", "t5")


@dataclass(frozen=True)
class Mix:
    """Probabilities of each rule feature in a synthetic catalogue."""

    project: float = 0.45
    event: float = 0.30
    cap_year: float = 0.2
    cap_subject: float = 0.15
    cap_firm: float = 0.1
    cap_subject_year: float = 0.05
    max_years: float = 0.35
    eligibility: float = 0.3
    matching: float = 0.12
    groups_per_measure: float = 1 / 8
    shared_caps_per_measure: float = 1 / 10
    ladders_per_measure: float = 1 / 15


def _money(rng: random.Random, lo: float, hi: float) -> int:
    return int(round(10 ** rng.uniform(lo, hi), -3))


@dataclass
class _Ctx:
    rng: random.Random
    mix: Mix
    years: tuple[int, int]
    project_kinds: tuple[str, ...]
    event_kinds: tuple[str, ...]


def _caps(c: _Ctx, subject: str, timing: Timing) -> tuple[Cap, ...]:
    rng, mix, out = c.rng, c.mix, []
    if rng.random() < mix.cap_year:
        out.append(Cap(per="year", amount=_money(rng, 5.3, 6.8)))
    if subject != "firm" and rng.random() < mix.cap_subject:
        slice_ = (2, 3) if timing.max_years and timing.max_years >= 3 and rng.random() < 0.3 else None
        out.append(Cap(per="subject", amount=_money(rng, 5.5, 7), support_years=slice_))
    if rng.random() < mix.cap_firm:
        out.append(Cap(per="firm", amount=_money(rng, 5.8, 7.2)))
    if subject != "firm" and rng.random() < mix.cap_subject_year:
        out.append(Cap(per="subject_year", amount=_money(rng, 5.2, 6.5)))
    return tuple(out)


def _eligibility(c: _Ctx) -> tuple[Any, ...]:
    rng = c.rng
    if rng.random() >= c.mix.eligibility:
        return ()
    pick = rng.random()
    if pick < 0.5:
        return (HasTags(any_of=tuple(sorted(rng.sample(TAGS, 2)))),)
    if pick < 0.75:
        return (StatusHeld(status=rng.choice(("s0", "s1"))),)
    return (MetricRange(metric="revenue", year_offset=-1, at_least=_money(rng, 6.5, 8)),)


def _timing(c: _Ctx, subject: str) -> Timing:
    r = c.rng.random()
    if subject == "project":
        if r < c.mix.max_years:
            return Timing(max_years=c.rng.choice((2, 3)))
        return Timing(once="subject") if r < c.mix.max_years + 0.3 else Timing()
    if subject == "event":
        lag = 1 if c.rng.random() < 0.1 else 0
        return Timing(once="subject" if r < 0.7 else "firm" if r < 0.8 else "none", lag_years=lag)
    if r < 0.2:
        return Timing(once="firm")
    return Timing(max_years=3) if r < 0.2 + c.mix.max_years / 2 else Timing()


def _amount(c: _Ctx, subject: str, targets: list[Measure]) -> tuple[Any, Measure | None]:
    rng, r = c.rng, c.rng.random()
    if targets and r < c.mix.matching:
        t = rng.choice(targets)
        return Matching(percent=Decimal(rng.choice((50, 100))), target_measure=t.id,
                        cap=_money(rng, 5, 6.5) if rng.random() < 0.5 else None), t
    r = rng.random()
    cap = _money(rng, 5.5, 7) if rng.random() < 0.7 else None
    if subject == "project":
        if r < 0.4:
            base = BaseRef(of="project", field="investment", year_offset=-1 if rng.random() < 0.15 else 0)
            return Rate(percent=Decimal(rng.choice((10, 20, 30, 50))), base=base, cap=cap), None
        if r < 0.6:
            pct = rng.choice(((30, 20, 10), (50, 30), (40,)))
            return Schedule(percents=tuple(Decimal(p) for p in pct), base=BaseRef(of="project", field="rent"),
                            cap=cap), None
        if r < 0.8:
            return UpTo(max=_money(rng, 5, 6.7)), None
        return Fixed(amount=_money(rng, 4.7, 6.3)), None
    if subject == "event":
        if r < 0.35:
            return Fixed(amount=_money(rng, 4.7, 6.5)), None
        if r < 0.6:
            return PerUnit(unit_amount=_money(rng, 4.5, 5.7), cap=cap), None
        if r < 0.8:
            return UpTo(max=_money(rng, 5, 6.7)), None
        return Rate(percent=Decimal(rng.choice((30, 50))), base=BaseRef(of="event", field="expenses"), cap=cap), None
    if r < 0.5:
        field = rng.choice(("rd_spend", "investment"))
        return Rate(percent=Decimal(rng.choice((5, 10, 20))), base=BaseRef(of="firm", field=field), cap=cap), None
    if r < 0.8:
        return Fixed(amount=_money(rng, 4.7, 6.3)), None
    return UpTo(max=_money(rng, 5, 6.5)), None


def _measure(c: _Ctx, i: int, subject: str, pool: dict[str, list[Measure]]) -> Measure:
    rng = c.rng
    targets = [m for m in pool[subject] if not isinstance(m.amount, Matching)]
    amount, target = _amount(c, subject, targets)
    timing = _timing(c, subject)
    kw: dict[str, Any] = {}
    if subject == "project":
        kw["project_kinds"] = target.project_kinds if target else tuple(sorted(rng.sample(c.project_kinds, 2)))
    if subject == "event":
        kw["event_kinds"] = target.event_kinds if target else tuple(sorted(rng.sample(c.event_kinds, 2)))
        if target is not None:
            timing = Timing(once=timing.once, lag_years=target.timing.lag_years)
    r = rng.random()
    if r < 0.15:
        kw.update(level="district", district="haidian")
    elif r < 0.18:
        kw.update(level="district", district="miyun")
    else:
        kw["level"] = "municipal"
    if rng.random() < 0.1:
        kw["validity"] = Validity(end=date(rng.randint(c.years[0], c.years[1]), 12, 31))
    if subject == "firm":
        kw["matter"] = f"topic{rng.randint(0, 3)}"
    return Measure(id=f"m{i:03d}", title=f"Synthetic measure {i}", issuer="synthetic", source=SRC, edition=EDITION,
                   subject=subject, amount=amount, caps=_caps(c, subject, timing), timing=timing,
                   eligibility=_eligibility(c), **kw)


def _ladder(c: _Ctx, j: int, start: int) -> tuple[list[Measure], Ladder]:
    rng, n = c.rng, c.rng.choice((2, 3))
    amounts = sorted(_money(c.rng, 5, 6.8) for _ in range(n))
    tiers = [Measure(id=f"m{start + k:03d}", title=f"Ladder {j} tier {k}", level="municipal", issuer="synthetic",
                     source=SRC, edition=EDITION, subject="event", event_kinds=(f"rung{j}.{k}",),
                     amount=Fixed(amount=a) if rng.random() < 0.6 else UpTo(max=a), timing=Timing(once="firm"))
             for k, a in enumerate(amounts)]
    return tiers, Ladder(id=f"ladder{j}", tiers=tuple(m.id for m in tiers), source=SRC)


def _catalogue(c: _Ctx, n: int) -> tuple[Catalogue, list[Ladder]]:
    rng, mix = c.rng, c.mix
    n_ladders = int(n * mix.ladders_per_measure) if n >= 8 else 0
    measures: list[Measure] = []
    ladders: list[Ladder] = []
    for j in range(n_ladders):
        tiers, lad = _ladder(c, j, len(measures))
        measures += tiers
        ladders.append(lad)
    pool: dict[str, list[Measure]] = {"project": [], "event": [], "firm": []}
    while len(measures) < n:
        r = rng.random()
        subject = "project" if r < mix.project else "event" if r < mix.project + mix.event else "firm"
        m = _measure(c, len(measures), subject, pool)
        pool[subject].append(m)
        measures.append(m)
    groups = []
    for g in range(int(n * mix.groups_per_measure) if n >= 4 else 0):
        subject = rng.choice([s for s, ms in pool.items() if len(ms) >= 2] or ["project"])
        if len(pool[subject]) < 2:
            continue
        members = sorted(m.id for m in rng.sample(pool[subject], min(len(pool[subject]), rng.choice((2, 3)))))
        if subject == "event" and ladders and rng.random() < 0.3:
            members = sorted({*members[:1], rng.choice(ladders).id})
        scope = rng.choice(("option", "option", "matter", "entity_year", "entity"))
        kind = "most_favourable" if rng.random() < 0.8 else "routes"
        groups.append(ExclusiveGroup(id=f"group{g}", kind=kind, members=tuple(members), scope=scope, source=SRC))
    caps = []
    for s in range(max(1, int(n * mix.shared_caps_per_measure)) if n >= 3 else 0):
        members = sorted(m.id for m in rng.sample(measures, min(len(measures), rng.randint(2, 4))))
        per = rng.choice(("year", "year", "firm"))
        caps.append(SharedCap(id=f"shared{s}", measures=tuple(members), per=per, amount=_money(rng, 5.8, 7.2),
                              source=SRC))
    no_repeat = []
    if len(pool["event"]) >= 2 and n >= 10:
        members = sorted(m.id for m in rng.sample(pool["event"], 2))
        no_repeat.append(NoRepeat(id="norepeat0", measures=tuple(members), source=SRC))
    cat = Catalogue(measures=tuple(measures), groups=tuple(groups), ladders=tuple(ladders), caps=tuple(caps),
                    no_repeat=tuple(no_repeat))
    return cat, ladders


def _series(rng: random.Random, n: int, lo: float, hi: float) -> list[int]:
    return [_money(rng, lo, hi) for _ in range(n)]


def _firm(c: _Ctx, n_projects: int, ladders: list[Ladder], catalogue: Catalogue) -> Firm:
    rng, (y0, y1) = c.rng, c.years
    ys = range(y0 - 3, y1 + 1)
    rev = 10 ** rng.uniform(7, 9)
    metrics = {"revenue": {y: int(round(rev * (1.1 ** (y - y0)), -3)) for y in ys}}
    metrics["rd_spend"] = {y: v // 10 for y, v in metrics["revenue"].items()}
    metrics["investment"] = {y: v // 7 for y, v in metrics["revenue"].items()}
    projects = []
    for i in range(n_projects):
        kinds = tuple(sorted(rng.sample(c.project_kinds, 1 if rng.random() < 0.8 else 2)))
        dur = rng.randint(1, min(4, y1 - y0 + 1))
        p: dict[str, Any] = {"id": f"p{i:03d}", "kinds": kinds,
                             "costs": {"investment": _series(rng, dur, 5.5, 7.5), "rent": _series(rng, dur, 5, 6.5)}}
        if rng.random() < 0.8:
            p["start"] = rng.randint(y0 - 1, y1)
        else:
            a = rng.randint(y0, max(y0, y1 - 1))
            p["start_window"] = (a, min(y1, a + 2))
        projects.append(p)
    events: list[dict[str, Any]] = []
    for i in range(max(2, n_projects // 2)):
        e: dict[str, Any] = {"id": f"e{i:03d}", "kind": rng.choice(c.event_kinds), "count": rng.randint(1, 5),
                             "values": {"expenses": _money(rng, 5, 7)}}
        if rng.random() < 0.6:
            e["year"] = rng.randint(y0, y1)
        else:
            a = rng.randint(y0, max(y0, y1 - 1))
            e.update(window=(a, min(y1, a + 2)), optional=rng.random() < 0.4)
        if rng.random() < 0.1:
            e["first_time"] = False
        events.append(e)
    if catalogue.no_repeat and len(events) >= 2:
        events[1]["linked_to"] = (events[0]["id"],)
    for lad in ladders:
        j = lad.id.removeprefix("ladder")
        prev = None
        for k in range(len(lad.tiers)):
            e = {"id": f"l{j}-{k}", "kind": f"rung{j}.{k}", "grants": ("s1",) if k == 0 else ()}
            if prev is None and rng.random() < 0.5:
                e["year"] = rng.randint(y0, y1)
            else:
                e.update(window=(y0 + k, y1), optional=prev is not None)
            if prev is not None:
                e["requires"] = ({"event": prev, "min_gap_years": 1},)
            events.append(e)
            prev = e["id"]
    history = []
    firm_measures = [m for m in catalogue.measures if m.subject == "firm"]
    for m in rng.sample(firm_measures, min(len(firm_measures), rng.randint(0, 2))):
        limits = [c.amount for c in m.caps] + [c.amount for c in catalogue.caps if m.id in c.measures]
        amount = min([_money(rng, 4.5, 5.5), *(x // 2 for x in limits)])
        history.append({"measure": m.id, "year": y0 - 1, "amount": amount})
    expected = {m.id: m.amount.max // 2 for m in firm_measures if isinstance(m.amount, UpTo) and rng.random() < 0.3}
    return Firm.model_validate({
        "id": "synthetic", "district": "haidian", "tags": sorted(rng.sample(TAGS, 3)),
        "statuses": [{"status": "s0", "since": y0 - 2}], "metrics": metrics, "projects": projects,
        "events": events, "history": history, "expected": expected,
        "dates": {"established": date(2015, 3, 1)},
    })


def synthetic_instance(seed: int, measures: int, projects: int, years: int,
                       mix: Mix | None = None) -> tuple[Catalogue, Firm, tuple[int, int]]:
    """A synthetic (catalogue, firm, horizon) of the given size; deterministic for the seed."""
    rng = random.Random(seed)
    horizon = (2025, 2025 + years - 1)
    kp = tuple(f"k{i:02d}" for i in range(max(3, min(20, measures // 3))))
    ke = tuple(f"e{i:02d}" for i in range(max(3, min(15, measures // 4))))
    c = _Ctx(rng, mix or Mix(), horizon, kp, ke)
    catalogue, ladders = _catalogue(c, measures)
    return catalogue, _firm(c, projects, ladders, catalogue), horizon
