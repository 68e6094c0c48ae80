"""Generators are deterministic per spec, produce valid models, and stored files regenerate byte for byte."""

from __future__ import annotations

from collections import Counter

import pytest

from grantstack.benchmarks.gen_synthetic import synthetic_instance
from grantstack.benchmarks.registry import SMALL_SUITES, Spec, build, spec_by_name, specs
from grantstack.benchmarks.storage import INSTANCES, dump_bytes, find, load_instance, load_snapshot
from grantstack.models.amounts import Matching
from grantstack.models.firm import Firm

SMALL = specs(list(SMALL_SUITES))


def test_specs_have_unique_names() -> None:
    names = [s.name for s in specs()]
    assert len(names) == len(set(names))
    assert spec_by_name(names[0]) == specs()[0]


@pytest.mark.parametrize("size", [(6, 3, 3), (40, 12, 5), (150, 200, 10)])
def test_synthetic_is_deterministic_and_sized(size: tuple[int, int, int]) -> None:
    a = synthetic_instance(7, *size)
    b = synthetic_instance(7, *size)
    assert a == b
    catalogue, firm, years = a
    assert len(catalogue.measures) == size[0]
    assert len(firm.projects) == size[1]
    assert years[1] - years[0] + 1 == size[2]
    assert synthetic_instance(8, *size)[1] != firm


def test_large_synthetic_has_every_rule_kind() -> None:
    catalogue, firm, _ = synthetic_instance(0, 150, 200, 10)
    forms = Counter(m.amount.form for m in catalogue.measures)  # type: ignore[union-attr]
    assert {"fixed", "up_to", "rate", "schedule", "per_unit", "matching"} <= set(forms)
    caps = {c.per for m in catalogue.measures for c in m.caps}
    assert {"year", "subject", "firm"} <= caps
    assert catalogue.ladders and catalogue.groups and catalogue.caps and catalogue.no_repeat
    assert any(m.timing.max_years for m in catalogue.measures)
    assert any(isinstance(m.amount, Matching) for m in catalogue.measures)
    assert any(e.window is not None for e in firm.events) and any(e.requires for e in firm.events)


def test_typical_firms_are_deterministic_and_use_the_ladder() -> None:
    catalogue, _ = load_snapshot()
    firms = [build(Spec("typical", "typical", s), catalogue).firm for s in range(40)]
    again = [build(Spec("typical", "typical", s), catalogue).firm for s in range(40)]
    assert firms == again
    assert len({f.district for f in firms}) > 5
    kinds = {e.kind for f in firms for e in f.events}
    assert {"recognition.ss_municipal", "recognition.little_giant_national"} <= kinds
    gaps = [r.min_gap_years for f in firms for e in f.events for r in e.requires]
    assert gaps and min(gaps) >= 1
    assert all(isinstance(f, Firm) and f.projects for f in firms)


@pytest.mark.parametrize("spec", SMALL, ids=lambda s: s.name)
def test_stored_small_instances_regenerate_byte_identical(spec: Spec) -> None:
    stored = find(spec)
    if spec.kind == "typical":
        catalogue, sha = load_snapshot()
        data, gz = dump_bytes(build(spec, catalogue), sha)
    else:
        data, gz = dump_bytes(build(spec))
    assert stored.name.endswith(".gz") == gz
    assert stored.read_bytes() == data


def test_stored_instances_load_and_stay_small() -> None:
    total = sum(p.stat().st_size for p in INSTANCES.rglob("*") if p.is_file())
    assert total < 20_000_000
    for spec in (specs(["tiny"])[0], specs(["xxl"])[0], specs(["typical"])[0]):
        inst = load_instance(find(spec))
        assert inst.spec == spec and inst.firm.projects
