"""The whole group as one CP-SAT model: every slot's entity model side by side, placement literals gating the
units' applications, the new entity's district gating all of its own; group limits as rows across entities.

Exact, and the only exact method when group limits couple the entities; otherwise far slower than
decomposing (benchmarks/group_bench.py measures both), because one search must prove all entities at once.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field
from fractions import Fraction

from grantstack.models.catalogue import Catalogue
from grantstack.models.errors import InputError
from grantstack.models.group import Group
from grantstack.models.group_expand import Slot, Unit, allowed_slots, entity_firm, slots, units
from grantstack.models.group_options import GroupOptions
from grantstack.models.options import PlanOptions
from grantstack.models.plan import Plan
from grantstack.optimizer.assemble import build_model
from grantstack.optimizer.context import Build
from grantstack.optimizer.decode import decode_plan
from grantstack.optimizer.group.decompose import Outcome
from grantstack.optimizer.group.master import common_point
from grantstack.optimizer.group.slot_model import Clock
from grantstack.optimizer.linear import LinearModel, Row
from grantstack.optimizer.result import PlanResult, SolveStatus
from grantstack.optimizer.solve import check, solve_cpsat

__all__ = ["MergedProblem"]


@dataclass
class _Part:
    slot: Slot
    build: Build
    offset: int
    lits: dict[str, list[int]]  # unit id -> active literals (merged indexes)


def _shift(lit: int, offset: int) -> int:
    return lit + offset if lit >= 0 else ~(~lit + offset)


def _terms(lit: int) -> tuple[int, int, int]:
    """A literal as coef x var + const: v is 1 x v + 0, not v is -1 x v + 1."""
    return (lit, 1, 0) if lit >= 0 else (~lit, -1, 1)


@dataclass
class MergedProblem:
    """The merged model of a group, built once; re-solved with choices forbidden."""

    catalogue: Catalogue
    group: Group
    years: tuple[int, int]
    options: PlanOptions
    group_options: GroupOptions
    units: tuple[Unit, ...] = ()
    allowed: dict[str, tuple[Slot, ...]] = field(default_factory=dict)
    parts: list[_Part] = field(default_factory=list)
    model: LinearModel = field(default_factory=LinearModel)
    x: dict[tuple[str, Slot], int] = field(default_factory=dict)
    z: dict[str, int] = field(default_factory=dict)
    point: Fraction = Fraction(1)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0
    last: list[int] = field(default_factory=list)
    last_status: SolveStatus = SolveStatus.UNKNOWN
    clock: Clock | None = None
    overrides: dict[str, object] = field(default_factory=dict)  # CP-SAT parameters (benchmarks)

    @classmethod
    def build(cls, catalogue: Catalogue, group: Group, years: tuple[int, int], options: PlanOptions,
              group_options: GroupOptions) -> MergedProblem:
        """Build every slot's model with all the units it may carry and join them into one model."""
        t0 = time.perf_counter()
        p = cls(catalogue, group, years, options, group_options, units(group), clock=Clock(options))
        p.allowed = {u.id: allowed_slots(group, u, group_options) for u in p.units}
        if any(u.history and any(s.entity != u.started_by for s in p.allowed[u.id]) for u in p.units):
            raise InputError(f"group '{group.id}': a started project with past awards may move (option "
                             "move_started_projects), which the merged method cannot model; use method decompose "
                             "(group limits need the merged method, so not both).")
        m = p.model
        for s in slots(group):
            mine = [u for u in p.units if s in p.allowed[u.id]]
            firm = entity_firm(group, s, {}, group_options, present=[u.id for u in mine])
            b = build_model(catalogue, firm, years, options)
            offset = m.num_vars
            m.names += [f"{s.key}:{n}" for n in b.model.names]
            m.lbs += b.model.lbs
            m.ubs += b.model.ubs
            m.rows += [Row(tuple(v + offset for v in r.vars), r.coefs, r.lb, r.ub,
                           tuple(_shift(e, offset) for e in r.enforce), f"{s.key}:{r.tag}") for r in b.model.rows]
            items = {i: u.id for u in mine for i in u.items}
            lits: dict[str, list[int]] = defaultdict(list)
            for c in b.cands:
                lits[items.get(c.subject or "", "")].append(_shift(c.b, offset))
            p.parts.append(_Part(s, b, offset, dict(lits)))
        p.point = common_point([part.build.yuan_per_point for part in p.parts])
        p._link()
        p.seconds = time.perf_counter() - t0
        return p

    def _link(self) -> None:
        m = self.model
        self.z = {d: m.new_bool(f"district[{d}]") for d in sorted({s.district for s in slots(self.group) if s.new})}
        if self.z:
            m.add(list(self.z.values()), [1] * len(self.z), lb=1, ub=1, tag="one district")
        for u, ss in self.allowed.items():
            for s in ss:
                self.x[(u, s)] = m.new_bool(f"x[{u}@{s.key}]")
                if s.new:
                    m.add([self.x[(u, s)], self.z[s.district]], [1, -1], ub=0, tag="placed with the new entity")
            m.add([self.x[(u, s)] for s in ss], [1] * len(ss), lb=1, ub=1, tag="carried by one entity")
        objective: dict[int, int] = {}
        per_year: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for part in self.parts:
            gates = [self.z[part.slot.district]] if part.slot.new else []
            for unit, lits in part.lits.items():
                gate = gates + ([self.x[(unit, part.slot)]] if unit else [])
                for lit in lits:
                    var, coef, const = _terms(lit)
                    for g in gate:  # the application needs its unit placed here (and the district chosen)
                        m.add([var, g], [coef, -1], ub=-const, tag="group.gate")
            f = part.build.yuan_per_point / self.point
            assert f.denominator == 1
            for v, k in part.build.model.objective.items():
                objective[v + part.offset] = objective.get(v + part.offset, 0) + int(f) * k
            for c in part.build.cands:
                effort = self.catalogue.measure(c.measure).effort
                per_year[c.year].append((_shift(c.b, part.offset), effort))
        lim = self.group.limits
        for y, entries in sorted(per_year.items()):
            for limit, weight in ((lim.applications_per_year, False), (lim.effort_per_year, True)):
                if limit is None:
                    continue
                vs, ks, const = [], [], 0
                for lit, effort in entries:
                    var, coef, c0 = _terms(lit)
                    w = effort if weight else 1
                    vs.append(var)
                    ks.append(coef * w)
                    const += c0 * w
                m.add(vs, ks, ub=limit - const, tag=f"group.limit {y}")
        m.maximize(objective)

    def solve(self, forbid: list[tuple[str, Slot]], district: str | None) -> Outcome:
        """The best placement with these choices forbidden, by one CP-SAT solve of the merged model."""
        t0 = time.perf_counter()
        m = self.model.copy()
        for key in forbid:
            m.ubs[self.x[key]] = 0
        if district is not None:
            m.ubs[self.z[district]] = 0
        assert self.clock is not None
        run = solve_cpsat(m, {**self.clock.params(), **self.overrides})
        if run.objective is None:
            return Outcome(run.status, {}, None, Fraction(0), Fraction(0), 1, time.perf_counter() - t0)
        self.last, self.last_status = run.values, run.status
        placement = {u: s for (u, s), v in self.x.items() if run.values[v]}
        chosen = next((d for d, v in self.z.items() if run.values[v]), None)
        bound = max(int(run.bound) if run.bound is not None else run.objective, run.objective)
        return Outcome(run.status, placement, chosen, run.objective * self.point, bound * self.point, 1,
                       time.perf_counter() - t0)

    def decoded(self, o: Outcome) -> dict[str, PlanResult]:
        """Each active entity's plan decoded from the last solve (stage 1 of the merged model), checked."""
        out = {}
        for part in self.parts:
            s = part.slot
            if s.new and s.district != o.district:
                continue
            n = part.build.model.num_vars
            values = self.last[part.offset:part.offset + n]
            placed = {i for u in self.units if o.placement.get(u.id) == s for i in u.items}
            firm = entity_firm(self.group, s, {i: s.entity for i in placed}, self.group_options)
            raw = decode_plan(part.build, values)
            mine = {p.id for p in firm.projects} | {e.id for e in firm.events}
            plan = Plan(firm=s.entity, years=self.years, applications=raw.applications,
                        schedule={k: v for k, v in raw.schedule.items() if k in mine})
            objective = sum(k * values[v] for v, k in part.build.model.objective.items()) + part.build.model.offset
            out[s.entity] = PlanResult(
                status=self.last_status, firm=s.entity, years=self.years, plan=plan, total_yuan=plan.total,
                objective=float(objective * part.build.yuan_per_point), money_unit=self.options.money_unit,
                options=self.options, violations=check(self.catalogue, firm, plan, self.options),
                notes=("decoded from the group's merged model (group limits): stage 1, not the canonical plan",))
        return out

    def stats(self) -> dict[str, float]:
        """Size of the merged model."""
        return {f"merged_{k}": float(v) for k, v in self.model.size().items()}
