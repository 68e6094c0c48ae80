"""What the baselines share: a human's event schedule, candidate applications, rule components."""

from __future__ import annotations

from dataclasses import dataclass

from grantstack.models.base import components as link_components
from grantstack.models.catalogue import Catalogue
from grantstack.models.checks.applications import in_project_years
from grantstack.models.checks.events import status_year
from grantstack.models.firm import Event, Firm, Project
from grantstack.models.groups import group_rules
from grantstack.models.legal import Context, applicable, planned_ceiling
from grantstack.models.measure import Measure
from grantstack.models.options import Interpretation

__all__ = ["Cand", "candidates", "components", "flexible_ids", "human_schedule"]


@dataclass(frozen=True)
class Cand:
    """One possible application and its planned ceiling at support year 1, in yuan."""

    measure: str
    subject: str | None
    year: int
    ceiling: int


def flexible_ids(firm: Firm) -> list[str]:
    """Events with a window and projects with a start window: the ids a plan's schedule names."""
    return [e.id for e in firm.events if e.window is not None] + [
        p.id for p in firm.projects if p.start_window is not None
    ]


def _prereq_ok(firm: Firm, e: Event, year: int, schedule: dict[str, int | None]) -> bool | None:
    """True if every prerequisite is in place for the event in this year; None if one is not yet known."""
    for r in e.requires:
        if r.event is not None:
            if r.event not in schedule:
                return None
            before = schedule[r.event]
        else:
            before = status_year(firm, r.status or "", schedule)
        if before is None or year < before + r.min_gap_years:
            return False
    return True


def human_schedule(firm: Firm) -> dict[str, int | None]:
    """Fixed years as given; each flexible event at the earliest year its prerequisites allow; projects ASAP."""
    schedule: dict[str, int | None] = {e.id: e.year for e in firm.events if e.year is not None}
    schedule.update({p.id: p.start if p.start is not None else p.start_years()[0] for p in firm.projects})
    pending = [e for e in firm.events if e.window is not None]
    for _ in range(len(pending) + 1):
        rest = []
        for e in pending:
            verdicts = [(y, _prereq_ok(firm, e, y, schedule)) for y in e.years()]
            if any(ok is None for _, ok in verdicts):
                rest.append(e)
                continue
            good = [y for y, ok in verdicts if ok]
            schedule[e.id] = good[0] if good else (None if e.optional else e.years()[0])
        if not rest or len(rest) == len(pending):
            for e in rest:
                schedule[e.id] = None if e.optional else e.years()[0]
            break
        pending = rest
    return schedule


Subject = Project | Event | None


def _subjects(m: Measure, firm: Firm, schedule: dict[str, int | None]) -> list[tuple[Subject, int | None]]:
    if m.subject == "firm":
        return [(None, None)]
    if m.subject == "project":
        return [(p, schedule.get(p.id)) for p in firm.projects
                if not m.project_kinds or set(m.project_kinds) & set(p.kinds)]
    return [(e, schedule.get(e.id)) for e in firm.events if e.kind in m.event_kinds and schedule.get(e.id) is not None]


def candidates(catalogue: Catalogue, firm: Firm, years: tuple[int, int], schedule: dict[str, int | None],
               interp: Interpretation) -> list[Cand]:
    """Every (measure, subject, year) that is applicable under the schedule and pays more than 0."""
    out: list[Cand] = []
    for m in catalogue.monetary():
        if m.district is not None and m.district != firm.district:
            continue
        for subj, anchor in _subjects(m, firm, schedule):
            if subj is not None and anchor is None:
                continue
            for y in range(years[0], years[1] + 1):
                if isinstance(subj, Project) and not in_project_years(m, subj, anchor or 0, y):
                    continue
                ctx = Context(firm, subj, anchor, y, 1, schedule)
                if not applicable(m, ctx, interp).ok:
                    continue
                ceiling = planned_ceiling(m, ctx, interp, catalogue)
                if ceiling > 0:
                    out.append(Cand(m.id, subj.id if subj is not None else None, y, ceiling))
    return out


def components(catalogue: Catalogue) -> dict[str, str]:
    """Measures linked by any cross-measure rule share a component; rules never cross components."""
    ladder_tiers = {lad.id: list(lad.tiers) for lad in catalogue.ladders}
    links = list(ladder_tiers.values())
    links += [list(g.policies) for g in group_rules(catalogue, Interpretation())]  # widest span: default
    links += [list(r.measures) for r in (*catalogue.caps, *catalogue.no_repeat)]
    links += [[m.id, m.matches] for m in catalogue.measures if m.matches]
    links += [[m.id, *m.bonus_to] for m in catalogue.measures if m.bonus_to]
    return link_components([m.id for m in catalogue.measures], links)
