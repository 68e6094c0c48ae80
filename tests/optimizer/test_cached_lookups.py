"""The per-catalogue and per-firm lookups kept between plans (models/memo.py) never answer for another object:
enumerating candidates with warm caches gives what a fresh catalogue and a fresh firm give."""

from __future__ import annotations

import glob
from pathlib import Path

import pytest

from grantstack.models.catalogue import Catalogue
from grantstack.models.firm import Firm
from grantstack.models.loading import load_catalogue, load_firm
from grantstack.models.options import Interpretation
from grantstack.models.predicate_eval import evaluate, status_sources
from grantstack.models.predicates import StatusHeld
from grantstack.optimizer.candidates import enumerate_candidates

FIRMS = sorted(glob.glob(str(Path(__file__).resolve().parents[2] / "scenarios" / "firms" / "*.yaml")))


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return load_catalogue()


def _listing(cat: Catalogue, firm: Firm, interp: Interpretation) -> tuple:
    cs = enumerate_candidates(cat.under(interp), firm, (2025, 2029), interp, 1)
    return [(c.key(), c.legal, c.planned, c.needs) for c in cs.cands], cs.reasons


GENEROUS = Interpretation(include_non_cash=True, reference_editions="renewed")


@pytest.mark.parametrize("interp", [Interpretation(), GENEROUS])
def test_warm_caches_answer_as_cold_ones_across_districts(cat: Catalogue, interp: Interpretation) -> None:
    firms = [load_firm(f, cat) for f in FIRMS]
    assert len({f.district for f in firms}) >= 5
    warm = [_listing(cat, f, interp) for f in firms + firms]  # districts alternate: every lookup is used twice
    for i, f in enumerate(firms):
        fresh = Catalogue.model_validate(cat.model_dump())  # a new object: nothing cached for it yet
        cold = _listing(fresh, Firm.model_validate(f.model_dump()), interp)
        assert warm[i] == cold and warm[i + len(firms)] == cold, f.id


def test_a_changed_firm_gets_its_own_status_index() -> None:
    base = Firm.model_validate({"id": "f", "district": "tongzhou",
                                "statuses": [{"status": "ss_municipal", "since": 2024}]})
    held = StatusHeld(kind="status", status="ss_municipal")
    assert evaluate(held, base, 2025).ok
    assert status_sources(base, "ss_municipal") == ([(2024, None)], [])
    moved = base.model_copy(update={"statuses": ()})
    assert not evaluate(held, moved, 2025).ok
    assert evaluate(held, base, 2025).ok


def test_a_measure_copied_with_another_validity_or_edition_is_judged_again(cat: Catalogue) -> None:
    from datetime import date

    from grantstack.models.legal import Context, in_force
    from grantstack.models.measure import Validity

    m = next(m for m in cat.measures if m.validity.end is None and not m.edition.renewable)
    firm = Firm.model_validate({"id": "f", "district": "tongzhou"})
    ctx = Context(firm, None, None, 2027)
    assert in_force(m, ctx, Interpretation()).ok  # kept beside the measure from now on
    ended = m.model_copy(update={"validity": Validity(start=m.validity.start, end=date(2026, 6, 30))})
    assert not in_force(ended, ctx, Interpretation()).ok
    reference = m.model_copy(update={"edition": m.edition.model_copy(update={"reference_only": True})})
    assert in_force(reference, ctx, Interpretation(reference_editions="renewed")).ok
    assert not in_force(reference, ctx, Interpretation(reference_editions="exclude")).ok
    assert in_force(m, ctx, Interpretation()).ok and in_force(m, ctx, Interpretation(reference_editions="exclude")).ok


@pytest.mark.parametrize("interp", [Interpretation(), GENEROUS])
def test_decoded_lines_carry_the_flags_flag_plan_gives(cat: Catalogue, interp: Interpretation) -> None:
    from grantstack.models.flags import flag_plan
    from grantstack.models.options import PlanOptions
    from grantstack.models.plan import Plan
    from grantstack.optimizer.solve import plan

    for f in FIRMS:
        firm = load_firm(f, cat)
        p = plan(cat, firm, (2025, 2029), PlanOptions(interpretation=interp)).plan
        assert p is not None and p.applications
        bare = p.model_copy(update={"applications": tuple(a.model_copy(update={"flags": (), "discretionary": False})
                                                          for a in p.applications)})
        assert flag_plan(cat.under(interp), firm, bare, interp) == p, firm.id
        again = Plan.model_validate(p.model_dump())  # lines built without validation validate to themselves
        assert again == p and again.model_dump_json() == p.model_dump_json(), firm.id


