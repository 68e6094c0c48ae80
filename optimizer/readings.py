"""Value at stake: the plan's total under each other reading of every option that touches the firm's candidates.

The principle (docs/semantics.md): the default reading of a clause is the literal, narrower one; each more
generous reading is a named option. For every option whose other value(s) could change this firm's plan
(models/flags.py `touched_measures` meets the measures the firm has candidates for, under either reading), the
plan is re-solved in-process under that value (stage 1), its plan checked by the independent checker, and the
total and the difference to the plan's are reported, with the re-solve's status. A last row re-solves under
every generous reading at once (models/options.py GENEROUS).

Cost (issue 9: at most one in-process plan per reading; benchmarks/readings.py): the firm's candidates are
enumerated once under the plan's reading (by the plan itself, which hands them on); for each reading only the
measures it can change are enumerated again (that decides its relevance), and the build gets those with fresh
copies of the rest, so no re-solve enumerates the catalogue; a part whose CP-SAT model is one the plan's stage 1
or an earlier reading solved is not solved again (optimizer/stage1_memo.py: deterministic, so the same result);
where a reading's total is its objective (no weighing, no gap), its stage 1 solves a small model whole and tries
a lighter CP-SAT configuration first (solve.py QuickStart: only the proven total is used, and any proof gives
it); the readings of the group-only options finish one model built up to the group rules (assemble.py with_groups);
the group rules of each reading stay cached per catalogue view (models/groups.py), the measures each option
touches per catalogue (here); a re-solve decodes only the lines (no bindings, no flags), which the
checker needs and the table does not.
"""

from __future__ import annotations

import time
from dataclasses import InitVar, dataclass, field, replace
from typing import TYPE_CHECKING

from grantstack.models.catalogue import Catalogue
from grantstack.models.firm import Firm
from grantstack.models.flags import touched_by_option
from grantstack.models.memo import Memo
from grantstack.models.options import GENEROUS, OPTION_NAMES, Interpretation, PlanOptions, option_values
from grantstack.optimizer.assemble import build_model, with_groups
from grantstack.optimizer.candidates import (
    Candidate,
    CandidateSet,
    enumerate_candidates,
    refused_throughout,
    relevant_in,
)
from grantstack.optimizer.context import Build
from grantstack.optimizer.linear import LinearModel, ProtoHead, proto_head
from grantstack.optimizer.result import PlanResult, Reading, SolveStatus, WallClockExceeded
from grantstack.optimizer.stage1_memo import StageOneMemo

if TYPE_CHECKING:
    from grantstack.optimizer.solve import CpSatRun, QuickStart

__all__ = ["ALL_GENEROUS", "enumerated", "fresh", "relevant_readings", "value_at_stake"]

ALL_GENEROUS = "all_generous"
"""The option name of the row that re-solves under every generous reading at once."""


RULES_ONLY = frozenset({"most_favourable_scope", "most_favourable_span", "routes_add_up"})
"""Options read only by the group rules (models/groups.py): the firm's candidates are the same under every value."""

_TOUCHED = Memo(keep=8)  # the measures each option touches, per catalogue object
_PERTINENT = Memo()  # the measures relevant to a firm of a district, per catalogue object and district


def _pertinent(catalogue: Catalogue, district: str) -> frozenset[str]:
    """Ids of the measures `relevant` to a firm of the district (worked out once per catalogue and district)."""
    return _PERTINENT.get(catalogue, district, lambda: frozenset(
        m.id for m in catalogue.measures if relevant_in(m, district)))


def _shown(value: object) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def _touched(catalogue: Catalogue) -> dict[str, frozenset[str]]:
    """The measures each option can change (models/flags.py), worked out once per catalogue: it is immutable."""
    return _TOUCHED.get(catalogue, None, lambda: touched_by_option(catalogue, OPTION_NAMES))


@dataclass(frozen=True)
class Relevant:
    """One reading to re-solve: the option, its other value, the options it sets, the firm's candidate measures it
    touches, and the candidates under it of the measures whose candidates it can change (`touched`; the rest are
    the plan's; None: it changes no candidate)."""

    option: str
    value: object
    update: dict[str, object]
    measures: tuple[str, ...]
    changed: CandidateSet | None
    touched: frozenset[str]


def enumerated(catalogue: Catalogue, firm: Firm, years: tuple[int, int], options: PlanOptions) -> CandidateSet:
    """The firm's candidates under the plan's reading (the default encoding), never built: a plan with readings
    enumerates them once, builds on `fresh` copies and hands them on to value_at_stake."""
    interp = options.interpretation
    return enumerate_candidates(catalogue.under(interp), firm, years, interp, options.money_unit)


