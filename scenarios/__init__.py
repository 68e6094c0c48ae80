"""Bundled data (the Beijing catalogue, example firms and scenarios) and the what-if engine.

The what-if API, imported on first use:

    from grantstack.scenarios import Scenario, compare, sensitivity, sweep

- `Scenario.from_firm(path_or_firm, ...)`, `load_scenario(path)`, `scenario.variant(firm_changes=..., ...)`;
- `compare(base, [variants])` -> Comparison (decision-level diffs); `diff_plans(before, after)`;
- `sensitivity(scenario)` -> Sensitivity (ranked probes); `default_probes(...)`;
- `sweep(path_or_sweep, processes=2)` (= `run_sweep(load_sweep(path))`) -> SweepResult;
- `apply_firm_changes`, `apply_catalogue_changes` (docs/changes.md).
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = [
    "Comparison", "PlanDiff", "Probe", "Reuse", "Scenario", "Sensitivity", "Sweep", "SweepResult",
    "apply_catalogue_changes", "apply_firm_changes", "compare", "default_probes", "diff_plans", "load_scenario",
    "load_sweep", "run_sweep", "sensitivity", "sweep",
]

_WHERE = {
    "Comparison": "comparison", "PlanDiff": "comparison", "compare": "comparison", "diff_plans": "comparison",
    "Probe": "probes", "default_probes": "probes",
    "Reuse": "sensitivity_analysis", "Sensitivity": "sensitivity_analysis", "sensitivity": "sensitivity_analysis",
    "Scenario": "scenario", "load_scenario": "scenario",
    "Sweep": "sweeps", "SweepResult": "sweeps", "load_sweep": "sweeps", "run_sweep": "sweeps", "sweep": "sweeps",
    "apply_catalogue_changes": "changes", "apply_firm_changes": "changes",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(importlib.import_module(f"grantstack.scenarios.{_WHERE[name]}"), name)
    raise AttributeError(f"module 'grantstack.scenarios' has no attribute '{name}'")


def __dir__() -> list[str]:
    return sorted(__all__)
