"""grantstack plan-many: a book of firm files -> one summary (table, CSV, xlsx, JSON) and per-firm reports."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from grantstack.cli import app
from grantstack.models.errors import InputError
from tests.cli.conftest import ROOT
from tests.ctrl_c import sigint_default

FIRMS = ROOT / "scenarios" / "firms"
# Totals of the bundled example firms over 2025-2029 with the default options (see each firm file).
SHIJINGSHAN_TOTAL = 800_000  # issue 9 defaults: the ladder (800k) is the one policy of the 001 note
DAXING_TOTAL = 800_000
BAD = "id: broken\ndistrict: atlantis\n"


def run(*args: str) -> Any:
    return CliRunner().invoke(app, ["plan-many", *args])


@pytest.fixture()
def book(tmp_path: Path) -> Path:
    folder = tmp_path / "clients"
    folder.mkdir()
    shutil.copy(FIRMS / "shijingshan_ss_sme.yaml", folder / "a_shijingshan.yaml")
    shutil.copy(FIRMS / "daxing_hydrogen.yaml", folder / "c_daxing.yaml")
    (folder / "b_broken.yaml").write_text(BAD)
    (folder / "notes.txt").write_text("not a firm file")
    return folder


def test_a_bad_file_is_listed_and_the_others_are_planned(book: Path, tmp_path: Path) -> None:
    out, reports = tmp_path / "out", tmp_path / "reports"
    out.mkdir()
    res = run(str(book), "--jobs", "2", "--out", str(out / "s.csv"), "--out", str(out / "s.json"),
              "--out", str(out / "s.xlsx"), "--reports", str(reports), "--report-format", "json", "-q")
    assert res.exit_code == 1, res.output
    assert "3 firm(s): 2 proven optimal, 0 not proven, 1 failed" in res.output
    doc = json.loads((out / "s.json").read_text())
    assert doc["kind"] == "grantstack.plan-many" and doc["complete"] is True and doc["interrupted"] is False
    assert (doc["firms"], doc["optimal"], doc["failed"], doc["not_run"]) == (3, 2, 1, 0)
    rows = {r["name"]: r for r in doc["rows"]}
    assert list(rows) == ["a_shijingshan", "b_broken", "c_daxing"], "input order"
    bad = rows["b_broken"]
    assert bad["status"] == "ERROR" and bad["report"] is None and bad["total_yuan"] is None
    assert "b_broken.yaml" in bad["error"] and "field 'district'" in bad["error"] and "atlantis" in bad["error"]
    assert "\n" not in bad["error"], "one paragraph"
    for name, total in (("a_shijingshan", SHIJINGSHAN_TOTAL), ("c_daxing", DAXING_TOTAL)):
        row = rows[name]
        assert row["status"] == "OPTIMAL" and row["total_yuan"] == total and row["gap"] == 0
        assert sum(row["by_year"].values()) == total and set(row["by_year"]) == {str(y) for y in range(2025, 2030)}
        assert row["top_measures"][0]["amount_yuan"] == max(m["amount_yuan"] for m in row["top_measures"])
        report = json.loads(Path(row["report"]).read_text())
        assert report["total_yuan"] == total and report["firm"] == row["firm"]
        assert row["applications"] == len(report["plan"]["applications"])
    assert rows["c_daxing"]["top_measures"] == [
        {"measure": "ss.daxing.little_giant_national", "amount_yuan": 500_000},
        {"measure": "ss.daxing.little_giant_municipal", "amount_yuan": 300_000}]
    assert sorted(p.name for p in reports.iterdir()) == ["a_shijingshan.json", "c_daxing.json"], "no temp files"
    table = list(csv.DictReader(io.StringIO((out / "s.csv").read_text())))
    assert [r["status"] for r in table] == ["OPTIMAL", "ERROR", "OPTIMAL"]
    assert table[0]["yuan_2025"] and int(table[0]["total_yuan"]) == SHIJINGSHAN_TOTAL
    from openpyxl import load_workbook

    wb = load_workbook(out / "s.xlsx")
    assert wb.sheetnames == ["Firms", "Run"] and wb["Firms"].max_row == 4
    assert {r[0].value: r[1].value for r in wb["Run"].iter_rows(min_row=2)}["complete"] is True


def test_every_firm_optimal_exits_0_and_prints_csv(book: Path) -> None:
    (book / "b_broken.yaml").unlink()
    res = run(str(book / "*.yaml"), "--format", "csv", "--jobs", "0")
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert [(r["firm"], int(r["total_yuan"])) for r in rows] == [("shijingshan-ss-sme", SHIJINGSHAN_TOTAL),
                                                                ("daxing-hydrogen", DAXING_TOTAL)]


def test_a_firm_not_proven_optimal_exits_1_and_is_counted(book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A plan found but not proven (time limit) is a row with its status and gap, and the batch exits 1."""
    import grantstack.optimizer.solve as solve
    from grantstack.optimizer.result import SolveStatus

    real = solve.plan

    def time_limit_hit_for_daxing(*args: Any, **kwargs: Any) -> Any:
        result = real(*args, **kwargs)
        if result.firm != "daxing-hydrogen":
            return result
        return result.model_copy(update={"status": SolveStatus.FEASIBLE, "best_bound": 880_000.0,
                                         "gap": 0.0909})

    monkeypatch.setattr(solve, "plan", time_limit_hit_for_daxing)
    (book / "b_broken.yaml").unlink()
    res = run(str(book), "--jobs", "0", "--format", "json")
    assert res.exit_code == 1, res.output
    doc = json.loads(res.stdout)
    assert (doc["firms"], doc["optimal"], doc["not_proven"], doc["failed"]) == (2, 1, 1, 0)
    rows = {r["name"]: r for r in doc["rows"]}
    assert rows["c_daxing"]["status"] == "FEASIBLE" and rows["c_daxing"]["gap"] == 0.0909
    assert rows["c_daxing"]["total_yuan"] == DAXING_TOTAL and rows["a_shijingshan"]["status"] == "OPTIMAL"
    assert "2 firm(s): 1 proven optimal, 1 not proven, 0 failed" in res.stderr


