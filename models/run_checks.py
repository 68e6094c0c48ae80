"""A firm checked against the catalogue and the horizon it is planned with, before any model is built.

Refused (InputError naming the firm file, the entry and the field): a measure id in `history`, `expected` or
`probabilities` that the catalogue does not have (it was silently ignored); history dated inside or after
the horizon (history is what was received before the plan: it cut a plan from 4.95M to 0.75M); history
that names a subject of the wrong kind, or breaks a one-time, ladder, cap or no-repeat rule by itself;
events whose prerequisites form a cycle or can never be met.
"""

from __future__ import annotations

import difflib
from typing import Any

from grantstack.models.catalogue import Catalogue
from grantstack.models.firm import Event, Firm, Project
from grantstack.models.history_rules import history_rule_problems
from grantstack.models.input_errors import explain_problems
from grantstack.models.plan import Plan
from grantstack.models.prerequisites import prerequisite_problems
from grantstack.models.provenance import inputs_of

__all__ = ["check_firm", "check_plan_names", "check_run", "firm_path", "plan_problems", "run_problems"]

Problem = tuple[tuple[Any, ...], str]
_ID_FIX = "Use a measure id from the catalogue ('grantstack catalog list'), or remove the entry."
_RULE_FIX = ("Fix the entry from the award letter (measure id, year, amount): planning on a history that "
             "breaks the rules would be planning on an impossible past.")
_HORIZON_FIX = ("Remove the entry (history is support received before the plan; plan it instead), or start the "
                "horizon after it (--years).")
_PREREQ_FIX = "Change the events' windows, gaps or requirements so that each can happen after what it needs."


def _unknown(catalogue: Catalogue, mid: str, at: tuple[Any, ...]) -> list[Problem]:
    if mid in catalogue.by_id:
        return []
    close = difflib.get_close_matches(mid, list(catalogue.by_id), n=1, cutoff=0.6)
    did = f" Did you mean '{close[0]}'?" if close else ""
    return [(at, f"unknown measure '{mid}': the catalogue has no such id.{did} {_ID_FIX}")]


def _ids(catalogue: Catalogue, firm: Firm) -> list[Problem]:
    out: list[Problem] = []
    for i, h in enumerate(firm.history):
        out += _unknown(catalogue, h.measure, ("history", i, "measure"))
    for mid in firm.expected:
        out += _unknown(catalogue, mid, ("expected", mid))
    for mid in firm.probabilities:
        out += _unknown(catalogue, mid, ("probabilities", mid))
    for lst, subjects in (("projects", firm.projects), ("events", firm.events)):
        for i, s in enumerate(subjects):
            for mid in s.expected:
                out += _unknown(catalogue, mid, (lst, i, "expected", mid))
    return out


def _history(catalogue: Catalogue, firm: Firm, years: tuple[int, int] | None) -> list[Problem]:
    out: list[Problem] = []
    for i, h in enumerate(firm.history):
        if years is not None and h.year >= years[0]:
            when = "inside" if h.year <= years[1] else "after"
            out.append((("history", i, "year"), f"dated {h.year}, {when} the horizon {years[0]}-{years[1]}. "
                                                f"{_HORIZON_FIX}"))
        m = catalogue.by_id.get(h.measure)
        if m is None:
            continue
        subject = firm.project(h.subject) or firm.event(h.subject) if h.subject else None
        kind = "project" if isinstance(subject, Project) else "event" if isinstance(subject, Event) else "firm"
        if kind != m.subject:
            want = "no subject (a firm-level measure)" if m.subject == "firm" else f"a {m.subject} as subject"
            got = f"{kind} '{h.subject}'" if h.subject else "no subject"
            out.append((("history", i, "subject"), f"{h.measure} takes {want}, but the entry gives {got}. Give the "
                                                   "project or event the award was for (or none for the firm)."))
    return out


def run_problems(catalogue: Catalogue, firm: Firm, years: tuple[int, int] | None = None) -> list[Problem]:
    """Everything wrong with the firm for this catalogue and horizon (empty: it can be planned)."""
    out = _ids(catalogue, firm) + _history(catalogue, firm, years)
    if not out:
        out = [(loc, f"by itself it breaks {msg}. {_RULE_FIX}") for loc, msg in history_rule_problems(catalogue, firm)]
    return out


def firm_path(firm: Firm) -> str:
    """The firm's file, if it was read from one, else a description of it."""
    files = [f.path for f in inputs_of(firm) if f.role == "firm"]
    return files[0] if files else f"firm '{firm.id}'"


def check_firm(firm: Firm, data: Any = None, path: str | None = None) -> list[str]:
    """Refuse contradictions within the firm (prerequisite cycles, impossible prerequisites); return warnings."""
    problems, warnings = prerequisite_problems(firm)
    if problems:
        problems = [(loc, f"{msg}. {_PREREQ_FIX}") for loc, msg in problems]
        raise explain_problems(path or firm_path(firm), data if data is not None else firm.model_dump(), problems,
                               "events that can never happen")
    return warnings


def check_run(catalogue: Catalogue, firm: Firm, years: tuple[int, int] | None = None) -> None:
    """InputError if the firm cannot be planned with this catalogue and horizon, naming file, entry and field."""
    check_firm(firm)
    problems = run_problems(catalogue, firm, years)
    if problems:
        span = f" and the horizon {years[0]}-{years[1]}" if years else ""
        raise explain_problems(firm_path(firm), firm.model_dump(), problems,
                               f"the firm does not fit the catalogue{span}")


def plan_problems(catalogue: Catalogue, firm: Firm, plan: Plan) -> list[Problem]:
    """Names in a plan that the catalogue or the firm does not have: measures, subjects, scheduled ids."""
    out: list[Problem] = []
    subjects = [p.id for p in firm.projects] + [e.id for e in firm.events]
    for i, a in enumerate(plan.applications):
        out += [(loc, msg.replace(_ID_FIX, "Use a measure id from the catalogue ('grantstack catalog list')."))
                for loc, msg in _unknown(catalogue, a.measure, ("applications", i, "measure"))]
        if a.subject is not None and a.subject not in subjects:
            close = difflib.get_close_matches(a.subject, subjects, n=1, cutoff=0.6)
            did = f" Did you mean '{close[0]}'?" if close else ""
            out.append((("applications", i, "subject"), f"unknown subject '{a.subject}': the firm has no such project "
                                                         f"or event.{did} Use a project or event id of the firm."))
    for sid in plan.schedule:
        if sid not in subjects:
            close = difflib.get_close_matches(sid, subjects, n=1, cutoff=0.6)
            did = f" Did you mean '{close[0]}'?" if close else ""
            out.append((("schedule", sid), f"unknown event or project '{sid}'.{did} Use an id of the firm's events "
                                           "and projects."))
    return out


def check_plan_names(catalogue: Catalogue, firm: Firm, plan: Plan, path: str, data: Any = None) -> None:
    """InputError naming the plan file if the plan names measures or subjects that do not exist."""
    problems = plan_problems(catalogue, firm, plan)
    if problems:
        raise explain_problems(path, data if data is not None else plan.model_dump(), problems,
                               "the plan names what the catalogue or the firm does not have")
