"""Fixed awards are paid in full or not at all (finding W0).

A fixed, per-unit, milestone or tier-table amount that is not 'up to' is paid at its legal amount (lowered
to the firm's stated expectation under discretionary=expected); a ladder tier at that amount minus what
the ladder paid before it (past awards, earlier years, lower tiers of the same year). Less is legal only
where a cap, slice or shared cap that counts the payment is reached. With a money unit u the plan may sit
up to u - 1 yuan below (every ceiling is floored to the unit).
"""

from __future__ import annotations

from grantstack.models.amounts import Fixed, Milestones, PerUnit, Tiers
from grantstack.models.checks.caps import cap_groups
from grantstack.models.checks.ledger import Ledger, Payment
from grantstack.models.legal import applicable, planned_ceiling
from grantstack.models.measure import Measure

__all__ = ["check_full_awards", "fixed_form"]


def fixed_form(m: Measure) -> bool:
    """True if the law fixes the amount (no 'up to'): fixed, per unit, milestones, a non-discretionary tier table."""
    return isinstance(m.amount, (Fixed, PerUnit, Milestones)) or (isinstance(m.amount, Tiers) and not m.discretionary)


def _ladder_before(led: Ledger, p: Payment) -> int:
    """What the payment's ladder paid before it: past awards, earlier years, lower tiers of the same year."""
    lad = led.catalogue.ladder_of(p.measure)
    if lad is None:
        return 0
    rank = {mid: i for i, mid in enumerate(lad.tiers)}
    k = rank[p.measure]
    return sum(q.amount for q in led.known() if q.measure in rank and q is not p
               and (not q.planned or q.year < p.year or (q.year == p.year and rank[q.measure] < k)))


def _capped(led: Ledger, tolerance: int) -> set[int]:
    """Plan indices of payments counted by a cap whose total is reached."""
    out: set[int] = set()
    for g in cap_groups(led):
        if sum(q.amount for q in g.payments) >= g.limit - tolerance:
            out.update(q.index for q in g.payments if q.planned)
    return out


def check_full_awards(led: Ledger, tolerance: int = 0) -> None:
    """Every planned fixed award is its full amount, unless a reached cap counts it."""
    capped: set[int] | None = None
    for p in led.payments:
        m = led.catalogue.by_id.get(p.measure)
        if not p.planned or m is None or not fixed_form(m):
            continue
        ctx = led.context(p)
        if (p.subject is not None and ctx.anchor is None) or not applicable(m, ctx, led.interp).ok:
            continue  # reported by the application checks
        full = max(0, planned_ceiling(m, ctx, led.interp, led.catalogue) - _ladder_before(led, p))
        if p.amount + tolerance >= full:
            continue
        capped = _capped(led, tolerance) if capped is None else capped
        if p.index in capped:
            continue
        led.add("full_award", f"{m.id} is a fixed award: {full} yuan in full (its amount"
                f"{' less what its ladder paid before' if led.catalogue.ladder_of(m.id) else ''}) or nothing; "
                f"{p.amount} yuan is allowed only where a cap that counts it is reached", p, limit=full)
