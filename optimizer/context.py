"""What every rule module sees while the model is built: inputs, the IR, candidates and their indexes."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction

from grantstack.models.catalogue import Catalogue
from grantstack.models.firm import Event, Firm, Project
from grantstack.models.memo import cached_value
from grantstack.models.options import Interpretation, PlanOptions
from grantstack.optimizer.candidates import Candidate, CandidateSet
from grantstack.optimizer.encoding import Encoding
from grantstack.optimizer.linear import LinearModel

__all__ = ["Build", "SumCap", "floor_units"]


def floor_units(yuan: int, unit: int) -> int:
    """A yuan limit in whole money units, never negative (floor keeps every plan within the law)."""
    return max(yuan, 0) // unit


@dataclass
class SumCap:
    """The amounts of `cands` add up to at most `limit` money units (a cap, slice, project total or shared cap)."""

    cands: list[Candidate]
    limit: int
    tag: str

    @cached_value
    def binding(self) -> bool:
        """True if the candidates' ceilings could together exceed the limit (else the row is redundant)."""
        return sum(c.ub for c in self.cands) > self.limit


@dataclass
class Build:
    """The model under construction for one firm and horizon."""

    catalogue: Catalogue
    firm: Firm
    years: tuple[int, int]
    options: PlanOptions
    candidates: CandidateSet
    encoding: Encoding = field(default_factory=Encoding)
    model: LinearModel = field(default_factory=LinearModel)
    happen: dict[tuple[str, int], int] = field(default_factory=dict)  # (event, year) -> bool var
    start: dict[tuple[str, int], int] = field(default_factory=dict)  # (project, year) -> bool var
    sum_caps: list[SumCap] = field(default_factory=list)  # every sum cap, planned before amounts exist
    reached: dict[int, int] = field(default_factory=dict)  # id(SumCap) -> literal: the cap's sum is at its limit
    notes: list[str] = field(default_factory=list)
    yuan_per_point: Fraction = Fraction(1)  # objective point -> yuan
    objective_terms: tuple[dict[int, int], Fraction] | None = None  # the objective (points) and yuan per point

    @property
    def interp(self) -> Interpretation:
        """The legal reading."""
        return self.options.interpretation

    @property
    def unit(self) -> int:
        """Money unit in yuan."""
        return self.options.money_unit

    @property
    def cands(self) -> list[Candidate]:
        """All candidates, canonically ordered."""
        return self.candidates.cands

    @cached_value
    def projects(self) -> dict[str, Project]:
        """The firm's projects by id."""
        return {p.id: p for p in self.firm.projects}

    @cached_value
    def events(self) -> dict[str, Event]:
        """The firm's events by id."""
        return {e.id: e for e in self.firm.events}

    @cached_value
    def by_measure(self) -> dict[str, list[Candidate]]:
        """Candidates per measure."""
        out: dict[str, list[Candidate]] = defaultdict(list)
        for c in self.cands:
            out[c.measure].append(c)
        return out

    @cached_value
    def by_run(self) -> dict[tuple[str, str | None], list[Candidate]]:
        """Candidates per (measure, subject)."""
        out: dict[tuple[str, str | None], list[Candidate]] = defaultdict(list)
        for c in self.cands:
            out[c.run].append(c)
        return out

    @cached_value
    def runs_of(self) -> dict[str, list[tuple[str | None, list[Candidate]]]]:
        """(subject, run) pairs per measure."""
        out: dict[str, list[tuple[str | None, list[Candidate]]]] = defaultdict(list)
        for (mid, sid), run in self.by_run.items():
            out[mid].append((sid, run))
        return out

    @cached_value
    def by_slot(self) -> dict[tuple[str, str | None, int], list[Candidate]]:
        """Candidates per (measure, subject, year): at most one of them is active."""
        out: dict[tuple[str, str | None, int], list[Candidate]] = defaultdict(list)
        for c in self.cands:
            out[(c.measure, c.subject, c.year)].append(c)
        return out

    @cached_value
    def past_by_measure(self) -> dict[str, list[tuple[str | None, int, int]]]:
        """Past awards (subject, year, yuan) per measure."""
        out: dict[str, list[tuple[str | None, int, int]]] = defaultdict(list)
        for (mid, sid), rows in self.candidates.history.items():
            out[mid].extend((sid, y, a) for y, a in rows)
        return out

    def history(self, measure: str, subject: str | None) -> list[tuple[int, int]]:
        """Past awards (year, yuan) of one run."""
        return self.candidates.history.get((measure, subject), [])

    @cached_value
    def caps_of(self) -> dict[int, list[SumCap]]:
        """The caps that can bind, per candidate id (after caps.plan)."""
        out: dict[int, list[SumCap]] = defaultdict(list)
        for cap in self.sum_caps:
            if cap.binding:
                for c in cap.cands:
                    out[id(c)].append(cap)
        return out

    def past(self, measures: Iterable[str]) -> list[tuple[str, str | None, int, int]]:
        """Past awards (measure, subject, year, yuan) of these measures."""
        return [(mid, sid, y, a) for mid in sorted(set(measures)) for sid, y, a in self.past_by_measure.get(mid, ())]

    def amounts(self, cs: Iterable[Candidate]) -> tuple[list[int], list[int]]:
        """The amounts of candidates as (variables, coefficients): each amount is a short linear expression."""
        vs: list[int] = []
        ks: list[int] = []
        for c in cs:
            for v, k in c.amount:
                vs.append(v)
                ks.append(k)
        return vs, ks

    def actives(self, cs: Iterable[Candidate]) -> tuple[list[int], list[int]]:
        """Active literals of candidates, with coefficient 1."""
        vs = [c.b for c in cs]
        return vs, [1] * len(vs)

    def sum_cap(self, cs: list[Candidate], cap_yuan: int, past_yuan: int, tag: str) -> None:
        """Plan a cap: the amounts plus past awards stay within `cap_yuan` (rows are added once amounts exist)."""
        if cs:
            self.sum_caps.append(SumCap(cs, floor_units(cap_yuan - past_yuan, self.unit), tag))
