"""A group as the optimiser sees it: units, the slots each may go to, and one SlotModel per slot.

Units that cannot legally sit at a slot at all (a fixed event whose prerequisite that entity cannot meet) are
taken off that slot's list with a note; an entity whose own file is inconsistent makes the group infeasible.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from fractions import Fraction

from grantstack.models.catalogue import Catalogue
from grantstack.models.group import Group
from grantstack.models.group_expand import Slot, Unit, allowed_slots, entity_firm, slots, units
from grantstack.models.group_options import GroupOptions
from grantstack.models.options import PlanOptions
from grantstack.optimizer.group.master import Cut
from grantstack.optimizer.group.slot_model import Clock, SlotModel

__all__ = ["GroupProblem"]


@dataclass
class GroupProblem:
    """Everything the placement search needs, with every entity value computed so far (kept across re-solves)."""

    catalogue: Catalogue
    group: Group
    years: tuple[int, int]
    options: PlanOptions
    group_options: GroupOptions
    clock: Clock
    units: tuple[Unit, ...] = ()
    allowed: dict[str, tuple[Slot, ...]] = field(default_factory=dict)
    models: dict[Slot, SlotModel] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    broken: list[str] = field(default_factory=list)  # entities whose own file has no legal plan
    seconds: float = 0.0
    cache: dict[str, SlotModel] = field(default_factory=dict)

    @classmethod
    def build(cls, catalogue: Catalogue, group: Group, years: tuple[int, int], options: PlanOptions,
              group_options: GroupOptions, cache: dict[str, SlotModel] | None = None) -> GroupProblem:
        """Build every slot's model, drop impossible placements, and compute the first values and bounds.
        `cache` keeps slot models across problems (re-solves, probes): a slot whose entity, units, catalogue,
        horizon and options are the same reuses its model and every value computed for it."""
        t0 = time.perf_counter()
        p = cls(catalogue, group, years, options, group_options, Clock(options), units(group),
                cache=cache if cache is not None else {})
        p.allowed = {u.id: allowed_slots(group, u, group_options) for u in p.units}
        for s in slots(group):
            p._add_slot(s)
        for m in p.models.values():
            m.value(frozenset())
            m.value(frozenset(u.id for u in m.units))
            for u in m.units:
                m.bound(u.id)
        p.seconds = time.perf_counter() - t0
        return p

    def _slot_model(self, s: Slot, us: list[Unit]) -> SlotModel:
        firm = entity_firm(self.group, s, {}, self.group_options, present=[u.id for u in us])
        key = hashlib.blake2b(repr((s, firm.model_dump_json(), us, self.years, self.options.model_dump_json(),
                                    id(self.catalogue))).encode(), digest_size=16).hexdigest()
        if key in self.cache:
            model = self.cache[key]
            model.clock = self.clock
            return model
        model = SlotModel(self.catalogue, self.group, s, tuple(us), self.years, self.options, self.group_options,
                          self.clock)
        self.cache[key] = model
        return model

    def _add_slot(self, s: Slot) -> None:
        mine = [u for u in self.units if s in self.allowed[u.id]]
        m = self._slot_model(s, mine)
        if m.value(frozenset()).feasible:
            self.models[s] = m
            return
        if not self._slot_model(s, []).value(frozenset()).feasible:
            what = f"the new entity in {s.district}" if s.new else f"entity '{s.entity}'"
            self.notes.append(f"{what} has no legal plan on its own (an event's prerequisite cannot be met)")
            if s.new:
                self._forbid(s, mine)
            else:
                self.broken.append(s.entity)
            return
        ok = []
        for u in mine:
            if self._slot_model(s, [u]).value(frozenset({u.id})).feasible:
                ok.append(u)
            else:
                self.notes.append(f"'{u.id}' cannot be carried by {s.key}: a prerequisite of its event cannot be met")
                self.allowed[u.id] = tuple(x for x in self.allowed[u.id] if x != s)
        self.models[s] = self._slot_model(s, ok)

    def _forbid(self, s: Slot, mine: list[Unit]) -> None:
        for u in mine:
            self.allowed[u.id] = tuple(x for x in self.allowed[u.id] if x != s)

    def theta_ub(self, s: Slot) -> Fraction:
        """No subset is worth more than all the slot's units together (adding a unit never lowers a value)."""
        m = self.models[s]
        return m.value(frozenset(u.id for u in m.units)).hi

    def cuts(self) -> list[Cut]:
        """One cut per value computed so far, in a fixed order."""
        out = []
        for s, m in self.models.items():
            for subset, v in m.values.items():
                if not v.feasible:
                    continue
                coefs = tuple((u.id, m.bound(u.id)) for u in m.units if u.id not in subset and m.bound(u.id))
                out.append(Cut(s, v.hi, coefs))
        return out

    def stats(self) -> dict[str, float]:
        """Model builds, CP-SAT solves of entity models and their time."""
        ms = self.models.values()
        return {"entity_builds": sum(m.builds for m in ms), "entity_solves": sum(m.solves for m in ms),
                "entity_solve_seconds": round(sum(m.seconds for m in ms), 4)}
