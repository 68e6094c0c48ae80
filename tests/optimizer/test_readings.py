"""Value at stake (issue 9): each other reading that touches the firm is re-solved, with its total and difference."""

from __future__ import annotations

from pathlib import Path

import pytest

from grantstack.models.catalogue import Catalogue
from grantstack.models.loading import load_catalogue, load_firm
from grantstack.models.options import GENEROUS, Interpretation, PlanOptions
from grantstack.optimizer.readings import ALL_GENEROUS, relevant_readings
from grantstack.optimizer.result import SolveStatus
from grantstack.optimizer.solve import plan

FIRMS = Path(__file__).resolve().parents[2] / "scenarios" / "firms"
YEARS = (2025, 2029)


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return load_catalogue()


def test_shijingshan_readings_worked_by_hand(cat: Catalogue) -> None:
    """Shijingshan S&S SME. Default (scope entity: one policy of the 001 note for the entity): the ladder,
    200,000 (S&S 2025) + 600,000 (little giant 2026, 800,000 less the 200,000 paid) = 800,000; the annuity
    subsidy (another policy of the same note) is out. Annuity subsidy: 30% of the standard annuity, at most the
    annuity paid: 54,000 + 60,000 + 66,000 + 72,000 + 78,000 = 330,000 (each below 153,000 ... 221,000 paid).
    matter: every policy on its own matter: 800,000 + 330,000 = 1,130,000 (+330,000).
    entity_year: one policy a year: the annuity 2025-2028 (252,000) and the little giant alone in 2029 (800,000,
    no lower tier paid) = 1,052,000 (+252,000), better than ladder 2025/2026 + annuity 2027-2029 (1,016,000)."""
    firm = load_firm(FIRMS / "shijingshan_ss_sme.yaml", cat)
    r = plan(cat, firm, YEARS, readings=True)
    assert r.status == SolveStatus.OPTIMAL and r.total_yuan == 800_000
    by = {(x.option, x.reading): x for x in r.readings}
    assert (by["most_favourable_scope", "matter"].total_yuan, by["most_favourable_scope", "matter"].difference) \
        == (1_130_000, 330_000)
    assert (by["most_favourable_scope", "entity_year"].total_yuan,
            by["most_favourable_scope", "entity_year"].difference) == (1_052_000, 252_000)
    assert by["most_favourable_span", "package"].difference == 0  # one district, one package: nothing changes
    assert by["discretionary", "ceiling"].difference == 0  # 30% is below the annuity paid every year
    assert all(x.status == SolveStatus.OPTIMAL for x in r.readings)
    generous = by[ALL_GENEROUS, next(k for o, k in by if o == ALL_GENEROUS)]
    assert generous.total_yuan == 1_130_000
    # options the firm's candidates never meet are not re-solved (no 003 article, no 000 Shunyi cap here)
    assert not {"rate_basis", "upgrading_cap", "trading_support_cap", "lapse_year"} & {x.option for x in r.readings}


def test_each_reading_is_the_plan_under_that_option(cat: Catalogue) -> None:
    """The total of a reading is what a plan under that option gives, and the difference is against the default."""
    firm = load_firm(FIRMS / "shunyi_tech_service.yaml", cat)
    r = plan(cat, firm, YEARS, readings=True)
    assert r.readings
    for x in r.readings:
        if x.option == ALL_GENEROUS:
            continue
        value = x.reading if x.reading not in ("true", "false") else x.reading == "true"
        other = PlanOptions(interpretation=Interpretation(**{x.option: value}))
        alone = plan(cat, firm, YEARS, other)
        assert (x.total_yuan, x.difference) == (alone.total_yuan, alone.total_yuan - r.total_yuan), x.option
        assert not alone.violations


def test_readings_follow_the_run_options_and_can_be_skipped(cat: Catalogue) -> None:
    """Under a non-default reading the default becomes one of the 'other' readings; readings=False: none."""
    firm = load_firm(FIRMS / "shijingshan_ss_sme.yaml", cat)
    assert plan(cat, firm, YEARS).readings == ()
    matter = PlanOptions(interpretation=Interpretation(most_favourable_scope="matter"))
    r = plan(cat, firm, YEARS, matter, readings=True)
    by = {(x.option, x.reading): x for x in r.readings}
    assert r.total_yuan == 1_130_000
    assert by["most_favourable_scope", "entity"].difference == -330_000
    names = [(n, v) for n, v, _ in relevant_readings(cat, firm, YEARS, matter)]
    assert ("most_favourable_scope", "matter") not in names and ("most_favourable_scope", "entity") in names


def test_every_report_format_shows_the_readings_and_the_split(cat: Catalogue) -> None:
    """JSON (versioned), table, Markdown and HTML carry the readings with the value at stake, and the JSON the
    split of the total into assumption-free and discretionary parts."""
    from grantstack.reports import build_report, render
    from grantstack.reports.json_report import to_document

    firm = load_firm(FIRMS / "shijingshan_ss_sme.yaml", cat)
    data = build_report(plan(cat, firm, YEARS, readings=True), cat, firm)
    doc = to_document(data)
    matter = next(x for x in doc["readings"] if x["reading"] == "matter")
    assert (matter["option"], matter["total_yuan"], matter["difference"]) == ("most_favourable_scope", 1_130_000,
                                                                               330_000)
    assert doc["totals"]["by_assumption"] == {"assumption_free": 800_000, "discretionary": 0, "other_assumptions": 0}
    table = render(data, "table")
    assert "most_favourable_scope=matter" in table and "+330,000" in table
    md = render(data, "md")
    assert "value at stake" in md and "| most_favourable_scope | matter | 1,130,000 | +330,000 | OPTIMAL |" in md
    html = render(data, "html")
    assert 'id="readings"' in html and "1,130,000" in html


