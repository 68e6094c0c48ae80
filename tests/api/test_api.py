"""The public Python API: names, accepted arguments, TypeErrors, results as frame/dict/JSON, what-ifs in code."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import grantstack
from grantstack.models.firm import Firm as ModelFirm
from grantstack.optimizer.result import PlanResult
from tests.ctrl_c import sigint_default

ROOT = Path(__file__).resolve().parents[2]
SHIJINGSHAN = ROOT / "scenarios/firms/shijingshan_ss_sme.yaml"
# Shijingshan S&S SME over 2025-2029 (hand-checked against 001): patent annuity 54,000 + 60,000 + 66,000 + 72,000
# + 78,000 (municipal item 7), S&S recognition 200,000 and national little giant 600,000 (district item 4). The
# package's closing note lets one policy apply to the entity (issue 9 default): the ladder (800,000) beats the
# annuity subsidy (330,000), so the plan is the ladder alone.
PATENTS = 54_000 + 60_000 + 66_000 + 72_000 + 78_000
TOTAL = 200_000 + 600_000


def test_public_names() -> None:
    assert grantstack.__all__ == [
        "Book", "Catalogue", "Change", "Firm", "FirmRow", "Group", "GroupOptions", "GroupResult", "InputError",
        "Interpretation", "PlanOptions", "Result", "Scenario", "SolveStatus", "__version__", "compare",
        "firm_from_dict", "group_from_dict", "load_catalogue", "load_firm", "load_group", "plan", "plan_group",
        "plan_many", "sensitivity", "sweep",
    ]
    from grantstack import scenarios

    assert grantstack.sensitivity is scenarios.sensitivity and grantstack.sweep is scenarios.sweep  # what-if API
    for name in grantstack.__all__:
        assert getattr(grantstack, name) is not None, name
    assert set(grantstack.__all__) <= set(dir(grantstack))
    with pytest.raises(AttributeError, match="no attribute 'planx'"):
        grantstack.planx  # noqa: B018


def test_import_is_light() -> None:
    code = "import sys, grantstack; print(sorted(m for m in ('ortools', 'pandas', 'pydantic') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.fixture(scope="module")
def firm() -> grantstack.Firm:
    return grantstack.load_firm(SHIJINGSHAN)


@pytest.fixture(scope="module")
def result(firm: grantstack.Firm) -> grantstack.Result:
    return grantstack.plan(firm, years=(2025, 2029))


def test_plan_from_a_firm_path_or_dict_gives_the_same_plan(firm: grantstack.Firm, result: grantstack.Result) -> None:
    assert isinstance(firm, ModelFirm) and isinstance(result, PlanResult)
    assert result.status == grantstack.SolveStatus.OPTIMAL and result.total_yuan == TOTAL
    data = firm.model_dump()
    for other in (grantstack.plan(str(SHIJINGSHAN), "2025-2029"), grantstack.plan(data, [2025, 2029]),
                  grantstack.plan(grantstack.firm_from_dict(data), range(2025, 2030))):
        assert other.plan == result.plan


def test_options_as_dict_or_plan_options(firm: grantstack.Firm) -> None:
    as_dict = grantstack.plan(firm, options={"most_favourable_scope": "entity", "time_limit": 20})
    as_model = grantstack.plan(firm, options=grantstack.PlanOptions(
        time_limit=20, interpretation=grantstack.Interpretation(most_favourable_scope="entity")))
    nested = grantstack.plan(firm, options={"interpretation": {"most_favourable_scope": "entity"}, "time_limit": 20})
    assert as_dict.options == as_model.options == nested.options
    assert as_dict.options.interpretation.most_favourable_scope == "entity" and as_dict.options.time_limit == 20


OVERLAY = {"note": "the little giant award cut to 500,000", "catalogue_changes": [
    {"op": "set", "path": "measures[ss.shijingshan.little_giant].amount.amount", "value": 500_000}]}


def test_bundled_and_user_catalogue(tmp_path: Path, firm: grantstack.Firm) -> None:
    bundled = grantstack.load_catalogue()
    assert bundled.measure("ss.shijingshan.little_giant").amount.amount == 800_000
    overlay = tmp_path / "cut.yaml"
    overlay.write_text(json.dumps(OVERLAY))
    cut = grantstack.load_catalogue(overlay)
    assert cut.measure("ss.shijingshan.little_giant").amount.amount == 500_000
    # The ladder pays the little giant tier less the 200,000 S&S tier already paid: 300,000 instead of 600,000.
    assert grantstack.plan(firm, catalogue=overlay).total_yuan == TOTAL - 300_000
    assert grantstack.plan(firm, catalogue=cut).total_yuan == TOTAL - 300_000
    assert grantstack.plan(firm, catalogue=bundled).total_yuan == TOTAL
    (tmp_path / "bad.yaml").write_text(json.dumps({"catalogue_changes": [
        {"op": "set", "path": "measures[ss.nope].amount.amount", "value": 1}]}))
    with pytest.raises(grantstack.InputError, match=r"bad.yaml.*ss.nope"):
        grantstack.load_catalogue(tmp_path / "bad.yaml")


@pytest.mark.parametrize(("call", "message"), [
    (lambda: grantstack.plan(42), r"plan\(\): firm must be a Firm, a path to a firm file .* not int \(42\)"),
    (lambda: grantstack.plan(SHIJINGSHAN, years="soon"), r"years must be a \(first, last\) pair.* not str"),
    (lambda: grantstack.plan(SHIJINGSHAN, years=(2025,)), r"years must be .* not tuple"),
    (lambda: grantstack.plan(SHIJINGSHAN, options="fast"), r"options must be None, a PlanOptions, or a dict"),
    (lambda: grantstack.plan(SHIJINGSHAN, catalogue=3.5), r"catalogue must be None \(the bundled catalogue\)"),
    (lambda: grantstack.load_firm({"id": "x"}), r"load_firm\(\): path must be a path .*firm_from_dict\(\), not dict"),
    (lambda: grantstack.firm_from_dict("acme.yaml"), r"firm_from_dict\(\): data must be a dict"),
    (lambda: grantstack.load_catalogue(7), r"load_catalogue\(\): path must be None"),
    (lambda: grantstack.plan_many(42), r"plan_many\(\): firms must be a folder or glob pattern"),
    (lambda: grantstack.plan_many([SHIJINGSHAN], jobs="2"), r"plan_many\(\): jobs must be None"),
])
def test_wrong_types_name_the_parameter_and_what_it_accepts(call: object, message: str) -> None:
    with pytest.raises(TypeError, match=message):
        call()  # type: ignore[operator]


def test_bad_values_are_input_errors(firm: grantstack.Firm) -> None:
    with pytest.raises(grantstack.InputError, match="unknown option 'scope'.*most_favourable_scope"):
        grantstack.plan(firm, options={"scope": "entity"})
    with pytest.raises(grantstack.InputError, match="bad value for 'most_favourable_scope'.*got 'everything'"):
        grantstack.plan(firm, options={"most_favourable_scope": "everything"})
    with pytest.raises(grantstack.InputError, match="field 'district'"):
        grantstack.firm_from_dict({"id": "x", "district": "atlantis"})
    with pytest.raises(ValueError, match="1990 and 2100"):
        grantstack.plan(firm, years=(2029, 2025))


def test_result_as_frame_dict_and_json(result: grantstack.Result) -> None:
    frame = result.to_frame()
    assert list(frame.columns) == ["year", "measure", "title", "level", "subject", "amount_yuan", "discretionary",
                                   "binding", "citation"]
    assert int(frame["amount_yuan"].sum()) == TOTAL and len(frame) == 2
    assert frame.groupby("year")["amount_yuan"].sum().to_dict() == {y: v for y, v in result.by_year().items() if v}
    assert set(frame.measure) == {"ss.shijingshan.ss_recognition", "ss.shijingshan.little_giant"}
    doc = result.to_dict()
    assert doc["kind"] == "grantstack.plan" and doc["total_yuan"] == TOTAL and doc["status"] == "OPTIMAL"
    assert json.loads(result.to_json()) == doc


def test_result_is_readable(result: grantstack.Result) -> None:
    assert repr(result) == ("Result(firm='shijingshan-ss-sme', status=OPTIMAL, total=800,000 yuan, applications=2, "
                            "years=2025-2029, gap=0.00%)")
    html = result._repr_html_()
    assert html.startswith("<p><b>grantstack plan</b>: firm=&#x27;shijingshan-ss-sme&#x27;")
    assert html.count("<tr") == 1 + 2 and "ss.shijingshan.little_giant" in html
    assert "Applications" in str(result) and "800,000" in str(result)


def test_with_changes_makes_a_changed_copy(firm: grantstack.Firm) -> None:
    later = firm.with_changes(set={"events[little-giant].window": [2031, 2032]})
    assert isinstance(later, grantstack.Firm) and later.event("little-giant").window == (2031, 2032)
    assert firm.event("little-giant").window == (2026, 2029), "the original is unchanged"
    # The little-giant recognition leaves the horizon: the S&S tier alone (200,000) now loses to the patent
    # annuity subsidy (330,000), the one policy of the 001 note.
    assert grantstack.plan(later).total_yuan == PATENTS
    same = firm.with_changes([{"op": "set", "path": "events[little-giant].window", "value": [2031, 2032]}])
    assert same == later
    assert firm.with_changes() == firm


def test_with_changes_errors(firm: grantstack.Firm) -> None:
    with pytest.raises(grantstack.InputError, match=r"changes\[0\] \(set events\[nope\].year = 2027\).*no event "
                                                    r"'nope' \(known: ss-recognition, little-giant\)"):
        firm.with_changes(set={"events[nope].year": 2027})
    with pytest.raises(TypeError, match=r"Firm.with_changes\(\): changes must be a list of changes"):
        firm.with_changes("events[expo].year=2027")  # type: ignore[arg-type]


def test_ctrl_c_still_works_after_a_plan() -> None:
    """A CP-SAT solve leaves SIGINT at its default action; plan() puts Python's handler back."""
    code = ("import os, signal, grantstack\n"
            f"grantstack.plan({str(SHIJINGSHAN)!r})\n"
            "try:\n    os.kill(os.getpid(), signal.SIGINT); signal.pause()\n"
            "except KeyboardInterrupt:\n    print('KeyboardInterrupt')\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         preexec_fn=sigint_default)
    assert out.returncode == 0 and out.stdout.strip() == "KeyboardInterrupt", (out.returncode, out.stderr)
