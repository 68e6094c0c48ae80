"""Sensitivity of a group: the firm probes (scenarios/probes.py) of every project and event, the entities' own
and the placeable ones, each re-solved for the whole group (placements and district may change), and every
interpretation option flipped; ranked by the change in the group's proven optimum."""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from grantstack.models.firm import Firm
from grantstack.models.input_errors import InputError
from grantstack.models.scenario_file import Change
from grantstack.optimizer.group.solve import Searcher
from grantstack.optimizer.result import SolveStatus
from grantstack.scenarios.group_scenario import GroupScenario
from grantstack.scenarios.probes import Probe, cost_probes, event_probes, option_probes

__all__ = ["GroupProbeResult", "GroupSensitivity", "group_probes", "group_sensitivity"]


@dataclass(frozen=True)
class GroupProbeResult:
    """One probe re-solved for the group: status, proven objective, and the change from the base (yuan)."""

    probe: Probe
    status: str
    objective: float | None = None
    delta: float | None = None
    seconds: float = 0.0
    error: str | None = None

    @property
    def per_yuan(self) -> float | None:
        """Change in the group's value per yuan the probe adds (costs: support per yuan invested)."""
        return None if self.delta is None or not self.probe.step else self.delta / self.probe.step


@dataclass(frozen=True)
class GroupSensitivity:
    """The base group's proven optimum and every probe's result, ranked by the size of the change."""

    scenario: GroupScenario
    base_status: str
    base_objective: float | None
    results: tuple[GroupProbeResult, ...]
    seconds: float

    @property
    def proven(self) -> bool:
        """True if the base and every probe are proven optimal."""
        return self.base_status == SolveStatus.OPTIMAL and all(r.status == SolveStatus.OPTIMAL for r in self.results)


def _moved(probe: Probe, prefix: str, inner: str | None = None) -> Probe:
    """A firm probe (paths projects[ID]..., events[ID]...) re-addressed into the group."""
    def path(p: str) -> str:
        if inner is None:
            return f"{prefix}.{p}"
        head, _, rest = p.partition("]")  # projects[ID] -> placeable_projects[ID].project
        return f"{prefix}{head[head.index('['):]}].{inner}{rest}"

    changes = tuple(Change.model_validate({**c.model_dump(exclude_unset=True), "path": path(c.path)})
                    for c in probe.firm_changes)
    return Probe(probe.kind, probe.target, probe.label, changes, step=probe.step)


def group_probes(s: GroupScenario) -> list[Probe]:
    """Costs +10% and +1M and events a year earlier and later, for every entity's own items and every placeable
    one; every interpretation option set to each of its other values."""
    g, cat = s.group, s.catalogue
    out: list[Probe] = []
    for e in g.entities:
        out += [_moved(p, f"entities[{e.id}]") for p in cost_probes(e, cat) + event_probes(e)]
    if g.new_entity is not None:
        f = Firm.model_validate({**g.new_entity.firm.model_dump(), "district": g.new_entity.districts[0]})
        out += [_moved(p, "new_entity.firm") for p in cost_probes(f, cat) + event_probes(f)]
    probe = Firm(id="probe", district="tongzhou", projects=tuple(p.project for p in g.placeable_projects),
                 events=tuple(e.event.model_copy(update={"requires": (), "linked_to": ()}) for e in g.placeable_events))
    out += [_moved(p, "placeable_projects", "project") for p in cost_probes(probe, cat)]
    out += [_moved(p, "placeable_events", "event") for p in event_probes(probe)]
    return out + option_probes(s.options.interpretation)


def _objective(s: GroupScenario, cache: dict[str, Any]) -> tuple[str, float | None]:
    method = "merged" if s.group.limits.any() else "decompose"
    o = Searcher(s.catalogue, s.group, s.years, s.options, s.group_options, method, cache)()
    ok = o.status in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE)
    return str(o.status), float(o.value) if ok else None


def group_sensitivity(scenario: GroupScenario, probes: Iterable[Probe] | None = None) -> GroupSensitivity:
    """Every probe re-solved for the group (stage 1: the proven optimum), ranked by |change|."""
    t0 = time.perf_counter()
    cache: dict[str, Any] = {}  # slot models an unchanged entity shares across probes
    base_status, base = _objective(scenario, cache)
    results = []
    for p in probes if probes is not None else group_probes(scenario):
        t1 = time.perf_counter()
        try:
            variant = scenario.variant(group_changes=p.firm_changes, options=dict(p.options) or None, name=p.label)
            status, value = _objective(variant, cache)
        except InputError as exc:
            results.append(GroupProbeResult(p, "INVALID", seconds=time.perf_counter() - t1, error=str(exc)))
            continue
        delta = None if value is None or base is None else value - base
        results.append(GroupProbeResult(p, status, value, delta, round(time.perf_counter() - t1, 4)))
    ranked = sorted(results, key=lambda r: (-(abs(r.delta) if r.delta is not None else -1), r.probe.label))
    return GroupSensitivity(scenario, base_status, base, tuple(ranked), time.perf_counter() - t0)