@pytest.mark.parametrize("interp", [Interpretation(), GENEROUS])
def test_applicable_with_the_firm_only_part_answers_as_without(cat: Catalogue, interp: Interpretation) -> None:
    from grantstack.models.legal import Context, applicable, firm_eligibility, subject_of

    read = cat.under(interp)
    seen = 0
    for f in FIRMS:
        firm = load_firm(f, cat)
        subjects = [None, *(p.id for p in firm.projects), *(e.id for e in firm.events)]
        for m in read.measures:
            lead = firm_eligibility(m, firm)
            for sid in subjects:
                subject = subject_of(firm, sid)
                for anchor in (None, 2025, 2026):
                    for year in range(2024, 2030):
                        ctx = Context(firm, subject, anchor, year)
                        assert applicable(m, ctx, interp, lead) == applicable(m, ctx, interp), (firm.id, m.id, sid)
                        seen += 1
    assert seen > 10_000


@pytest.mark.parametrize("interp", [Interpretation(), GENEROUS])
def test_applicable_told_the_subject_matched_answers_as_without_for_every_enumerated_subject(
        cat: Catalogue, interp: Interpretation) -> None:
    from grantstack.models.applicable_years import applicable_years
    from grantstack.models.legal import Context, applicable, firm_eligibility
    from grantstack.optimizer.candidates import _subjects

    read = cat.under(interp)
    seen = 0
    for f in FIRMS:
        firm = load_firm(f, cat)
        projects = [(p, frozenset(p.kinds), p.duration() - 1, p.start_years())
                    for p in sorted(firm.projects, key=lambda p: p.id)]
        events: dict[str, list] = {}
        for e in sorted(firm.events, key=lambda e: e.id):
            events.setdefault(e.kind, []).append(e)
        for m in read.measures:  # every measure, not only the firm's district's: matched skips the subject test only
            lead = firm_eligibility(m, firm)
            for offset in (0, -1):
                for subject, anchor, ys in _subjects(m, range(2023, 2031), projects, events, offset):
                    full = [applicable(m, Context(firm, subject, anchor, year), interp) for year in ys]
                    for year, want in zip(ys, full, strict=True):
                        ctx = Context(firm, subject, anchor, year)
                        assert applicable(m, ctx, interp, lead, matched=True) == want, \
                            (firm.id, m.id, subject and subject.id, year)
                        seen += 1
                    # all years of the subject at once (models/applicable_years.py) answer the same, reasons included
                    assert applicable_years(m, firm, subject, anchor, tuple(ys), interp, lead) == full, (firm.id, m.id)
    assert seen > 1_000


def test_a_firm_copied_with_other_events_gets_its_own_prerequisite_problems() -> None:
    from grantstack.models.prerequisites import prerequisite_problems

    base = Firm.model_validate({"id": "f", "district": "tongzhou", "events": [
        {"id": "a", "kind": "recognition.x", "window": [2025, 2026], "optional": True,
         "requires": [{"status": "high_tech", "min_gap_years": 1}]}]})
    assert prerequisite_problems(base)[1]  # no record holds high_tech and no event grants it: a warning
    from grantstack.models.firm import StatusRecord

    held = base.model_copy(update={"statuses": (StatusRecord(status="high_tech", since=2020),)})
    assert prerequisite_problems(held) == ([], [])
    fixed = base.model_copy(update={"events": ()})
    assert prerequisite_problems(fixed) == ([], [])
    assert prerequisite_problems(base)[1]


def test_a_firm_copied_with_other_events_gets_its_own_linked_works() -> None:
    from grantstack.models.firm import Event

    base = Firm.model_validate({"id": "f", "district": "tongzhou", "events": [
        {"id": "a", "kind": "standard.international", "year": 2025},
        {"id": "b", "kind": "standard.national", "year": 2026, "linked_to": ["a"]}]})
    assert base.linked_works()["a"] == base.linked_works()["b"]
    apart = base.model_copy(update={"events": (base.events[0], Event(id="b", kind="standard.national", year=2026))})
    assert apart.linked_works()["a"] != apart.linked_works()["b"]
    assert base.linked_works()["a"] == base.linked_works()["b"]
