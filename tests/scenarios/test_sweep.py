"""Sweeps: grid expansion, scales, results worked out by hand on the small firm, CLI outputs, Dask = local."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from grantstack.cli import app
from grantstack.models.loading import InputError
from grantstack.scenarios.sweeps import load_sweep, run_sweep, sweep

ROOT = Path(__file__).resolve().parents[2]
SHIJINGSHAN = ROOT / "scenarios/firms/shijingshan_ss_sme.yaml"
runner = CliRunner(env={"COLUMNS": "250"})


def small_sweep(tmp_path: Path, body: str) -> Path:
    """A sweep file over the Shijingshan example firm."""
    path = tmp_path / "sweep.yaml"
    path.write_text(f"sweep: t\nbase: {SHIJINGSHAN}\n{body}", encoding="utf-8")
    return path


GRID = """options: {most_favourable_scope: matter}
parameters:
  - name: annuity_scale
    path: "projects[patents].costs.annuity_standard"
    scale: [0, 1, 2]
  - name: little_giant
    path: "events[little-giant].optional"
    values: [true, false]
"""


def test_grid_order_scales_and_hand_checked_totals(tmp_path: Path) -> None:
    s = load_sweep(small_sweep(tmp_path, GRID))
    assert s.size == 6 and [a.name for a in s.axes] == ["annuity_scale", "little_giant"]
    assert s.axes[0].values[2] == [360_000, 400_000, 440_000, 480_000, 520_000]
    result = run_sweep(s, processes=1, progress=False)
    assert result.proven and [r[0] for r in result.rows] == list(range(6))
    rows = result.records()
    # Read per matter (the 001 note's generous reading, so the annuity stacks with the ladder).
    # Scale 0: no annuity subsidy, only the ladder: 200k S&S + 600k little giant difference = 800k.
    assert rows[0]["annuity_scale"] == 0 and rows[0]["total_yuan"] == 800_000
    # Scale 1 is the firm as it is: 1,130,000 (330k of annuity subsidies at 30%, 200k + 600k).
    assert rows[2]["total_yuan"] == rows[3]["total_yuan"] == 1_130_000
    assert rows[4]["total_yuan"] - rows[0]["total_yuan"] == 2 * 330_000


def test_bad_sweep_files_are_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="give exactly one of 'values', 'range' or 'scale'"):
        load_sweep(small_sweep(tmp_path, "parameters:\n  - {name: x, path: 'name', values: [a], scale: [1]}\n"))
    with pytest.raises(InputError, match="no project 'patent'; did you mean 'patents'"):
        load_sweep(small_sweep(tmp_path, "parameters:\n  - {name: x, path: 'projects[patent].start', "
                                         "values: [2025]}\n"))
    with pytest.raises(InputError, match="more than max_points"):
        load_sweep(small_sweep(tmp_path, "max_points: 2\nparameters:\n  - {name: x, path: 'projects[patents].start',"
                                         " range: {start: 2024, stop: 2026, step: 1}}\n"))


def test_a_point_that_makes_an_invalid_firm_is_reported_not_fatal(tmp_path: Path) -> None:
    body = "parameters:\n  - {name: w, path: 'events[little-giant].window', values: [[2027, 2028], [2028, 2027]]}\n"
    result = run_sweep(load_sweep(small_sweep(tmp_path, body)), processes=1, progress=False)
    assert [r["status"] for r in result.records()] == ["OPTIMAL", "INVALID"]
    assert "window ends (2027) before it starts (2028)" in result.records()[1]["error"] and not result.proven


def test_dask_local_cluster_gives_the_same_rows_as_local_processes(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    s = load_sweep(small_sweep(tmp_path, GRID))
    local = sweep(s, processes=2, progress=False)
    remote = sweep(s, processes=2, scheduler="local", progress=False)
    keep = [i for i, c in enumerate(local.columns) if c not in ("seconds", "reused")]
    assert [[r[i] for i in keep] for r in local.rows] == [[r[i] for i in keep] for r in remote.rows]
    assert local.executor != remote.executor


def test_cli_writes_csv_parquet_and_png(tmp_path: Path) -> None:
    path = small_sweep(tmp_path, GRID)
    out, pq, png = tmp_path / "r.csv", tmp_path / "r.parquet", tmp_path / "r.png"
    res = runner.invoke(app, ["sweep", str(path), "--out", str(out), "--parquet", str(pq), "--plot", str(png),
                              "--processes", "1"])
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(out.open()))
    assert len(rows) == 6 and rows[0]["total_yuan"] == "800000"
    pytest.importorskip("pyarrow")
    import pyarrow.parquet as parquet

    table = parquet.read_table(pq)
    assert table.num_rows == 6 and table.column("total_yuan").to_pylist()[0] == 800_000
    assert json.loads(table.schema.metadata[b"grantstack.sweep"])["name"] == "t"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_cli_names_the_missing_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real = builtins.__import__

    def no_pyarrow(name: str, *args, **kw):  # noqa: ANN002, ANN003, ANN202
        if name.startswith("pyarrow"):
            raise ImportError(name)
        return real(name, *args, **kw)

    monkeypatch.setattr(builtins, "__import__", no_pyarrow)
    monkeypatch.setattr("importlib.import_module", lambda name, *a: no_pyarrow(name))
    res = runner.invoke(app, ["sweep", str(small_sweep(tmp_path, GRID)), "--parquet", str(tmp_path / "x.parquet")])
    assert res.exit_code == 2 and "pip install 'grantstack[parquet]'" in res.stderr
