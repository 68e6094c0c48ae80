"""The canonical plan of one part of the model: stage 1 maximises the objective and proves it; stage 2, with
that fixed, takes the money as early as possible (sum of amount x years after the first year); stage 3,
with both fixed, makes the fewest applications; stage 4, for a variant of a base plan, keeps the plan
closest to the base. Stages 2 and 3 are one solve of the exact lexicographic objective
earliness x (applications + 1) + applications. Each solve is single-threaded with a fixed seed and a
deterministic budget, and starts from the previous stage's plan, so the plan depends only on the input.
The tie-breaking stages get a budget of TIE_FACTOR times stage 1's deterministic work (at least TIE_MIN_WORK, at
most TIE_MAX_WORK): a stage that does not finish keeps the best plan it found (better in its order than the previous
stage's, not proven the best) or else the previous stage's, and says so; stages after an unproven stage 1 are
skipped. A part of at most SMALL booleans is enumerated in full instead (exact, no solver). Stages 2-3 make no
CP-SAT call where an exact LP bound proves stage 1's plan the earliest with the fewest applications already
(optimizer/tie_bound.py); nor does stage 1 of a small part where an exact certificate proves its optimum
(optimizer/stage1_bound.py).
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from math import gcd
from typing import Any

from grantstack.optimizer.linear import LinearModel, Row, add_row, cpsat_proto, set_objective
from grantstack.optimizer.result import SolveStatus
from grantstack.optimizer.stage1_bound import stage_one
from grantstack.optimizer.tie_bound import proves_canonical

__all__ = ["SMALL", "UNPROVEN", "Objectives", "PartResult", "solve_part"]

SMALL = 6  # parts with at most this many booleans (and no other variable) are enumerated
UNPROVEN = "stage 1 did not prove its optimum: the tie-breaking stages were skipped"  # the note of such a part
TIE_FACTOR = 20.0  # each tie-breaking stage may use this many times stage 1's deterministic work ...
TIE_MIN_WORK = 0.05  # ... and at least this much (CP-SAT deterministic time) ...
TIE_MAX_WORK = 0.7  # ... and at most this much. Since the implied rows (rules/implied.py) stage 1 of a large xl part
# costs 3-20x less work (xl-s00 0.233 -> 0.024) while its tie stage still needs 0.22 (s00), 0.43 (s05): a factor of 4
# would end them early. With 20 and 0.7, 7 of 12 xl tie stages finish (was 4), every xl plan is the same or better in
# the canonical order than with 4 and 0.5 before the rows, and the work of a whole xl plan is at most 0.85 (was 1.05:
# s11, whose tie stage reaches tie value 353e9 at 0.7 but only 441e9 at 0.5). Elsewhere every tie stage finishes
# within 0.035, so neither number changes a plan there.


@dataclass(frozen=True)
class Objectives:
    """The stages' objectives over model variables: total (maximised), then minimised tie-breaks."""

    total: dict[int, int]
    earliness: dict[int, int]
    count: dict[int, int]
    distance: dict[int, int] | None = None


@dataclass
class PartResult:
    """One part's outcome: status of stage 1, its objective and bound (points), values, times and notes."""

    status: SolveStatus
    values: dict[int, int] = field(default_factory=dict)
    objective: int | None = None
    bound: int | None = None
    seconds: dict[str, float] = field(default_factory=dict)
    work: float = 0.0
    notes: list[str] = field(default_factory=list)


Runner = Callable[[Any, dict[str, Any] | None, str, float | None],
                  tuple[SolveStatus, list[int], int | None, int | None, float]]


def _restrict(terms: dict[int, int], local: dict[int, int]) -> dict[int, int]:
    return {local[v]: k for v, k in terms.items() if v in local}


