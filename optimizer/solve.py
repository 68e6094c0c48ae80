"""Plan one firm: build the model, solve its independent parts to the canonical plan, decode, and check.

Every CP-SAT call is single-threaded with a fixed seed and a deterministic budget (`work_limit`), so the plan
depends only on the input; up to `workers` parts are solved at once. The configurations of CONFIGS are tried
in turn on a part until one finishes (none sees another's solution, so the order of work never matters).
`time_limit` is a wall-clock safety net: a run that reaches it raises WallClockExceeded, never returns a
different plan.
"""

from __future__ import annotations

import math
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from grantstack.models.catalogue import Catalogue
from grantstack.models.checker import check_plan
from grantstack.models.firm import Firm
from grantstack.models.limits import MAX_ROW_ACTIVITY
from grantstack.models.options import PlanOptions
from grantstack.models.plan import Plan, Violation
from grantstack.models.plausibility import plausibility_warnings
from grantstack.models.provenance import inputs_of
from grantstack.models.run_checks import check_run
from grantstack.optimizer.assemble import build_model, with_groups
from grantstack.optimizer.candidates import CandidateSet
from grantstack.optimizer.canonical import SMALL, UNPROVEN, Objectives, PartResult, solve_part
from grantstack.optimizer.context import Build
from grantstack.optimizer.decode import decode_plan, fill
from grantstack.optimizer.encoding import Encoding
from grantstack.optimizer.interrupt import solve_interruptibly
from grantstack.optimizer.linear import LinearModel, TooLarge, components, magnitude
from grantstack.optimizer.magnitude import too_large
from grantstack.optimizer.result import PlanResult, SolveStatus, WallClockExceeded
from grantstack.optimizer.stage1_bound import stage_one
from grantstack.optimizer.stage1_memo import StageOneMemo
from grantstack.optimizer.tie_split import SPLIT_TIE_AT

__all__ = ["CONFIGS", "CpSatRun", "QuickStart", "WallClockExceeded", "check", "objectives", "plan", "result_from",
           "solve_cpsat", "solve_model", "solver_parameters"]

SPLIT_AT = 200  # parts with at least this many variables are solved on their own; smaller ones together
WHOLE_BELOW = 0  # a model with fewer variables is solved whole, without looking for its parts
CONFIGS: tuple[dict[str, Any], ...] = ({},)  # CP-SAT overrides tried in turn in stage 1 (parts >= SPLIT_AT)
TIE_CONFIG: dict[str, Any] = {}  # overrides for the tie-breaking stages, which start from a complete plan
_LIGHT = {"cp_model_presolve": False, "symmetry_level": 0, "use_feasibility_jump": False, "cp_model_probing_level": 0}
SMALL_CONFIGS: tuple[dict[str, Any], ...] = (_LIGHT, {**_LIGHT, "add_lp_constraints_lazily": False})  # parts below
SMALL_TIE_CONFIG: dict[str, Any] = {**_LIGHT, "cut_level": 0}  # SPLIT_AT variables, where presolve, symmetry
# detection, probing and feasibility jump cost more than they save. The second configuration (every LP row from the
# start) proves the rare small part on which the first stalls (a generated typical firm of 50 variables: FEASIBLE,
# gap 37% after the whole work limit of 10; proved in 0.013 s with all LP rows), so each configuration but the last
# gets at most FIRST_WORK. The tie-breaking solve, which starts from an optimal plan, adds no cuts: with cuts, a
# generated typical firm (1007037) looped in propagation (15 million steps, 10 s, past its deterministic budget,
# which CP-SAT does not check inside propagation); without, it takes 3 ms.
BIG_AT = 400  # parts of at least this many variables (xl only: the other stored suites' parts have at most 338) ...
BIG_TIE_CONFIG: dict[str, Any] = {**TIE_CONFIG, "use_implied_bounds": False, "add_mir_cuts": False}  # ... break
# ties without CP-SAT's implied-bound relations (literal => variable bound) and their cuts, and without MIR cuts: the
# tie solve of a big part is a long LP dive (xl-s04: 122 conflicts, 27,756 branches, 1,252 cuts of which 820
# implied-bound ones), and the implied rows (rules/implied.py) give the LP much of what those cuts add at no cost per
# LP solve. Whole xl plans, interleaved A/B against the default (notes/issue-12-solver.md, session 10): every one the
# same or better in the canonical order; without implied bounds, work summed over the 12 plans 4.79 -> 3.10 and CPU
# -36%; without MIR cuts as well, 3.02 and a further -17% (xl-s11, the slowest, 8.3 -> 6.8 s at load ~4, and earlier
# money). Merged parts break ties per component (tie_split.py), so only single big components use this.
FIRST_WORK = 1.0  # deterministic time of each configuration tried before the last (small parts prove in < 0.05)
QUICK_BELOW = 200  # a quick try (QuickStart) is made on a model of fewer variables, solved whole, ...
QUICK_INTEGERS = 10  # ... with at most this many free variables that are not booleans ...
QUICK_CONFLICTS = 50  # ... and stops at this many conflicts ...
QUICK_WORK = 0.001  # ... or this deterministic time
QUICK_CONFIG: dict[str, Any] = {**_LIGHT, "linearization_level": 0, "use_sat_inprocessing": False,
                                "max_number_of_conflicts": QUICK_CONFLICTS}
