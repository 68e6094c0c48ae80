"""`applicable` for every year of one subject at once: the measure's own tests once, the text's force by year."""

from __future__ import annotations

from grantstack.models.firm import Event, Firm
from grantstack.models.legal import Context, Subject, in_force, in_force_undated, own_refusal
from grantstack.models.measure import Measure
from grantstack.models.options import Interpretation
from grantstack.models.predicate_eval import Verdict, evaluate_all
from grantstack.models.predicates import Predicate

__all__ = ["applicable_years"]


def applicable_years(m: Measure, firm: Firm, subject: Subject, anchor: int | None, years: tuple[int, ...],
                     interp: Interpretation, firm_part: tuple[Verdict, tuple[Predicate, ...]]) -> list[Verdict]:
    """applicable(m, Context(firm, subject, anchor, y), interp, firm_part, matched=True) for each year y of `years`
    (the caller chose subject, anchor and years by the measure's own subject rules; `firm_part`: firm_eligibility(m,
    firm)), in the same order of tests, so each year gets the same verdict and reason."""
    refused = own_refusal(m, firm.district, interp)
    if refused is not None:
        return [refused] * len(years)
    if isinstance(subject, Event) and subject.date is not None:
        forces = [in_force(m, Context(firm, subject, anchor, y), interp) for y in years]
    else:
        forces = in_force_undated(m, years, interp)
    lead, rest = firm_part
    if not lead.ok:  # the first failing predicate gives the reason, as evaluate_all would, where the text is in force
        return [lead if force.ok else force for force in forces]
    out = []
    for y, force in zip(years, forces, strict=True):
        if not force.ok:
            out.append(force)
        else:
            rule = evaluate_all(rest, firm, y, None, subject)
            out.append(force & rule if rule.needs else rule)  # force holds: YES & rule is rule unless it has needs
    return out