def _fresh(c: Candidate) -> Candidate:
    """A copy of a candidate never built (no variables yet): what enumeration made, for one build."""
    return Candidate(c.measure, c.subject, c.anchor, c.year, c.k, c.legal, c.planned, c.ub, c.needs)


def fresh(cs: CandidateSet) -> CandidateSet:
    """Copies of candidates never built, ready for one build (a build sets their variables and may lower `ub`)."""
    return CandidateSet([_fresh(c) for c in cs.cands], cs.history, dict(cs.reasons))


@dataclass
class _Firm:
    """The firm's candidates under the plan's reading, enumerated once and never built (only copied)."""

    catalogue: Catalogue
    firm: Firm
    years: tuple[int, int]
    options: PlanOptions
    given: InitVar[CandidateSet | None] = None  # the plan's own candidates (enumerated for it), if at hand
    begun: InitVar[Build | None] = None  # the plan's own model up to the group rules (built on them), if at hand
    here: CandidateSet = field(init=False)
    paying: frozenset[str] = field(init=False)  # the measures the firm has a candidate for under the plan's reading
    seen: dict[tuple[str, object], Relevant] = field(init=False, default_factory=dict)  # readings of one option
    started: Build | None = field(init=False, default=None)  # the plan's model up to the group rules, once needed
    head: ProtoHead | None = field(init=False, default=None)  # its variables and rows as a CP-SAT proto, once needed
    pertinent: frozenset[str] = field(init=False)  # the measures of the firm's district or the city (`relevant`)
    readings: dict[tuple, tuple[Interpretation, Catalogue]] = field(init=False, default_factory=dict)  # by update
    refused: dict[tuple, bool] = field(init=False, default_factory=dict)  # `refuses`, by measure object and reading

    def __post_init__(self, given: CandidateSet | None, begun: Build | None) -> None:
        self.here = given if given is not None else enumerated(self.catalogue, self.firm, self.years, self.options)
        self.started = begun
        self.paying = frozenset(c.measure for c in self.here.cands)
        self.pertinent = _pertinent(self.catalogue, self.firm.district)

    def reading(self, update: dict[str, object]) -> tuple[Interpretation, Catalogue]:
        """The plan's interpretation with `update`, and the catalogue as read under it (worked out once each)."""
        key = tuple(update.items())
        got = self.readings.get(key)
        if got is None:
            interp = self.options.interpretation.model_copy(update=update)
            got = self.readings[key] = (interp, self.catalogue.under(interp))
        return got

    def enumerate(self, interp: Interpretation, view: Catalogue, only: frozenset[str] | None = None) -> CandidateSet:
        """The candidates under `interp` (`view`: the catalogue read under it), of the measures in `only` if given."""
        return enumerate_candidates(view, self.firm, self.years, interp, self.options.money_unit, only=only)

    def refuses(self, mid: str, interp: Interpretation, view: Catalogue) -> bool:
        """Whether the measure pays nothing to the firm under the reading by a test before any amount
        (candidates.refused_throughout), worked out once per measure as read and the options those tests read."""
        m = view.by_id[mid]
        key = (id(m), interp.include_non_cash, interp.reference_editions, interp.lapse_year)
        got = self.refused.get(key)
        if got is None:
            got = self.refused[key] = refused_throughout(m, self.firm, self.years, interp)
        return got  # the views in `readings` keep every measure object (and so its id) alive with this object

    def under(self, r: Relevant) -> CandidateSet:
        """The firm's candidates under the reading: the plan's, with those of the measures it changes replaced
        (an option changes only the measures it touches, models/flags.py); fresh copies, ready to build."""
        here = self.here
        if r.changed is None:
            return fresh(here)
        keep = [_fresh(c) for c in here.cands if c.measure not in r.touched]
        cands = sorted(keep + [_fresh(c) for c in r.changed.cands], key=Candidate.key)
        reasons = {m: why for m, why in here.reasons.items() if m not in r.touched} | r.changed.reasons
        return CandidateSet(cands, here.history, dict(sorted(reasons.items())))