# The readings' stage 1, of which only the proven total is used, first tries QUICK_CONFIG on a small part: without
# the LP relaxation and SAT inprocessing, an example firm's reading costs about a third fewer instructions in CP-SAT
# (Shunyi's six: 9.9 -> 6.7 million; every example firm's reading proves in at most 38 conflicts). Parts with wide
# integer amounts need the LP (Tongzhou's 44-variable rate_basis part: 8,518 conflicts and 375 ms without a proof,
# 4 conflicts with it), and CP-SAT's deterministic time undercounts such a search tenfold, hence the conflicts;
# Tongzhou's readings have 12 to 16 integer amounts (a try that fails there still costs 12 million instructions),
# the other example firms' at most 9.


def solver_parameters(options: PlanOptions) -> dict[str, object]:
    """CP-SAT parameters of every call: one thread, fixed seed, deterministic budget, wall-clock safety limit."""
    return {
        "num_workers": 1,
        "random_seed": options.seed,
        "linearization_level": options.linearization_level,
        "max_deterministic_time": float(options.work_limit),
        "max_time_in_seconds": float(options.time_limit),
        "relative_gap_limit": float(options.relative_gap),
        "cp_model_presolve": options.presolve,
    }


@dataclass
class QuickStart:
    """Whether the stage-1 solves of a run's readings still try QUICK_CONFIG first on a model of fewer than
    QUICK_BELOW variables with at most QUICK_INTEGERS integer ones, solved whole: true until a try that does not
    prove it (QUICK_CONFLICTS, QUICK_WORK); that model, and the run's later readings, alike, are then solved as
    the plan's are. Only where any proof of the optimum gives the same result (readings.py: the total is the
    objective)."""

    on: bool = True


@dataclass(frozen=True)
class CpSatRun:
    """The solve of a model: status, values (in variable order), objective points, bound, times, notes."""

    status: SolveStatus
    values: list[int]
    objective: int | None
    bound: float | None
    seconds: float
    build_seconds: float
    stage_seconds: dict[str, float] = field(default_factory=dict)
    work: float = 0.0
    notes: tuple[str, ...] = ()


