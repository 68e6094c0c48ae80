"""The legal maximum of one application: applicability and the ceiling each amount form allows."""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from math import floor
from typing import NamedTuple

from grantstack.models.amounts import (
    BaseRef,
    Fixed,
    Interest,
    Matching,
    Milestones,
    PerUnit,
    Rate,
    Schedule,
    Tier,
    Tiers,
    UpTo,
    Valued,
)
from grantstack.models.base import fraction_of
from grantstack.models.catalogue import Catalogue
from grantstack.models.firm import Event, Firm, Project
from grantstack.models.measure import Measure, Validity
from grantstack.models.memo import kept_beside
from grantstack.models.options import Interpretation
from grantstack.models.predicate_eval import YES, Verdict, evaluate_all, metric
from grantstack.models.predicate_eval import Schedule as EventSchedule
from grantstack.models.predicates import (
    DateOnOrAfter,
    DistrictIn,
    HasTags,
    KeyRegionIn,
    MovedFromOutsideBeijing,
    Predicate,
)

__all__ = [
    "Context",
    "applicable",
    "base_value",
    "dated_support_year",
    "discretionary_here",
    "expected_amount",
    "firm_eligibility",
    "fixed_year",
    "has_project_total_cap",
    "in_force",
    "in_force_undated",
    "legal_ceiling",
    "own_refusal",
    "planned_ceiling",
    "project_total_cap",
    "renewed_beyond_edition",
    "subject_of",
    "tier_row",
    "window_years",
]

Subject = Project | Event | None


class Context(NamedTuple):
    """One application's situation: firm, subject, its anchor year (project start or event year), year (immutable;
    a named tuple: made for every subject and year the planner and the checker look at, in a third of the time of
    a frozen dataclass)."""

    firm: Firm
    subject: Subject
    anchor: int | None
    year: int
    support_year: int = 1
    schedule: EventSchedule | None = None


def subject_of(firm: Firm, sid: str | None) -> Subject:
    """The project or event with this id (None for the firm)."""
    if sid is None:
        return None
    return firm.project(sid) or firm.event(sid)


def fixed_year(subject: Subject) -> int | None:
    """The fixed year of an event or fixed start of a project (None if flexible, or no subject)."""
    if isinstance(subject, Event):
        return subject.year
    return subject.start if isinstance(subject, Project) else None


def _capped_quantity(value: int, ref: BaseRef, quantity: int) -> int | Fraction:
    """The base prorated to the subsidised quantity: value x max_quantity / quantity when above the maximum."""
    if ref.max_quantity is not None and quantity > ref.max_quantity:
        return Fraction(value * ref.max_quantity, quantity)  # exact: the rate floors once, at the end
    return value


def _prorated(ref: BaseRef, project: Project, i: int) -> int | Fraction:
    """Project year i's base, prorated to the subsidised quantity (e.g. at most 3,000 m2)."""
    series = project.costs.get(ref.field, ())
    if not 0 <= i < len(series):
        return 0
    value = series[i]
    if ref.quantity is not None:
        qs = project.quantities.get(ref.quantity, ())
        return _capped_quantity(value, ref, qs[i] if i < len(qs) else 0)
    return value


def base_value(ref: BaseRef, ctx: Context, total: bool = False) -> int | Fraction:
    """The base amount a rate applies to, in yuan (a fraction after prorating); 0 where none is given."""
    y = ctx.year + ref.year_offset
    if ref.of == "firm":
        value = metric(ctx.firm, ref.field, y) or 0
        return value if ref.quantity is None else _capped_quantity(value, ref, metric(ctx.firm, ref.quantity, y) or 0)
    if ref.of == "event":
        return ctx.subject.values.get(ref.field, 0) if isinstance(ctx.subject, Event) else 0
    if not isinstance(ctx.subject, Project) or ctx.anchor is None:
        return 0
    if total or ref.over == "project":
        return sum(_prorated(ref, ctx.subject, i) for i in range(len(ctx.subject.costs.get(ref.field, ()))))
    return _prorated(ref, ctx.subject, y - ctx.anchor)


