"""Sensitivity probes: small changes an advisor can make, each a variant of the base scenario.

The default probes (`default_probes`): each project's costs up 10% and up 1M (yuan of support per yuan
invested), each event one year earlier and one year later (a flexible event's window shifted), each measure
of the base plan left out (its value to the plan), each cap on a measure the firm can use raised 10% (its
shadow value), and each interpretation option set to each of its other values (read from models/options.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, get_args, get_origin

from grantstack.models.amounts import Matching
from grantstack.models.catalogue import Catalogue
from grantstack.models.firm import Firm, Project
from grantstack.models.options import Interpretation
from grantstack.models.plan import Plan
from grantstack.models.scenario_file import Change

__all__ = [
    "MILLION", "Probe", "cap_probes", "cost_fields", "cost_probes", "default_probes", "event_probes",
    "measure_probes", "option_probes", "spread",
]

MILLION = 1_000_000
YEARS = (1990, 2100)


@dataclass(frozen=True)
class Probe:
    """One small change to the base: firm or catalogue changes, option values, or measures left out."""

    kind: str
    target: str
    label: str
    firm_changes: tuple[Change, ...] = ()
    catalogue_changes: tuple[Change, ...] = ()
    options: Mapping[str, Any] = field(default_factory=dict)
    exclude: tuple[str, ...] = ()
    step: int | None = None  # yuan the probe adds (costs, caps): the denominator of the marginal value


def _set(path: str, value: Any) -> Change:
    return Change(op="set", path=path, value=value)


def received_fields(catalogue: Catalogue) -> set[str]:
    """Project cost fields that record support received elsewhere (a matching measure's target), not spending."""
    return {m.amount.target_value.field for m in catalogue.measures
            if isinstance(m.amount, Matching) and m.amount.target_value is not None
            and m.amount.target_value.of == "project"}


def cost_fields(project: Project, catalogue: Catalogue) -> list[str]:
    """The project's cost fields that are money it spends (not awards received that a measure matches)."""
    received = received_fields(catalogue)
    return [k for k in project.costs if k not in received and any(project.costs[k])]


def spread(values: list[int], extra: int) -> list[int]:
    """`extra` yuan shared among positive values in proportion to them (largest remainders), summing exactly."""
    total = sum(values)
    if total <= 0:
        return list(values)
    shares = [extra * v // total for v in values]
    order = sorted(range(len(values)), key=lambda i: (-(extra * values[i] % total), i))
    for i in order[: extra - sum(shares)]:
        shares[i] += 1
    return [v + s for v, s in zip(values, shares, strict=True)]


def _costs_probe(p: Project, fields: list[str], kind: str, change: Any) -> Probe:
    flat = [v for k in fields for v in p.costs[k]]
    new = change(flat)
    costs = {k: list(v) for k, v in p.costs.items()}
    i = 0
    for k in fields:
        costs[k] = new[i:i + len(p.costs[k])]
        i += len(p.costs[k])
    step = sum(new) - sum(flat)
    label = f"{p.id}: costs {kind} (+{step:,} yuan over {', '.join(fields)})"
    return Probe(f"cost {kind}", p.id, label, firm_changes=(_set(f"projects[{p.id}].costs", costs),), step=step)


def cost_probes(firm: Firm, catalogue: Catalogue) -> list[Probe]:
    """Each project's spending up 10% (each figure, rounded down) and up 1M (spread in proportion)."""
    out = []
    for p in firm.projects:
        fields = cost_fields(p, catalogue)
        if not fields:
            continue
        out.append(_costs_probe(p, fields, "+10%", lambda vs: [v + v // 10 for v in vs]))
        out.append(_costs_probe(p, fields, "+1M", lambda vs: spread(vs, MILLION)))
    return out


def event_probes(firm: Firm) -> list[Probe]:
    """Each event one year earlier and one year later (a flexible event's whole window shifted)."""
    out = []
    for e in firm.events:
        for shift, kind in ((-1, "one year earlier"), (1, "one year later")):
            if e.year is not None:
                year = e.year + shift
                if YEARS[0] <= year <= YEARS[1]:
                    out.append(Probe(f"event {shift:+d}y", e.id, f"{e.id}: {kind} ({e.year} -> {year})",
                                     firm_changes=(_set(f"events[{e.id}].year", year),)))
            elif e.window is not None:
                window = [e.window[0] + shift, e.window[1] + shift]
                if YEARS[0] <= window[0] and window[1] <= YEARS[1]:
                    out.append(Probe(f"event {shift:+d}y", e.id,
                                     f"{e.id}: window {kind} ({e.window[0]}-{e.window[1]} -> {window[0]}-{window[1]})",
                                     firm_changes=(_set(f"events[{e.id}].window", window),)))
    return out


def measure_probes(plan: Plan | None) -> list[Probe]:
    """Each measure the base plan uses, left out (not applied for): its value to the plan."""
    used = sorted({a.measure for a in plan.applications}) if plan is not None else []
    return [Probe("measure removed", mid, f"{mid}: left out", exclude=(mid,)) for mid in used]


def cap_probes(catalogue: Catalogue, usable: Iterable[str]) -> list[Probe]:
    """Each cap on a measure the firm can use raised 10% (rounded down): a measure's caps, the cap in its amount
    form, and shared caps; the marginal value per yuan of cap is its shadow value."""
    usable = set(usable)
    out = []

    def probe(path: str, amount: int, what: str, target: str) -> None:
        step = amount // 10
        if step > 0:
            out.append(Probe("cap +10%", target, f"{what} {amount:,} -> {amount + step:,}",
                             catalogue_changes=(_set(path, amount + step),), step=step))

    for mid in sorted(usable):
        m = catalogue.by_id.get(mid)
        if m is None:
            continue
        for i, cap in enumerate(m.caps):
            probe(f"measures[{mid}].caps[#{i}].amount", cap.amount, f"{mid}: cap per {cap.per}", mid)
        amount_cap = getattr(m.amount, "cap", None)
        if isinstance(amount_cap, int):
            probe(f"measures[{mid}].amount.cap", amount_cap, f"{mid}: cap per application", mid)
    for c in sorted(catalogue.caps, key=lambda c: c.id):
        if usable & set(c.measures):
            probe(f"caps[{c.id}].amount", c.amount, f"{c.id}: shared cap per {c.per}", c.id)
    return out


def alternatives(name: str, current: Any) -> list[Any]:
    """The other values an interpretation option can take (booleans and named choices; others have none)."""
    annotation = Interpretation.model_fields[name].annotation
    if annotation is bool:
        return [not current]
    if get_origin(annotation) is Literal:
        return [v for v in get_args(annotation) if v != current]
    return []


def option_probes(interpretation: Interpretation) -> list[Probe]:
    """Each interpretation option set to each of its other values (every option models/options.py defines)."""
    out = []
    for name in Interpretation.model_fields:
        current = getattr(interpretation, name)
        for value in alternatives(name, current):
            shown = str(value).lower() if isinstance(value, bool) else value
            out.append(Probe("option", name, f"{name}: {str(current).lower() if isinstance(current, bool) else current}"
                             f" -> {shown}", options={name: value}))
    return out


def default_probes(firm: Firm, catalogue: Catalogue, plan: Plan | None, usable: Iterable[str],
                   interpretation: Interpretation) -> list[Probe]:
    """Every default probe of a scenario: costs, events, measures of the plan, caps of usable measures, options."""
    return [*cost_probes(firm, catalogue), *event_probes(firm), *measure_probes(plan),
            *cap_probes(catalogue, usable), *option_probes(interpretation)]