class _Runner:
    """Runs CP-SAT on a proto with each configuration in turn; watches the wall-clock deadline."""

    def __init__(self, params: dict[str, object], deadline: float, quick: QuickStart | None = None) -> None:
        self.params, self.deadline, self.quick = params, deadline, quick
        self._key = tuple(sorted((k, repr(v)) for k, v in params.items()))

    def _parameters(self, extra: dict[str, Any]) -> tuple[Any, float]:
        """SatParameters with the run's parameters and these overrides, and their deterministic budget. Built once
        per set and thread, then reused: the caller sets the fields that change per call (max_time_in_seconds,
        relative_gap_limit, max_deterministic_time) before every solve, and the solver copies them in
        (`set_parameters`). Building or copying a SatParameters cost 10-80 us per call; every plan makes a new
        runner, so the templates outlive it."""
        from ortools.sat.python import cp_model_helper

        templates: dict[tuple[Any, ...], tuple[Any, float]] | None = getattr(_LOCAL, "templates", None)
        if templates is None:
            templates = _LOCAL.templates = {}
        try:
            key: tuple[Any, ...] = (self._key, tuple(extra.items()))
            got = templates.get(key)
        except TypeError:  # a list value: unhashable
            key = (self._key, repr(sorted(extra.items())))
            got = templates.get(key)
        if got is None:
            template = cp_model_helper.SatParameters()  # what cp_model.CpSolver().parameters starts from
            for k, v in {**self.params, **extra}.items():
                if isinstance(v, list):
                    getattr(template, k).extend(v)
                else:
                    setattr(template, k, v)
            template.catch_sigint_signal = False  # Ctrl-C: optimizer/interrupt.py
            if len(templates) >= _TEMPLATES_KEPT:
                templates.clear()
            got = templates[key] = (template, template.max_deterministic_time)
        return got

    def __call__(self, proto: Any, hint: dict[str, list[int]] | None, stage: str, budget: float | None = None,
                 ) -> tuple[SolveStatus, list[int], int | None, int | None, float]:
        from ortools.sat.python import cp_model_helper

        if hint is not None:
            proto.clear_solution_hint()
            given = proto.solution_hint
            given.vars.extend(hint["vars"])
            given.values.extend(hint["values"])
        best: tuple[SolveStatus, list[int], int | None, int | None, float] = (SolveStatus.UNKNOWN, [], None, None, 0.0)
        work = 0.0
        small = len(proto.variables) < SPLIT_AT
        configs, tie = _configs(len(proto.variables))
        first = stage == "stage 1"  # the proof of the total
        tried = configs if first else configs[:1]
        if first and small and self.quick is not None and self.quick.on:
            tried = (QUICK_CONFIG, *tried)
        gap = self.params["relative_gap_limit"] if first else 0.0
        maximize = proto.objective.scaling_factor < 0
        for i, overrides in enumerate(tried):
            left = self.deadline - time.perf_counter()
            if left <= 0:
                raise WallClockExceeded(self._message(stage))
            parameters, limit = self._parameters(overrides if first else tie)
            if budget is not None:
                limit = min(budget, limit)
            if i < len(tried) - 1:  # another configuration follows: this one gets a short budget
                limit = min(QUICK_WORK if overrides is QUICK_CONFIG else FIRST_WORK, limit)
            parameters.max_time_in_seconds = left
            parameters.relative_gap_limit = gap
            parameters.max_deterministic_time = limit
            r = solve_interruptibly(cp_model_helper.SolveWrapper(), proto, parameters)  # Ctrl-C aborts at once
            spent = r.deterministic_time
            work += spent
            status = _status(r.status)
            if status in (SolveStatus.INFEASIBLE, SolveStatus.MODEL_INVALID):
                return status, [], None, None, work
            finished = status == SolveStatus.OPTIMAL
            if overrides is QUICK_CONFIG and not finished and self.quick is not None:
                self.quick.on = False  # stopped at its conflicts or budget: the model is solved again as the plan's
                raise _QuickMissed
            if not finished and spent < limit * 0.999 and gap == 0:
                raise WallClockExceeded(self._message(stage))
            if status in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE):
                solution = r.solution  # read by index: list() of it goes through IndexError, twice as slow
                values = list(map(solution.__getitem__, range(len(solution))))
                obj = round(r.objective_value)
                bound = math.floor(r.best_objective_bound + 1e-6) if maximize else \
                    math.ceil(r.best_objective_bound - 1e-6)
                if finished and bound != obj:
                    status, finished = SolveStatus.FEASIBLE, False  # stopped at relative_gap: not proven
                if finished or best[2] is None or _better(maximize, obj, best[2]):  # a proof's solution wins ties
                    best = (status, values, obj, bound if best[3] is None else _tighter(maximize, bound, best[3]),
                            work)
            if finished:
                return best[0], best[1], best[2], best[3], work
        return best[0], best[1], best[2], best[3], work

    def _message(self, stage: str) -> str:
        return (f"the wall-clock safety limit (time_limit={self.params['max_time_in_seconds']} s) ran out in {stage} "
                f"before the deterministic search budget (work_limit={self.params['max_deterministic_time']}); "
                "no plan is returned, because a plan cut short by the clock would depend on the machine's speed. "
                "Raise time_limit, or lower work_limit to accept a plan that is not proven optimal.")


