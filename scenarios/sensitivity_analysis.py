"""Sensitivity: the marginal value of what an advisor can change, each probe re-solved to a proven optimum.

Each probe (scenarios/probes.py) is a variant of the base scenario, solved for the proven best total (stage 1
of the plan: the objective, no tie-breaking). Work is reused between probes where it pays (measured in
benchmarks/whatif.py): a measure left out is a constraint added to the base model (no rebuild); a variant whose
model comes out identical to the base model (an option that touches none of the firm's candidates) is not
solved again; where the objective is the plain total, only the independent parts of a probe's model not proven
before are solved (scenarios/part_reuse.py); otherwise each rebuilt model starts from the base plan as a solution
hint; probes can run on worker processes. Ranked by the size of the change in value.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from grantstack.models.input_errors import InputError
from grantstack.models.options import PlanOptions
from grantstack.optimizer.assemble import build_model
from grantstack.optimizer.context import Build
from grantstack.optimizer.decode import amount_of
from grantstack.optimizer.linear import LinearModel
from grantstack.optimizer.result import SolveStatus
from grantstack.optimizer.solve import CpSatRun, solve_cpsat, solver_parameters
from grantstack.scenarios.part_reuse import PartMemo, plain_total
from grantstack.scenarios.probes import Probe, default_probes
from grantstack.scenarios.scenario import Scenario

__all__ = ["ProbeResult", "Reuse", "Sensitivity", "SensitivityRun", "probes_for", "sensitivity", "stage1"]


@dataclass(frozen=True)
class Reuse:
    """Which kinds of reuse a run may use (all by default; turned off one by one to measure what each pays)."""

    edit_base_model: bool = True  # a measure left out: add a row to the base model instead of rebuilding
    skip_unchanged: bool = True  # a rebuilt model identical to the base model: the base optimum, not solved again
    hints: bool = True  # start each solve from the base plan (variables matched by name)
    parts: bool = True  # solve only the independent parts not proven before (scenarios/part_reuse.py)


@dataclass(frozen=True)
class ProbeResult:
    """One probe solved: status, proven objective and total, the change from the base, and where time went."""

    probe: Probe
    status: str
    objective: int | None = None
    total: int | None = None
    delta: int | None = None  # objective minus the base objective, in yuan
    build_seconds: float = 0.0
    solve_seconds: float = 0.0
    how: str = ""  # 'base model + row', 'unchanged model', 'rebuilt', 'rebuilt + hint', '..., N of M parts solved'
    error: str | None = None

    @property
    def proven(self) -> bool:
        """True if the probe's optimum is proven (or the probe provably changes nothing)."""
        return self.status == SolveStatus.OPTIMAL

    @property
    def per_yuan(self) -> float | None:
        """Change in value per yuan the probe adds (costs: support per yuan invested; caps: shadow value)."""
        if self.delta is None or not self.probe.step:
            return None
        return self.delta / self.probe.step


@dataclass(frozen=True)
class Sensitivity:
    """The base's proven optimum and every probe's result, ranked by the size of the change in value."""

    scenario: Scenario
    base_status: str
    base_objective: int | None
    base_total: int | None
    results: tuple[ProbeResult, ...]
    seconds: float
    processes: int = 1
    reuse: Reuse = field(default_factory=Reuse)

    @property
    def proven(self) -> bool:
        """True if the base and every probe are proven optimal."""
        return self.base_status == SolveStatus.OPTIMAL and all(r.proven for r in self.results)

    @property
    def build_seconds(self) -> float:
        """Time spent building models (probes only)."""
        return sum(r.build_seconds for r in self.results)

    @property
    def solve_seconds(self) -> float:
        """Time CP-SAT spent (probes only)."""
        return sum(r.solve_seconds for r in self.results)

    @property
    def probes_per_second(self) -> float:
        """Probes finished per second of wall time."""
        return len(self.results) / self.seconds if self.seconds > 0 else 0.0


