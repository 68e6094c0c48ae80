"""A plan: which measure, for which subject, in which year, how much; and what is wrong with it."""

from __future__ import annotations

from pydantic import Field, model_validator

from grantstack.models.base import Flag, Frozen, Id, Money, Year

__all__ = ["Application", "Plan", "Violation"]


class Application(Frozen):
    """One application: a measure paid for a subject (project, event, or the firm) in a year."""

    measure: Id = Field(description="Catalogue id of the measure.")
    subject: Id | None = Field(default=None, description="Project or event id; empty for the firm itself.")
    year: Year = Field(description="Year of the application and payment.")
    amount: Money = Field(description="Amount in yuan; never above the legal ceiling.")
    citation: str = Field(default="", description="Seed, item and document the amount rests on.")
    binding: str = Field(default="", description="The cap or rule that limits this amount, if any.")
    discretionary: Flag = Field(default=False, description="True if the law says 'up to' (an estimate).")
    flags: tuple[str, ...] = Field(
        default=(),
        description=(
            "Assumptions the amount rests on: 'discretionary' ('up to', or the firm's expected amount), "
            "'reference_renewed' (a 2022 edition assumed renewed), 'option:NAME=VALUE' (a non-default reading)."
        ),
    )


class Plan(Frozen):
    """The firm's applications over the horizon and the years chosen for flexible events and projects."""

    firm: Id = Field(description="Firm id.")
    years: tuple[Year, Year] = Field(description="First and last year of the horizon.")
    applications: tuple[Application, ...] = Field(default=(), description="The applications.")
    schedule: dict[Id, Year | None] = Field(
        default_factory=dict,
        description="Year chosen for each flexible event (empty: skipped) and start of each flexible project.",
    )

    @model_validator(mode="after")
    def _years(self) -> Plan:
        if self.years[1] < self.years[0]:
            raise ValueError("the horizon ends before it starts")
        return self

    @property
    def total(self) -> int:
        """Total support in yuan."""
        return sum(a.amount for a in self.applications)

    def by_assumption(self) -> dict[str, int]:
        """Total split by what it rests on: no assumption, a discretionary amount, or another assumption."""
        out = {"assumption_free": 0, "discretionary": 0, "other_assumptions": 0}
        for a in self.applications:
            key = "discretionary" if "discretionary" in a.flags else "other_assumptions" if a.flags \
                else "assumption_free"
            out[key] += a.amount
        return out

    def by_year(self) -> dict[int, int]:
        """Total support per year."""
        out = {y: 0 for y in range(self.years[0], self.years[1] + 1)}
        for a in self.applications:
            out[a.year] = out.get(a.year, 0) + a.amount
        return out


class Violation(Frozen):
    """A broken rule: which, where, by how much, and the clause."""

    rule: str = Field(description="Rule kind, e.g. cap.year, ladder, eligibility.")
    measure: str = Field(default="", description="Measure id involved.")
    subject: str | None = Field(default=None, description="Subject involved.")
    year: int | None = Field(default=None, description="Year involved.")
    amount: int | None = Field(default=None, description="Amount planned.")
    limit: int | None = Field(default=None, description="Legal limit.")
    message: str = Field(description="What is wrong, in words.")
    clause: str = Field(default="", description="Citation of the clause.")