class _QuickMissed(Exception):
    """A quick try did not prove its part: solve_model solves the model again without it."""


_LOCAL = threading.local()  # per thread: SatParameters by (run parameters, overrides), for every runner
_TEMPLATES_KEPT = 64
_STATUSES: dict[int, SolveStatus] = {}  # CP-SAT's status codes (CpSolverStatus values) as SolveStatus


def _status(code: Any) -> SolveStatus:
    """CP-SAT's CpSolverStatus as a SolveStatus (by its integer value: reading `.name` costs ten times more)."""
    got = _STATUSES.get(code.value)
    if got is None:
        name = code.name
        got = _STATUSES[code.value] = SolveStatus(name) if name in SolveStatus.__members__ else SolveStatus.UNKNOWN
    return got


def _better(maximize: bool, a: int, b: int) -> bool:
    return a > b if maximize else a < b


def _tighter(maximize: bool, a: int, b: int) -> int:
    return min(a, b) if maximize else max(a, b)


def objectives(b: Build, base: Plan | None = None) -> Objectives:
    """Stage objectives: the model's objective; earliness (amount x years after the first, in money units);
    the number of applications; and, for a variant, the distance to its base plan (see `distance`)."""
    y0 = b.years[0]
    early: dict[int, int] = {}
    for c in b.cands:
        for v, k in c.amount:
            if c.year > y0:
                early[v] = early.get(v, 0) + k * (c.year - y0)
    count = {c.b: 1 for c in b.cands}
    size = magnitude(b.model.lbs, b.model.ubs, early)
    if size > MAX_ROW_ACTIVITY:  # amounts x years: refused like any number beyond the exact range
        raise too_large(b, TooLarge("the earliness objective (stage 2)", size, MAX_ROW_ACTIVITY))
    return Objectives(dict(b.model.objective), early, count, None if base is None else distance(b, base))


