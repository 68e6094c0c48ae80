"""Value at stake: the plan's total under each other reading of every option that touches the firm's candidates.

The principle (docs/semantics.md): the default reading of a clause is the literal, narrower one; each more
generous reading is a named option. For every option whose other value(s) could change this firm's plan
(models/flags.py `touched_measures` meets the measures the firm has candidates for, under either reading), the
plan is re-solved in-process under that value, and the total and the difference to the plan's are reported,
with the re-solve's status. A last row re-solves under every generous reading at once (models/options.py
GENEROUS). The cost is at most (number of relevant readings + 1) stage-1 solves.
"""

from __future__ import annotations

import time

from grantstack.models.catalogue import Catalogue
from grantstack.models.firm import Firm
from grantstack.models.flags import touched_by_option
from grantstack.models.options import GENEROUS, OPTION_NAMES, Interpretation, PlanOptions, option_values
from grantstack.optimizer.assemble import build_model
from grantstack.optimizer.candidates import enumerate_candidates
from grantstack.optimizer.result import PlanResult, Reading, SolveStatus, WallClockExceeded

__all__ = ["ALL_GENEROUS", "relevant_readings", "value_at_stake"]

ALL_GENEROUS = "all_generous"
"""The option name of the row that re-solves under every generous reading at once."""


APPLICABILITY = frozenset({"reference_editions", "lapse_year", "include_non_cash"})
"""Options that decide whether a measure applies in a year at all (beside the measure variants), so the firm's
candidates under them must be enumerated again."""


def _shown(value: object) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def _candidate_measures(catalogue: Catalogue, firm: Firm, years: tuple[int, int], interp: Interpretation,
                        unit: int, cache: dict[tuple, frozenset[str]]) -> frozenset[str]:
    """Ids of the measures the firm has at least one candidate for, the catalogue read under `interp`."""
    key = tuple(sorted(interp.model_dump().items()))
    if key not in cache:
        cs = enumerate_candidates(catalogue.under(interp), firm, years, interp, unit)
        cache[key] = frozenset(c.measure for c in cs.cands if c.ub > 0)
    return cache[key]


def relevant_readings(catalogue: Catalogue, firm: Firm, years: tuple[int, int], options: PlanOptions,
                      ) -> list[tuple[str, object, tuple[str, ...]]]:
    """(option, other value, measures it touches among the firm's candidates) for every reading that could change
    the plan: the option can change a measure the firm has a candidate for under this reading or the other."""
    interp = options.interpretation
    cache: dict[tuple, frozenset[str]] = {}
    here = _candidate_measures(catalogue, firm, years, interp, options.money_unit, cache)
    out = []
    for name, touched in touched_by_option(catalogue, OPTION_NAMES).items():
        if not touched:
            continue
        for value in option_values(name):
            if value == getattr(interp, name):
                continue
            other = interp.model_copy(update={name: value})
            same_measures = catalogue.under(other) is catalogue.under(interp)
            there = here if same_measures and name not in APPLICABILITY else \
                _candidate_measures(catalogue, firm, years, other, options.money_unit, cache)
            hit = tuple(sorted(touched & (here | there)))
            if hit:
                out.append((name, value, hit))
    return out


def _resolve(catalogue: Catalogue, firm: Firm, years: tuple[int, int], options: PlanOptions,
             deadline: float) -> tuple[SolveStatus, int | None, float | None]:
    """Stage 1 under other options: status, the plan's total (yuan) and objective."""
    from grantstack.optimizer.decode import decode_plan, fill
    from grantstack.optimizer.solve import solve_model

    b = build_model(catalogue, firm, years, options, deadline=deadline)
    run = solve_model(b, stages=False, deadline=deadline)
    if run.status not in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE) or not run.values:
        return run.status, None, None
    values = fill(b, run.values)
    objective = sum(c * values[v] for v, c in b.model.objective.items()) + b.model.offset
    return run.status, decode_plan(b, values).total, float(objective * b.yuan_per_point)


def value_at_stake(catalogue: Catalogue, firm: Firm, years: tuple[int, int], result: PlanResult,
                   deadline: float | None = None) -> tuple[Reading, ...]:
    """One Reading per relevant other value of an option, and one under every generous reading at once (when
    at least one reading is relevant and the generous set differs from the plan's). A re-solve that reaches
    the wall-clock limit is reported with status UNKNOWN and no total, never a guessed one."""
    options = result.options
    deadline = deadline if deadline is not None else time.perf_counter() + options.time_limit
    relevant = relevant_readings(catalogue, firm, years, options)
    todo: list[tuple[str, str, PlanOptions, tuple[str, ...]]] = [
        (name, _shown(value), _with(options, {name: value}), hit) for name, value, hit in relevant]
    generous = {n: v for n, v in GENEROUS.items() if any(r[0] == n for r in relevant)}
    if len(generous) > 1 and any(getattr(options.interpretation, n) != v for n, v in generous.items()):
        shown = ", ".join(f"{n}={_shown(v)}" for n, v in generous.items())
        hit = tuple(sorted({m for r in relevant if r[0] in generous for m in r[2]}))
        todo.append((ALL_GENEROUS, shown, _with(options, generous), hit))
    out = []
    for name, shown, flipped, hit in todo:
        t0 = time.perf_counter()
        try:
            status, total, objective = _resolve(catalogue, firm, years, flipped, deadline)
        except WallClockExceeded:
            status, total, objective = SolveStatus.UNKNOWN, None, None
        out.append(Reading(
            option=name, reading=shown, total_yuan=total, objective=objective,
            difference=None if total is None else total - result.total_yuan,
            status=status, measures=hit, seconds=round(time.perf_counter() - t0, 4)))
    return tuple(out)


def _with(options: PlanOptions, update: dict[str, object]) -> PlanOptions:
    return options.model_copy(update={"interpretation": options.interpretation.model_copy(update=update)})