def stage1(model: LinearModel, options: PlanOptions) -> CpSatRun:
    """The proven optimum of the objective alone (stage 1), the whole model in one CP-SAT call (for the Tongzhou
    example about half the time of one call per independent part; mixed on the other examples: see
    benchmarks/results/whatif.md)."""
    return solve_cpsat(model, solver_parameters(options))


def _same(a: LinearModel, b: LinearModel) -> bool:
    """The two models are the same optimisation problem, written the same way (hints aside)."""
    return (a.names == b.names and a.lbs == b.lbs and a.ubs == b.ubs and a.objective == b.objective
            and a.offset == b.offset and a.rows == b.rows)


@dataclass
class SensitivityRun:
    """The base scenario built and solved once; probes are run against it (in this process or a worker)."""

    scenario: Scenario
    reuse: Reuse = field(default_factory=Reuse)
    _base: tuple[Build, CpSatRun, float] | None = None
    _memo: PartMemo | None = None  # parts proven so far, when the objective is the plain total

    def __getstate__(self) -> dict[str, Any]:
        return {"scenario": self.scenario, "reuse": self.reuse, "_base": None, "_memo": None}  # rebuilt per worker

    def base(self) -> tuple[Build, CpSatRun, float]:
        """The base model, its stage-1 run, and the seconds both took."""
        if self._base is None:
            t0 = time.perf_counter()
            s = self.scenario
            b = build_model(s.catalogue, s.firm, s.years, s.options)
            run = stage1(b.model, s.options)
            if self.reuse.parts and run.status == SolveStatus.OPTIMAL and plain_total(b):
                params = solver_parameters(s.options)
                self._memo = PartMemo(params, float(params["max_time_in_seconds"]))  # type: ignore[arg-type]
                self._memo.learn(b.model, b.yuan_per_point, run.values)
            self._base = (b, run, time.perf_counter() - t0)
        return self._base

    def _by_parts(self, probe: Probe, b: Build, model: LinearModel, built: float, how: str) -> ProbeResult | None:
        """The probe solved part by part (only parts not proven before), or None where that does not apply."""
        if self._memo is None or not plain_total(b, model):
            return None
        r = self._memo.solve(model, b.yuan_per_point)
        how = f"{how}, {r.solved} of {r.parts} parts solved"
        if r.objective is None:
            return ProbeResult(probe, str(r.status), build_seconds=built, solve_seconds=r.seconds, how=how)
        _, base, _ = self.base()
        delta = r.objective - round((base.objective or 0) * self.base()[0].yuan_per_point)
        return ProbeResult(probe, str(r.status), r.objective, r.objective, delta, built, r.seconds, how)

    def _hint(self, model: LinearModel) -> None:
        b, run, _ = self.base()
        if not self.reuse.hints or not run.values:
            return
        values = dict(zip(b.model.names, run.values, strict=True))
        model.hint = {i: values[n] for i, n in enumerate(model.names) if n in values}

    def _result(self, probe: Probe, b: Build, run: CpSatRun, built: float, how: str,
                solved: bool = True) -> ProbeResult:
        _, base, _ = self.base()
        seconds = run.seconds if solved else 0.0
        if run.objective is None:
            return ProbeResult(probe, str(run.status), build_seconds=built, solve_seconds=seconds, how=how)
        scale = b.yuan_per_point
        objective = round(run.objective * scale)
        total = sum(amount_of(c, run.values) * b.unit for c in b.cands)
        base_b, _, _ = self.base()
        delta = objective - round((base.objective or 0) * base_b.yuan_per_point)
        return ProbeResult(probe, str(run.status), objective, total, delta, built, seconds, how)

    def run(self, probe: Probe) -> ProbeResult:
        """Solve one probe to its proven optimum (reusing the base where the Reuse settings allow)."""
        b0, base, _ = self.base()
        t0 = time.perf_counter()
        if probe.exclude and not (probe.firm_changes or probe.catalogue_changes or probe.options) \
                and self.reuse.edit_base_model and not _has_history(self.scenario, probe.exclude):
            model = b0.model.copy()
            model.hint = {}
            cands = [c for mid in probe.exclude for c in b0.by_measure.get(mid, [])]
            model.add(*b0.actives(cands), ub=0, tag="probe.exclude")
            built = time.perf_counter() - t0
            by_parts = self._by_parts(probe, b0, model, built, "base model + row")
            if by_parts is not None:
                return by_parts
            self._hint(model)
            return self._result(probe, b0, stage1(model, self.scenario.options), built, "base model + row")
        try:
            s = self.scenario.variant(firm_changes=probe.firm_changes, catalogue_changes=probe.catalogue_changes,
                                      options=dict(probe.options) or None, name=probe.label)
        except InputError as exc:
            return ProbeResult(probe, "INVALID", how="refused", error=str(exc))
        b = build_model(s.catalogue, s.firm, s.years, s.options)
        for mid in probe.exclude:
            b.model.add(*b.actives(b.by_measure.get(mid, [])), ub=0, tag="probe.exclude")
        built = time.perf_counter() - t0
        if self.reuse.skip_unchanged and _same(b.model, b0.model) and b.yuan_per_point == b0.yuan_per_point:
            return self._result(probe, b0, base, built, "unchanged model", solved=False)
        by_parts = self._by_parts(probe, b, b.model, built, "rebuilt")
        if by_parts is not None:
            return by_parts
        self._hint(b.model)
        return self._result(probe, b, stage1(b.model, s.options), built, "rebuilt + hint" if b.model.hint
                            else "rebuilt")