def _reading(f: _Firm, option: str, value: object, update: dict[str, object]) -> Relevant:
    """The reading that sets `update`: the firm's candidate measures it touches (under this reading or that one),
    and the candidates under it of the measures whose candidates it can change."""
    touched = _touched(f.catalogue)
    names = [n for n in update if n not in RULES_ONLY]
    changes = frozenset().union(*(touched[n] for n in names))
    if len(update) == 1 and names and changes.isdisjoint(f.paying) and _refused(f, update, changes):
        r = Relevant(option, value, update, (), CandidateSet([], f.here.history, {}), changes)
        f.seen[option, value] = r
        return r  # it touches no measure the firm has a candidate for, under this reading or the plan's
    changed = _changed(f, update, names, changes) if names else None
    there = frozenset(c.measure for c in changed.cands) if changed is not None else frozenset()
    hit = frozenset().union(*(touched[n] for n in update)) & (f.paying | there)
    r = Relevant(option, value, update, tuple(sorted(hit)), changed, changes)
    if len(update) == 1:
        f.seen[option, value] = r
    return r


def _refused(f: _Firm, update: dict[str, object], changes: frozenset[str]) -> bool:
    """Whether each measure the reading can change (of the firm's district or the city) pays the firm nothing
    under it by a test before any amount (_Firm.refuses): then enumerating them would find no candidate."""
    ms = changes & f.pertinent
    if not ms:
        return True
    interp, view = f.reading(update)
    return all(f.refuses(m, interp, view) for m in ms)


def _changed(f: _Firm, update: dict[str, object], names: list[str], changes: frozenset[str]) -> CandidateSet:
    """The candidates under the reading of the measures it can change (those of the firm's district or the city).
    A measure's candidates depend only on the options that touch it (models/flags.py), so under several options at
    once (the all-generous row) a measure that none of them moves keeps the plan's, one that a single option moves
    takes those found for that option's reading alone; only the rest are enumerated."""
    interp, touched = f.options.interpretation, _touched(f.catalogue)
    taken: dict[int, tuple[CandidateSet, set[str]]] = {}
    todo: set[str] = set()
    for m in changes & f.pertinent:
        moved = [n for n in names if m in touched[n] and update[n] != getattr(interp, n)]
        alone = f.seen.get((moved[0], update[moved[0]])) if len(moved) == 1 else None
        source = f.here if not moved else alone.changed if alone is not None else None
        if source is None:
            todo.add(m)
        else:
            taken.setdefault(id(source), (source, set()))[1].add(m)
    got = f.enumerate(*f.reading(update), frozenset(todo)) if todo else CandidateSet([], f.here.history, {})
    for source, ms in taken.values():
        got.cands.extend(c for c in source.cands if c.measure in ms)
        got.reasons.update((m, why) for m, why in source.reasons.items() if m in ms)
    got.cands.sort(key=Candidate.key)
    return CandidateSet(got.cands, got.history, dict(sorted(got.reasons.items())))


def _relevant(f: _Firm) -> list[Relevant]:
    """Every reading that could change the plan: the option touches a measure the firm has a candidate for under
    this reading or the other."""
    interp, touched = f.options.interpretation, _touched(f.catalogue)
    found = (_reading(f, n, v, {n: v}) for n in OPTION_NAMES if touched[n]
             for v in option_values(n) if v != getattr(interp, n))
    return [r for r in found if r.measures]


def relevant_readings(catalogue: Catalogue, firm: Firm, years: tuple[int, int], options: PlanOptions,
                      ) -> list[tuple[str, object, tuple[str, ...]]]:
    """(option, other value, measures it touches among the firm's candidates) for every reading that could change
    the plan: the option can change a measure the firm has a candidate for under this reading or the other."""
    return [(r.option, r.value, r.measures) for r in _relevant(_Firm(catalogue, firm, years, options))]


def _solve_key(m: LinearModel) -> tuple:
    """Everything a solve of the model reads (bounds, rows, objective, hint; not the names of its variables and rows,
    which no CP-SAT proto carries): equal keys, equal runs. Integers only, so cheap to hash."""
    rows = tuple((r.vars, r.coefs, r.lb, r.ub, r.enforce) for r in m.rows)
    return (tuple(m.lbs), tuple(m.ubs), rows, tuple(m.objective.items()), m.offset, tuple(m.hint.items()))


def _built(f: _Firm, r: Relevant, options: PlanOptions, deadline: float) -> Build:
    """The reading's model. A reading of the group-only options (r.changed None: the same candidates and catalogue
    view as the plan's) finishes one model built up to the group rules under the plan's options (assemble.py
    with_groups: the same model as a full build), whose CP-SAT proto starts from a copy of that started model's,
    parsed once (linear.py ProtoHead); any other is built afresh on its candidates."""
    if r.changed is None and f.reading(r.update)[1] is f.reading({})[1]:
        if f.started is None:
            f.started = build_model(f.catalogue, f.firm, f.years, f.options, deadline=deadline,
                                    candidates=fresh(f.here), before_groups=True)
        b = with_groups(f.started, options, deadline)
        if f.head is None:
            f.head = proto_head(f.started.model)
        b.model.head = f.head
        return b
    return build_model(f.catalogue, f.firm, f.years, options, deadline=deadline, candidates=f.under(r))