def test_readme_table_of_example_firms_under_defaults_and_generous_readings(cat: Catalogue) -> None:
    """The README's table: each example firm's total under the defaults, its assumption-free part, and the total
    under every generous reading at once (the all_generous row, or the total when no reading touches it)."""
    import re

    readme = (FIRMS.parents[1] / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (\w+) \| ([\d,]+) \| ([\d,]+) \| ([\d,]+) \|$", readme, re.M)
    assert len(rows) == 7
    for name, default, free, generous in rows:
        r = plan(cat, load_firm(FIRMS / f"{name}.yaml", cat), YEARS, readings=True)
        g = next((x.total_yuan for x in r.readings if x.option == ALL_GENEROUS), r.total_yuan)
        got = (r.total_yuan, r.plan.by_assumption()["assumption_free"], g)
        assert got == tuple(int(v.replace(",", "")) for v in (default, free, generous)), name


@pytest.mark.parametrize("options", [PlanOptions(), PlanOptions(interpretation=Interpretation(**GENEROUS))],
                         ids=["defaults", "generous"])
def test_the_candidates_passed_on_are_those_a_fresh_enumeration_finds(cat: Catalogue, options: PlanOptions) -> None:
    """Each re-solve builds on the plan's candidates with those of the measures the reading can change enumerated
    again (models/flags.py: an option changes no other measure's candidates): for every example firm and every
    relevant reading (the all-generous one too), exactly the candidates a full enumeration under it gives."""
    from dataclasses import astuple

    from grantstack.optimizer.candidates import enumerate_candidates
    from grantstack.optimizer.readings import _Firm, _reading, _relevant

    for path in sorted(FIRMS.glob("*.yaml")):
        f = _Firm(cat, load_firm(path, cat), YEARS, options)
        readings = _relevant(f)
        assert readings, path.stem
        flips = {n: v for n, v in GENEROUS.items() if any(r.option == n for r in readings)}
        for r in [*readings, _reading(f, ALL_GENEROUS, None, flips)]:
            interp = options.interpretation.model_copy(update=r.update)
            full = enumerate_candidates(cat.under(interp), f.firm, YEARS, interp, options.money_unit)
            passed = f.under(r)
            assert [astuple(c) for c in passed.cands] == [astuple(c) for c in full.cands], (path.stem, r.option)
            assert passed.history == full.history and passed.reasons == full.reasons, (path.stem, r.option)
            assert not {id(c) for c in passed.cands} & {id(c) for c in f.here.cands}  # fresh: builds mutate them


def test_a_reading_the_checker_rejects_shows_no_total(cat: Catalogue, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every re-solved plan goes through the independent checker: a plan it finds at fault gives no total (and
    no difference), only the findings, so no unchecked figure is shown."""
    import grantstack.optimizer.solve as solve
    from grantstack.models.plan import Violation

    firm = load_firm(FIRMS / "shijingshan_ss_sme.yaml", cat)
    checked: list[str] = []

    def at_fault(catalogue, firm, plan_, options):  # type: ignore[no-untyped-def]
        checked.append(options.interpretation.most_favourable_scope)
        return (Violation(rule="cap.year", message="over the cap"),)

    base = plan(cat, firm, YEARS)
    monkeypatch.setattr(solve, "check", at_fault)
    from grantstack.optimizer.readings import value_at_stake

    readings = value_at_stake(cat, firm, YEARS, base)
    assert len(checked) == len(readings) == 6
    assert all(x.total_yuan is None and x.difference is None and x.violations == ("cap.year: over the cap",)
               for x in readings)
    from grantstack.reports import build_report

    shown = build_report(base.model_copy(update={"readings": readings}), cat, firm).readings
    assert {(x["total_yuan"], x["status"]) for x in shown} == {("-", "rejected by the checker")}


def test_readings_with_the_same_model_share_one_solve(cat: Catalogue, monkeypatch: pytest.MonkeyPatch) -> None:
    """Daxing hydrogen: no reading changes its plan (README: 800,000 under all of them). The three group readings
    build one same model (no group rule binds what the firm can combine), reference_editions=renewed and the
    all-generous row another one: 2 solves for 5 readings, and each of the 5 plans is still checked under its
    own reading."""
    import grantstack.optimizer.solve as solve
    from grantstack.optimizer.readings import value_at_stake

    firm = load_firm(FIRMS / "daxing_hydrogen.yaml", cat)
    base = plan(cat, firm, YEARS)
    calls = {"solve": 0, "check": 0}
    real_solve, real_check = solve.solve_model, solve.check

    def counted(name, fn):  # type: ignore[no-untyped-def]
        def run(*args, **kwargs):  # type: ignore[no-untyped-def]
            calls[name] += 1
            return fn(*args, **kwargs)
        return run

    monkeypatch.setattr(solve, "solve_model", counted("solve", real_solve))
    monkeypatch.setattr(solve, "check", counted("check", real_check))
    readings = value_at_stake(cat, firm, YEARS, base)
    assert [(x.option, x.total_yuan, x.difference, x.status) for x in readings] == [
        ("most_favourable_scope", 800_000, 0, SolveStatus.OPTIMAL), ("most_favourable_scope", 800_000, 0,
                                                                     SolveStatus.OPTIMAL),
        ("most_favourable_span", 800_000, 0, SolveStatus.OPTIMAL), ("reference_editions", 800_000, 0,
                                                                    SolveStatus.OPTIMAL),
        (ALL_GENEROUS, 800_000, 0, SolveStatus.OPTIMAL)]
    assert calls == {"solve": 2, "check": 5}
