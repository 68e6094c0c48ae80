"""Sweeps: every combination of a grid of parameters (firm paths, catalogue paths, options) planned to a proven
optimum, in parallel on local processes or Dask (scenarios/executor.py); results in input order.

A sweep file (schemas/sweep.schema.json) names a base (a firm or a scenario file) and the parameters; each point
of the grid is a variant of the base with one `set` change (or option) per parameter. Each point is solved for
its proven best total (stage 1), starting from the base plan as a hint; identical models met again in a worker
are not solved twice.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from grantstack.models.catalogue import Catalogue
from grantstack.models.firm import Firm
from grantstack.models.input_errors import InputError, one_paragraph
from grantstack.models.options import PlanOptions
from grantstack.models.scenario_file import Change, SweepFile, SweepParameter
from grantstack.scenarios.changes import CATALOGUE_LISTS, plain_data
from grantstack.scenarios.paths import PathError, locate, parse_path
from grantstack.scenarios.scenario import (
    Scenario,
    file_record,
    is_scenario_file,
    load_scenario,
    options_from,
    read_spec,
)
from grantstack.scenarios.sensitivity_analysis import SensitivityRun, stage1

__all__ = ["Axis", "Sweep", "SweepResult", "load_sweep", "run_sweep", "sweep"]


@dataclass(frozen=True)
class Axis:
    """One parameter of the grid with its concrete values (scales resolved against the base)."""

    name: str
    kind: str  # 'firm', 'catalogue' or 'option'
    path: str
    values: tuple[Any, ...]
    labels: tuple[Any, ...]  # what the results show for each value (the factor of a scale)

    def change(self, value: Any) -> Change | None:
        """The change that sets this axis to a value (None for an option)."""
        return None if self.kind == "option" else Change(op="set", path=self.path, value=value)


def _scaled(value: Any, factor: float) -> Any:
    """Every whole number in a value multiplied by a factor, rounded down."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return math.floor(value * factor)
    if isinstance(value, list):
        return [_scaled(v, factor) for v in value]
    if isinstance(value, dict):
        return {k: _scaled(v, factor) for k, v in value.items()}
    return value


def _axis(p: SweepParameter, base: Scenario, source: Path) -> Axis:
    kind = "firm" if p.path is not None else "catalogue" if p.catalogue_path is not None else "option"
    path = p.path or p.catalogue_path or p.option or ""
    values = list(p.values) if p.values is not None else p.range.values() if p.range is not None else []
    labels = list(values)
    try:
        current = _current(base, kind, path) if kind != "option" else None
    except (PathError, IndexError, KeyError) as exc:
        raise InputError(one_paragraph(f"{source}: parameter '{p.name}': path '{path}': {exc or 'no such entry'}"))\
            from None
    if kind == "option":
        options_from({path: values[0]}, base.options, f"{source}: parameter '{p.name}'")
    if p.scale is not None:
        values = [_scaled(current, f) for f in p.scale]
        labels = list(p.scale)
    return Axis(p.name, kind, path, tuple(values), tuple(labels))


def _current(base: Scenario, kind: str, path: str) -> Any:
    """The value at a firm or catalogue path in the base (PathError if there is none)."""
    steps = parse_path(path)
    if kind == "catalogue" and (steps[0].key not in CATALOGUE_LISTS or len(steps) < 2):
        raise PathError(f"a catalogue path starts with one of {', '.join(CATALOGUE_LISTS)} and an id, e.g. "
                        "measures[ID].amount.percent")
    if kind == "firm":
        doc, model = plain_data(base.firm), Firm
    else:
        name, key = steps[0].key, steps[1].key
        entry = next((e for e in getattr(base.catalogue, name) if e.id == key), None)
        if entry is None:
            raise PathError(f"no entry '{key}' in the catalogue's {name}")
        doc, model = plain_data(entry), CATALOGUE_LISTS[name]
        steps = steps[2:]
        if not steps:
            return doc
    loc = locate(doc, model, steps)
    if not loc.exists:
        raise PathError("nothing there in the base")
    return loc.container[loc.key]  # type: ignore[index]


