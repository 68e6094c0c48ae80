"""Why each relevant measure is in or out of the best plan, and what forcing it in would cost."""

from __future__ import annotations

from collections import defaultdict

from grantstack.models.amounts import Matching
from grantstack.models.catalogue import Catalogue
from grantstack.models.firm import Firm
from grantstack.models.measure import Measure
from grantstack.models.options import PlanOptions
from grantstack.models.plan import Plan
from grantstack.optimizer.assemble import build_model
from grantstack.optimizer.candidates import relevant
from grantstack.optimizer.context import Build
from grantstack.optimizer.decode import decode_plan
from grantstack.optimizer.result import Explanation, SolveStatus
from grantstack.optimizer.rules.groups import rules_in_force
from grantstack.optimizer.solve import CpSatRun, solve_cpsat, solve_model, solver_parameters

__all__ = ["explain"]

OK = (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE)


def _totals(plan: Plan | None) -> dict[str, int]:
    out: dict[str, int] = defaultdict(int)
    for a in plan.applications if plan else ():
        out[a.measure] += a.amount
    return out


def _eligibility_rule(reason: str) -> str:
    if "one-time" in reason:
        return "timing.once"
    if "window" in reason:
        return "timing.window"
    if "pays nothing" in reason:
        return "ceiling"
    return "eligibility"


def _links(b: Build, mid: str, other: str) -> list[tuple[str, str]]:
    """Rules that tie two measures: (rule kind, description)."""
    cat, out = b.catalogue, []
    for g in rules_in_force(b):
        p, q = g.policy(mid), g.policy(other)
        if p is not None and q is not None and p != q:
            out.append(("group", f"group {g.id} ({g.kind}, scope {g.scope})"))
    out += [("ladder", f"ladder {lad.id}") for lad in cat.ladders if {mid, other} <= set(lad.tiers)]
    out += [("cap", f"shared cap {c.id} ({c.per})") for c in cat.caps if {mid, other} <= set(c.measures)]
    out += [("no_repeat", f"no-repeat rule {r.id}") for r in cat.no_repeat if {mid, other} <= set(r.measures)]
    return out


def _infeasible_reason(m: Measure) -> str:
    if isinstance(m.amount, Matching) and m.amount.target_measure:
        return f"no legal plan includes it: it matches {m.amount.target_measure}, which cannot pay alongside it"
    if m.bonus_to:
        return f"no legal plan includes it: a bonus needs one of {', '.join(m.bonus_to)} in the same year"
    return "no legal plan includes it together with the firm's fixed events and projects"


def _forced(b: Build, mid: str, params: dict[str, object], base: CpSatRun, base_plan: Plan | None) -> Explanation:
    m = b.catalogue.measure(mid)
    model = b.model.copy()
    model.add(*b.actives(b.by_measure[mid]), lb=1, tag=f"explain.force {mid}")
    run = solve_cpsat(model, params)
    common = {"measure": mid, "title": m.title, "in_plan": False, "citation": m.citation()}
    if run.status not in OK or run.objective is None:
        return Explanation(**common, reason=_infeasible_reason(m), rule="infeasible")
    scale = b.yuan_per_point
    forced_value = round(run.objective * scale)
    lost = round((base.objective or 0) * scale) - forced_value
    before, after = _totals(base_plan), _totals(decode_plan(b, run.values))
    displaced = sorted(x for x in before if after.get(x, 0) < before[x] and x != mid)
    links = [(kind, text, x) for x in displaced for kind, text in _links(b, mid, x)]
    if links:
        kinds = sorted({k for k, _, _ in links})
        rules = sorted({t for _, t, _ in links})
        winners = sorted({x for _, _, x in links})
        reason = f"excluded by {'; '.join(rules)} in favour of {', '.join(winners)}"
        rule = kinds[0]
    elif lost <= 0:
        reason, rule = "worth nothing more: an equally good plan includes it", "value"
    elif b.options.max_applications_per_year is not None:
        reason, rule = "the yearly application capacity is better used on other measures", "capacity"
    elif displaced:
        reason, rule = f"including it displaces {', '.join(displaced)} (timing of events or caps)", "value"
    else:
        reason, rule = "including it lowers the plan's value (effort cost, discounting or timing)", "value"
    return Explanation(**common, reason=f"{reason}; forcing it in loses {lost:,} yuan", rule=rule,
                       value_if_forced=forced_value, value_lost=lost)


def explain(
    catalogue: Catalogue, firm: Firm, years: tuple[int, int] = (2025, 2029), options: PlanOptions | None = None
) -> list[Explanation]:
    """For every measure of the firm's district or the city (not informational): in the plan or why not."""
    options = options or PlanOptions()
    b = build_model(catalogue, firm, years, options)
    params = solver_parameters(options)
    base = solve_model(b)
    base_plan = decode_plan(b, base.values) if base.status in OK else None
    totals = _totals(base_plan)
    out = []
    for m in catalogue.measures:
        if not relevant(m, firm):
            continue
        if m.id in totals:
            n = sum(1 for a in base_plan.applications if a.measure == m.id) if base_plan else 0
            out.append(Explanation(measure=m.id, title=m.title, in_plan=True, citation=m.citation(),
                                   reason=f"in the plan: {n} application(s), {totals[m.id]:,} yuan"))
        elif m.id not in b.by_measure:
            reason = b.candidates.reasons.get(m.id, "no application possible")
            out.append(Explanation(measure=m.id, title=m.title, in_plan=False, citation=m.citation(),
                                   reason=f"not applicable: {reason}", rule=_eligibility_rule(reason)))
        elif base.status not in OK:
            out.append(Explanation(measure=m.id, title=m.title, in_plan=False, citation=m.citation(),
                                   reason=f"no plan was found ({base.status})", rule="infeasible"))
        else:
            out.append(_forced(b, m.id, params, base, base_plan))
    return out
