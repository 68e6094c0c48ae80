"""Changes to firms and catalogues: each operation, each path step, every refusal naming file, change and path."""

from __future__ import annotations

import glob

import pytest

from grantstack.models.catalogue import Catalogue
from grantstack.models.firm import Firm, Project
from grantstack.models.loading import InputError, load_catalogue, load_firm
from grantstack.scenarios.changes import Change, apply_catalogue_changes, apply_firm_changes, as_changes
from grantstack.scenarios.paths import leaf_paths, parse_path
from tests import factories as fx

TONGZHOU = "scenarios/firms/tongzhou_manufacturer.yaml"


@pytest.fixture(scope="module")
def firm() -> Firm:
    return load_firm(TONGZHOU)


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


def refused(fn, *args, **kw) -> str:  # noqa: ANN001, ANN002, ANN003
    with pytest.raises(InputError) as err:
        fn(*args, **kw)
    text = str(err.value)
    assert "\n" not in text
    return text


def test_set_a_projects_cost_in_one_year(firm: Firm) -> None:
    out = apply_firm_changes(firm, [{"op": "set", "path": "projects[pilot-line].costs.investment[1]",
                                     "value": 19_000_000}])
    assert out.project("pilot-line").costs["investment"] == (12_000_000, 19_000_000, 9_000_000)
    assert firm.project("pilot-line").costs["investment"] == (12_000_000, 18_000_000, 9_000_000)  # untouched
    assert out.events == firm.events


def test_fixed_event_made_flexible_needs_both_changes(firm: Firm) -> None:
    one = [{"op": "set", "path": "events[expo-2026].window", "value": [2026, 2027]}]
    text = refused(apply_firm_changes, firm, one, source="s.yaml")
    assert text.startswith("s.yaml: firm_changes[0] (set events[expo-2026].window")
    assert "give exactly one of 'year'" in text
    both = [{"op": "set", "path": "events[expo-2026].year", "value": None}, *one]
    out = apply_firm_changes(firm, both)
    assert out.event("expo-2026").years() == (2026, 2027)


def test_status_year_metric_key_tag_and_entries(firm: Firm) -> None:
    out = apply_firm_changes(firm, [
        {"op": "set", "path": "statuses[high_tech].since", "value": 2019},
        {"op": "add", "path": "metrics.revenue[2030]", "value": 700_000_000},
        {"op": "remove", "path": "metrics.revenue[2023]"},
        {"op": "add", "path": "tags[software_64_65]"},
        {"op": "remove", "path": "tags[high_end_precision]"},
        {"op": "add", "path": "events[iso-cert]", "value": {"kind": "certification.international", "year": 2026}},
        {"op": "remove", "path": "events[group-standard]"},
        Change(op="add", path="projects[lab]", value=Project(id="lab", kinds=("pilot_testing",), start=2026)),
        {"op": "add", "path": "projects[upgrade-loan].costs.interest_paid[4]", "value": 600_000},
    ])
    assert out.statuses[0].since == 2019
    assert 2030 in out.metrics["revenue"] and 2023 not in out.metrics["revenue"]
    assert out.tags == ("advanced_manufacturing", "software_64_65")
    assert out.event("iso-cert").year == 2026 and out.event("group-standard") is None
    assert out.project("lab").start == 2026
    assert out.project("upgrade-loan").costs["interest_paid"][-1] == 600_000


def test_unknown_project_event_and_path_are_named_with_the_closest_id(firm: Firm) -> None:
    text = refused(apply_firm_changes, firm, [
        {"op": "set", "path": "projects[pilot-lin].costs.investment[1]", "value": 1},
        {"op": "set", "path": "events[expo].year", "value": 2027},
        {"op": "set", "path": "projects[pilot-line].cost.investment[1]", "value": 1},
        {"op": "set", "path": "projects[pilot-line].costs.investment[3]", "value": 1},
    ], source="what-if.yaml")
    assert text.startswith("what-if.yaml: firm changes: 4 changes cannot be applied, nothing was changed")
    assert "firm_changes[0] (set projects[pilot-lin].costs.investment[1] = 1)" in text
    assert "no project 'pilot-lin'; did you mean 'pilot-line'?" in text
    assert "firm_changes[1]" in text and "no event 'expo'; did you mean 'expo-2026'?" in text
    assert "has no field 'cost'; did you mean 'costs'?" in text
    assert "position 3 does not exist: the list has 3 entries (0..2); use op: add" in text


