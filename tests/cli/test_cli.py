"""The grantstack command through Typer's CliRunner: exit codes, one-paragraph errors, every subcommand."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from grantstack.cli import app
from grantstack.cli_args import parse_options, parse_years
from grantstack.models.loading import InputError, load_catalogue
from grantstack.optimizer.result import SolveStatus
from tests.cli.conftest import APPLICATIONS, ROOT, make_result

runner = CliRunner(env={"COLUMNS": "250"})
MALFORMED = ROOT / "tests" / "malformed"


def _bad_input(res: Any, *needles: str) -> None:
    """Exit 2, one paragraph on stderr naming what is wrong, no traceback anywhere."""
    assert res.exit_code == 2, res.output
    assert "Traceback" not in res.output and "Traceback" not in res.stderr
    msg = res.stderr.strip()
    assert msg.startswith("grantstack: error:") and "\n" not in msg, msg
    for needle in needles:
        assert needle in msg, msg


def test_malformed_firm_names_file_and_field(tmp_path: Path) -> None:
    bad = tmp_path / "acme.yaml"
    bad.write_text("id: acme\ndistrict: tongzhou\nmetrics:\n  revenue: {2024: lots}\n", encoding="utf-8")
    res = runner.invoke(app, ["plan", str(bad)])
    _bad_input(res, "acme.yaml", "metrics.revenue")


def test_missing_firm_file(tmp_path: Path) -> None:
    _bad_input(runner.invoke(app, ["plan", str(tmp_path / "nope.yaml")]), "nope.yaml", "not found")


@pytest.mark.parametrize("path", sorted((MALFORMED / "firm").glob("*")), ids=lambda p: p.name)
def test_malformed_firm_corpus_exits_2(path: Path) -> None:
    _bad_input(runner.invoke(app, ["plan", str(path)]), path.name)


@pytest.mark.parametrize("path", sorted((MALFORMED / "plan").glob("*")), ids=lambda p: p.name)
def test_malformed_plan_corpus_exits_2(path: Path, firm_file: Path) -> None:
    _bad_input(runner.invoke(app, ["check", str(firm_file), str(path)]), path.name)


@pytest.mark.parametrize("path", sorted((MALFORMED / "catalogue").glob("*")), ids=lambda p: p.name)
def test_malformed_catalogue_corpus_exits_2(path: Path) -> None:
    _bad_input(runner.invoke(app, ["catalog", "validate", str(path)]), path.name)


@pytest.mark.parametrize(
    "args, needle",
    [
        (["--option", "no_such_option=1"], "no_such_option"),
        (["--option", "most_favourable_scope=galaxy"], "most_favourable_scope"),
        (["--option", "money_unit=abc"], "money_unit"),
        (["--option", "money_unit=0"], "money_unit"),
        (["--option", "time_limit"], "NAME=VALUE"),
        (["--years", "2029-2025"], "--years"),
        (["--years", "soon"], "--years"),
        (["--format", "xlsx"], "--out"),
        (["--replace-catalog"], "--catalog"),
        (["--catalog", "/no/such/catalogue.yaml"], "catalogue.yaml"),
        (["--out", "/no/such/dir/plan.json"], "/no/such/dir"),
    ],
)
def test_bad_plan_arguments_exit_2(args: list[str], needle: str, firm_file: Path, fake_solver: dict) -> None:
    _bad_input(runner.invoke(app, ["plan", str(firm_file), *args]), needle)
    assert fake_solver["calls"] == []


def test_bad_option_on_check_and_explain(firm_file: Path, tmp_path: Path, fake_solver: dict) -> None:
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps({"firm": "f", "years": [2025, 2026]}), encoding="utf-8")
    _bad_input(runner.invoke(app, ["check", str(firm_file), str(plan), "--option", "bogus=1"]), "bogus")
    _bad_input(runner.invoke(app, ["explain", str(firm_file), "--option", "bogus=1"]), "bogus")


def test_parse_options_reads_every_kind_of_value() -> None:
    opts = parse_options(
        [
            "most_favourable_scope=entity",
            "money_unit=1",
            "time_limit=5",
            "use_probability=true",
            "discount_rate=0.05",
            "max_applications_per_year=null",
            "routes-add-up=true",
        ]
    )
    assert opts.interpretation.most_favourable_scope == "entity" and opts.interpretation.routes_add_up is True
    assert (opts.money_unit, opts.time_limit, opts.use_probability) == (1, 5.0, True)
    assert opts.discount_rate == Decimal("0.05") and opts.max_applications_per_year is None
    assert parse_years("2025-2029") == (2025, 2029) and parse_years("2026") == (2026, 2026)
    with pytest.raises(InputError):
        parse_options(["effort_cost=-1"])
    for strict in ("routes_add_up=yes", "routes_add_up=1", "linearization_level=true", "workers=1.0", "seed=2**40",
                   f"seed={2**40}", "time_limit=inf", "time_limit=nan", "time_limit=1e400"):
        with pytest.raises(InputError, match=strict.split("=")[0]):
            parse_options([strict])


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "html", "md"])
def test_plan_prints_every_format(fmt: str, firm_file: Path, fake_solver: dict) -> None:
    res = runner.invoke(
        app, ["plan", str(firm_file), "--format", fmt, "--years", "2025-2027", "-o", "most_favourable_scope=entity"]
    )
    assert res.exit_code == 0, res.output
    for a in APPLICATIONS:
        assert a.measure in res.stdout
    firm_id, years, options = fake_solver["calls"][0]
    assert (firm_id, years, options.interpretation.most_favourable_scope) == ("f", (2025, 2027), "entity")
    if fmt == "json":
        assert json.loads(res.stdout)["schema_version"] == "1.3"


@pytest.mark.parametrize("suffix", [".json", ".csv", ".xlsx", ".html", ".md", ".txt"])
def test_plan_out_infers_format_from_suffix(suffix: str, firm_file: Path, tmp_path: Path, fake_solver: dict) -> None:
    out = tmp_path / f"report{suffix}"
    res = runner.invoke(app, ["plan", str(firm_file), "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert out.stat().st_size > 0 and str(out) in res.stderr
    if suffix == ".xlsx":
        assert out.read_bytes()[:2] == b"PK"
    else:
        assert "t.dist.upto" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("status", [SolveStatus.FEASIBLE, SolveStatus.UNKNOWN, SolveStatus.INFEASIBLE])
def test_plan_exits_1_unless_proven_optimal(status: SolveStatus, firm_file: Path, fake_solver: dict) -> None:
    fake_solver["result"] = make_result(status, with_plan=status == SolveStatus.FEASIBLE)
    res = runner.invoke(app, ["plan", str(firm_file)])
    assert res.exit_code == 1
    assert str(status) in res.stdout and "exit 1" in res.stderr


def test_explain_lists_measures(firm_file: Path, fake_solver: dict) -> None:
    res = runner.invoke(app, ["explain", str(firm_file), "--years", "2025-2026"])
    assert res.exit_code == 0, res.output
    assert "t.muni.award" in res.stdout and "t.dist.rate" in res.stdout
    res = runner.invoke(app, ["explain", str(firm_file), "--json"])
    assert [e["measure"] for e in json.loads(res.stdout)] == ["t.muni.award", "t.dist.rate"]


def test_check_accepts_a_legal_plan_and_lists_violations(firm_file: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.json"
    empty.write_text(json.dumps({"firm": "f", "years": [2025, 2026]}), encoding="utf-8")
    res = runner.invoke(app, ["check", str(firm_file), str(empty)])
    assert res.exit_code == 0, res.output
    assert "no violations" in res.stdout
    measure = next(m for m in load_catalogue().monetary() if m.level == "municipal")
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        f"firm: someone-else\nyears: [2025, 2026]\napplications:\n"
        f"  - {{measure: {measure.id}, year: 2025, amount: 999999999999}}\n",
        encoding="utf-8",
    )
    res = runner.invoke(app, ["check", str(firm_file), str(bad), "--json"])
    assert res.exit_code == 1
    found = json.loads(res.stdout)
    assert {v["rule"] for v in found} >= {"firm"}
    assert any(v["measure"] == measure.id and v["clause"] for v in found)


def test_catalog_list_show_validate(tmp_path: Path) -> None:
    cat = load_catalogue()
    res = runner.invoke(app, ["catalog", "list", "--json"])
    assert res.exit_code == 0
    assert [m["id"] for m in json.loads(res.stdout)] == [m.id for m in cat.measures]
    res = runner.invoke(app, ["catalog", "list"])
    assert res.exit_code == 0 and f"{len(cat.measures)} measures" in res.stdout
    first = cat.monetary()[0]
    res = runner.invoke(app, ["catalog", "show", first.id])
    assert res.exit_code == 0 and first.source.clause[:30] in " ".join(res.stdout.split())
    _bad_input(runner.invoke(app, ["catalog", "show", "no.such.measure"]), "no.such.measure")
    res = runner.invoke(app, ["catalog", "validate", str(ROOT / "scenarios" / "catalogue")])
    assert res.exit_code == 0 and res.stdout.startswith("OK:")
    broken = tmp_path / "broken.yaml"
    broken.write_text("package: {seed: x, title: y}\nmeasures:\n  - id: Bad Id\n", encoding="utf-8")
    _bad_input(runner.invoke(app, ["catalog", "validate", str(broken)]), "broken.yaml")


def test_catalog_schema_writes_files(tmp_path: Path) -> None:
    res = runner.invoke(app, ["catalog", "schema", "--out", str(tmp_path / "s")])
    assert res.exit_code == 0, res.output
    names = sorted(p.name for p in (tmp_path / "s").iterdir())
    assert "firm.schema.json" in names and "catalogue.schema.json" in names
    assert json.loads((tmp_path / "s" / "firm.schema.json").read_text(encoding="utf-8"))["type"] == "object"
    res = runner.invoke(app, ["catalog", "schema"])
    assert res.exit_code == 0 and "firm" in json.loads(res.stdout)


def test_options_lists_every_option() -> None:
    from grantstack.models.options import Interpretation, PlanOptions

    res = runner.invoke(app, ["options"])
    assert res.exit_code == 0
    for name in [*PlanOptions.model_fields, *Interpretation.model_fields]:
        if name != "interpretation":
            assert name in res.stdout


def test_main_turns_a_bug_into_exit_3(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import grantstack.cli as cli

    def broken(**_: Any) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(cli, "app", broken)
    with pytest.raises(SystemExit) as exc:
        cli.main()
    assert exc.value.code == 3
    err = capsys.readouterr().err
    assert "RuntimeError: boom" in err and "internal error" in err


def test_unwritable_out_is_bad_input(
    firm_file: Path, tmp_path: Path, fake_solver: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    import grantstack.reports as reports

    def denied(*_: Any) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(reports, "write_report", denied)  # plan imports grantstack.reports when it writes
    _bad_input(runner.invoke(app, ["plan", str(firm_file), "--out", str(tmp_path / "p.json")]), "p.json", "denied")