def test_table_lists_the_error_in_full(book: Path) -> None:
    res = run(str(book), "--jobs", "0")
    assert res.exit_code == 1
    assert "b_broken" in res.stdout and "ERROR" in res.stdout and "field 'district'" in res.stdout
    assert f"{SHIJINGSHAN_TOTAL:,}" in res.stdout and "2 proven optimal" in res.stdout


@pytest.mark.parametrize(("args", "message"), [
    (["nowhere/"], "nowhere/: no such firm file or folder"),
    (["{empty}"], "the folder holds no firm files"),
    (["{book}/*.json"], r"/\*.json: no file matches this pattern"),
    (["{book}", "--years", "2029-2025"], "--years '2029-2025'"),
    (["{book}", "--out", "summary.pdf"], "--out summary.pdf: the suffix must say the format"),
    (["{book}", "--out", "missing/s.csv"], "the folder missing does not exist"),
    (["{book}", "--reports", "{file}"], "is a file; give a folder"),
    (["{book}", "--option", "bogus=1"], "unknown option 'bogus'"),
])
def test_bad_arguments_exit_2_with_one_paragraph(book: Path, tmp_path: Path, args: list[str], message: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty").mkdir()
    names = {"book": str(book), "empty": str(tmp_path / "empty"), "file": str(book / "notes.txt")}
    res = run(*[a.format(**names) for a in args])
    assert res.exit_code == 2, res.output
    assert res.stderr.startswith("grantstack: error: ") and res.stderr.count("\n") == 1
    assert message in res.stderr or __import__("re").search(message, res.stderr), res.stderr
    assert "Traceback" not in res.output


def test_plan_on_a_folder_points_to_plan_many(book: Path) -> None:
    res = CliRunner().invoke(app, ["plan", str(book)])
    assert res.exit_code == 2 and res.stdout == ""
    assert res.stderr == (f"grantstack: error: {book}: is a folder; give one firm file, or plan every firm file in "
                          f"it with 'grantstack plan-many {book}'.\n")


@pytest.mark.usefixtures("no_dask")
def test_scheduler_without_dask_names_the_extra(book: Path) -> None:
    res = run(str(book), "--scheduler", "tcp://127.0.0.1:8786")
    assert res.exit_code == 2
    assert "pip install 'grantstack[dask]'" in res.stderr


def test_unreachable_scheduler_is_a_bad_argument(book: Path) -> None:
    pytest.importorskip("distributed")
    res = run(str(book), "--scheduler", "tcp://127.0.0.1:9")
    assert res.exit_code == 2 and "cannot reach the Dask scheduler" in res.stderr, res.output


def test_ctrl_c_keeps_finished_reports_and_writes_an_incomplete_summary(tmp_path: Path) -> None:
    folder, reports, summary = tmp_path / "many", tmp_path / "reports", tmp_path / "summary.json"
    folder.mkdir()
    for i in range(150):
        shutil.copy(FIRMS / "shijingshan_ss_sme.yaml", folder / f"firm{i:03}.yaml")
    cmd = [sys.executable, "-m", "grantstack", "plan-many", str(folder), "--jobs", "1", "--reports", str(reports),
           "--report-format", "json", "--out", str(summary), "-q"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
                            preexec_fn=sigint_default)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list(reports.glob("*.json"))) < 3 and proc.poll() is None:
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    doc = json.loads(summary.read_text())
    assert doc["complete"] is False and doc["interrupted"] is True and 0 < doc["not_run"] < 150
    assert doc["firms"] == 150 and doc["optimal"] + doc["not_run"] == 150
    listed = {r["report"] for r in doc["rows"] if r["report"]}
    on_disk = {str(p) for p in reports.iterdir()}
    assert listed == on_disk, "every report written is listed, and every listed report exists"
    for path in on_disk:
        assert json.loads(Path(path).read_text())["total_yuan"] == SHIJINGSHAN_TOTAL, "each report complete"
    assert not [p for p in tmp_path.rglob(".*")], "no temporary files left"
    assert "INCOMPLETE (interrupted)" in err and "Traceback" not in err


