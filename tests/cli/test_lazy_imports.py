"""The command line imports only what a command uses: --help loads no solver, no models and no Rich; plan
--format json loads no spreadsheet, HTML, Rich, plotting or HiGHS library (issue 12: fast from the shell)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = r"""
import sys, json
sys.argv = ["grantstack", *json.loads(sys.argv[1])]
from grantstack.cli import main
try:
    main()
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def modules_after(*args: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", PROBE, json.dumps(list(args))], cwd=ROOT, capture_output=True,
                         text=True, timeout=120)
    return {m.split(".")[0] for m in json.loads(out.stderr.strip().splitlines()[-1])} | set(
        json.loads(out.stderr.strip().splitlines()[-1]))


def test_help_imports_no_solver_models_or_rich() -> None:
    mods = modules_after("--help")
    assert not mods & {"ortools", "pydantic", "rich", "numpy", "pandas", "yaml", "openpyxl", "jinja2"}, mods
    light = {"grantstack.models.errors", "grantstack.models.atomic_write"}  # standard library only
    assert not any(m.startswith("grantstack.models.") and m not in light for m in mods)


def test_plan_json_imports_no_report_library_it_does_not_use() -> None:
    mods = modules_after("plan", "scenarios/firms/tongzhou_manufacturer.yaml", "--format", "json")
    assert "ortools" in mods and "grantstack.optimizer.solve" in mods
    assert not mods & {"openpyxl", "jinja2", "rich", "matplotlib", "highspy", "markdown_it", "dask"}, mods
    # the solver's C++ extension (cp_model_helper) only: ortools' cp_model wrapper imports pandas and numpy,
    # which took longer than the rest of the run (issue 12)
    assert "ortools.sat.python.cp_model_helper" in mods and "ortools.sat.python.cp_model" not in mods
    assert not mods & {"pandas", "numpy", "pyarrow"}, mods


def test_plan_many_builds_no_catalogue_in_its_own_process() -> None:
    """Local workers load the bundled catalogue themselves: plan-many's process reads only its files' SHA-256, so
    it builds neither the catalogue's models nor the solver (issue 13: the user path adds little to the engine)."""
    mods = modules_after("plan-many", "scenarios/firms/daxing_hydrogen.yaml", "--jobs", "1", "--format", "csv", "-q")
    assert "grantstack.batch_worker" in mods and "grantstack.models.provenance" in mods
    assert not mods & {"grantstack.models.catalogue", "grantstack.models.loading", "ortools", "yaml"}, mods