def distance(b: Build, base: Plan) -> dict[int, int]:
    """Terms of the number of changed decisions against a base plan (plus a constant): each base application
    kept with the same amount counts -1, each application not in the base +1; variables are added to the model."""
    want = {(a.measure, a.subject, a.year): a.amount for a in base.applications}
    terms: dict[int, int] = {}
    for slot, cs in b.by_slot.items():
        if slot not in want:
            for c in cs:
                terms[c.b] = terms.get(c.b, 0) + 1
            continue
        if want[slot] % b.unit:
            continue
        same = b.model.new_bool(f"same[{slot[0]}|{slot[1] or ''}|{slot[2]}]")
        b.model.add([same, *(c.b for c in cs)], [1] + [-1] * len(cs), ub=0, tag="stage4.same needs the application")
        vs, ks = b.amounts(cs)
        b.model.add(vs, ks, lb=want[slot] // b.unit, ub=want[slot] // b.unit, enforce=[same], tag="stage4.same amount")
        terms[same] = -1
    return terms


def _combine(model: LinearModel, parts: list[PartResult], loose_ok: bool) -> tuple[SolveStatus, list[int], int | None,
                                                                                   float | None]:
    if not loose_ok or any(p.status in (SolveStatus.INFEASIBLE, SolveStatus.MODEL_INVALID) for p in parts):
        return SolveStatus.INFEASIBLE, [], None, None
    if any(not p.values for p in parts):
        return SolveStatus.UNKNOWN, [], None, None
    values = list(model.lbs)
    for p in parts:
        for v, x in p.values.items():
            values[v] = x
    obj = sum(c * values[v] for v, c in model.objective.items()) + model.offset
    slack = sum((p.bound if p.bound is not None else p.objective or 0) - (p.objective or 0) for p in parts)
    status = SolveStatus.OPTIMAL if all(p.status == SolveStatus.OPTIMAL for p in parts) else SolveStatus.FEASIBLE
    return status, values, obj, float(obj + slack)


def solve_model(b: Build, base: Plan | None = None, stages: bool = True, deadline: float | None = None,
                memo: StageOneMemo | None = None, quick: QuickStart | None = None) -> CpSatRun:
    """The canonical plan of a built model (stage 1 only if `stages` is False), part by part; `deadline` is the
    wall-clock instant (time.perf_counter) of the safety limit, by default time_limit from now; `memo`: stage-1
    solves of this run, reused where a part's CP-SAT model is the same (optimizer/stage1_memo.py, the readings);
    `quick` (stage 1 alone, whose proven total is all that is used: the readings): while on, a model QuickStart
    allows is one part that tries QUICK_CONFIG first, unless each of its parts the solver would see has the size of
    a part the memo holds from a plain solve (the plan's own stage 1): taken from the memo, it costs no call. The
    parts are found only where that can be: a model with an integer amount has a part CP-SAT would solve, which
    has no more variables and rows than the model, so if the memo holds no part as small, it knows none of them."""
    small = quick is not None and quick.on and not stages and b.model.num_vars < QUICK_BELOW
    integers = _integers(b.model) if small else None
    if integers is not None and _quick_fits(b.model, integers):
        model, params = b.model, solver_parameters(b.options)
        split = _parts(b) if memo is not None and (
            not integers or memo.may_hold(model.num_vars, len(model.rows), params)) else None
        if memo is None or split is None or not memo.may_know(_solver_sizes(model, split[0]), params):
            whole = [(list(range(model.num_vars)), list(range(len(model.rows))))], []
            try:
                if _small(model, whole[0][0][0]):  # enumerated (canonical.SMALL), as its one part would be
                    return _solve_model(b, base, stages, deadline, memo, quick, whole)
                return _solve_whole(b, params, deadline, memo, quick)
            except _QuickMissed:  # the quick tries end here (quick.on is now False): solved as the plan's parts are
                pass
        return _solve_model(b, base, stages, deadline, memo, None, split or _parts(b))
    return _solve_model(b, base, stages, deadline, memo, None, _parts(b))


def _solve_whole(b: Build, params: dict[str, object], deadline: float | None, memo: StageOneMemo | None,
                 quick: QuickStart) -> CpSatRun:
    """Stage 1 of a model solved whole by CP-SAT with a quick try first (the readings): the run _solve_model gives
    with the whole model as its one part (the same proto, runner and memo; canonical.solve_part, then _combine),
    without the bookkeeping of parts (tested field by field: tests/optimizer/test_readings_quick.py)."""
    from grantstack.optimizer.linear import cpsat_proto

    t0, c0 = time.perf_counter(), time.process_time()
    model = b.model
    runner = _runner(b, params, t0, deadline, memo, quick)
    proto = cpsat_proto(model, range(model.num_vars), range(len(model.rows)))
    status, values, best, bound, work = stage_one(model, list(range(model.num_vars)), list(range(len(model.rows))),
                                                  model.objective, proto, runner)  # as solve_part's stage 1
    seconds = {"stage1": time.perf_counter() - t0, "stage1_cpu": time.process_time() - c0}
    if status in (SolveStatus.INFEASIBLE, SolveStatus.MODEL_INVALID) or not values:
        status = SolveStatus.INFEASIBLE if status in (SolveStatus.INFEASIBLE, SolveStatus.MODEL_INVALID) else \
            SolveStatus.UNKNOWN
        return CpSatRun(status, [], None, None, time.perf_counter() - t0, 0.0, seconds, work)
    proven = status == SolveStatus.OPTIMAL and best is not None
    obj = sum(c * values[v] for v, c in model.objective.items()) + model.offset
    slack = (bound if bound is not None else best or 0) - (best or 0)
    notes = () if proven else (UNPROVEN,)
    status = SolveStatus.OPTIMAL if status == SolveStatus.OPTIMAL else SolveStatus.FEASIBLE
    return CpSatRun(status, values, obj, float(obj + slack), time.perf_counter() - t0, 0.0, seconds, work, notes)


def _parts(b: Build) -> tuple[list[tuple[list[int], list[int]]], list[int]]:
    """The model's parts as they are solved (the small ones together), and its rows on constants alone."""
    model = b.model
    if model.num_vars < WHOLE_BELOW:  # a small model is one part: finding its parts costs more than it saves
        parts, loose = [(list(range(model.num_vars)), list(range(len(model.rows))))], []
    else:
        parts, loose = components(model)
    if not b.encoding.split_components and parts:
        parts = [_merged(parts)]
    elif SPLIT_AT > 0:
        alone = [len(p[0]) >= SPLIT_AT or _small(model, p[0]) for p in parts]  # solved on its own
        rest = [p for p, own in zip(parts, alone, strict=True) if not own]
        parts = [p for p, own in zip(parts, alone, strict=True) if own] + ([_Merged(rest)] if rest else [])
    return parts, loose


def _solver_sizes(model: LinearModel, parts: list[tuple[list[int], list[int]]]) -> list[tuple[int, int]]:
    """(variables, rows) of each part CP-SAT would solve (the others are enumerated: canonical.SMALL)."""
    return [(len(vs), len(rs)) for vs, rs in parts if not _small(model, vs)]


def _solve_model(b: Build, base: Plan | None, stages: bool, deadline: float | None, memo: StageOneMemo | None,
                 quick: QuickStart | None, split: tuple[list[tuple[list[int], list[int]]], list[int]]) -> CpSatRun:
    t0 = time.perf_counter()
    options = b.options
    obj = objectives(b, base) if stages else Objectives(dict(b.model.objective), {}, {}, None)
    model = b.model
    parts, loose = split
    loose_ok = all(satisfies_row(model, i) for i in loose)
    params = solver_parameters(options)
    runner = _runner(b, params, t0, deadline, memo, quick)
    if options.workers > 1 and len(parts) > 1:
        with ThreadPoolExecutor(options.workers) as pool:
            results = list(pool.map(lambda p: solve_part(model, p[0], p[1], obj, runner, _groups(p)), parts))
    else:
        results = [solve_part(model, p[0], p[1], obj, runner, _groups(p)) for p in parts]
    status, values, objective, bound = _combine(model, results, loose_ok)
    seconds: dict[str, float] = {}
    for r in results:
        for k, s in r.seconds.items():
            seconds[k] = seconds.get(k, 0.0) + s
    notes = tuple(dict.fromkeys(n for r in results for n in r.notes))
    return CpSatRun(status, values, objective, bound, time.perf_counter() - t0, 0.0, seconds,
                    sum(r.work for r in results), notes)


def _runner(b: Build, params: dict[str, object], t0: float, deadline: float | None, memo: StageOneMemo | None,
            quick: QuickStart | None) -> Any:
    """The CP-SAT runner of one solve started at t0: its wall-clock safety limit (`deadline`, else time_limit from
    t0), the quick try while `quick` allows it, and the run's stage-1 memo around it."""
    runner: Any = _Runner(params, t0 + b.options.time_limit if deadline is None else deadline, quick)
    return runner if memo is None else memo.wrap(runner, params, quick is not None)


def _configs(variables: int) -> tuple[tuple[dict[str, Any], ...], dict[str, Any]]:
    """The stage-1 configurations tried in turn and the tie-breaking configuration of a part of this many
    variables (the small ones below SPLIT_AT, the big ones from BIG_AT)."""
    if variables < SPLIT_AT:
        return SMALL_CONFIGS, SMALL_TIE_CONFIG
    return (CONFIGS, BIG_TIE_CONFIG) if variables >= BIG_AT else (CONFIGS, TIE_CONFIG)


def _quick_fits(model: LinearModel, integers: int | None = None) -> bool:
    """A model small enough for a quick try, with few integer amounts (QUICK_BELOW, QUICK_INTEGERS; `integers`:
    its number of them, if known)."""
    return model.num_vars < QUICK_BELOW and (_integers(model) if integers is None else integers) <= QUICK_INTEGERS


def _integers(model: LinearModel) -> int:
    """The number of free variables that are not booleans."""
    return sum(1 for lb, ub in zip(model.lbs, model.ubs, strict=True) if lb != ub and (lb < 0 or ub > 1))


def _merged(parts: list[tuple[list[int], list[int]]]) -> tuple[list[int], list[int]]:
    return sorted({v for p in parts for v in p[0]}), sorted(r for p in parts for r in p[1])


class _Merged(tuple):  # type: ignore[type-arg]
    """The (variables, rows) of the small independent parts solved together (`_merged`), which keeps those parts
    (`groups`): the tie-breaking stages of a large merged part solve them one by one (optimizer/tie_split.py)."""

    groups: list[tuple[list[int], list[int]]]

    def __new__(cls, parts: list[tuple[list[int], list[int]]]) -> _Merged:
        self = super().__new__(cls, _merged(parts))
        self.groups = parts
        return self


def _groups(part: tuple[list[int], list[int]]) -> list[tuple[list[int], list[int]]] | None:
    """The components of a merged part whose tie-breaking stages are solved one by one (tie_split.SPLIT_TIE_AT)."""
    groups = getattr(part, "groups", None)
    return groups if groups is not None and len(groups) > 1 and len(part[0]) >= SPLIT_TIE_AT else None


def _small(model: LinearModel, variables: list[int]) -> bool:
    free = [v for v in variables if model.lbs[v] != model.ubs[v]]
    return len(free) <= SMALL and all(model.is_bool(v) for v in free)


def satisfies_row(model: LinearModel, i: int) -> bool:
    """Whether a row on constants alone holds."""
    r = model.rows[i]
    if not all(model.lbs[e] if e >= 0 else not model.lbs[~e] for e in r.enforce):
        return True
    act = sum(c * model.lbs[v] for v, c in zip(r.vars, r.coefs, strict=True))
    return (r.lb is None or act >= r.lb) and (r.ub is None or act <= r.ub)


def solve_cpsat(model: LinearModel, params: dict[str, object]) -> CpSatRun:
    """Stage 1 alone on a bare LinearModel (tests, explain, benchmarks): maximise and prove, one solve."""
    from grantstack.optimizer.linear import cpsat_proto

    t0 = time.perf_counter()
    proto = cpsat_proto(model)
    t1 = time.perf_counter()
    runner = _Runner(dict(params), t1 + float(params["max_time_in_seconds"]))  # type: ignore[arg-type]
    status, values, obj, bound, work = runner(proto, None, "stage 1", None)
    seconds = time.perf_counter() - t1
    return CpSatRun(status, values, obj, None if bound is None else float(bound), seconds, t1 - t0,
                    {"stage1": seconds}, work)


def check(catalogue: Catalogue, firm: Firm, plan_: Plan, options: PlanOptions) -> tuple[Violation, ...]:
    """The independent checker's findings on a decoded plan (must be empty)."""
    return tuple(check_plan(catalogue, firm, plan_, options))


def result_from(b: Build, run: CpSatRun, params: dict[str, object], build_seconds: float,
                run_checker: bool = True) -> PlanResult:
    """A PlanResult from a built model and its solve."""
    scale = b.yuan_per_point
    if run.values:
        values = fill(b, run.values)
        if values is not run.values:
            obj = sum(c * values[v] for v, c in b.model.objective.items()) + b.model.offset
            run = CpSatRun(run.status, values, obj, max(run.bound or obj, obj), run.seconds, run.build_seconds,
                           run.stage_seconds, run.work, run.notes)
    plan_ = decode_plan(b, run.values) if run.status in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE) else None
    objective = float(run.objective * scale) if run.objective is not None else None
    bound = float(run.bound * scale) if run.bound is not None else None
    gap = None
    if run.status == SolveStatus.OPTIMAL and objective is not None:
        bound, gap = objective, 0.0  # proven: the bound is the objective, exactly (no rounding of two floats)
    elif objective is not None and bound is not None:
        gap = max(0.0, bound - objective) / max(1.0, abs(bound))
    violations = check(b.catalogue, b.firm, plan_, b.options) if plan_ is not None and run_checker else ()
    size = b.model.size() | {"candidates": len(b.cands)}
    return PlanResult(
        status=run.status, firm=b.firm.id, years=b.years, plan=plan_,
        total_yuan=plan_.total if plan_ else 0, objective=objective, best_bound=bound, gap=gap,
        build_seconds=build_seconds, solve_seconds=run.seconds, money_unit=b.unit,
        solver_parameters={k: str(v) for k, v in params.items()}, options=b.options,
        violations=violations, model_size=size, notes=tuple(b.notes) + run.notes,
        stage_seconds=dict(run.stage_seconds), work=run.work,
    )