def test_each_operation_is_explicit(firm: Firm) -> None:
    assert "already exists" in refused(apply_firm_changes, firm, [{"op": "add", "path": "metrics.revenue[2025]",
                                                                   "value": 1}])
    assert "already exists" in refused(apply_firm_changes, firm, [{"op": "add", "path": "events[expo-2026]",
                                                                   "value": {"kind": "industrial_event"}}])
    assert "no tag 'ai' to remove" in refused(apply_firm_changes, firm, [{"op": "remove", "path": "tags[ai]"}])
    field = [{"op": "remove", "path": "events[expo-2026].year"}]
    assert "cannot be removed" in refused(apply_firm_changes, firm, field)
    assert "remove takes no value" in refused(apply_firm_changes, firm, [{"op": "remove", "path": "tags[ai]",
                                                                          "value": 1}])
    assert "set needs a value" in refused(apply_firm_changes, firm, [{"op": "set", "path": "events[expo-2026].year"}])
    assert "unknown key(s) vaule" in refused(apply_firm_changes, firm, [{"op": "set", "path": "name", "vaule": 1}])
    assert "op must be set, add, remove or replace (got patch)" in refused(
        apply_firm_changes, firm, [{"op": "patch", "path": "name", "value": 1}])


def test_a_bad_result_names_the_change_that_made_it(firm: Firm) -> None:
    text = refused(apply_firm_changes, firm, [{"op": "set", "path": "name", "value": "x"},
                                              {"op": "remove", "path": "events[tech-centre]"}], source="s.yaml")
    assert text.startswith("s.yaml: firm_changes[1] (remove events[tech-centre]): the firm after the changes is "
                           "invalid")
    assert "requires unknown event 'tech-centre'" in text


def test_ambiguous_selector_asks_for_a_position() -> None:
    f = fx.firm(statuses=[{"status": "high_tech", "since": 2015, "until": 2018},
                          {"status": "high_tech", "since": 2021}])
    text = refused(apply_firm_changes, f, [{"op": "set", "path": "statuses[high_tech].since", "value": 2020}])
    assert "2 statuses entries are named 'high_tech'" in text and "statuses[#0]" in text
    out = apply_firm_changes(f, [{"op": "set", "path": "statuses[#1].since", "value": 2020}])
    assert [s.since for s in out.statuses] == [2015, 2020]


def test_paths_as_lists_and_the_grammar() -> None:
    assert [s.key for s in parse_path(["projects", "pilot-line", "costs", "investment", 1])] == \
        ["projects", "pilot-line", "costs", "investment", "1"]
    assert [s.key for s in parse_path("expected[tz.art7.platform_tech_centre]")] == \
        ["expected", "tz.art7.platform_tech_centre"]
    for bad in ("", "[x]", "events..x", "events[x", "events[]", "events x"):
        with pytest.raises(ValueError):
            parse_path(bad)


@pytest.mark.parametrize("path", sorted(glob.glob("scenarios/firms/*.yaml")))
def test_setting_every_value_to_itself_changes_nothing(path: str) -> None:
    f = load_firm(path)
    changes = [{"op": "set", "path": p, "value": v} for p, v in leaf_paths(f.model_dump())]
    assert len(changes) > 50
    assert apply_firm_changes(f, changes) == f


def test_no_changes_give_the_same_objects(firm: Firm, catalogue: Catalogue) -> None:
    assert apply_firm_changes(firm, []) is firm
    assert apply_catalogue_changes(catalogue, None) is catalogue


def test_catalogue_set_replace_add_remove(catalogue: Catalogue) -> None:
    mid = "tz.art4.pilot_testing"
    out = apply_catalogue_changes(catalogue, [
        {"op": "set", "path": f"measures[{mid}].amount.percent", "value": 20},
        {"op": "set", "path": f"measures[{mid}].caps[subject].amount", "value": 5_000_000},
        {"op": "set", "path": "caps[tz.art12.annual_cap].amount", "value": 2_000_000},
    ])
    assert out.measure(mid).amount.percent == 20 and out.measure(mid).caps[0].amount == 5_000_000
    assert next(c for c in out.caps if c.id == "tz.art12.annual_cap").amount == 2_000_000
    assert catalogue.measure(mid).amount.percent == 30
    copy = catalogue.measure(mid).model_dump(exclude={"id"})
    added = apply_catalogue_changes(catalogue, [{"op": "add", "path": "measures[tz.art4.copy]", "value": copy}])
    assert len(added.measures) == len(catalogue.measures) + 1 and added.measure("tz.art4.copy").title
    swapped = apply_catalogue_changes(catalogue, [
        {"op": "replace", "path": f"measures[{mid}]", "value": {**copy, "title": "Pilot testing, new edition"}}])
    assert swapped.measure(mid).title == "Pilot testing, new edition"
    assert [m.id for m in swapped.measures] == [m.id for m in catalogue.measures]


