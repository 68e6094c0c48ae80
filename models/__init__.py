"""grantstack models: measures, rule kinds, firms, plans and the pure checker (no solver here)."""

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

__all__ = [
    "INTERPRETATION_DOCS", "AmountForm", "Application", "BaseRef", "Cap", "Catalogue", "CataloguePackage",
    "Context", "Edition", "Event", "ExclusiveGroup", "Firm", "FirmDates", "Fixed", "InputError", "Interest",
    "Interpretation", "Ladder", "Matching", "Measure", "Milestone", "Milestones", "NoRepeat", "PackageInfo",
    "PastAward", "PerUnit", "Plan", "PlanOptions", "Predicate", "Prerequisite", "Project", "Rate", "Schedule",
    "SharedCap", "Source", "StatusRecord", "Tier", "Tiers", "Timing", "UpTo", "Validity", "Valued", "Violation",
    "Window", "applicable", "check_plan", "legal_ceiling", "load_catalogue", "load_firm", "load_plan",
    "planned_ceiling",
]
