"""What the worker processes run: plan and explain a firm against the bundled catalogue (loaded once each)."""

from __future__ import annotations

import time
from functools import lru_cache
from typing import Any

from grantstack.models.catalogue import Catalogue
from grantstack.models.firm import Firm
from grantstack.models.options import PlanOptions
from grantstack.optimizer.result import Explanation, PlanResult

__all__ = ["WARM_UP_FIRM", "catalogue", "explain_firm", "ping", "readings_of", "solve_firm", "warm_up"]


@lru_cache(maxsize=1)
def catalogue() -> Catalogue:
    """The bundled catalogue (the page never reads a catalogue path from a request)."""
    from grantstack.models.loading import load_catalogue

    return load_catalogue()


WARM_UP_FIRM = "tongzhou_manufacturer"
"""The example each worker plans once when it starts: the first CP-SAT call imports OR-Tools' Python layer
(with numpy and pandas, about 3 s), which would otherwise fall on the first request a worker serves."""


def warm_up() -> None:
    """Worker initializer: load the catalogue and the explainer, and plan one example (imports, first solve)."""
    from grantstack.models.options import PlanOptions
    from grantstack.web.examples import load_example

    catalogue()
    import grantstack.optimizer.explain  # noqa: F401

    firm = load_example(WARM_UP_FIRM)
    solve_firm(firm.model_dump_json(), (2025, 2029), PlanOptions().model_dump_json())


def ping() -> bool:
    """A no-op job that proves a worker is up."""
    return True


def solve_firm(firm_json: str, years: tuple[int, int], options_json: str) -> PlanResult:
    """The optimal plan of a firm (given as JSON) under the options. The readings (value at stake) are not
    re-solved here: they follow in the long lane (readings_of), so the typical lane answers with the plan."""
    from grantstack.optimizer.solve import plan

    firm = Firm.model_validate_json(firm_json)
    return plan(catalogue(), firm, years=years, options=PlanOptions.model_validate_json(options_json))


def explain_firm(firm_json: str, years: tuple[int, int], options_json: str) -> list[Explanation]:
    """Why each relevant measure is in or out of the plan, and what forcing it in would cost."""
    from grantstack.optimizer.explain import explain

    firm = Firm.model_validate_json(firm_json)
    return explain(catalogue(), firm, years, PlanOptions.model_validate_json(options_json))


def readings_of(firm_json: str, years: tuple[int, int], result: PlanResult, seconds: float) -> tuple[Any, ...]:
    """The value at stake of each other reading that touches the firm (re-solves within `seconds`)."""
    from grantstack.optimizer.readings import value_at_stake

    firm = Firm.model_validate_json(firm_json)
    return tuple(value_at_stake(catalogue(), firm, years, result, time.perf_counter() + seconds))
