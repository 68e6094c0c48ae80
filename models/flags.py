"""What each plan line rests on: the flags of an application, and which measures each option can change.

A line is flagged `discretionary` when its amount is at the authority's discretion ('up to' an amount, a
rate or a share, or a discretionary tier row) or planned at the firm's stated expectation;
`reference_renewed` when a 2022 edition pays in a year its own validity does not cover (option
reference_editions=renewed); `option:NAME=VALUE` when a non-default interpretation option can change it.
"""

from __future__ import annotations

from grantstack.models.amounts import Milestones, Rate, Schedule
from grantstack.models.catalogue import Catalogue
from grantstack.models.firm import Firm
from grantstack.models.groups import coverage
from grantstack.models.legal import Context, discretionary_here, fixed_year, renewed_beyond_edition, subject_of
from grantstack.models.measure import Measure
from grantstack.models.memo import Memo
from grantstack.models.options import Interpretation
from grantstack.models.plan import Application, Plan

__all__ = ["flag_plan", "flags_of", "groups_cover", "line_flags", "touched_by_option", "touched_measures"]


_COVER = Memo()
_NON_DEFAULT = Memo()  # options set away from their default, per interpretation object


def groups_cover(cat: Catalogue) -> dict[str, frozenset[str]]:
    """Measures covered by option-scoped notes, by their district notes, and by routes groups (worked out
    once per catalogue object)."""
    return _COVER.get(cat, None, lambda: _cover(cat))


def _cover(cat: Catalogue) -> dict[str, frozenset[str]]:
    cover = coverage(cat)
    notes: set[str] = set()
    district: set[str] = set()
    routes: set[str] = set()
    for g in cat.groups:
        ids = set(cover[g.id])
        if g.kind == "routes":
            routes |= ids
        elif g.scope == "option":
            notes |= ids
            district |= {i for i in ids if cat.by_id[i].district is not None}
    return {"notes": frozenset(notes), "district": frozenset(district), "routes": frozenset(routes)}


def _touching(cover: dict[str, frozenset[str]], m: Measure) -> frozenset[str]:
    """The options that can change what measure m pays (any subject, any year)."""
    out = {v.option for v in m.variants}
    if m.informational:
        return frozenset(out)
    a = m.amount
    tests = (
        ("most_favourable_scope", m.id in cover["notes"]),
        ("most_favourable_span", m.id in cover["district"]),
        ("routes_add_up", m.id in cover["routes"]),
        ("rate_basis", isinstance(a, Rate) and bool(a.total_basis_option)),
        ("milestone_jump", isinstance(a, Milestones)),
        ("reference_editions", bool(m.edition.renewable)),
        ("discretionary", bool(m.discretionary)),
        ("include_non_cash", not m.cash),
        ("lapse_year", m.validity.end is not None and m.validity.lapses_within(m.validity.end.year)),
        ("rent_years_from", isinstance(a, Schedule) and a.from_date is not None),
    )
    return frozenset(out | {name for name, hit in tests if hit})


def _touches(cover: dict[str, frozenset[str]], name: str, m: Measure) -> bool:
    """Whether option `name` can change what measure m pays (any subject, any year)."""
    return name in _touching(cover, m)


def touched_measures(cat: Catalogue, name: str) -> frozenset[str]:
    """Ids of the measures option `name` can change."""
    return touched_by_option(cat, (name,))[name]


def touched_by_option(cat: Catalogue, names: tuple[str, ...]) -> dict[str, frozenset[str]]:
    """touched_measures for each of `names`, the notes' cover and each measure's options worked out once."""
    cover = groups_cover(cat)
    by_measure = [(m.id, _touching(cover, m)) for m in cat.measures]
    return {n: frozenset(mid for mid, options in by_measure if n in options) for n in names}


def line_flags(cat: Catalogue, firm: Firm, app: Application, interp: Interpretation,
               schedule: dict[str, int | None] | None = None,
               cover: dict[str, frozenset[str]] | None = None) -> tuple[str, ...]:
    """The flags of one application (the catalogue as read under `interp`)."""
    return flags_of(cat, firm, app.measure, app.subject, app.year, interp, schedule, cover)


def flags_of(cat: Catalogue, firm: Firm, measure: str, sid: str | None, year: int, interp: Interpretation,
             schedule: dict[str, int | None] | None = None, cover: dict[str, frozenset[str]] | None = None,
             options: dict[str, object] | None = None) -> tuple[str, ...]:
    """The flags of the application of `measure` for subject `sid` in `year` (line_flags before the line exists;
    `cover`: groups_cover(cat), `options`: interp.non_default(), when the caller flags many lines)."""
    cover = cover if cover is not None else groups_cover(cat)
    options = options if options is not None else _NON_DEFAULT.get(interp, None, interp.non_default)
    m = cat.by_id.get(measure)
    if m is None:
        return ()
    subject = subject_of(firm, sid)
    anchor = None
    if subject is not None:
        fixed = fixed_year(subject)
        anchor = fixed if fixed is not None else (schedule or {}).get(subject.id)
    ctx = Context(firm, subject, anchor, year, 1, schedule)
    out = []
    if discretionary_here(m, ctx) or (interp.discretionary == "ceiling" and m.discretionary):
        out.append("discretionary")
    if interp.reference_editions == "renewed" and renewed_beyond_edition(m, year):
        out.append("reference_renewed")
    for name, value in options.items():
        if name == "reference_editions":
            continue  # its lines carry reference_renewed
        if name == "lapse_year" and not m.validity.lapses_within(year):
            continue
        if _touches(cover, name, m):
            shown = str(value).lower() if isinstance(value, bool) else value
            out.append(f"option:{name}={shown}")
    return tuple(out)


def flag_plan(cat: Catalogue, firm: Firm, plan: Plan, interp: Interpretation) -> Plan:
    """The plan with every application's flags (and its discretionary mark) filled in."""
    sched = dict(plan.schedule)
    cover, options = groups_cover(cat), interp.non_default()
    apps = []
    for a in plan.applications:
        flags = flags_of(cat, firm, a.measure, a.subject, a.year, interp, sched, cover, options)
        apps.append(a.model_copy(update={"flags": flags, "discretionary": "discretionary" in flags}))
    return plan.model_copy(update={"applications": tuple(apps)})

