"""A firm as the law sees it: where it is, what it holds, its figures, projects and events."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from grantstack.models.base import Date, District, Flag, Frozen, Id, KeyRegion, Money, Probability, Year, components
from grantstack.models.limits import MAX_EVENTS, MAX_FIGURE, MAX_HISTORY, MAX_PROJECTS, MAX_SERIES, MAX_UNITS
from grantstack.models.memo import kept_beside

__all__ = ["Event", "Firm", "FirmDates", "PastAward", "Prerequisite", "Project", "StatusRecord"]

Count = Annotated[int, Field(ge=0, le=MAX_FIGURE, strict=True)]
Units = Annotated[int, Field(ge=0, le=MAX_UNITS, strict=True)]


class StatusRecord(Frozen):
    """A status the firm holds from a year on (e.g. high_tech since 2021), set outside the plan."""

    status: Id = Field(description="Status name, e.g. high_tech, ss_municipal, little_giant_national.")
    since: Year = Field(description="Year the status was obtained.")
    until: Year | None = Field(default=None, description="Last year held; empty if still held.")

    @model_validator(mode="after")
    def _order(self) -> StatusRecord:
        if self.until is not None and self.until < self.since:
            raise ValueError(f"until ({self.until}) is before since ({self.since})")
        return self


class FirmDates(Frozen):
    """Dates that eligibility rules refer to."""

    established: Date | None = Field(default=None, description="Date of incorporation.")
    settled: Date | None = Field(default=None, description="Date of settling in the current district.")
    moved_in: Date | None = Field(default=None, description="Date of moving into the district.")
    moved_from_outside_beijing: Flag = Field(
        default=False, description="True if the move into the district came from outside Beijing."
    )


class Prerequisite(Frozen):
    """An event needs another event, or a status, at least min_gap_years earlier."""

    event: Id | None = Field(default=None, description="Event that must happen first.")
    status: Id | None = Field(default=None, description="Status that must be held first.")
    min_gap_years: int = Field(strict=True, default=0, ge=0, le=20, description="Minimum years between the two.")

    @model_validator(mode="after")
    def _one(self) -> Prerequisite:
        if (self.event is None) == (self.status is None):
            raise ValueError("give exactly one of 'event' or 'status'")
        return self


def _check_window(year: int | None, window: tuple[int, int] | None, what: str) -> None:
    if (year is None) == (window is None):
        raise ValueError(f"give exactly one of '{what}' (fixed) or its window (flexible)")
    if window is not None and window[1] < window[0]:
        raise ValueError(f"window ends ({window[1]}) before it starts ({window[0]})")


class Project(Frozen):
    """A project of the firm; its cost bases are listed by project year from its start."""

    id: Id = Field(description="Project identifier, unique within the firm.")
    title: str = Field(default="", description="What the project is.")
    kinds: tuple[Id, ...] = Field(description="Kind tags matched by measures, e.g. pilot_line.")
    start: Year | None = Field(default=None, description="Fixed start year.")
    start_window: tuple[Year, Year] | None = Field(
        default=None, description="Earliest and latest start year, when the plan may choose it."
    )
    costs: dict[Id, Annotated[tuple[Money, ...], Field(max_length=MAX_SERIES)]] = Field(
        default_factory=dict,
        description="Cost bases in yuan by project year (index 0 = start year), e.g. investment.",
    )
    quantities: dict[Id, Annotated[tuple[Count, ...], Field(max_length=MAX_SERIES)]] = Field(
        default_factory=dict, description="Non-money quantities by project year, e.g. rented_area in m2."
    )
    expected: dict[Id, Money] = Field(
        default_factory=dict, description="Expected award per measure where the law says 'up to'."
    )
    finances: Id | None = Field(
        default=None,
        description=(
            "The project this one finances (a loan for an upgrade): both are one 'project or item' under "
            "most-favourable rules (003 Art. 18)."
        ),
    )

    @model_validator(mode="after")
    def _timing(self) -> Project:
        _check_window(self.start, self.start_window, "start")
        if self.finances == self.id:
            raise ValueError(f"project '{self.id}' cannot finance itself")
        return self

    def start_years(self) -> tuple[int, ...]:
        """Every start year the project may have."""
        if self.start is not None:
            return (self.start,)
        assert self.start_window is not None
        return tuple(range(self.start_window[0], self.start_window[1] + 1))

    def duration(self) -> int:
        """Number of project years with data."""
        lengths = [len(v) for v in self.costs.values()] + [len(v) for v in self.quantities.values()]
        return max(lengths, default=1)


class Event(Frozen):
    """Something that happens once to the firm: a recognition, award, standard, certification."""

    id: Id = Field(description="Event identifier, unique within the firm.")
    title: str = Field(default="", description="What the event is.")
    kind: Id = Field(description="Event kind matched by measures, e.g. recognition.ss_municipal.")
    year: Year | None = Field(default=None, description="Fixed year of the event.")
    date: Date | None = Field(
        default=None,
        description="Exact date of a fixed event, when known (in its year): decides validity in a year a text lapses.",
    )
    window: tuple[Year, Year] | None = Field(
        default=None, description="Earliest and latest year, when the plan may time the event."
    )
    optional: Flag = Field(default=False, description="A flexible event the plan may also skip.")
    first_time: Flag = Field(default=True, description="False for a re-qualification or renewal.")
    grants: tuple[Id, ...] = Field(default=(), description="Statuses the firm holds from the event on.")
    count: Units = Field(default=1, description="Units in the event: categories, products, awards.")
    values: dict[Id, Money] = Field(
        default_factory=dict,
        description="Amounts tied to the event in yuan: expenses, transaction, municipal_award, ...",
    )
    requires: tuple[Prerequisite, ...] = Field(default=(), description="What must come first.")
    linked_to: tuple[Id, ...] = Field(
        default=(), description="Events that are the same work (an international standard adopted nationally)."
    )
    expected: dict[Id, Money] = Field(
        default_factory=dict, description="Expected award per measure where the law says 'up to'."
    )

    @model_validator(mode="after")
    def _timing(self) -> Event:
        _check_window(self.year, self.window, "year")
        if self.optional and self.year is not None:
            raise ValueError("only a flexible event (with a window) can be optional")
        if self.date is not None and self.date.year != self.year:
            raise ValueError(f"date {self.date} is not in the event's year ({self.year or 'flexible'})")
        return self

    def years(self) -> tuple[int, ...]:
        """Every year the event may take place."""
        if self.year is not None:
            return (self.year,)
        assert self.window is not None
        return tuple(range(self.window[0], self.window[1] + 1))


class PastAward(Frozen):
    """Support already received before the plan; it counts against caps, ladders and one-time rules."""

    measure: Id = Field(description="Catalogue id of the measure that paid.")
    subject: Id | None = Field(default=None, description="Project or event id; empty for the firm.")
    year: Year = Field(description="Year paid.")
    amount: Money = Field(description="Amount received in yuan.")


class Firm(Frozen):
    """A firm and everything about it that eligibility, amounts and timing depend on."""

    id: Id = Field(description="Firm identifier.")
    name: str = Field(default="", description="Display name.")
    description: str = Field(default="", description="A few lines about the client.")
    district: District = Field(description="District of registration.")
    key_regions: tuple[KeyRegion, ...] = Field(default=(), description="Named key regions it sits in.")
    tags: tuple[Id, ...] = Field(
        default=(), description="Industry and type tags, e.g. technology_service, software_64_65."
    )
    statuses: tuple[StatusRecord, ...] = Field(default=(), description="Statuses held from a year on.")
    metrics: dict[Id, dict[Year, Count]] = Field(
        default_factory=dict,
        description="Figures per year: revenue, output_value, rd_spend, insured_employees, ... (yuan or counts).",
    )
    dates: FirmDates = Field(default_factory=FirmDates, description="Establishment and settlement dates.")
    projects: tuple[Project, ...] = Field(default=(), max_length=MAX_PROJECTS, description="The firm's projects.")
    events: tuple[Event, ...] = Field(
        default=(), max_length=MAX_EVENTS, description="The firm's events, fixed or flexible."
    )
    expected: dict[Id, Money] = Field(
        default_factory=dict, description="Expected award per firm-level measure where the law says 'up to'."
    )
    probabilities: dict[Id, Probability] = Field(
        default_factory=dict, description="Approval probability per measure, overriding the catalogue's."
    )
    history: tuple[PastAward, ...] = Field(
        default=(), max_length=MAX_HISTORY, description="Support received before the plan."
    )

    @model_validator(mode="after")
    def _references(self) -> Firm:
        ids = [p.id for p in self.projects] + [e.id for e in self.events]
        seen: set[str] = set()
        for i in ids:
            if i in seen:
                raise ValueError(f"duplicate project or event id '{i}'")
            seen.add(i)
        events = {e.id for e in self.events}
        for e in self.events:
            for r in e.requires:
                if r.event is not None and r.event not in events:
                    raise ValueError(f"event '{e.id}' requires unknown event '{r.event}'")
                if r.event == e.id:
                    raise ValueError(f"event '{e.id}' requires itself")
            for link in e.linked_to:
                if link not in events or link == e.id:
                    raise ValueError(f"event '{e.id}' is linked to unknown event '{link}'")
        for h in self.history:
            if h.subject is not None and h.subject not in seen:
                raise ValueError(f"history entry for '{h.measure}' names unknown subject '{h.subject}'")
        projects = {p.id: p for p in self.projects}
        for p in self.projects:
            chain = [p.id]
            nxt = p.finances
            while nxt is not None:
                if nxt not in projects:
                    raise ValueError(f"project '{p.id}' finances unknown project '{nxt}'")
                if nxt in chain:
                    raise ValueError(f"projects {' -> '.join([*chain, nxt])} finance each other in a circle")
                chain.append(nxt)
                nxt = projects[nxt].finances
        return self

    def item_of(self, sid: str) -> str:
        """The 'project or item' a subject belongs to: a financing project's financed project, else itself."""
        p = self.project(sid)
        while p is not None and p.finances is not None:
            sid = p.finances
            p = self.project(sid)
        return sid

    def _index(self) -> dict[str, Project | Event]:
        """Projects and events by id, built once per firm (rebuilt if a copy carries other projects or events)."""
        return kept_beside(self, "_by_id", lambda: {x.id: x for x in (*self.projects, *self.events)}, self.projects,
                           self.events)

    def project(self, pid: str) -> Project | None:
        """The project with this id, if any."""
        x = self._index().get(pid)
        return x if isinstance(x, Project) else None

    def event(self, eid: str) -> Event | None:
        """The event with this id, if any."""
        x = self._index().get(eid)
        return x if isinstance(x, Event) else None

    def linked_works(self) -> dict[str, str]:
        """Each event mapped to the set of events that are the same work (`linked_to`, both ways, transitively);
        worked out once per firm object (a copy with other events works it out again). Read-only."""
        return kept_beside(self, "_linked_works", lambda: components(
            [e.id for e in self.events], [[e.id, *e.linked_to] for e in self.events]), self.events)
