"""Scenario files: loading, options, provenance, and one-paragraph refusals naming file, change and path."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from grantstack.models.loading import InputError
from grantstack.scenarios.scenario import Scenario, is_scenario_file, load_scenario

REPO = Path(__file__).resolve().parents[2]
TONGZHOU = REPO / "scenarios/firms/tongzhou_manufacturer.yaml"


def write(tmp_path: Path, body: str, name: str = "s.yaml") -> Path:
    path = tmp_path / name
    path.write_text(f"scenario: test\nfirm: {TONGZHOU}\n{body}", encoding="utf-8")
    return path


def refused(path: Path) -> str:
    with pytest.raises(InputError) as err:
        load_scenario(path)
    text = str(err.value)
    assert "\n" not in text and text.startswith(str(path))
    return text


def test_example_scenario_loads_with_its_changes_and_provenance() -> None:
    path = REPO / "scenarios/examples/tongzhou_pilot_plus_1m.yaml"
    s = load_scenario(path)
    assert s.name == "pilot-line-plus-1m" and s.years == (2025, 2029)
    assert s.firm.project("pilot-line").costs["investment"] == (12_000_000, 19_000_000, 9_000_000)
    roles = [i.role for i in s.inputs]
    assert roles[:2] == ["scenario", "firm"] and roles.count("catalogue") == 5
    assert s.inputs[0].sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert is_scenario_file(path) and not is_scenario_file(TONGZHOU)


def test_years_and_options(tmp_path: Path) -> None:
    s = load_scenario(write(tmp_path, "years: [2024, 2026]\noptions: {routes_add_up: true, time_limit: 5}\n"))
    assert s.years == (2024, 2026)
    assert s.options.interpretation.routes_add_up is True and s.options.time_limit == 5
    assert s.option_changes == {"routes_add_up": True, "time_limit": 5.0}


def test_unknown_catalogue_id_is_refused_naming_file_change_and_path(tmp_path: Path) -> None:
    path = write(tmp_path, "catalogue_changes:\n  - {op: remove, path: 'measures[tz.art4.pilot_tesing]'}\n")
    text = refused(path)
    assert "catalogue_changes[0] (remove measures[tz.art4.pilot_tesing])" in text
    assert "did you mean 'tz.art4.pilot_testing'?" in text


@pytest.mark.parametrize(("change", "expected"), [
    ("{op: set, path: 'projects[pilot-lin].start', value: 2026}", "no project 'pilot-lin'"),
    ("{op: set, path: 'events[tech-center].year', value: 2026}", "no event 'tech-center'; did you mean 'tech-centre'?"),
    ("{op: set, path: 'events[tech-centre].yaer', value: 2026}", "has no field 'yaer'; did you mean 'year'?"),
])
def test_unknown_project_event_or_path_is_refused(tmp_path: Path, change: str, expected: str) -> None:
    text = refused(write(tmp_path, f"firm_changes:\n  - {change}\n"))
    assert "firm_changes[0] (set " in text and expected in text


def test_bad_scenario_file_fields(tmp_path: Path) -> None:
    assert "field 'options.rotes_add_up': unknown field" in refused(write(tmp_path, "options: {rotes_add_up: true}\n"))
    assert "did you mean 'routes_add_up'?" in refused(write(tmp_path, "options: {rotes_add_up: true}\n"))
    assert "field 'options.routes_add_up': must be a valid boolean" in refused(
        write(tmp_path, "options: {routes_add_up: maybe}\n"))
    assert "field 'foo': unknown field" in refused(write(tmp_path, "foo: 1\n"))
    missing = tmp_path / "m.yaml"
    missing.write_text("scenario: m\nfirm: nowhere.yaml\n", encoding="utf-8")
    assert "field 'firm': the file" in refused(missing) and "nowhere.yaml does not exist" in refused(missing)
    assert "horizon ends (2025) before it starts (2029)" in refused(write(tmp_path, "years: [2029, 2025]\n"))


def test_variants_chain_and_keep_their_changes() -> None:
    s = Scenario.from_firm(TONGZHOU, name="base")
    v = s.variant(firm_changes=[{"op": "set", "path": "events[expo-2026].year", "value": 2027}],
                  options={"most_favourable_scope": "entity"}, name="v1")
    w = v.variant(catalogue_changes=[{"op": "set", "path": "caps[tz.art12.annual_cap].amount", "value": 1}])
    assert w.name == "v1*" and len(w.firm_changes) == 1 and len(w.catalogue_changes) == 1
    assert w.options.interpretation.most_favourable_scope == "entity"
    assert s.firm.event("expo-2026").year == 2026 and w.firm.event("expo-2026").year == 2027


def test_plan_takes_a_scenario_file_and_its_firm_records_the_scenario() -> None:
    from typer.testing import CliRunner

    from grantstack.cli import app
    from grantstack.models.provenance import inputs_of

    path = REPO / "scenarios/examples/shijingshan_no_little_giant.yaml"
    s = load_scenario(path)
    assert [i.role for i in inputs_of(s.firm)][:2] == ["scenario", "firm"]
    res = CliRunner().invoke(app, ["plan", str(path), "--format", "json"])
    assert res.exit_code == 0, res.output
    # Without the little giant the patent annuity subsidy (330,000) beats the S&S tier alone: one policy under
    # the 001 note (issue 9 default).
    assert '"total_yuan": 330000' in res.stdout
