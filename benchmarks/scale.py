"""Model size and build time against the number of events and of projects: the example firm's events (or
projects) copied N times with fresh ids, N up to 50,000.

A firm file may hold at most 1,000 events and 1,000 projects (models/limits.py, an input policy); these firms
are assembled from validated events and projects without that file limit, to measure the model builder."""

from __future__ import annotations

import gc
import json
import os
import time
from pathlib import Path
from typing import Any

__all__ = ["EXAMPLE", "scale", "scaled_firm"]

EXAMPLE = Path(__file__).resolve().parents[1] / "scenarios" / "firms" / "tongzhou_manufacturer.yaml"


def scaled_firm(n_events: int, n_projects: int, example: Path = EXAMPLE) -> Any:
    """The example firm with its plain events (no grants, no prerequisites) copied to n_events, and its
    projects copied to n_projects (0: keep its own); years and windows as in the example."""
    from grantstack.models.firm import Event, Firm, Project
    from grantstack.models.loading import load_firm

    base = load_firm(example)
    plain = [e for e in base.events if not e.grants and not e.requires and not e.linked_to]
    kept = [e for e in base.events if e not in plain]
    events = list(kept) + [Event.model_validate({**plain[i % len(plain)].model_dump(), "id": f"ev-{i}"})
                           for i in range(n_events)]
    projects = list(base.projects) if n_projects == 0 else [
        Project.model_validate({**base.projects[i % len(base.projects)].model_dump(), "id": f"pr-{i}"})
        for i in range(n_projects)]
    data = dict(base)
    data.update(events=tuple(events), projects=tuple(projects), history=())
    return Firm.model_construct(**data)


def _one(n_events: int, n_projects: int) -> dict[str, Any]:
    from grantstack.models.loading import load_catalogue
    from grantstack.models.options import PlanOptions
    from grantstack.optimizer import build_model

    catalogue = load_catalogue()
    firm = scaled_firm(n_events, n_projects)
    gc.collect()
    t0, c0 = time.perf_counter(), time.process_time()
    b = build_model(catalogue, firm, (2025, 2029), PlanOptions())
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    size = b.model.size()
    return {"events": len(firm.events), "projects": len(firm.projects), "build_s": seconds, "build_cpu_s": cpu,
            "candidates": len(b.cands), **size, "loadavg": [round(x, 2) for x in os.getloadavg()]}


def scale(events: tuple[int, ...] = (1_000, 5_000, 10_000, 20_000, 50_000),
          projects: tuple[int, ...] = (1_000, 5_000, 10_000, 20_000)) -> dict[str, Any]:
    """Rows for N events (the example's projects) and for N projects (the example's events)."""
    rows = [_one(n, 0) | {"axis": "events", "n": n} for n in events]
    rows += [_one(0, n) | {"axis": "projects", "n": n} for n in projects]
    return {"rows": rows}


if __name__ == "__main__":  # pragma: no cover
    print(json.dumps(scale((1000, 2000), (1000,)), indent=1))