@dataclass(frozen=True)
class Sweep:
    """A base scenario and the axes of the grid."""

    name: str
    base: Scenario
    axes: tuple[Axis, ...]
    title: str = ""

    @property
    def size(self) -> int:
        """Number of points of the grid."""
        return math.prod(len(a.values) for a in self.axes)

    def points(self) -> Iterator[tuple[int, ...]]:
        """Each point as the index of its value on every axis, the last axis varying fastest."""
        return itertools.product(*(range(len(a.values)) for a in self.axes))

    def variant(self, point: tuple[int, ...]) -> Scenario:
        """The scenario of one point (InputError if the values make an invalid firm or catalogue)."""
        firm = [a.change(a.values[i]) for a, i in zip(self.axes, point, strict=True) if a.kind == "firm"]
        cat = [a.change(a.values[i]) for a, i in zip(self.axes, point, strict=True) if a.kind == "catalogue"]
        opts = {a.path: a.values[i] for a, i in zip(self.axes, point, strict=True) if a.kind == "option"}
        return self.base.variant(firm_changes=firm, catalogue_changes=cat, options=opts or None,
                                 name=f"{self.name}#{point}")


def load_sweep(path: str | Path, *, catalogue: Catalogue | None = None, options: PlanOptions | None = None,
               years: tuple[int, int] | None = None) -> Sweep:
    """A sweep file: its base loaded (a firm or a scenario file), its axes resolved. InputError if anything is bad."""
    p, spec, base_path = read_spec(path, SweepFile, "sweep file", "base")
    if is_scenario_file(base_path):
        base = load_scenario(base_path, catalogue=catalogue, options=options)
    else:
        base = Scenario.from_firm(base_path, catalogue=catalogue, options=options, name=spec.sweep)
    base = base.variant(options=spec.given_options() or None, years=spec.years or years, name=spec.sweep,
                        source=p)
    from dataclasses import replace

    base = replace(base, inputs=(file_record("sweep", p), *base.inputs))
    axes = tuple(_axis(q, base, p) for q in spec.parameters)
    sweep = Sweep(spec.sweep, base, axes, spec.title)
    if sweep.size > spec.max_points:
        raise InputError(f"{p}: the grid has {sweep.size:,} points, more than max_points ({spec.max_points:,}). "
                         "Use fewer values, or raise max_points.")
    return sweep


@dataclass
class _Worker:
    """What each worker holds: the sweep, the base solved once, and the results of models already solved."""

    sweep: Sweep
    _run: SensitivityRun | None = None
    _memo: dict[str, tuple[Any, ...]] = field(default_factory=dict)

    def __getstate__(self) -> dict[str, Any]:
        return {"sweep": self.sweep, "_run": None, "_memo": {}}

    def base(self) -> SensitivityRun:
        if self._run is None:
            self._run = SensitivityRun(self.sweep.base)
            self._run.base()
        return self._run


def _fingerprint(model: Any) -> str:
    digest = hashlib.blake2b(digest_size=16)
    digest.update(repr((model.names, model.lbs, model.ubs, model.objective, model.offset)).encode())
    for r in model.rows:
        digest.update(repr((r.vars, r.coefs, r.lb, r.ub, r.enforce)).encode())
    return digest.hexdigest()


