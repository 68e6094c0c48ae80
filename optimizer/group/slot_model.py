"""One slot's model: the entity with every unit it may carry, built once; values of any subset of units by
switching the other units' applications off, and an upper bound on what one unit can add.

Why switching off is exact: a placeable unit grants no status and refers to no other entity's item, so a unit
that is present but pays nothing changes nothing else in the entity's model. The one exception, a started
project's past awards taken to a new carrier, changes the carrier's history; such units get their own builds.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from fractions import Fraction

from grantstack.models.catalogue import Catalogue
from grantstack.models.group import Group
from grantstack.models.group_expand import Slot, Unit, entity_firm
from grantstack.models.group_options import GroupOptions
from grantstack.models.options import PlanOptions
from grantstack.optimizer.assemble import build_model
from grantstack.optimizer.candidates import Candidate
from grantstack.optimizer.context import Build
from grantstack.optimizer.linear import LinearModel
from grantstack.optimizer.result import SolveStatus
from grantstack.optimizer.solve import WallClockExceeded, solve_cpsat, solver_parameters

__all__ = ["Clock", "SlotModel", "Value"]


@dataclass
class Clock:
    """The wall-clock safety limit of a whole group run (option time_limit): every solve gets what is left; past it
    the run stops with an error, never with a different plan (each solve's budget is deterministic, work_limit)."""

    options: PlanOptions
    start: float = field(default_factory=time.perf_counter)

    def params(self) -> dict[str, object]:
        """CP-SAT parameters for the next solve."""
        left = self.start + float(self.options.time_limit) - time.perf_counter()
        if left <= 0:
            raise WallClockExceeded(
                f"the wall-clock safety limit (time_limit={self.options.time_limit} s) of the group run ran out; no "
                "plan is returned, because a plan cut short by the clock would depend on the machine's speed. "
                "Raise time_limit.")
        return {**solver_parameters(self.options), "max_time_in_seconds": left}


@dataclass(frozen=True)
class Value:
    """A proven value (lo == hi) or the best found and a proven bound, in yuan of objective."""

    status: SolveStatus
    lo: Fraction
    hi: Fraction

    @property
    def feasible(self) -> bool:
        """False if the entity's model has no legal plan at all."""
        return self.status in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE)


def candidate_vars(c: Candidate) -> set[int]:
    """Variables that belong to one candidate: its amount variable(s) and its active literal."""
    out = {v for v, _ in getattr(c, "amount", ())}
    out.update(v for v in (c.x, c.b) if v >= 0)
    return out


@dataclass
class _Built:
    build: Build
    lits: dict[str, list[int]]  # unit id -> active literals of its candidates
    owned: dict[str, dict[int, int]]  # unit id -> objective terms that measure what the unit pays


@dataclass
class SlotModel:
    """Values v(S) for subsets S of `units` placed at `slot`, cached; each is a stage-1 proven optimum."""

    catalogue: Catalogue
    group: Group
    slot: Slot
    units: tuple[Unit, ...]
    years: tuple[int, int]
    options: PlanOptions
    group_options: GroupOptions
    clock: Clock
    values: dict[frozenset[str], Value] = field(default_factory=dict)
    bounds: dict[str, Fraction] = field(default_factory=dict)
    solves: int = 0
    builds: int = 0
    seconds: float = 0.0
    _built: dict[frozenset[str], _Built] = field(default_factory=dict)

    @property
    def structural(self) -> frozenset[str]:
        """Units whose mere presence changes the entity (past awards a moved project takes along)."""
        return frozenset(u.id for u in self.units if u.history and u.started_by != self.slot.entity)

    def _model(self, subset: frozenset[str]) -> _Built:
        key = subset & self.structural
        if key not in self._built:
            present = [u.id for u in self.units if u.id not in self.structural or u.id in key]
            firm = entity_firm(self.group, self.slot, {}, self.group_options, present=present)
            b = build_model(self.catalogue, firm, self.years, self.options)
            self.builds += 1
            items = {i: u.id for u in self.units for i in u.items}
            lits: dict[str, list[int]] = {u.id: [] for u in self.units}
            mine: dict[str, set[int]] = {u.id: set() for u in self.units}
            others: set[int] = set()
            for c in b.cands:
                unit = items.get(c.subject or "")
                if unit is None:
                    others |= candidate_vars(c)
                else:
                    lits[unit].append(c.b)
                    mine[unit] |= candidate_vars(c)
            owned = {}
            for u, vs in mine.items():
                shared = vs & (others | {v for w, ws in mine.items() if w != u for v in ws})
                owned[u] = {v: k for v, k in b.model.objective.items() if v in vs and (k > 0 or v not in shared)}
            self._built[key] = _Built(b, lits, owned)
        return self._built[key]

    def _solve(self, model: LinearModel, scale: Fraction) -> Value:
        t0 = time.perf_counter()
        run = solve_cpsat(model, self.clock.params())
        self.seconds += time.perf_counter() - t0
        self.solves += 1
        if run.objective is None:
            return Value(run.status, Fraction(0), Fraction(0))
        hi = max(int(run.bound) if run.bound is not None else run.objective, run.objective)
        return Value(run.status, run.objective * scale, hi * scale)

    def value(self, subset: frozenset[str]) -> Value:
        """v(subset): the entity's best objective with exactly these units placed with it (cached)."""
        if subset not in self.values:
            built = self._model(subset)
            model = built.build.model.copy()
            for u in self.units:
                if u.id not in subset:
                    _switch_off(model, built.lits[u.id])
            self.values[subset] = self._solve(model, built.build.yuan_per_point)
        return self.values[subset]

    def bound(self, unit: str) -> Fraction:
        """An upper bound on what the unit adds to any subset: the most its own applications can pay here."""
        if unit not in self.bounds:
            built = self._model(frozenset({unit}))
            terms = built.owned[unit]
            if not terms or all(k <= 0 for k in terms.values()):
                self.bounds[unit] = Fraction(0)
            else:
                model = built.build.model.copy()
                model.maximize(terms)
                v = self._solve(model, built.build.yuan_per_point)
                self.bounds[unit] = max(v.hi, Fraction(0)) if v.feasible else Fraction(0)
        return self.bounds[unit]


def _switch_off(model: LinearModel, lits: list[int]) -> None:
    """Fix the literals false: the candidates do not apply (and so pay nothing)."""
    for lit in lits:
        if lit >= 0:
            model.ubs[lit] = 0
        else:
            model.lbs[~lit] = 1