def _total_is_objective(options: PlanOptions) -> bool:
    """Whether every optimal plan of a reading has the same total in yuan, so that any proof of the optimum gives
    the reading's total (the objective is the money itself: no probability, discount or effort weighing, and no
    stop at a gap); then its stage 1 may try solve.QUICK_CONFIG first."""
    return not options.use_probability and not options.discount_rate and not options.effort_cost and \
        not options.relative_gap


def _resolve(f: _Firm, r: Relevant, options: PlanOptions, deadline: float, runs: dict[tuple, CpSatRun],
             memo: StageOneMemo, quick: QuickStart) -> tuple[SolveStatus, int | None, float | None, tuple[str, ...]]:
    """Stage 1 under other options, on the candidates the relevance check found: status, the plan's total (yuan),
    objective, and the independent checker's findings on that plan (a total is shown only when there are none).
    A reading whose model is the same as an earlier reading's (it changes nothing this firm meets) takes that
    solve: the solve is deterministic, so it would find the same values; its plan is still checked under it."""
    from grantstack.optimizer.decode import decode_plan, fill
    from grantstack.optimizer.solve import check, solve_model

    b = _built(f, r, options, deadline)
    key = _solve_key(b.model)
    run = runs.get(key)
    if run is None:
        run = runs[key] = solve_model(b, stages=False, deadline=deadline, memo=memo,
                                      quick=quick if _total_is_objective(options) else None)
    if run.status not in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE) or not run.values:
        return run.status, None, None, ()
    values = fill(b, run.values)
    objective = sum(c * values[v] for v, c in b.model.objective.items()) + b.model.offset
    lines = decode_plan(b, values, explain=False)
    found = tuple(f"{v.rule}: {v.message}" for v in check(f.catalogue, f.firm, lines, options))
    if found:
        return run.status, None, None, found
    return run.status, lines.total, float(objective * b.yuan_per_point), ()


def value_at_stake(catalogue: Catalogue, firm: Firm, years: tuple[int, int], result: PlanResult,
                   deadline: float | None = None, memo: StageOneMemo | None = None,
                   candidates: CandidateSet | None = None, started: Build | None = None) -> tuple[Reading, ...]:
    """One Reading per relevant other value of an option, and one under every generous reading at once (when
    at least one reading is relevant and the generous set differs from the plan's). A re-solve that reaches
    the wall-clock limit is reported with status UNKNOWN and no total, never a guessed one. `memo`: the plan's
    own stage-1 solves (optimizer/solve.py plan), so a part the reading leaves alone is not solved again;
    `candidates`: the plan's own, never built (`enumerated`), so they are not enumerated again; `started`: the
    plan's own model up to the group rules (assemble.py before_groups, on copies of `candidates`), which the plan
    was finished from, so the group-only readings finish it too instead of building it again."""
    options = result.options
    deadline = deadline if deadline is not None else time.perf_counter() + options.time_limit
    f = _Firm(catalogue, firm, years, options, candidates, started)
    relevant = _relevant(f)
    todo = [(r, _shown(r.value)) for r in relevant]
    generous = {n: v for n, v in GENEROUS.items() if any(r.option == n for r in relevant)}
    if len(generous) > 1 and any(getattr(options.interpretation, n) != v for n, v in generous.items()):
        every = _reading(f, ALL_GENEROUS, None, generous)
        hit = tuple(sorted({m for r in relevant if r.option in generous for m in r.measures}))
        todo.append((replace(every, measures=hit), ", ".join(f"{n}={_shown(v)}" for n, v in generous.items())))
    from grantstack.optimizer.solve import QuickStart

    out, runs, quick = [], {}, QuickStart()
    memo = memo if memo is not None else StageOneMemo()
    for r, shown in todo:
        t0 = time.perf_counter()
        try:
            under = options.model_copy(update={"interpretation": f.reading(r.update)[0]})
            status, total, objective, found = _resolve(f, r, under, deadline, runs, memo, quick)
        except WallClockExceeded:
            status, total, objective, found = SolveStatus.UNKNOWN, None, None, ()
        out.append(Reading.model_construct(  # every field typed as declared (no validation needed)
            option=r.option, reading=shown, total_yuan=total, objective=objective,
            difference=None if total is None else total - result.total_yuan,
            status=status, measures=r.measures, violations=found, seconds=round(time.perf_counter() - t0, 4)))
    return tuple(out)
