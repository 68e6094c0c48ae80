"""Turn variable values into a Plan: applications in yuan, the flexible schedule, and what binds each amount."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from grantstack.models.flags import flags_of, groups_cover
from grantstack.models.plan import Application, Plan
from grantstack.optimizer.candidates import Candidate
from grantstack.optimizer.context import Build
from grantstack.optimizer.linear import LinearModel, Row

__all__ = ["amount_of", "binding", "decode_plan", "fill", "schedule"]


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


def amount_of(c: Candidate, values: Sequence[int]) -> int:
    """The candidate's amount in money units."""
    return sum(k * values[v] for v, k in c.amount)


def _lit(values: Sequence[int], lit: int) -> bool:
    return bool(values[lit]) if lit >= 0 else not values[~lit]


def _activity(row: Row, values: Sequence[int]) -> int:
    return sum(c * values[v] for v, c in zip(row.vars, row.coefs, strict=True))


def _tight(row: Row, values: Sequence[int], var: int) -> bool:
    """The row holds with no slack in the direction that stops `var` from growing."""
    if not all(_lit(values, e) for e in row.enforce):
        return False
    act = _activity(row, values)
    coef = row.coefs[row.vars.index(var)]
    return (coef > 0 and row.ub is not None and act >= row.ub) or (coef < 0 and row.lb is not None and act <= row.lb)


def _rows_of(model: LinearModel, want: set[int]) -> dict[int, list[Row]]:
    rows_of: dict[int, list[Row]] = defaultdict(list)
    for r in model.rows:
        if want.isdisjoint(r.vars) or r.tag.startswith("link."):
            continue
        for v in r.vars:
            if v in want:
                rows_of[v].append(r)
    return rows_of


def binding(b: Build, chosen: list[Candidate], values: Sequence[int]) -> dict[int, str]:
    """For each chosen candidate (by id), the ceiling, cap or rule that holds its amount where it is."""
    fulls = [amount_of(c, values) >= c.ub for c in chosen]
    want = {c.x for c, full in zip(chosen, fulls, strict=True) if not full and c.x >= 0}
    rows_of = _rows_of(b.model, want) if want else {}  # only amounts below their ceiling look for a tight row
    out: dict[int, str] = {}
    for c, full in zip(chosen, fulls, strict=True):
        if full and c.limited:
            out[id(c)] = c.limited
        elif full:
            out[id(c)] = "ceiling (expected amount)" if c.planned < c.legal else "ceiling (legal maximum)"
        else:
            out[id(c)] = next((r.tag for r in rows_of.get(c.x, ()) if _tight(r, values, c.x)), "")
    return out


def fill(b: Build, values: list[int]) -> list[int]:
    """Raise each applied amount variable below its ceiling as far as every row it is in allows (in candidate
    order): a plan stopped before proof pays fixed awards in full wherever no cap or ladder holds them."""
    short = [c for c in b.cands if c.x >= 0 and values[c.b] and values[c.x] < c.ub]
    if not short:
        return values
    values = list(values)
    rows_of = _rows_of(b.model, {c.x for c in short})
    for c in short:
        room = c.ub - values[c.x]
        for r in rows_of.get(c.x, ()):
            if room <= 0:
                break
            if not all(_lit(values, e) for e in r.enforce):
                continue
            k = r.coefs[r.vars.index(c.x)]
            act = _activity(r, values)
            if k > 0 and r.ub is not None:
                room = min(room, (r.ub - act) // k)
            if k < 0 and r.lb is not None:
                room = min(room, (act - r.lb) // -k)
        if room > 0:
            values[c.x] += room
    return values


def decode_plan(b: Build, values: Sequence[int], explain: bool = True) -> Plan:
    """The plan the values describe; applications sorted by year, measure and subject. `explain=False` leaves out
    what binds each amount and the lines' flags (the readings need only the lines, to total and check them)."""
    chosen = [c for c in b.cands if values[c.b]]
    chosen.sort(key=lambda c: (c.year, c.measure, c.subject or ""))
    binds = binding(b, chosen, values) if explain else {}
    sched = schedule(b, values)
    cat, firm, interp = b.catalogue, b.firm, b.interp
    cover, options = (groups_cover(cat), interp.non_default()) if explain else ({}, {})
    apps = []
    for c in chosen:
        m = cat.measure(c.measure)
        flags = flags_of(cat, firm, c.measure, c.subject, c.year, interp, sched, cover, options) if explain else ()
        apps.append(Application(  # with what each line rests on (models.flags), as flag_plan would mark it
            measure=c.measure, subject=c.subject, year=c.year, amount=amount_of(c, values) * b.unit,
            citation=m.citation(), binding=binds.get(id(c), ""),
            discretionary="discretionary" in flags if explain else m.discretionary, flags=flags,
        ))
    return Plan(firm=firm.id, years=b.years, applications=tuple(apps), schedule=sched)
