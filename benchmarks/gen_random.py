"""Seeded random firms of several shapes for the real catalogue: the robustness suite of the default solve.

Shapes (seed % 5): compact (few projects and events), project-heavy, event-heavy, mixed, and history (past
awards, part of the recognition ladder already paid, expected amounts). Every shape has statuses, the
recognition ladder more often than not, flexible windows up to three years and optional events; at most 12
projects and 12 events (beside the ladder).
"""

from __future__ import annotations

import random
from typing import Any

from grantstack.benchmarks.gen_typical import (
    LADDER_KINDS,
    _event,
    _ladder,
    _money,
    _pick,
    _project,
    relevant_kinds,
    typical_firm,
)
from grantstack.models.amounts import Fixed, PerUnit, UpTo
from grantstack.models.catalogue import Catalogue
from grantstack.models.vocabulary import Vocabulary

__all__ = ["SHAPES", "random_firm"]

SHAPES: dict[str, tuple[tuple[int, int], tuple[int, int]]] = {  # (projects, events) ranges
    "compact": ((0, 3), (1, 4)),
    "projects": ((6, 12), (0, 3)),
    "events": ((0, 3), (6, 12)),
    "mixed": ((4, 9), (4, 9)),
    "history": ((2, 7), (2, 7)),
}


def _nominal(m: Any) -> int | None:
    a = m.amount
    return a.amount if isinstance(a, Fixed) else a.max if isinstance(a, UpTo) else \
        a.unit_amount if isinstance(a, PerUnit) else None


def _history(rng: random.Random, catalogue: Catalogue, firm: dict[str, Any], y0: int) -> list[dict[str, Any]]:
    """Two to six past awards of measures the firm could have received, one or two years before the horizon."""
    subjects: list[tuple[str | None, set[str]]] = [(None, set())]
    subjects += [(p["id"], set(p["kinds"])) for p in firm["projects"]]
    subjects += [(e["id"], {e["kind"]}) for e in firm["events"]]
    options = []
    for m in catalogue.monetary():
        if m.district not in (None, firm["district"]):
            continue
        for sid, kinds in subjects:
            firm_level = m.subject == "firm" and sid is None
            if firm_level or (sid and set(m.project_kinds if m.subject == "project" else m.event_kinds) & kinds):
                options.append((m, sid))
    out: list[dict[str, Any]] = []
    for m, sid in rng.sample(options, min(len(options), rng.randint(2, 6))):
        nominal = _nominal(m)
        amount = nominal if nominal is not None and rng.random() < 0.6 else _money(rng, 4.5, 6.3)
        entry: dict[str, Any] = {"measure": m.id, "year": y0 - rng.randint(1, 2), "amount": amount}
        if sid is not None:
            entry["subject"] = sid
        trial = sorted([*out, entry], key=lambda h: (h["year"], h["measure"], h.get("subject") or ""))
        if _fits(catalogue, {**firm, "history": trial}, y0):
            out = trial
    return out


def _fits(catalogue: Catalogue, firm: dict[str, Any], y0: int) -> bool:
    """The history is one a firm can have: it breaks no rule by itself (models.run_checks)."""
    from grantstack.models.firm import Firm
    from grantstack.models.input_errors import InputError
    from grantstack.models.run_checks import check_run

    try:
        check_run(catalogue, Firm.model_validate(firm), (y0, y0 + 4))
    except InputError:
        return False
    return True


def random_firm(seed: int, catalogue: Catalogue, vocab: Vocabulary, years: tuple[int, int]) -> dict[str, Any]:
    """A random firm of shape SHAPES[seed % 5] as a plain dict (Firm-shaped); deterministic for the seed."""
    shape = list(SHAPES)[seed % len(SHAPES)]
    (p_lo, p_hi), (e_lo, e_hi) = SHAPES[shape]
    rng = random.Random(10_000_019 * (seed + 1))
    y0, y1 = years
    firm = typical_firm(rng.randrange(1 << 30), catalogue, vocab, years)  # district, tags, dates, metrics, statuses
    firm["id"] = f"random-{shape}-{seed:05d}"
    statuses = [s for s in firm["statuses"] if s["status"] != "innovative_sme"]
    rel_projects, rel_events = relevant_kinds(catalogue, firm["district"])
    all_projects, all_events = tuple(vocab.project_costs), tuple(vocab.event_values)
    events = _ladder(rng, y0, y1, statuses) if rng.random() < 0.7 else []
    other = tuple(k for k in all_events if k not in LADDER_KINDS)
    rel_other = tuple(k for k in rel_events if k not in LADDER_KINDS)
    for i in range(rng.randint(e_lo, e_hi)):
        e = _event(rng, vocab, i, _pick(rng, rel_other, other, 0.7), y0, y1)
        if "window" in e and rng.random() < 0.4:
            a = rng.randint(y0, y1 - 2)
            e["window"] = [a, a + rng.randint(2, 3)]
            e["window"][1] = min(y1, e["window"][1])
        events.append(e)
    projects = [_project(rng, vocab, i, [_pick(rng, rel_projects, all_projects, 0.8)], y0, y1)
                for i in range(rng.randint(p_lo, p_hi))]
    firm.update(statuses=statuses, events=events, projects=projects)
    if shape == "history":
        firm["history"] = _history(rng, catalogue, firm, y0)
        ups = [m.id for m in catalogue.monetary() if m.subject == "firm" and isinstance(m.amount, UpTo)
               and m.district in (None, firm["district"])]
        firm["expected"] = {mid: int(round(catalogue.measure(mid).amount.max * rng.uniform(0.3, 0.9), -3))  # type: ignore[union-attr]
                            for mid in rng.sample(ups, min(len(ups), rng.randint(0, 3)))}
    return firm
