"""grantstack models: measures, rule kinds, firms, plans and the pure checker (no solver here).

Names are imported on first use (PEP 562), so importing one submodule (e.g. grantstack.models.options) does
not load them all: the command line stays fast."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from grantstack.models.amounts import (
        AmountForm,
        BaseRef,
        Fixed,
        Interest,
        Matching,
        Milestone,
        Milestones,
        PerUnit,
        Rate,
        Schedule,
        Tier,
        Tiers,
        UpTo,
        Valued,
    )
    from grantstack.models.catalogue import Catalogue, CataloguePackage, PackageInfo
    from grantstack.models.checker import check_plan
    from grantstack.models.firm import Event, Firm, FirmDates, PastAward, Prerequisite, Project, StatusRecord
    from grantstack.models.legal import Context, applicable, legal_ceiling, planned_ceiling
    from grantstack.models.loading import InputError, load_catalogue, load_firm, load_plan
    from grantstack.models.measure import Edition, Measure, Validity
    from grantstack.models.options import INTERPRETATION_DOCS, Interpretation, PlanOptions
    from grantstack.models.plan import Application, Plan, Violation
    from grantstack.models.predicates import Predicate
    from grantstack.models.rules import Cap, ExclusiveGroup, Ladder, NoRepeat, SharedCap, Source, Timing, Window

_WHERE = {
    "AmountForm": "grantstack.models.amounts",
    "Application": "grantstack.models.plan",
    "BaseRef": "grantstack.models.amounts",
    "Cap": "grantstack.models.rules",
    "Catalogue": "grantstack.models.catalogue",
    "CataloguePackage": "grantstack.models.catalogue",
    "Context": "grantstack.models.legal",
    "Edition": "grantstack.models.measure",
    "Event": "grantstack.models.firm",
    "ExclusiveGroup": "grantstack.models.rules",
    "Firm": "grantstack.models.firm",
    "FirmDates": "grantstack.models.firm",
    "Fixed": "grantstack.models.amounts",
    "INTERPRETATION_DOCS": "grantstack.models.options",
    "InputError": "grantstack.models.loading",
    "Interest": "grantstack.models.amounts",
    "Interpretation": "grantstack.models.options",
    "Ladder": "grantstack.models.rules",
    "Matching": "grantstack.models.amounts",
    "Measure": "grantstack.models.measure",
    "Milestone": "grantstack.models.amounts",
    "Milestones": "grantstack.models.amounts",
    "NoRepeat": "grantstack.models.rules",
    "PackageInfo": "grantstack.models.catalogue",
    "PastAward": "grantstack.models.firm",
    "PerUnit": "grantstack.models.amounts",
    "Plan": "grantstack.models.plan",
    "PlanOptions": "grantstack.models.options",
    "Predicate": "grantstack.models.predicates",
    "Prerequisite": "grantstack.models.firm",
    "Project": "grantstack.models.firm",
    "Rate": "grantstack.models.amounts",
    "Schedule": "grantstack.models.amounts",
    "SharedCap": "grantstack.models.rules",
    "Source": "grantstack.models.rules",
    "StatusRecord": "grantstack.models.firm",
    "Tier": "grantstack.models.amounts",
    "Tiers": "grantstack.models.amounts",
    "Timing": "grantstack.models.rules",
    "UpTo": "grantstack.models.amounts",
    "Validity": "grantstack.models.measure",
    "Valued": "grantstack.models.amounts",
    "Violation": "grantstack.models.plan",
    "Window": "grantstack.models.rules",
    "applicable": "grantstack.models.legal",
    "check_plan": "grantstack.models.checker",
    "legal_ceiling": "grantstack.models.legal",
    "load_catalogue": "grantstack.models.loading",
    "load_firm": "grantstack.models.loading",
    "load_plan": "grantstack.models.loading",
    "planned_ceiling": "grantstack.models.legal",
}

__all__ = [
    "INTERPRETATION_DOCS", "AmountForm", "Application", "BaseRef", "Cap", "Catalogue", "CataloguePackage",
    "Context", "Edition", "Event", "ExclusiveGroup", "Firm", "FirmDates", "Fixed", "InputError", "Interest",
    "Interpretation", "Ladder", "Matching", "Measure", "Milestone", "Milestones", "NoRepeat", "PackageInfo",
    "PastAward", "PerUnit", "Plan", "PlanOptions", "Predicate", "Prerequisite", "Project", "Rate", "Schedule",
    "SharedCap", "Source", "StatusRecord", "Tier", "Tiers", "Timing", "UpTo", "Validity", "Valued", "Violation",
    "Window", "applicable", "check_plan", "legal_ceiling", "load_catalogue", "load_firm", "load_plan",
    "planned_ceiling",
]


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        value = getattr(import_module(_WHERE[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'grantstack.models' has no attribute {name!r}")
