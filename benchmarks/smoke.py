"""Smoke run: generate, run every method, a small portfolio, a parameter probe and the report, all tiny."""

from __future__ import annotations

import tempfile
from pathlib import Path

from grantstack.benchmarks.params import VARIANTS, run_params
from grantstack.benchmarks.portfolio import firm_lines, local_executor, run_portfolio, snapshot_path
from grantstack.benchmarks.registry import real_catalogue, specs
from grantstack.benchmarks.report import write_report
from grantstack.benchmarks.run import run_suites, save_json
from grantstack.benchmarks.storage import generate, write_snapshot
from grantstack.models.options import PlanOptions

__all__ = ["smoke"]


def smoke(folder: Path | None = None, firms: int = 20) -> dict[str, object]:
    """Run the whole harness at a tiny size; raises if any plan breaks a rule."""
    with tempfile.TemporaryDirectory() as tmp:
        base = folder or Path(tmp)
        root, results = base / "instances", base / "results"
        write_snapshot(real_catalogue(), root)
        chosen = specs(["tiny"])[:2] + specs(["typical"])[:2] + specs(["small"])[:1]
        for spec in chosen:
            generate(spec, root)
        run = run_suites(None, options=PlanOptions(), root=root, brute_budget=500, chosen=chosen)
        save_json(run, results / "run.json")
        with local_executor(1, snapshot_path(root)) as executor:
            port = run_portfolio(firm_lines(firms, root, 2_000_000, base / "cache"), executor, snapshot_path(root),
                                 chunk=5)
        save_json([port.summary], results / "portfolio.json")
        params = run_params(("tiny",), VARIANTS[:2], work_limit=5, root=root, limit=2)
        save_json(params, results / "params.json")
        report = write_report(results)
        bad = sum(r["violations"] for r in run["records"]) + port.summary["violations"]
        if bad:
            raise AssertionError(f"{bad} checker violations in the smoke run")
        return {"records": len(run["records"]), "firms": port.summary["firms"], "report": report.stat().st_size}