def test_dask_local_cluster_gives_the_same_plans_as_the_local_pool(book: Path) -> None:
    distributed = pytest.importorskip("distributed")
    import grantstack
    from grantstack.benchmarks.book import SAME_PLAN_FIELDS

    (book / "b_broken.yaml").unlink()
    firms = [book / "a_shijingshan.yaml", book / "c_daxing.yaml", FIRMS / "tongzhou_manufacturer.yaml"]
    local = grantstack.plan_many(firms, jobs=2)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, protocol="tcp",
                                  dashboard_address=":0") as cluster:
        with distributed.Client(cluster) as client:
            dask = grantstack.plan_many(firms, scheduler=client)
        address = cluster.scheduler_address
        assert address.startswith("tcp://")
        cli = run(*map(str, firms), "--scheduler", address, "--format", "json", "-q")
    assert dask.executor["kind"] == "dask" and local.executor["kind"] == "local"
    pick = [{k: getattr(r, k) for k in SAME_PLAN_FIELDS} for r in local.rows]
    assert pick == [{k: getattr(r, k) for k in SAME_PLAN_FIELDS} for r in dask.rows]
    assert cli.exit_code == 0, cli.output
    doc = json.loads(cli.stdout)
    assert doc["executor"]["kind"] == "dask" and doc["complete"] is True
    assert [{k: r[k] for k in SAME_PLAN_FIELDS} for r in doc["rows"]] == \
        [{k: v for k, v in r.to_dict().items() if k in SAME_PLAN_FIELDS} for r in local.rows]
    assert [r.total_yuan for r in local.rows] == [SHIJINGSHAN_TOTAL, DAXING_TOTAL, local.rows[2].total_yuan]
    assert local.exit_code == dask.exit_code == 0


def test_workers_of_the_console_script_do_not_rerun_it(tmp_path: Path) -> None:
    """Spawned workers re-run the main script unless it is a package's __main__: the `grantstack` script says so."""
    script = tmp_path / "grantstack"
    script.write_text("import multiprocessing.spawn as sp, grantstack.cli as cli\ncli._main_module_is_the_package()\n"
                      "data = sp.get_preparation_data('w')\n"
                      "print(data.get('init_main_from_name'), data.get('init_main_from_path'))\n")
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120)
    assert out.stdout.split() == ["grantstack.__main__", "None"], out.stderr


PROBE = """import os, sys
if "--multiprocessing-fork" in getattr(sys, "orig_argv", ()):  # a spawned worker process
    where = os.path.join(os.environ["GRANTSTACK_PROBE"], str(os.getpid()))
    open(where + ".worker", "w").close()
    def _hook(event, args):
        if event == "import" and args[0] == "grantstack.cli":
            open(where + ".cli", "w").close()
    sys.addaudithook(_hook)
"""