def window_years(m: Measure, firm: Firm) -> tuple[int, int] | None:
    """Years in which (the first support year of) the measure may fall, from its window; None if open."""
    w = m.timing.window
    if w is None:
        return None
    d = getattr(firm.dates, w.anchor)
    if d is None:
        return (1, 0)  # empty: no anchor date, no window
    return (d.year + w.from_offset, d.year + w.to_offset)


def in_force(m: Measure, ctx: Context, interp: Interpretation) -> Verdict:
    """Whether the text is in force for this application: its validity (a renewable 2022 edition per option
    reference_editions), the event's date where known, else the year (a lapse year per option lapse_year)."""
    day = ctx.subject.date if isinstance(ctx.subject, Event) else None
    if day is not None:
        return _in_force(m, ctx.year, day, interp)
    return in_force_undated(m, (ctx.year,), interp)[0]


def in_force_undated(m: Measure, years: tuple[int, ...], interp: Interpretation) -> tuple[Verdict, ...]:
    """in_force for each year of an application whose subject has no date: the verdicts depend only on the
    measure's validity and edition, the years and two options, so they are kept beside the measure."""
    held: dict[tuple[tuple[int, ...], str, str], tuple[Verdict, ...]] = kept_beside(
        m, "_in_force", dict, m.validity, m.edition)
    key = (years, interp.reference_editions, interp.lapse_year)
    verdicts = held.get(key)
    if verdicts is None:
        verdicts = held[key] = tuple(_in_force(m, year, None, interp) for year in years)
    return verdicts


def _in_force(m: Measure, year: int, day: date | None, interp: Interpretation) -> Verdict:
    v = m.validity
    if m.edition.renewable:
        if interp.reference_editions == "exclude":
            return Verdict(False, f"{m.edition.year} edition excluded (option reference_editions=exclude)")
        if interp.reference_editions == "renewed":
            v = Validity(start=v.start)
        elif not v.covers(year, True):
            return Verdict(False, f"{m.edition.year} edition, not in force in {year} (option "
                           "reference_editions=renewed would assume it renewed)")
    if day is not None:
        if not v.covers_date(day):
            return Verdict(False, f"the event of {day} falls outside the text's validity")
        if year == day.year:
            return YES
    if v.covers(year, interp.lapse_year == "in"):
        return YES
    if v.lapses_within(year):
        return Verdict(False, f"the text lapses on {v.end}: {year} counts only for an event dated before it "
                       "(option lapse_year=in counts the whole year)")
    return Verdict(False, f"not in force in {year}")


def renewed_beyond_edition(m: Measure, year: int) -> bool:
    """True if a renewable edition is used in a year its own validity does not cover (assumed renewed)."""
    return m.edition.renewable and not m.validity.covers(year, True)


def _subject_matches(m: Measure, ctx: Context) -> Verdict:
    s = ctx.subject
    if m.subject == "firm":
        return Verdict(s is None, "" if s is None else "a firm-level measure takes no subject")
    if m.subject == "project":
        if not isinstance(s, Project):
            return Verdict(False, "needs a project")
        if m.project_kinds and not set(m.project_kinds) & set(s.kinds):
            return Verdict(False, f"project {s.id} is not of kind {', '.join(m.project_kinds)}")
        return YES
    if not isinstance(s, Event):
        return Verdict(False, "needs an event")
    if s.kind not in m.event_kinds:
        return Verdict(False, f"event {s.id} is not of kind {', '.join(m.event_kinds)}")
    if m.event_first_time is not None and s.first_time != m.event_first_time:
        return Verdict(False, "first-time events only" if m.event_first_time else "re-qualifications only")
    if ctx.anchor is None or ctx.year != ctx.anchor + m.timing.lag_years:
        return Verdict(False, f"paid {m.timing.lag_years} year(s) after the event, not in {ctx.year}")
    return YES


_FIRM_ONLY = (DistrictIn, KeyRegionIn, HasTags, DateOnOrAfter, MovedFromOutsideBeijing)  # read the firm alone