def plan(
    catalogue: Catalogue, firm: Firm, years: tuple[int, int] = (2025, 2029), options: PlanOptions | None = None,
    *, base: Plan | None = None, encoding: Encoding | None = None, readings: bool = False,
) -> PlanResult:
    """The canonical plan for the firm over the horizon (stages 1-3; stage 4 when `base` is given: the plan
    closest to it); OPTIMAL only if stage 1 was proven. Raises WallClockExceeded past `time_limit`.
    `readings`: also re-solve under each other reading that touches the firm's candidates (value at stake,
    optimizer/readings.py), within the same wall-clock limit."""
    options = options or PlanOptions()
    check_run(catalogue, firm, years)  # InputError: unknown ids, history in the horizon or breaking rules
    import ortools.sat.python.cp_model_helper  # noqa: F401 - loading the solver is not part of the run's clock

    t0 = time.perf_counter()
    deadline = t0 + options.time_limit
    here: CandidateSet | None = None
    memo: StageOneMemo | None = None
    started: Build | None = None
    if readings:  # the readings start from the plan's candidates and meet many of its stage-1 parts again
        from grantstack.optimizer.readings import enumerated, fresh

        memo = StageOneMemo()
        here = enumerated(catalogue, firm, years, options) if encoding is None else None
    if here is not None:  # built up to the group rules, then finished: the group-only readings finish it too
        started = build_model(catalogue, firm, years, options, deadline=deadline, candidates=fresh(here),
                              before_groups=True)
        b = with_groups(started, options, deadline)
    else:
        b = build_model(catalogue, firm, years, options, encoding, deadline=deadline)
    run = solve_model(b, base, deadline=deadline, memo=memo)
    result = result_from(b, run, solver_parameters(options), time.perf_counter() - t0 - run.seconds)
    extra: dict[str, object] = {"warnings": plausibility_warnings(catalogue, firm, years),
                                "inputs": inputs_of(catalogue, firm)}
    if readings and result.plan is not None:
        from grantstack.optimizer.readings import value_at_stake

        extra["readings"] = value_at_stake(catalogue, firm, years, result, deadline, memo=memo, candidates=here,
                                           started=started)
    return result.model_copy(update=extra)
