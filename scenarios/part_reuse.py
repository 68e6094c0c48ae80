"""Part reuse: a probe's model is solved only where it differs from the parts already proven.

A model whose independent parts (optimizer.linear.components) share no row has for optimum the sum of its parts'
optima, so a part equal to one already proven (of the base model, or of an earlier probe's model) needs no solve.
A part is known by what it is, not by its place in a model: its variables by name with their bounds and objective
in yuan, its rows over those names and the constants they read. New parts are solved by the planner's own part
solver (optimizer.canonical.solve_part: stage 1, a part of a few booleans enumerated in full), so each part's
optimum is proven exactly as a plan's is, and the total is OPTIMAL only if every part is.

Used only where the objective is the plain total in yuan (no approval probability, discount or effort cost): then
the proven objective is the total, and no choice between tied optima can change a figure a probe reports.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from grantstack.optimizer.context import Build
from grantstack.optimizer.linear import LinearModel, components
from grantstack.optimizer.result import SolveStatus

__all__ = ["PartMemo", "PartsRun", "plain_total"]

Key = tuple[Any, ...]


@dataclass(frozen=True)
class PartsRun:
    """A model solved part by part: status, objective in yuan, how many parts were solved, and the time it took."""

    status: SolveStatus
    objective: int | None
    parts: int
    solved: int
    seconds: float


def plain_total(b: Build, model: LinearModel | None = None) -> bool:
    """True if the objective is exactly the total in yuan (each amount at its money unit, nothing else) and every
    variable has its own name (so that a part can be known by its names)."""
    m = model or b.model
    if m.offset or len(set(m.names)) != m.num_vars:
        return False
    expected: dict[int, int] = {}
    for c in b.cands:
        for v, k in c.amount:
            expected[v] = expected.get(v, 0) + k * b.unit
    expected = {v: k for v, k in expected.items() if k}
    return expected.keys() == m.objective.keys() and _yuan(m, b.yuan_per_point) == expected


def _yuan(m: LinearModel, ypp: Fraction) -> dict[int, Fraction | int]:
    """The objective's coefficients in yuan."""
    if ypp.denominator == 1:
        scale = ypp.numerator
        return {v: k * scale for v, k in m.objective.items()}
    return {v: k * ypp for v, k in m.objective.items()}


def _bound(x: int | None) -> tuple[int, ...]:
    return () if x is None else (x,)


def _key(m: LinearModel, yuan: dict[int, Fraction | int], terms: list[tuple[Any, ...]], variables: list[int],
         rows: list[int]) -> Key:
    """What a part is, whatever its place in the model: its variables and rows by name, constants by value."""
    names, lbs, ubs = m.names, m.lbs, m.ubs
    vs = tuple(sorted((names[v], lbs[v], ubs[v], yuan.get(v, 0)) for v in variables))
    rs = []
    for i in rows:
        r = m.rows[i]
        rs.append((tuple(sorted(zip([terms[v] for v in r.vars], r.coefs, strict=True))), _bound(r.lb), _bound(r.ub),
                   tuple(sorted((terms[e if e >= 0 else ~e], e >= 0) for e in r.enforce))))
    return vs, tuple(sorted(rs))


def _terms(m: LinearModel) -> list[tuple[Any, ...]]:
    """Each variable as rows read it: its name, and its value if it is a constant."""
    return [(n, lb) if lb == ub else (n,) for n, lb, ub in zip(m.names, m.lbs, m.ubs, strict=True)]


@dataclass
class PartMemo:
    """Parts proven so far (their status and optimum in yuan), and the solver settings for new ones."""

    params: dict[str, object]
    time_limit: float
    known: dict[Key, tuple[SolveStatus, Fraction | None]] = field(default_factory=dict)

    def learn(self, model: LinearModel, ypp: Fraction, values: list[int]) -> None:
        """Every part of a model proven optimal as a whole: each part's share of the optimum is that part's optimum
        (were one part better, so would be the whole)."""
        parts, _ = components(model)
        yuan, terms = _yuan(model, ypp), _terms(model)
        for vs, rs in parts:
            best = Fraction(sum(yuan.get(v, 0) * values[v] for v in vs))
            self.known[_key(model, yuan, terms, vs, rs)] = (SolveStatus.OPTIMAL, best)

    def solve(self, model: LinearModel, ypp: Fraction) -> PartsRun:
        """The model's proven optimum in yuan, solving only the parts not met before."""
        from grantstack.optimizer.canonical import Objectives, solve_part
        from grantstack.optimizer.solve import _Runner, satisfies_row

        t0 = time.perf_counter()
        parts, loose = components(model)
        if not all(satisfies_row(model, i) for i in loose):
            return PartsRun(SolveStatus.INFEASIBLE, None, len(parts), 0, time.perf_counter() - t0)
        free = {v for vs, _ in parts for v in vs}
        yuan, terms = _yuan(model, ypp), _terms(model)
        total = Fraction(sum(k * model.lbs[v] for v, k in yuan.items() if v not in free))
        statuses, solved, runner, obj = [], 0, None, None
        for vs, rs in parts:
            key = _key(model, yuan, terms, vs, rs)
            if key not in self.known:
                if runner is None:
                    runner = _Runner(dict(self.params), time.perf_counter() + self.time_limit)
                    obj = Objectives(dict(model.objective), {}, {}, None)
                r = solve_part(model, vs, rs, obj, runner)  # type: ignore[arg-type]
                solved += 1
                best = None if r.objective is None else Fraction(r.objective) * ypp
                if r.status not in (SolveStatus.OPTIMAL, SolveStatus.INFEASIBLE, SolveStatus.MODEL_INVALID):
                    statuses.append((r.status, best))  # not proven: not remembered
                    continue
                self.known[key] = (r.status, best)
            statuses.append(self.known[key])
        status, objective = _combine(statuses, total)
        return PartsRun(status, objective, len(parts), solved, time.perf_counter() - t0)


def _combine(parts: list[tuple[SolveStatus, Fraction | None]], constant: Fraction) -> tuple[SolveStatus, int | None]:
    """The model's status and objective from its parts' (OPTIMAL only if every part is)."""
    if any(s in (SolveStatus.INFEASIBLE, SolveStatus.MODEL_INVALID) for s, _ in parts):
        return next(s for s, _ in parts if s in (SolveStatus.INFEASIBLE, SolveStatus.MODEL_INVALID)), None
    if any(best is None for _, best in parts):
        return SolveStatus.UNKNOWN, None
    total = constant + sum((best for _, best in parts if best is not None), Fraction(0))
    status = SolveStatus.OPTIMAL if all(s == SolveStatus.OPTIMAL for s, _ in parts) else SolveStatus.FEASIBLE
    return status, round(total)