def test_catalogue_refusals_name_file_change_and_path(catalogue: Catalogue) -> None:
    mid = "tz.art4.pilot_testing"
    whole = catalogue.measure(mid).model_dump()
    text = refused(apply_catalogue_changes, catalogue, [{"op": "replace", "path": "measures[tz.art4.pilot_tesing]",
                                                         "value": whole}], source="overlay.yaml")
    assert text.startswith("overlay.yaml: catalogue changes: a change cannot be applied, nothing was changed: "
                           "catalogue_changes[0] (replace measures[tz.art4.pilot_tesing] = {...})")
    assert "no measure 'tz.art4.pilot_tesing' in the catalogue; did you mean 'tz.art4.pilot_testing'?" in text
    assert "already exists: use replace" in refused(apply_catalogue_changes, catalogue,
                                                    [{"op": "add", "path": f"measures[{mid}]", "value": whole}])
    assert "starts with one of measures" in refused(apply_catalogue_changes, catalogue,
                                                    [{"op": "set", "path": "projects[x].start", "value": 1}])
    assert "use replace" in refused(apply_catalogue_changes, catalogue, [{"op": "set", "path": f"measures[{mid}]",
                                                                          "value": whole}])
    text = refused(apply_catalogue_changes, catalogue, [{"op": "remove", "path": f"measures[{mid}]"}], source="o.yaml")
    assert text.startswith(f"o.yaml: catalogue_changes[0] (remove measures[{mid}]): the catalogue after the changes")
    assert "'tz.art18.most_favourable': members: unknown measure, ladder or policy" in text
    text = refused(apply_catalogue_changes, catalogue, [{"op": "set", "path": f"measures[{mid}].amount.percent",
                                                         "value": 130}])
    assert f"measure '{mid}'" in text and "amount.percent" in text


def test_as_changes_without_a_file() -> None:
    assert as_changes([{"op": "set", "path": "name", "value": "x"}])[0].text() == "set name = x"
    with pytest.raises(InputError, match=r"^changes\[0\]"):
        as_changes([{"op": "nope", "path": "name"}])


def test_change_files_for_catalogue_overlays(tmp_path, catalogue: Catalogue) -> None:  # noqa: ANN001
    from grantstack.scenarios.changes import load_change_file

    path = tmp_path / "overlay.yaml"
    path.write_text("catalogue_changes:\n  - {op: set, path: 'caps[tz.art12.annual_cap].amount', value: 1200000}\n"
                    "  - {op: remove, path: 'measures[tz.art12.certification_cnas_product]'}\n", encoding="utf-8")
    changes = load_change_file(path)
    text = refused(apply_catalogue_changes, catalogue, changes.catalogue_changes, source=path)
    assert text.startswith(f"{path}: catalogue_changes[1] (remove measures[tz.art12.certification_cnas_product]): ")
    path.write_text("catalogue_changes:\n  - {op: set, path: 'x'}\nextra: 1\n", encoding="utf-8")
    assert "field 'extra': unknown field" in refused(load_change_file, path)


def test_names_brought_in_by_changes_must_be_in_the_vocabulary(firm: Firm, catalogue: Catalogue) -> None:
    text = refused(apply_firm_changes, firm, [{"op": "add", "path": "tags[advanced_manufacturing_x]"}],
                   source="s.yaml")
    assert text.startswith("s.yaml: firm_changes[0] (add tags[advanced_manufacturing_x]): ")
    assert "not in the vocabulary" in text and "advanced_manufacturing_x" in text
    text = refused(apply_catalogue_changes, catalogue, [
        {"op": "set", "path": "measures[tz.art4.pilot_testing].project_kinds", "value": ["pilot_tesing"]}])
    assert "catalogue_changes[0]" in text and "pilot_tesing" in text and "project_kinds" in text
