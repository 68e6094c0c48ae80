"""Sensitivity probes worked out by hand on the small firm (tests/scenarios/small.py), and reuse = rebuild."""

from __future__ import annotations

import pytest

from grantstack.models.options import Interpretation
from grantstack.scenarios.probes import cost_fields, option_probes, spread
from grantstack.scenarios.scenario import Scenario
from grantstack.scenarios.sensitivity_analysis import ProbeResult, Reuse, sensitivity
from tests.scenarios import small


def deltas(**firm) -> dict[tuple[str, str], tuple[int | None, float | None]]:  # noqa: ANN003
    s = Scenario.from_firm(small.firm(**firm), catalogue=small.catalogue())
    result = sensitivity(s)
    assert result.proven
    return {(r.probe.kind, r.probe.target): (r.delta, r.per_yuan) for r in result.results}


def test_probes_on_the_small_firm_below_its_cap() -> None:
    # 30% of 30M = 9M (cap 10M); the recognition in 2030 is outside 2025-2029; 4 categories x 50k = 200k.
    d = deltas()
    assert d[("cost +10%", "line")] == (900_000, 0.3)  # 33M x 30% = 9.9M
    assert d[("cost +1M", "line")] == (300_000, 0.3)
    assert d[("event -1y", "ss")][0] == 200_000  # moving the recognition into the horizon adds its award
    assert d[("event +1y", "ss")][0] == 0
    assert d[("event -1y", "ce")][0] == 0 and d[("event +1y", "ce")][0] == 0
    assert d[("measure removed", small.RATE)][0] == -9_000_000
    assert d[("measure removed", small.CERT)][0] == -200_000
    assert d[("cap +10%", small.RATE)] == (0, 0.0)  # 9M is below the 10M cap: raising it is worth nothing
    assert d[("cap +10%", small.CERT)] == (0, 0.0)


def test_raising_a_projects_cost_above_its_cap_adds_nothing_and_the_cap_has_a_shadow_value() -> None:
    d = deltas(investment=40_000_000, categories=7)  # 12M capped at 10M; 350k capped at 300k
    assert d[("cost +10%", "line")] == (0, 0.0)
    assert d[("cost +1M", "line")] == (0, 0.0)
    assert d[("cap +10%", small.RATE)] == (1_000_000, 1.0)  # the 10M cap raised to 11M: 1 yuan per yuan
    assert d[("cap +10%", small.CERT)] == (30_000, 1.0)  # 330k of the 350k


def test_ranking_and_timing_fields() -> None:
    s = Scenario.from_firm(small.firm(), catalogue=small.catalogue())
    result = sensitivity(s)
    sizes = [abs(r.delta) for r in result.results if r.delta is not None]
    assert sizes == sorted(sizes, reverse=True)
    assert result.base_total == 9_200_000 and result.probes_per_second > 0
    assert result.build_seconds > 0 and result.solve_seconds > 0


@pytest.mark.parametrize("firm", ["shijingshan_ss_sme", "mentougou_newcomer", "daxing_hydrogen"])
def test_every_kind_of_reuse_gives_the_same_values_as_rebuilding(firm: str) -> None:
    s = Scenario.from_firm(f"scenarios/firms/{firm}.yaml")
    fast = sensitivity(s)
    slow = sensitivity(s, reuse=Reuse(edit_base_model=False, skip_unchanged=False, hints=False, parts=False))
    assert fast.proven and slow.proven

    def key(r: ProbeResult) -> tuple[object, ...]:
        return r.status, r.objective, r.total, r.delta

    assert {r.probe.label: key(r) for r in fast.results} == {r.probe.label: key(r) for r in slow.results}
    assert {r.how for r in slow.results} <= {"rebuilt", "refused"}


def test_option_probes_follow_the_options_module() -> None:
    probes = option_probes(Interpretation())
    names = {p.target for p in probes}
    assert names <= set(Interpretation.model_fields)
    for p in probes:
        (name, value), = p.options.items()
        assert value != getattr(Interpretation(), name)


def test_spread_and_cost_fields() -> None:
    assert spread([12, 18, 9], 10) == [15, 23, 11] and sum(spread([12, 18, 9], 1_000_000)) == 39 + 1_000_000
    assert spread([0, 0], 5) == [0, 0]
    from grantstack.models.loading import load_catalogue, load_firm

    f = load_firm("scenarios/firms/tongzhou_manufacturer.yaml")
    assert cost_fields(f.project("smart-upgrade"), load_catalogue()) == ["investment"]  # not the award it matches