def _tie(obj: Objectives, local: dict[int, int]) -> dict[int, int]:
    """earliness / gcd x (applications + 1) + applications: lexicographic, exact in integers."""
    early = _restrict(obj.earliness, local)
    count = _restrict(obj.count, local)
    g = 0
    for k in early.values():
        g = gcd(g, k)
    w = len(count) + 1
    out = {v: k // (g or 1) * w for v, k in early.items() if k}
    for v, k in count.items():
        out[v] = out.get(v, 0) + k
    return {v: k for v, k in out.items() if k}


def solve_part(model: LinearModel, variables: list[int], rows: list[int], obj: Objectives, run: Runner,
               groups: list[tuple[list[int], list[int]]] | None = None) -> PartResult:
    """The canonical plan of one part (values keyed by model variable); `groups`: the independent components of a
    merged part, whose tie-breaking stages are then solved one by one (optimizer/tie_split.py)."""
    free = [v for v in variables if model.lbs[v] != model.ubs[v]]
    if len(free) <= SMALL and all(model.is_bool(v) for v in free):
        return _enumerate(model, free, rows, obj)
    local = {v: i for i, v in enumerate(variables)}
    proto = cpsat_proto(model, variables, rows)
    total = _restrict(obj.total, local)
    tie = _tie(obj, local)
    t0, c0 = time.perf_counter(), time.process_time()
    status, values, best, bound, work = stage_one(model, variables, rows, total, proto, run)
    out = PartResult(status, objective=best, bound=bound, work=work,
                     seconds={"stage1": time.perf_counter() - t0, "stage1_cpu": time.process_time() - c0})
    if status != SolveStatus.OPTIMAL or best is None:
        out.values = {v: values[i] for v, i in local.items()} if values else {}
        if values:
            out.notes.append(UNPROVEN)
        return out
    stages: list[tuple[str, str, dict[int, int]]] = [("stages23", "stages 2-3 (earliest money, fewest applications)",
                                                      tie)]
    _then(model, variables, rows, local, proto, [(total, best, None)], stages, obj, run, out, values, work, groups)
    return out


def _then(model: LinearModel, variables: list[int], rows: list[int], local: dict[int, int], proto: Any,
          fixed: list[tuple[dict[int, int], int | None, int | None]], stages: list[tuple[str, str, dict[int, int]]],
          obj: Objectives, run: Runner, out: PartResult, values: list[int], work: float,
          groups: list[tuple[list[int], list[int]]] | None = None, budget: float | None = None) -> None:
    """The remaining stages in turn, each with the earlier objectives fixed (stage 4 when there is a base). Each
    stage turns stage 1's proto, which is not needed again, into its own: the rows fixing the earlier objectives
    are appended and the objective replaced (copying the proto first cost a tenth of a small part's tie-breaking
    call); the proto each solve sees is the same as in a copy. Stages 2-3 are not solved where an exact LP bound
    proves stage 1's plan canonical already (optimizer/tie_bound.py): started from that plan, their solve returns it
    unchanged (it can only replace it by a strictly better one), so the plan is the same either way. `groups`: the
    part's components, solved one by one (optimizer/tie_split.py); `budget`: the work allowed, if not the one
    stage 1's `work` gives."""
    if budget is None:
        budget = max(TIE_MIN_WORK, min(TIE_FACTOR * work, TIE_MAX_WORK))
    if groups is not None:  # a merged part: component by component, within the same budget
        from grantstack.optimizer.tie_split import by_components  # lazily: it imports this module

        by_components(model, groups, local, stages, obj, run, out, values, budget)
        return
    if obj.distance is not None:
        stages = [*stages, ("stage4", "stage 4 (closest to the base plan)", _restrict(obj.distance, local))]
    every = list(range(len(variables)))
    added = 0
    for key, name, terms in stages:
        if not terms:
            continue
        t1, c1 = time.perf_counter(), time.process_time()
        if key == "stages23" and proves_canonical(model, local, rows, *fixed[0][:2], terms, values):
            out.seconds[key] = time.perf_counter() - t1  # the certificate's time is the stage's
            out.seconds[f"{key}_cpu"] = time.process_time() - c1
            fixed.append((terms, None, sum(k * values[i] for i, k in terms.items())))
            continue
        for ts, lb, ub in fixed[added:]:
            add_row(proto, ts, lb, ub)
        added = len(fixed)
        set_objective(proto, terms, maximize=False)
        st, vals, got, _, w = run(proto, {"vars": every, "values": values}, name, budget)
        out.seconds[key] = time.perf_counter() - t1
        out.seconds[f"{key}_cpu"] = time.process_time() - c1
        out.work += w
        if st != SolveStatus.OPTIMAL or got is None:
            if got is not None and got < sum(k * values[i] for i, k in terms.items()):
                values = vals  # feasible with the earlier objectives fixed, and better in this stage's order
                out.notes.append(f"{name} did not finish within its budget: the plan is the best it found (better "
                                 "than the previous stage's in this order, not proven the best)")
            else:
                out.notes.append(f"{name} did not finish within its budget: the plan is the previous stage's")
            break
        values = vals
        fixed.append((terms, None, got))
    out.values = {v: values[i] for v, i in local.items()}


def _feasible(rows: list[Row], values: dict[int, int]) -> bool:
    for r in rows:
        if not all(values[e] if e >= 0 else not values[~e] for e in r.enforce):
            continue
        act = sum(c * values[v] for v, c in zip(r.vars, r.coefs, strict=True))
        if (r.lb is not None and act < r.lb) or (r.ub is not None and act > r.ub):
            return False
    return True


def _enumerate(model: LinearModel, variables: list[int], rows: list[int], obj: Objectives) -> PartResult:
    """Every assignment of a few booleans; the best by (total, -earliness, -count, -distance), then the
    smallest assignment in variable order."""
    t0, c0 = time.perf_counter(), time.process_time()
    rs = [model.rows[i] for i in rows]
    base = {v: model.lbs[v] for r in rs for v in (*r.vars, *(e if e >= 0 else ~e for e in r.enforce))}
    mine = set(variables)
    keys = [(sign, [(v, k) for v, k in terms.items() if v in mine])
            for sign, terms in ((1, obj.total), (-1, obj.earliness), (-1, obj.count), (-1, obj.distance or {}))]
    best: tuple[tuple[int, ...], dict[int, int]] | None = None
    for bits in itertools.product((0, 1), repeat=len(variables)):
        values = dict(base)
        values.update(zip(variables, bits, strict=True))
        if not _feasible(rs, values):
            continue
        score = tuple(sign * sum(k * values[v] for v, k in terms) for sign, terms in keys)
        if best is None or score > best[0]:
            best = (score, values)
    seconds = {"stage1": time.perf_counter() - t0, "stage1_cpu": time.process_time() - c0}
    if best is None:
        return PartResult(SolveStatus.INFEASIBLE, seconds=seconds)
    points = best[0][0]
    return PartResult(SolveStatus.OPTIMAL, {v: best[1][v] for v in variables}, points, points, seconds)
