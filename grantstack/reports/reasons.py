"""Plain-language reasons: how each planned amount follows from its clause, and what limits it."""

from __future__ import annotations

from fractions import Fraction

from grantstack.models.amounts import (
    BaseRef,
    Fixed,
    Interest,
    Matching,
    Milestones,
    PerUnit,
    Rate,
    Schedule,
    Tiers,
    UpTo,
    Valued,
)
from grantstack.models.catalogue import Catalogue
from grantstack.models.firm import Event, Firm, Project
from grantstack.models.legal import Context, base_value, subject_of
from grantstack.models.measure import Measure
from grantstack.models.plan import Application, Plan

__all__ = ["amount_reason", "binding_reason", "money", "percent_text"]


def money(value: int | Fraction | float | None) -> str:
    """Yuan with thousands separators (whole yuan, rounded down); a dash for no value."""
    return "—" if value is None else f"{int(value):,}"


def percent_text(value: object) -> str:
    """A percent as written in the clause: 30%, 2.5%."""
    text = f"{Fraction(str(value)).numerator / Fraction(str(value)).denominator:g}"
    return f"{text}%"


def _field(name: str) -> str:
    return name.replace("_", " ")


def _base(ref: BaseRef, ctx: Context) -> str:
    """'2026 investment (18,000,000)': the base a rate applies to, with its year and figure."""
    year = ctx.year + ref.year_offset
    value = base_value(ref, ctx)
    where = {"firm": "the firm's", "event": "the event's", "project": "the project's"}[ref.of]
    if ref.of == "event":
        return f"{where} {_field(ref.field)} ({money(value)} yuan)"
    prorated = f", for at most {ref.max_quantity:,} {_field(ref.quantity or '')}" if ref.max_quantity else ""
    return f"{where} {year} {_field(ref.field)} ({money(value)} yuan{prorated})"


def _anchor(firm: Firm, plan: Plan | None, subject: Project | Event | None) -> int | None:
    schedule = plan.schedule if plan is not None else {}
    if isinstance(subject, Project):
        return subject.start if subject.start is not None else schedule.get(subject.id)
    if isinstance(subject, Event):
        return subject.year if subject.year is not None else schedule.get(subject.id)
    return None


def _capped(text: str, cap: int | None) -> str:
    return text if cap is None else f"{text}, at most {money(cap)} per application"


def _support_year(firm: Firm, plan: Plan | None, app: Application) -> int:
    """Position of this payment in its run: earlier payments of the same measure and subject, plus one."""
    past = sum(1 for h in firm.history if h.measure == app.measure and h.subject == app.subject)
    apps = plan.applications if plan is not None else ()
    earlier = sum(1 for a in apps if a.measure == app.measure and a.subject == app.subject and a.year < app.year)
    return past + earlier + 1


