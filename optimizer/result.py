"""The typed result of planning: solver status, objective, bound, gap, times and the plan itself."""

from __future__ import annotations

import sys
from enum import Enum

from pydantic import BaseModel, ConfigDict, Field

from grantstack.models.options import PlanOptions
from grantstack.models.plan import Plan, Violation
from grantstack.models.provenance import InputFile

if sys.version_info >= (3, 11):
    from enum import StrEnum
else:  # pragma: no cover - Python 3.10

    class StrEnum(str, Enum):
        """str-valued Enum (backport of Python 3.11's StrEnum)."""

        def __str__(self) -> str:
            return str(self.value)


__all__ = ["Explanation", "PlanResult", "Reading", "SolveStatus", "WallClockExceeded"]


class WallClockExceeded(RuntimeError):
    """The wall-clock safety limit (option time_limit) ran out before the deterministic search budget; no plan
    is returned, because a plan cut short by the clock would depend on the machine's speed."""


class SolveStatus(StrEnum):
    """CP-SAT's verdict; only OPTIMAL means proven optimal."""

    OPTIMAL = "OPTIMAL"
    FEASIBLE = "FEASIBLE"
    INFEASIBLE = "INFEASIBLE"
    MODEL_INVALID = "MODEL_INVALID"
    UNKNOWN = "UNKNOWN"


class Explanation(BaseModel):
    """Why an eligible-looking measure is in or out of the plan, and what forcing it in would cost."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    measure: str = Field(description="Measure id.")
    title: str = Field(default="", description="Measure title.")
    in_plan: bool = Field(description="True if the plan uses it.")
    reason: str = Field(description="Why, in words: failing predicate, group or rule and what won instead.")
    rule: str = Field(default="", description="Rule kind that decided: eligibility, group, ladder, cap, ...")
    value_if_forced: int | None = Field(
        default=None, description="Best total (yuan) with the measure forced in; None if it cannot be."
    )
    value_lost: int | None = Field(default=None, description="Plan total minus value_if_forced, in yuan.")
    citation: str = Field(default="", description="Clause of the measure.")


class Reading(BaseModel):
    """The plan under another reading of one interpretation option: its total and the value at stake."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    option: str = Field(description="Interpretation option (or 'all_generous': every generous reading at once).")
    reading: str = Field(description="The value it was re-solved with (for all_generous: 'name=value, ...').")
    total_yuan: int | None = Field(default=None, description="Total of the plan under that reading; None if none.")
    objective: float | None = Field(default=None, description="Objective under that reading, in yuan.")
    difference: int | None = Field(
        default=None, description="total_yuan minus the plan's total (the value at stake), in yuan.")
    status: SolveStatus = Field(description="Status of the re-solve (stage 1); OPTIMAL only if proven.")
    measures: tuple[str, ...] = Field(default=(), description="The firm's candidate measures the reading touches.")
    violations: tuple[str, ...] = Field(
        default=(), description="The independent checker's findings on the re-solved plan (then no total is shown).")
    seconds: float = Field(default=0.0, description="Wall time of the re-solve.")


class PlanResult(BaseModel):
    """Everything a run produced; `plan` is None only when no feasible plan was found."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    status: SolveStatus = Field(description="Solver status; OPTIMAL only if CP-SAT proved it.")
    firm: str = Field(description="Firm id.")
    years: tuple[int, int] = Field(description="Planning horizon.")
    plan: Plan | None = Field(default=None, description="Best plan found.")
    total_yuan: int = Field(default=0, description="Total nominal support of the plan in yuan.")
    objective: float | None = Field(default=None, description="Objective value in yuan (expected/discounted if asked).")
    best_bound: float | None = Field(default=None, description="Proven upper bound on the objective, in yuan.")
    gap: float | None = Field(default=None, description="Relative gap (bound - objective) / max(1, bound).")
    build_seconds: float = Field(default=0.0, description="Time to build the model.")
    solve_seconds: float = Field(default=0.0, description="Wall time of every stage of the canonical plan.")
    stage_seconds: dict[str, float] = Field(
        default_factory=dict,
        description="Wall time per stage: stage1 (maximise and prove), stages23 (earliest money, fewest "
        "applications), stage4 (closest to a base plan); KEY_cpu: the process's CPU time during the same stage "
        "(not stretched by other processes on a loaded machine; exact with one worker).",
    )
    work: float = Field(default=0.0, description="CP-SAT deterministic time used, all stages.")
    money_unit: int = Field(description="Solver money unit in yuan; amounts are multiples of it.")
    solver_parameters: dict[str, str] = Field(default_factory=dict, description="CP-SAT parameters used.")
    options: PlanOptions = Field(description="Options of the run, including the legal interpretation.")
    violations: tuple[Violation, ...] = Field(default=(), description="Checker findings (must be empty).")
    model_size: dict[str, int] = Field(default_factory=dict, description="Variables and constraints.")
    notes: tuple[str, ...] = Field(default=(), description="What the model builder noticed, e.g. data conflicts.")
    warnings: tuple[str, ...] = Field(
        default=(), description="Plausibility warnings about the inputs (never block; every report shows them)."
    )
    inputs: tuple[InputFile, ...] = Field(
        default=(), description="Files the run read (firm, catalogue, overlays, scenario), each with its SHA-256."
    )
    readings: tuple[Reading, ...] = Field(
        default=(), description="Value at stake: the total under each other reading of every option that touches "
        "the firm's candidates, re-solved (empty when not asked for, or when no option touches them).",
    )

    @property
    def proven_optimal(self) -> bool:
        """True only if CP-SAT proved optimality."""
        return self.status == SolveStatus.OPTIMAL
