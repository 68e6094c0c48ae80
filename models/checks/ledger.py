"""What the checker reasons over: every payment (plan and history), the resolved schedule, the runs."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from grantstack.models.catalogue import Catalogue
from grantstack.models.firm import Event, Firm, Project
from grantstack.models.legal import Context
from grantstack.models.measure import Measure
from grantstack.models.memo import cached_value
from grantstack.models.options import Interpretation
from grantstack.models.plan import Plan, Violation

__all__ = ["Ledger", "Payment"]


@dataclass(frozen=True)
class Payment:
    """One payment: from the plan (index >= 0) or from the firm's history (index -1)."""

    measure: str
    subject: str | None
    year: int
    amount: int
    index: int

    @property
    def planned(self) -> bool:
        """True for a plan application, False for a past award."""
        return self.index >= 0


@dataclass
class Ledger:
    """Plan, history and schedule resolved together; built once per check."""

    catalogue: Catalogue
    firm: Firm
    plan: Plan
    interp: Interpretation
    payments: list[Payment] = field(default_factory=list)
    schedule: dict[str, int | None] = field(default_factory=dict)
    violations: list[Violation] = field(default_factory=list)

    @classmethod
    def build(cls, catalogue: Catalogue, firm: Firm, plan: Plan, interp: Interpretation) -> Ledger:
        """Collect payments and resolve fixed and chosen years of events and projects."""
        led = cls(catalogue, firm, plan, interp)
        for h in firm.history:
            led.payments.append(Payment(h.measure, h.subject, h.year, h.amount, -1))
        for i, a in enumerate(plan.applications):
            led.payments.append(Payment(a.measure, a.subject, a.year, a.amount, i))
        for e in firm.events:
            led.schedule[e.id] = e.year if e.year is not None else plan.schedule.get(e.id)
        for p in firm.projects:
            led.schedule[p.id] = p.start if p.start is not None else plan.schedule.get(p.id)
        return led

    def add(self, rule: str, message: str, pay: Payment | None = None, measure: Measure | None = None,
            limit: int | None = None, amount: int | None = None) -> None:
        """Record a violation."""
        m = measure or (self.catalogue.by_id.get(pay.measure) if pay else None)
        self.violations.append(Violation(
            rule=rule, message=message, measure=(m.id if m else pay.measure if pay else ""),
            subject=pay.subject if pay else None, year=pay.year if pay else None,
            amount=amount if amount is not None else (pay.amount if pay else None), limit=limit,
            clause=m.citation() if m else "",
        ))

    def known(self) -> list[Payment]:
        """Payments whose measure is in the catalogue (worked out once the payments are all in: a copy)."""
        return list(self._known)

    @cached_value
    def _known(self) -> list[Payment]:
        return [p for p in self.payments if p.measure in self.catalogue.by_id]

    @cached_value
    def runs(self) -> dict[tuple[str, str | None], list[Payment]]:
        """Payments grouped by (measure, subject), in year order."""
        out: dict[tuple[str, str | None], list[Payment]] = defaultdict(list)
        for p in sorted(self._known, key=lambda p: (p.year, p.index)):
            out[(p.measure, p.subject)].append(p)
        return out

    @cached_value
    def _run_years(self) -> dict[tuple[str, str | None], list[int]]:
        """The distinct years of each run, in order."""
        return {key: sorted({p.year for p in run}) for key, run in self.runs.items()}

    def support_year(self, pay: Payment) -> int:
        """Position of the payment in its run (1 = first year of support)."""
        return self._run_years[(pay.measure, pay.subject)].index(pay.year) + 1

    def subject(self, sid: str | None) -> Project | Event | None:
        """The project or event behind a subject id."""
        if sid is None:
            return None
        subjects = self._subjects
        if sid not in subjects:
            subjects[sid] = self.firm.project(sid) or self.firm.event(sid)
        return subjects[sid]

    def context(self, pay: Payment) -> Context:
        """The legal situation of one payment (worked out once per payment of the ledger: it is read only once
        built, and its payments live as long as it does, so each is known by its identity)."""
        held = self._contexts.get(id(pay))
        if held is None:
            subj = self.subject(pay.subject)
            anchor = self.schedule.get(pay.subject) if pay.subject is not None else None
            held = self._contexts[id(pay)] = (pay, Context(self.firm, subj, anchor, pay.year, self.support_year(pay),
                                                           self.schedule))
        return held[1]

    @cached_value
    def _contexts(self) -> dict[int, tuple[Payment, Context]]:
        return {}  # the payment is kept beside its context, so its id stays its own

    @cached_value
    def _subjects(self) -> dict[str, Project | Event | None]:
        return {}