def amount_reason(
    m: Measure, app: Application, firm: Firm | None, plan: Plan | None, catalogue: Catalogue | None,
    project_total: bool = False,
) -> str:
    """How the clause computes this amount, with the firm's figures: '30% of the project's 2026 investment ...'."""
    a = m.amount
    subject = subject_of(firm, app.subject) if firm is not None else None
    ctx = Context(firm, subject, _anchor(firm, plan, subject), app.year) if firm is not None else None
    if isinstance(a, Fixed):
        return f"fixed award of {money(a.amount)} yuan"
    if isinstance(a, UpTo):
        return f"up to {money(a.max)} yuan at the authority's discretion"
    if isinstance(a, Rate) and a.total_basis_option and project_total and ctx is not None:
        total = base_value(a.base, ctx, total=True)
        whole = f"the project's total {_field(a.base.field)} ({money(total)} yuan)"
        return _capped(f"{percent_text(a.percent)} of {whole}, spread over the support years", a.cap)
    if isinstance(a, Rate):
        what = _base(a.base, ctx) if ctx is not None else _field(a.base.field)
        return _capped(f"{percent_text(a.percent)} of {what}", a.cap)
    if isinstance(a, Interest):
        what = _base(a.base, ctx) if ctx is not None else _field(a.base.field)
        return _capped(f"{percent_text(a.percent)} of {what}", a.cap)
    if isinstance(a, Schedule):
        k = _support_year(firm, plan, app) if firm is not None else 1
        pct = a.percents[min(k, len(a.percents)) - 1]
        what = _base(a.base, ctx) if ctx is not None else _field(a.base.field)
        rates = "/".join(percent_text(p) for p in a.percents)
        text = f"support year {k} of {len(a.percents)} ({rates}): {percent_text(pct)} of {what}"
        return text if a.cap is None else f"{text}, at most {money(a.cap)} a year"
    if isinstance(a, PerUnit):
        count = subject.count if isinstance(subject, Event) else 1
        return _capped(f"{count} × {money(a.unit_amount)} yuan per unit", a.cap)
    if isinstance(a, Tiers):
        rows = ", ".join(money(t.amount) for t in a.tiers)
        return f"tier table ({rows} yuan): the highest row the firm's figures meet"
    if isinstance(a, Milestones):
        steps = ", ".join(f"{money(s.above)} → {money(s.amount)}" for s in a.steps)
        return f"{_field(a.metric)} exceeding a milestone for the first time in {app.year} ({steps} yuan)"
    if isinstance(a, Matching):
        if a.target_measure is not None:
            target = catalogue.by_id.get(a.target_measure) if catalogue is not None else None
            name = target.title if target is not None else a.target_measure
            share = "not less than" if a.mode == "not_less_than" else "up to"
            return _capped(f"{share} {percent_text(a.percent)} of the award '{name}'", a.cap)
        what = _base(a.target_value, ctx) if ctx is not None and a.target_value else "the external award"
        return _capped(f"{percent_text(a.percent)} of {what}", a.cap)
    if isinstance(a, Valued):
        return "the firm's own estimate of this non-cash preference"
    return "see the clause"


def _cap_text(m: Measure | None, per: str) -> str:
    if m is None:
        return ""
    cap = next((c for c in m.caps if c.per == per), None)
    return f" of {money(cap.amount)} yuan" if cap is not None else ""


_CAP_WORDS = {
    "year": "annual cap{amount} for this measure reached",
    "subject": "cap{amount} per project or event reached (earlier years count)",
    "subject_year": "cap{amount} per project or event and year reached",
    "firm": "lifetime cap{amount} per firm reached",
}


def binding_reason(tag: str, catalogue: Catalogue | None, discretionary: bool) -> str:
    """The rule that limits an amount, in words: 'annual cap of 1,000,000 yuan reached'."""
    by_id = catalogue.by_id if catalogue is not None else {}
    head, _, rest = tag.partition(" ")
    words = rest.split()
    if not tag:
        return ""
    if head == "ceiling" or tag.startswith("ceiling"):
        if "expected" in tag:
            return "planned at the firm's expected amount (the law says 'up to')"
        return "planned at the ceiling; the authority may award less" if discretionary else ""
    if head.startswith("cap.shared"):
        shared = next((c for c in catalogue.caps if words and c.id == words[0]), None) if catalogue else None
        per = head.rsplit(".", 1)[-1]
        amount = f" of {money(shared.amount)} yuan" if shared is not None else ""
        scope = {"year": "a year", "subject": "per project or event", "firm": "per firm"}.get(per, "")
        n = len(shared.measures) if shared is not None else 0
        return f"shared cap{amount} {scope} across {n} related measures reached".replace("  ", " ")
    if head in {"cap.year", "cap.subject", "cap.subject_year", "cap.firm"}:
        per = head.split(".", 1)[1]
        return _CAP_WORDS[per].format(amount=_cap_text(by_id.get(words[0]) if words else None, per))
    if head == "cap.slice":
        return f"cap over support {' '.join(words[-2:])} reached"
    if head == "cap.project_total":
        return "the rate of the project's total investment is used up (option rate_basis)"
    if head.startswith("ladder"):
        return "only the difference over the lower tier already paid is due"
    if head == "matching":
        return "matching limited to its share of the matched award"
    if head.startswith("capacity"):
        return "the firm's yearly application capacity (planning option) is used up"
    return f"limited by the rule {tag}"