def _solve_point(worker: _Worker, point: tuple[int, ...]) -> tuple[Any, ...]:
    """(status, total, objective, bound, by-year totals, applications, reused, error) of one point."""
    from grantstack.optimizer.assemble import build_model
    from grantstack.optimizer.decode import amount_of

    run = worker.base()
    try:
        s = worker.sweep.variant(point)
    except InputError as exc:
        return ("INVALID", None, None, None, (), 0, False, str(exc))
    b = build_model(s.catalogue, s.firm, s.years, s.options)
    key = _fingerprint(b.model) + str(b.yuan_per_point)
    if key in worker._memo:
        return (*worker._memo[key][:6], True, None)
    run._hint(b.model)
    r = stage1(b.model, s.options)
    if r.objective is None:
        out: tuple[Any, ...] = (str(r.status), None, None, None, (), 0)
    else:
        by_year = dict.fromkeys(range(s.years[0], s.years[1] + 1), 0)
        apps = 0
        for c in b.cands:
            if r.values[c.b]:
                by_year[c.year] = by_year.get(c.year, 0) + amount_of(c, r.values) * b.unit
                apps += 1
        out = (str(r.status), sum(by_year.values()), round(r.objective * b.yuan_per_point),
               math.floor((r.bound or 0) * b.yuan_per_point), tuple(by_year.items()), apps)
    worker._memo[key] = out
    return (*out, False, None)


@dataclass(frozen=True)
class SweepResult:
    """One row per point (in grid order) and how the run went."""

    sweep: Sweep
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    seconds: float
    executor: str
    workers: int
    startup_seconds: float = 0.0
    interrupted: bool = False

    @property
    def proven(self) -> bool:
        """True if every point is proven optimal."""
        i = self.columns.index("status")
        return not self.interrupted and all(r[i] == "OPTIMAL" for r in self.rows)

    def records(self) -> list[dict[str, Any]]:
        """The rows as dicts."""
        return [dict(zip(self.columns, r, strict=True)) for r in self.rows]


def _label(v: Any) -> Any:
    return v if isinstance(v, (int, float, str, bool)) or v is None else json.dumps(v, default=str)


def run_sweep(sweep: Sweep, *, processes: int = 2, scheduler: Any = None, progress: bool | None = None,
              executor: Any = None, solve: Any = None, shared: Any = None) -> SweepResult:
    """Plan every point of the grid on `processes` local worker processes (or Dask with `scheduler`, or a running
    scenarios.executor.Executor); rows in grid order, worker start-up included in `seconds`. `solve(shared,
    point)` and `shared` replace the firm's point solver (a group sweep re-solves the group)."""
    from grantstack.scenarios.executor import Executor

    points = list(sweep.points())
    years = list(range(sweep.base.years[0], sweep.base.years[1] + 1))
    columns = ("point", *(a.name for a in sweep.axes), "status", "total_yuan", "objective_yuan", "bound_yuan",
               *(f"y{y}" for y in years), "applications", "reused", "seconds", "error")
    t0 = time.perf_counter()
    ex = executor or Executor(jobs=processes, scheduler=scheduler)
    try:
        batch = ex.map(solve or _solve_point, points, shared=shared if shared is not None else _Worker(sweep),
                       label=f"sweep {sweep.name}", progress=progress)
    finally:
        if executor is None:
            ex.close()
    rows = []
    for o in batch.outcomes:
        point = points[o.index]
        labels = tuple(_label(a.labels[i]) for a, i in zip(sweep.axes, point, strict=True))
        if not o.ok or o.value is None:
            rows.append((o.index, *labels, "ERROR", None, None, None, *(None for _ in years), 0, False,
                         round(o.seconds, 4), o.error))
            continue
        status, total, objective, bound, by_year, apps, reused, error = o.value
        shown = dict(by_year)
        rows.append((o.index, *labels, status, total, objective, bound, *(shown.get(y) for y in years), apps,
                     reused, round(o.seconds, 4), error))
    return SweepResult(sweep, columns, tuple(rows), time.perf_counter() - t0, batch.executor, batch.workers,
                       batch.startup_seconds, batch.interrupted)


def sweep(spec: Sweep | str | Path, *, processes: int = 2, scheduler: Any = None, progress: bool | None = None,
          executor: Any = None) -> SweepResult:
    """Run a sweep given as a Sweep or as the path of a sweep file (see run_sweep)."""
    loaded = spec if isinstance(spec, Sweep) else load_sweep(spec)
    return run_sweep(loaded, processes=processes, scheduler=scheduler, progress=progress, executor=executor)
