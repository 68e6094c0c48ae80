"""What every rule module sees while the model is built: inputs, the IR, candidates and their indexes."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property

from grantstack.models.catalogue import Catalogue
from grantstack.models.firm import Firm
from grantstack.models.options import Interpretation, PlanOptions
from grantstack.optimizer.candidates import Candidate, CandidateSet
from grantstack.optimizer.linear import LinearModel

__all__ = ["Build", "floor_units"]


def floor_units(yuan: int, unit: int) -> int:
    """A yuan limit in whole money units, never negative (floor keeps every plan within the law)."""
    return max(yuan, 0) // unit


@dataclass
class Build:
    """The model under construction for one firm and horizon."""

    catalogue: Catalogue
    firm: Firm
    years: tuple[int, int]
    options: PlanOptions
    candidates: CandidateSet
    model: LinearModel = field(default_factory=LinearModel)
    happen: dict[tuple[str, int], int] = field(default_factory=dict)  # (event, year) -> bool var
    start: dict[tuple[str, int], int] = field(default_factory=dict)  # (project, year) -> bool var
    notes: list[str] = field(default_factory=list)
    yuan_per_point: Fraction = Fraction(1)  # objective point -> yuan

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

    @cached_property
    def by_measure(self) -> dict[str, list[Candidate]]:
        """Candidates per measure."""
        out: dict[str, list[Candidate]] = defaultdict(list)
        for c in self.cands:
            out[c.measure].append(c)
        return out

    @cached_property
    def by_run(self) -> dict[tuple[str, str | None], list[Candidate]]:
        """Candidates per (measure, subject)."""
        out: dict[tuple[str, str | None], list[Candidate]] = defaultdict(list)
        for c in self.cands:
            out[c.run].append(c)
        return out

    @cached_property
    def by_slot(self) -> dict[tuple[str, str | None, int], list[Candidate]]:
        """Candidates per (measure, subject, year): at most one of them is active."""
        out: dict[tuple[str, str | None, int], list[Candidate]] = defaultdict(list)
        for c in self.cands:
            out[(c.measure, c.subject, c.year)].append(c)
        return out

    def history(self, measure: str, subject: str | None) -> list[tuple[int, int]]:
        """Past awards (year, yuan) of one run."""
        return self.candidates.history.get((measure, subject), [])

    def past(self, measures: set[str] | frozenset[str]) -> list[tuple[str, str | None, int, int]]:
        """Past awards (measure, subject, year, yuan) of these measures."""
        return [(mid, sid, y, a) for (mid, sid), rows in self.candidates.history.items()
                if mid in measures for y, a in rows]

    def amounts(self, cs: list[Candidate]) -> tuple[list[int], list[int]]:
        """Amount variables of candidates, with coefficient 1."""
        return [c.x for c in cs], [1] * len(cs)

    def actives(self, cs: list[Candidate]) -> tuple[list[int], list[int]]:
        """Active literals of candidates, with coefficient 1."""
        return [c.b for c in cs], [1] * len(cs)

    def add_sum_cap(self, cs: list[Candidate], cap_yuan: int, past_yuan: int, tag: str) -> None:
        """Sum of amounts plus past awards stays within a yuan cap."""
        vs, ks = self.amounts(cs)
        self.model.add(vs, ks, ub=floor_units(cap_yuan - past_yuan, self.unit), tag=tag)
