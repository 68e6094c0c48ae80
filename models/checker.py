"""The arbiter of legality: recompute every legal maximum and rule from the catalogue, without a solver."""

from __future__ import annotations

from grantstack.models.catalogue import Catalogue
from grantstack.models.checks.applications import check_applications
from grantstack.models.checks.caps import check_caps
from grantstack.models.checks.cumulation import check_cumulation
from grantstack.models.checks.events import check_events
from grantstack.models.checks.full_awards import check_full_awards
from grantstack.models.checks.ledger import Ledger
from grantstack.models.checks.timing import check_capacity, check_timing
from grantstack.models.firm import Firm
from grantstack.models.options import Interpretation, PlanOptions
from grantstack.models.plan import Plan, Violation

__all__ = ["check_plan"]


def check_plan(
    catalogue: Catalogue, firm: Firm, plan: Plan, options: Interpretation | PlanOptions | None = None
) -> list[Violation]:
    """Every rule the plan breaks (empty list: the plan is legal under this interpretation)."""
    if isinstance(options, PlanOptions):
        interp = options.interpretation
        capacity, effort = options.max_applications_per_year, options.max_effort_per_year
    else:
        interp, capacity, effort = options or Interpretation(), None, None
    tolerance = options.money_unit - 1 if isinstance(options, PlanOptions) else 0
    led = Ledger.build(catalogue.under(interp), firm, plan, interp)
    if plan.firm != firm.id:
        led.add("firm", f"the plan is for firm '{plan.firm}', not '{firm.id}'")
    check_events(led)
    check_applications(led)
    check_timing(led)
    check_caps(led)
    check_cumulation(led)
    check_full_awards(led, tolerance)
    check_capacity(led, capacity, effort)
    return led.violations