def firm_eligibility(m: Measure, firm: Firm) -> tuple[Verdict, tuple[Predicate, ...]]:
    """The verdict of the measure's leading eligibility predicates that read the firm alone (district, key
    regions, tags, dates: the same for every subject and year), and the predicates after them. Given to
    `applicable` for this firm, it answers exactly as without it."""
    lead, rest = kept_beside(m, "_firm_only", lambda: _split(m.eligibility), m.eligibility)
    return (evaluate_all(lead, firm, 0) if lead else YES), rest


def _split(ps: tuple[Predicate, ...]) -> tuple[tuple[Predicate, ...], tuple[Predicate, ...]]:
    """The leading predicates that read the firm alone, and the rest."""
    i = 0
    while i < len(ps) and isinstance(ps[i], _FIRM_ONLY):
        i += 1
    return ps[:i], ps[i:]


def own_refusal(m: Measure, district: str, interp: Interpretation) -> Verdict | None:
    """Why the measure pays nothing to any application of a firm in the district (an informational entry, a non-cash
    preference not counted, another district's measure); None if it may pay: the first tests of `applicable`."""
    if m.informational:
        return Verdict(False, "informational entry: pays no money")
    if not m.cash and not interp.include_non_cash:
        return Verdict(False, "non-cash preference not counted (option include_non_cash)")
    if m.district is not None and district != m.district:
        return Verdict(False, f"a {m.district} measure; the firm is in {district}")
    return None


def applicable(m: Measure, ctx: Context, interp: Interpretation,
               firm_part: tuple[Verdict, tuple[Predicate, ...]] | None = None, matched: bool = False) -> Verdict:
    """Whether the measure can pay anything for this subject in this year (`firm_part`: firm_eligibility(m,
    ctx.firm), when the caller asks for many subjects and years of one firm; `matched`: the caller chose the
    subject, anchor and year by the measure's own subject rules, so the subject test would pass)."""
    refused = own_refusal(m, ctx.firm.district, interp)
    if refused is not None:
        return refused
    verdict = in_force(m, ctx, interp)  # the first failing test gives the reason (the others are not needed)
    if not verdict.ok:
        return verdict
    if not matched:
        verdict = verdict & _subject_matches(m, ctx)  # YES or a failing verdict
        if not verdict.ok:
            return verdict
    if firm_part is not None:
        lead, rest = firm_part
        if not lead.ok:
            return lead  # the first failing predicate gives the reason, as evaluate_all would
        return verdict & evaluate_all(rest, ctx.firm, ctx.year, ctx.schedule, ctx.subject)
    return verdict & evaluate_all(m.eligibility, ctx.firm, ctx.year, ctx.schedule, ctx.subject)


def _rate(percent: object, base: int | Fraction, cap: int | None) -> int:
    rate = fraction_of(percent)  # type: ignore[arg-type]
    if type(base) is int:  # floor(rate * base) in integers: the same exact floor without a Fraction per call
        value = rate.numerator * base // rate.denominator
    else:
        value = floor(rate * base)
    return value if cap is None else min(value, cap)


def _milestones(a: Milestones, ctx: Context, interp: Interpretation) -> int:
    v = metric(ctx.firm, a.metric, ctx.year)
    if v is None:
        return 0
    before = max((x for y, x in ctx.firm.metrics.get(a.metric, {}).items() if y < ctx.year), default=0)
    crossed = [s.amount for s in a.steps if before <= s.above < v]
    if not crossed:
        return 0
    return sum(crossed) if interp.milestone_jump == "sum" else max(crossed)


