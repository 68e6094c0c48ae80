"""Shortcuts of the readings that must change nothing: a reading is found irrelevant without enumerating when every
measure it can change pays the firm nothing by a test before any amount (candidates.refused_throughout), and the
group-only readings' CP-SAT protos start from the started model's, parsed once (linear.py ProtoHead)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from grantstack.models.catalogue import Catalogue
from grantstack.models.flags import touched_by_option
from grantstack.models.loading import load_catalogue, load_firm
from grantstack.models.options import GENEROUS, OPTION_NAMES, Interpretation, PlanOptions, option_values
from grantstack.optimizer.candidates import enumerate_candidates, refused_throughout, relevant_in
from grantstack.optimizer.linear import LinearModel, cpsat_proto, proto_head
from tests.optimizer.readings_built import readings_built

FIRMS = Path(__file__).resolve().parents[2] / "scenarios" / "firms"
YEARS = (2025, 2029)


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return load_catalogue()


def _readings(base: Interpretation) -> list[Interpretation]:
    """The base reading and each single other value of every option."""
    return [base] + [base.model_copy(update={n: v}) for n in OPTION_NAMES for v in option_values(n)
                     if v != getattr(base, n)]


def test_a_measure_refused_throughout_has_no_candidate(cat: Catalogue) -> None:
    """Every example firm, every measure of its district or the city, under the defaults and every single other
    reading (and the same from the generous set): where refused_throughout says so, enumerating the measure finds
    no candidate (over a thousand measure-readings refused; the others include hundreds that pay)."""
    refused = paying = 0
    for path in sorted(FIRMS.glob("*.yaml")):
        firm = load_firm(path, cat)
        for base in (Interpretation(), Interpretation(**GENEROUS)):
            for interp in _readings(base):
                view = cat.under(interp)
                found = enumerate_candidates(view, firm, YEARS, interp, 1)
                has = {c.measure for c in found.cands}
                for m in view.measures:
                    if not relevant_in(m, firm.district):
                        continue
                    if refused_throughout(m, firm, YEARS, interp):
                        assert m.id not in has, (path.stem, interp.non_default(), m.id)
                        refused += 1
                    paying += m.id in has
    assert refused > 1000 and paying > 100


def _relevant_by_enumerating(cat: Catalogue, firm: Any, options: PlanOptions) -> list[tuple[str, object, tuple]]:
    """The definition of a relevant reading, by enumerating the whole catalogue under each reading: the option
    touches a measure the firm has a candidate for under the plan's reading or under that one."""
    touched = touched_by_option(cat, OPTION_NAMES)
    interp = options.interpretation
    here = {c.measure for c in enumerate_candidates(cat.under(interp), firm, YEARS, interp, 1).cands}
    out = []
    for n in OPTION_NAMES:
        for v in option_values(n):
            if v == getattr(interp, n) or not touched[n]:
                continue
            other = interp.model_copy(update={n: v})
            there = {c.measure for c in enumerate_candidates(cat.under(other), firm, YEARS, other, 1).cands}
            hit = tuple(sorted(touched[n] & (here | there)))
            if hit:
                out.append((n, v, hit))
    return out


def test_relevant_readings_are_those_a_full_enumeration_finds(cat: Catalogue) -> None:
    """relevant_readings (shortcuts, a few measures enumerated) equals the definition worked out by enumerating the
    whole catalogue under every reading, for every example firm under the defaults and the generous set."""
    from grantstack.optimizer.readings import relevant_readings

    for path in sorted(FIRMS.glob("*.yaml")):
        firm = load_firm(path, cat)
        for options in (PlanOptions(), PlanOptions(interpretation=Interpretation(**GENEROUS))):
            assert relevant_readings(cat, firm, YEARS, options) == _relevant_by_enumerating(cat, firm, options), \
                path.stem


def test_a_proto_from_a_head_is_the_proto_written_in_full(cat: Catalogue, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every example firm's group-only readings start their protos from the started model's head: each is, as
    protobuf text, the proto written in full; a part that does not begin with the head's variables and rows in
    order is written in full."""
    built = readings_built(cat, monkeypatch, (PlanOptions(),))
    headed = [b.model for b in built if b.model.head is not None]
    assert len(headed) >= 14  # three per firm but Tongzhou's one (routes_add_up); Daxing's three models are equal
    for m in headed:
        whole = list(range(m.num_vars)), list(range(len(m.rows)))
        written = LinearModel(m.names, m.lbs, m.ubs, m.rows, m.objective, m.offset, m.hint)  # no head
        assert str(cpsat_proto(m, *whole)) == str(cpsat_proto(written, *whole))
        assert str(cpsat_proto(m)) == str(cpsat_proto(written))
        backwards = whole[0][::-1], whole[1]
        assert str(cpsat_proto(m, *backwards)) == str(cpsat_proto(written, *backwards))


def test_a_head_is_taken_only_where_the_part_begins_with_it() -> None:
    """A small model: its head (two variables, one row) extended by a third variable and a row gives the proto
    written in full; parts that skip or reorder the head's variables or rows are written in full."""
    m = LinearModel()
    a, b = m.new_bool("a"), m.new_var(0, 5, "b")
    m.add([a, b], [3, -1], lb=-2, ub=1)
    head = proto_head(m)
    c = m.new_bool("c")
    m.add([b, c], [1, 2], ub=4, enforce=[~a])
    m.maximize({a: 2, b: 1, c: 3})
    assert (head.variables, head.rows) == (2, 1)
    for variables, rows in [(None, None), ([0, 1, 2], [0, 1]), ([1, 0, 2], [0, 1]), ([0, 1, 2], [1]),
                            ([0, 2, 1], [0, 1]), ([0, 1], [0])]:
        written = str(cpsat_proto(m, variables, rows))
        m.head = head
        assert str(cpsat_proto(m, variables, rows)) == written
        m.head = None