def _console_script_run(script: Path, firm: Path, probe: Path) -> tuple[int, int]:
    """Run plan-many through `script` on one worker process: (workers started, workers that imported the CLI)."""
    probe.mkdir()
    (probe / "sitecustomize.py").write_text(PROBE)
    env = {**os.environ, "GRANTSTACK_PROBE": str(probe),
           "PYTHONPATH": os.pathsep.join(filter(None, [str(probe), os.environ.get("PYTHONPATH")]))}
    out = subprocess.run([sys.executable, str(script), "plan-many", str(firm), "--jobs", "1", "--format", "csv",
                          "-q"], env=env, capture_output=True, text=True, timeout=170)
    assert out.returncode == 0 and f",{DAXING_TOTAL}," in out.stdout, out.stderr
    return len(list(probe.glob("*.worker"))), len(list(probe.glob("*.cli")))


def test_the_installed_console_scripts_workers_plan_without_loading_the_command_line(tmp_path: Path) -> None:
    """End to end through the real `grantstack` script: its worker plans the firm and never imports the CLI; the
    same script under another name (the behaviour without the fix) makes its worker import it."""
    script = Path(sys.executable).with_name("grantstack")
    assert script.exists(), "the console script is installed beside the interpreter"
    firm = FIRMS / "daxing_hydrogen.yaml"
    assert _console_script_run(script, firm, tmp_path / "ours") == (1, 0)
    other = tmp_path / "bin" / "gs-renamed"
    other.parent.mkdir()
    shutil.copy(script, other)
    assert _console_script_run(other, firm, tmp_path / "control") == (1, 1), "the probe sees a CLI import"


def test_summary_shows_warnings_and_records_its_inputs(tmp_path: Path) -> None:
    import hashlib

    text = (FIRMS / "shijingshan_ss_sme.yaml").read_text()
    warned = tmp_path / "warned.yaml"
    warned.write_text(text.replace("annuity_standard: [180000, 200000, 220000, 240000, 260000]",
                                   "annuity_standard: [180000, 200000, 220000, 240000, 260000, 5]"))
    res = run(str(warned), "--jobs", "0", "--format", "json")
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    (row,) = doc["rows"]
    assert row["total_yuan"] == SHIJINGSHAN_TOTAL, "the sixth figure falls after the horizon"
    assert any("annuity_standard has 6 entries" in w for w in row["warnings"]), row["warnings"]
    assert row["sha256"] == hashlib.sha256(warned.read_bytes()).hexdigest()
    assert doc["inputs"]["catalogue"] and all(len(f["sha256"]) == 64 for f in doc["inputs"]["catalogue"])
    assert doc["inputs"]["catalog"] == "bundled" and doc["inputs"]["firm_sources"] == [str(warned)]
    table = run(str(warned), "--jobs", "0")
    assert "warning: project 'patents' costs.annuity_standard has 6 entries" in " ".join(table.stdout.split())


def test_files_are_found_once_in_order_and_reports_get_distinct_names(tmp_path: Path) -> None:
    from grantstack.batch import discover, items_of

    for folder in ("north", "south"):
        (tmp_path / folder).mkdir()
        shutil.copy(FIRMS / "daxing_hydrogen.yaml", tmp_path / folder / "client.yaml")
    (tmp_path / "north" / ".hidden.yaml").write_text(BAD)
    found = discover([tmp_path / "north", str(tmp_path / "*" / "client.yaml"), tmp_path / "north" / "client.yaml"])
    assert found == [tmp_path / "north" / "client.yaml", tmp_path / "south" / "client.yaml"]
    names = [name for name, _ in items_of(found)]
    assert names == [f"{tmp_path.name}__north__client", f"{tmp_path.name}__south__client"]


def test_a_file_met_again_through_a_link_or_a_linked_folder_is_planned_once(tmp_path: Path) -> None:
    from grantstack.batch import discover

    north, south = tmp_path / "north", tmp_path / "south"
    north.mkdir()
    shutil.copy(FIRMS / "daxing_hydrogen.yaml", north / "b.yaml")
    (north / "a.yaml").symlink_to(north / "b.yaml")  # sorts first, so it is the one kept
    (north / "c.json").symlink_to(tmp_path / "missing.json")  # a broken link is no file
    (north / "notes.txt").write_text("not a firm")
    south.symlink_to(north, target_is_directory=True)
    sources = [north, south, str(tmp_path / "*" / "b.yaml"), north / "b.yaml"]
    assert discover(sources) == [north / "a.yaml"]
    assert discover([south / "b.yaml", north]) == [south / "b.yaml"]