def legal_ceiling(m: Measure, ctx: Context, interp: Interpretation, catalogue: Catalogue | None = None) -> int:
    """The most the law allows for this one application, in yuan (0 if nothing), before shared caps."""
    a = m.amount
    if isinstance(a, Fixed):
        value = a.amount
    elif isinstance(a, UpTo):
        value = a.max
    elif isinstance(a, Rate):
        total = a.total_basis_option and interp.rate_basis == "project_total"
        value = _rate(a.percent, base_value(a.base, ctx, total=total), a.cap)
    elif isinstance(a, Interest):
        value = _rate(a.percent, base_value(a.base, ctx), a.cap)
    elif isinstance(a, Tiers):
        row = tier_row(a, ctx)
        value = row.amount if row is not None else 0
    elif isinstance(a, Milestones):
        value = _milestones(a, ctx, interp)
    elif isinstance(a, Schedule):
        k = ctx.support_year if a.from_date is None else dated_support_year(a, ctx, interp)
        value = _rate(a.percents[k - 1], base_value(a.base, ctx), a.cap) if 1 <= k <= len(a.percents) else 0
    elif isinstance(a, PerUnit):
        count = ctx.subject.count if isinstance(ctx.subject, Event) else 1
        value = a.unit_amount * count if a.cap is None else min(a.unit_amount * count, a.cap)
    elif isinstance(a, Matching):
        if a.target_value is not None:
            value = _rate(a.percent, base_value(a.target_value, ctx), a.cap)
        else:
            assert catalogue is not None, "matching a measure needs the catalogue"
            target = catalogue.measure(a.target_measure or "")
            value = _rate(a.percent, legal_ceiling(target, ctx, interp, catalogue), a.cap)
    elif isinstance(a, Valued):
        value = expected_amount(m, ctx)
        value = a.default_value if value is None else value
    else:  # pragma: no cover - informational entries have no amount
        return 0
    for cap in m.caps:
        if cap.per == "application":
            value = min(value, cap.amount)
    for ref in m.within:
        value = min(value, floor(base_value(ref, ctx)))
    return max(value, 0)


def tier_row(a: Tiers, ctx: Context) -> Tier | None:
    """The best row of a tier table whose conditions hold (flexible events already decided), if any."""
    rows = [t for t in a.tiers if (v := evaluate_all(t.when, ctx.firm, ctx.year, ctx.schedule, ctx.subject)).ok
            and not v.needs]
    return max(rows, key=lambda t: t.amount, default=None)


def dated_support_year(a: Schedule, ctx: Context, interp: Interpretation) -> int:
    """Support year of a schedule counted from a firm date (year 1 = the date's year, or the first full fiscal
    year after it under option rent_years_from=first_full_year); 0 without the date."""
    d = getattr(ctx.firm.dates, a.from_date or "")
    if d is None:
        return 0
    first = d.year + (1 if interp.rent_years_from == "first_full_year" and (d.month, d.day) != (1, 1) else 0)
    return ctx.year - first + 1


def discretionary_here(m: Measure, ctx: Context) -> bool:
    """True if this application's amount is at the authority's discretion ('up to' an amount, a rate or a
    share, or a discretionary tier row) or planned at the firm's stated expectation."""
    if expected_amount(m, ctx) is not None and not isinstance(m.amount, Valued):
        return True
    if isinstance(m.amount, Tiers):
        row = tier_row(m.amount, ctx)
        return row is not None and row.discretionary
    return m.discretionary


def expected_amount(m: Measure, ctx: Context) -> int | None:
    """What the firm expects from this measure, if it says (subject first, then firm)."""
    if ctx.subject is not None and m.id in ctx.subject.expected:
        return ctx.subject.expected[m.id]
    return ctx.firm.expected.get(m.id)


def planned_ceiling(m: Measure, ctx: Context, interp: Interpretation, catalogue: Catalogue | None = None,
                    legal: int | None = None) -> int:
    """The legal ceiling (`legal`, if the caller worked it out), lowered to the firm's expectation where option
    discretionary is 'expected'."""
    legal = legal_ceiling(m, ctx, interp, catalogue) if legal is None else legal
    exp = expected_amount(m, ctx)
    if interp.discretionary == "expected" and exp is not None and not isinstance(m.amount, Valued):
        return min(legal, exp)
    return legal


def project_total_cap(m: Measure, ctx: Context, interp: Interpretation) -> int | None:
    """Under rate_basis=project_total, the rate of the project total caps the run's sum."""
    a = m.amount
    if isinstance(a, Rate) and has_project_total_cap(m, interp):
        return _rate(a.percent, base_value(a.base, ctx, total=True), None)
    return None


def has_project_total_cap(m: Measure, interp: Interpretation) -> bool:
    """Whether project_total_cap can give a cap for this measure under this reading (any subject, any year)."""
    a = m.amount
    return isinstance(a, Rate) and bool(a.total_basis_option) and interp.rate_basis == "project_total"