def _has_history(s: Scenario, measures: Iterable[str]) -> bool:
    wanted = set(measures)
    return any(h.measure in wanted for h in s.firm.history)


def probes_for(run: SensitivityRun) -> list[Probe]:
    """The default probes of the run's scenario."""
    b, base, _ = run.base()
    from grantstack.optimizer.decode import decode_plan

    plan = decode_plan(b, base.values) if base.values else None
    s = run.scenario
    return default_probes(s.firm, s.catalogue, plan, b.by_measure.keys(), s.options.interpretation)


def _rank(results: Sequence[ProbeResult]) -> tuple[ProbeResult, ...]:
    return tuple(sorted(results, key=lambda r: (r.delta is None, -abs(r.delta or 0), r.probe.kind, r.probe.target,
                                                r.probe.label)))


def _probe_task(run: SensitivityRun, probe: Probe) -> ProbeResult:
    return run.run(probe)


def sensitivity(scenario: Scenario, probes: Iterable[Probe] | None = None, *, processes: int = 1,
                reuse: Reuse | None = None, scheduler: Any = None, executor: Any = None) -> Sensitivity:
    """Solve the base and every probe (the default probes unless given) to a proven optimum, ranked by the size of
    the change in value. `processes` > 1 runs the probes on that many local worker processes (or Dask with
    `scheduler`, or on a running scenarios.executor.Executor), each worker building the base once."""
    reuse = reuse or Reuse()
    t0 = time.perf_counter()
    run = SensitivityRun(scenario, reuse)
    b, base, _ = run.base()
    todo = list(probes) if probes is not None else probes_for(run)
    if executor is None and processes <= 1 and scheduler is None:
        results = [run.run(p) for p in todo]
    else:
        from grantstack.scenarios.executor import Executor

        ex = executor or Executor(jobs=processes, scheduler=scheduler)
        try:
            batch = ex.map(_probe_task, todo, shared=run, label="sensitivity", progress=False)
        finally:
            if executor is None:
                ex.close()
        results = [o.value if o.ok else ProbeResult(todo[o.index], "ERROR", error=o.error)  # type: ignore[misc]
                   for o in batch.outcomes]
        processes = ex.workers
    objective = round(base.objective * b.yuan_per_point) if base.objective is not None else None
    total = sum(amount_of(c, base.values) * b.unit for c in b.cands) if base.values else None
    return Sensitivity(scenario, str(base.status), objective, total, _rank(results), time.perf_counter() - t0,
                       processes, reuse)