def test_workers_plan_on_the_bundled_catalogue_they_load_only_if_its_files_are_the_ones_read() -> None:
    """The bundled catalogue goes to local workers by reference (files and SHA-256): a worker plans with its own
    copy, the same catalogue; if a file is not the one the batch read, every firm fails naming why."""
    from grantstack.batch_worker import BatchJob, BundledCatalogue, plan_one
    from grantstack.models.loading import load_catalogue
    from grantstack.models.options import PlanOptions
    from grantstack.models.provenance import inputs_of

    ref = BundledCatalogue.read()
    assert ref.files == inputs_of(load_catalogue()) and ref.load() == load_catalogue()
    job = BatchJob.bundled((2025, 2029), PlanOptions())
    row, _ = plan_one(job, ("daxing", str(FIRMS / "daxing_hydrogen.yaml")))
    assert (row.status, row.total_yuan) == ("OPTIMAL", DAXING_TOTAL)
    changed = BundledCatalogue((ref.files[0].model_copy(update={"sha256": "0" * 64}), *ref.files[1:]))
    with pytest.raises(InputError, match="bundled catalogue's files changed"):
        plan_one(BatchJob(changed, (2025, 2029), PlanOptions()), ("daxing", str(FIRMS / "daxing_hydrogen.yaml")))


def test_a_file_read_by_the_parent_gets_the_error_reading_it_in_the_worker_gave(tmp_path: Path) -> None:
    """plan-many's own process reads each firm file (FirmText) and its worker parses it: a file that cannot be
    read (not UTF-8) is still listed with the one-paragraph error load_firm gives, the others are planned."""
    from grantstack.batch import BatchJob, items_of, plan_book
    from grantstack.models.loading import load_catalogue, load_firm
    from grantstack.models.options import PlanOptions

    latin = tmp_path / "b_latin1.yaml"
    latin.write_bytes("id: caf\xe9\ndistrict: daxing\n".encode("latin-1"))
    good = tmp_path / "a_daxing.yaml"
    shutil.copy(FIRMS / "daxing_hydrogen.yaml", good)
    with pytest.raises(InputError) as direct:
        load_firm(str(latin))
    book = plan_book(items_of([good, latin]), BatchJob.of(load_catalogue(), (2025, 2029), PlanOptions()), jobs=0)
    ok, bad = book.rows
    assert (ok.status, ok.total_yuan, ok.file) == ("OPTIMAL", DAXING_TOTAL, str(good))
    assert (bad.status, bad.file, bad.error) == ("ERROR", str(latin), " ".join(str(direct.value).split()))
    assert "UTF-8" in bad.error


def test_a_catalogue_overlay_goes_to_the_workers_and_the_bundled_one_by_reference(tmp_path: Path) -> None:
    """--catalog: the workers plan with the overlaid catalogue this process loaded (the little giant award cut to
    500,000: the ladder pays 300,000 less); without it they load the bundled one themselves (800,000)."""
    overlay = tmp_path / "cut.yaml"
    overlay.write_text(json.dumps({"catalogue_changes": [
        {"op": "set", "path": "measures[ss.shijingshan.little_giant].amount.amount", "value": 500_000}]}))
    firm = str(FIRMS / "shijingshan_ss_sme.yaml")
    cut = subprocess.run([sys.executable, "-m", "grantstack", "plan-many", firm, "--catalog", str(overlay), "--jobs",
                          "1", "--format", "json", "-q"], cwd=ROOT, capture_output=True, text=True, timeout=170)
    bundled = subprocess.run([sys.executable, "-m", "grantstack", "plan-many", firm, "--jobs", "1", "--format",
                              "json", "-q"], cwd=ROOT, capture_output=True, text=True, timeout=170)
    assert cut.returncode == 0 and bundled.returncode == 0, cut.stderr + bundled.stderr
    cut_doc, bundled_doc = json.loads(cut.stdout), json.loads(bundled.stdout)
    assert cut_doc["rows"][0]["total_yuan"] == SHIJINGSHAN_TOTAL - 300_000
    assert bundled_doc["rows"][0]["total_yuan"] == SHIJINGSHAN_TOTAL
    assert any(f["role"] == "overlay" for f in cut_doc["inputs"]["catalogue"]), cut_doc["inputs"]
    from grantstack.models.bundled_files import bundled_catalogue_paths

    assert [f["path"] for f in bundled_doc["inputs"]["catalogue"]] == [str(p) for p in bundled_catalogue_paths()]
