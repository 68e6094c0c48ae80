"""Turn variable values into a Plan: applications in yuan, the flexible schedule, and what binds each amount."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from grantstack.models.plan import Application, Plan
from grantstack.optimizer.candidates import Candidate
from grantstack.optimizer.context import Build
from grantstack.optimizer.linear import Row

__all__ = ["binding", "decode_plan", "schedule"]


def schedule(b: Build, values: Sequence[int]) -> dict[str, int | None]:
    """Year chosen for each flexible event (None: skipped) and the start of each flexible project."""
    out: dict[str, int | None] = {}
    for e in b.firm.events:
        if e.window is not None:
            out[e.id] = next((y for y in e.years() if values[b.happen[(e.id, y)]]), None)
    for p in b.firm.projects:
        if p.start_window is not None:
            out[p.id] = next((y for y in p.start_years() if values[b.start[(p.id, y)]]), None)
    return dict(sorted(out.items()))


def _lit(values: Sequence[int], lit: int) -> bool:
    return bool(values[lit]) if lit >= 0 else not values[~lit]


def _tight(row: Row, values: Sequence[int], var: int) -> bool:
    """The row holds with no slack in the direction that stops `var` from growing."""
    if not all(_lit(values, e) for e in row.enforce):
        return False
    act = sum(c * values[v] for v, c in zip(row.vars, row.coefs, strict=True))
    coef = row.coefs[row.vars.index(var)]
    return (coef > 0 and row.ub is not None and act >= row.ub) or (coef < 0 and row.lb is not None and act <= row.lb)


def binding(b: Build, chosen: list[Candidate], values: Sequence[int]) -> dict[int, str]:
    """For each chosen candidate's amount variable, the cap or rule that is tight on it."""
    want = {c.x for c in chosen}
    rows_of: dict[int, list[Row]] = defaultdict(list)
    for r in b.model.rows:
        if r.tag.startswith("link."):
            continue
        for v in r.vars:
            if v in want:
                rows_of[v].append(r)
    out: dict[int, str] = {}
    for c in chosen:
        if values[c.x] >= c.ub:
            out[c.x] = "ceiling (expected amount)" if c.planned < c.legal else "ceiling (legal maximum)"
        else:
            out[c.x] = next((r.tag for r in rows_of[c.x] if _tight(r, values, c.x)), "")
    return out


def decode_plan(b: Build, values: Sequence[int]) -> Plan:
    """The plan the values describe; applications sorted by year, measure and subject."""
    chosen = [c for c in b.cands if values[c.b]]
    binds = binding(b, chosen, values)
    apps = []
    for c in chosen:
        m = b.catalogue.measure(c.measure)
        apps.append(Application(
            measure=c.measure, subject=c.subject, year=c.year, amount=values[c.x] * b.unit,
            citation=m.citation(), binding=binds[c.x], discretionary=m.discretionary,
        ))
    apps.sort(key=lambda a: (a.year, a.measure, a.subject or ""))
    return Plan(firm=b.firm.id, years=b.years, applications=tuple(apps), schedule=schedule(b, values))
