"""Sweeps over a group: a sweep file whose base is a group file or a group scenario file; each parameter's `path`
is a group path (scenarios/group_changes.py). Every point of the grid is the group re-solved to its proven
optimum (placements and district included), on local processes or Dask, with the sweep's own output (CSV,
Parquet, PNG). Slot models of entities a point does not change are reused within a worker."""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from grantstack.models.catalogue import Catalogue
from grantstack.models.input_errors import InputError, one_paragraph
from grantstack.models.options import PlanOptions
from grantstack.models.scenario_file import SweepFile, SweepParameter
from grantstack.models.yaml_reader import read_mapping
from grantstack.optimizer.result import SolveStatus
from grantstack.scenarios.group_scenario import GroupScenario, is_group_input, load_group_scenario
from grantstack.scenarios.scenario import file_record, read_spec
from grantstack.scenarios.sweeps import Axis, Sweep, SweepResult, run_sweep

__all__ = ["GroupSweep", "is_group_sweep", "load_group_sweep", "run_group_sweep"]


@dataclass(frozen=True)
class GroupSweep(Sweep):
    """A sweep whose base is a group scenario; its axes are group paths, catalogue paths and options."""

    base: GroupScenario  # type: ignore[assignment]

    def variant(self, point: tuple[int, ...]) -> GroupScenario:  # type: ignore[override]
        """The group scenario of one point (InputError if the values make an invalid group or catalogue)."""
        chosen = list(zip(self.axes, point, strict=True))
        return self.base.variant(
            group_changes=[a.change(a.values[i]) for a, i in chosen if a.kind == "firm"],
            catalogue_changes=[a.change(a.values[i]) for a, i in chosen if a.kind == "catalogue"],
            options={a.path: a.values[i] for a, i in chosen if a.kind == "option"} or None,
            name=f"{self.name}#{point}")


def is_group_sweep(path: str | Path) -> bool:
    """True if the sweep file's base is a group file or a group scenario file."""
    try:
        p, data = read_mapping(path)
    except InputError:
        return False
    base = data.get("base")
    return isinstance(base, str) and is_group_input(p.parent / base)


def _axis(p: SweepParameter, base: GroupScenario, source: Path) -> Axis:
    kind = "firm" if p.path is not None else "catalogue" if p.catalogue_path is not None else "option"
    path = p.path or p.catalogue_path or p.option or ""
    if p.scale is not None:
        raise InputError(one_paragraph(f"{source}: parameter '{p.name}': a scale needs the base's value, which a "
                                       "group sweep does not look up; list the values (values:) or a range."))
    values = list(p.values) if p.values is not None else p.range.values() if p.range is not None else []
    axis = Axis(p.name, kind, path, tuple(values), tuple(values))
    try:  # the first value must make a valid variant: a wrong path is refused before any point runs
        GroupSweep("check", base, (axis,)).variant((0,))
    except InputError as exc:
        raise InputError(one_paragraph(f"{source}: parameter '{p.name}': {exc}")) from None
    return axis


def load_group_sweep(path: str | Path, *, catalogue: Catalogue | None = None, options: PlanOptions | None = None,
                     years: tuple[int, int] | None = None) -> GroupSweep:
    """A sweep file over a group: its base loaded, its axes checked. InputError if anything is bad."""
    p, spec, base_path = read_spec(path, SweepFile, "sweep file", "base")
    base = load_group_scenario(base_path, catalogue=catalogue, options=options, years=years)
    base = base.variant(options=spec.given_options() or None, years=spec.years or years, name=spec.sweep, source=p)
    base = replace(base, inputs=(file_record("sweep", p), *base.inputs))
    sweep = GroupSweep(spec.sweep, base, tuple(_axis(q, base, p) for q in spec.parameters), spec.title)
    if sweep.size > spec.max_points:
        raise InputError(f"{p}: the grid has {sweep.size:,} points, more than max_points ({spec.max_points:,}).")
    return sweep


@dataclass
class _Worker:
    sweep: GroupSweep
    cache: dict[str, Any] = field(default_factory=dict)

    def __getstate__(self) -> dict[str, Any]:
        return {"sweep": self.sweep, "cache": {}}


def _solve_point(worker: _Worker, point: tuple[int, ...]) -> tuple[Any, ...]:
    """(status, total, objective, bound, by-year totals, applications, reused, error) of one point, as a firm
    sweep's: the group's proven optimum (stage 1); no yearly totals."""
    from grantstack.optimizer.group.solve import Searcher

    try:
        s = worker.sweep.variant(point)
    except InputError as exc:
        return ("INVALID", None, None, None, (), None, False, str(exc))
    method = "merged" if s.group.limits.any() else "decompose"
    o = Searcher(s.catalogue, s.group, s.years, s.options, s.group_options, method, worker.cache)()
    if o.status not in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE):
        return (str(o.status), None, None, None, (), None, False, None)
    o_ = s.options
    nominal = not (o_.use_probability or o_.discount_rate or o_.effort_cost)
    value = math.floor(o.value)
    return (str(o.status), value if nominal else None, value, math.floor(o.bound), (), None, False, None)


def run_group_sweep(sweep: GroupSweep, *, processes: int = 2, scheduler: Any = None, progress: bool | None = None,
                    executor: Any = None) -> SweepResult:
    """Every point of the grid on `processes` local workers (or Dask), by the sweep engine; the yearly totals and
    application counts of a firm sweep are left empty (a group point is solved for its total only)."""
    return run_sweep(sweep, processes=processes, scheduler=scheduler, progress=progress, executor=executor,
                     solve=_solve_point, shared=_Worker(sweep))
