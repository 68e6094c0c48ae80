"""The shared vocabulary (docs/vocabulary.md) as data, merged with the names a catalogue uses."""

from __future__ import annotations

from dataclasses import dataclass

from grantstack.models.catalogue import Catalogue
from grantstack.models.predicates import HasTags, StatusHeld

__all__ = ["EVENT_VALUES", "METRICS", "PROJECT_COSTS", "STATUSES", "TAGS", "Vocabulary", "vocabulary"]

STATUSES = (
    "above_designated_size", "enterprise_tech_center_municipal", "high_tech", "innovative_sme",
    "little_giant_municipal", "little_giant_national", "ss_municipal", "tase",
)
TAGS = (
    "advanced_manufacturing", "ai", "commercial_aerospace", "foreign_trade", "high_end_precision",
    "hydrogen_energy", "production_or_rd_type", "prohibited_catalog", "small_micro", "software_64_65",
    "technology_service", "technology_trading_institution",
)
METRICS = (
    "equity_investment_received", "insured_employees", "investment", "output_value", "rd_spend", "revenue",
    "special_funds_received", "tech_trading_volume",
)
PROJECT_COSTS: dict[str, tuple[str, ...]] = {
    "ai_commercialization": ("investment",), "ai_scenario": ("investment",),
    "belt_and_road": ("investment", "interest_paid"), "branded_tsp": ("budget",),
    "digital_transformation": ("investment",), "exhibition": ("expenses",), "financial_leasing": ("leasing_cost",),
    "incubation_base_district": ("operating_cost",), "incubation_base_municipal": ("operating_cost",),
    "industrial_upgrading": ("investment",), "innovation_platform": ("fixed_asset_investment",),
    "loan": ("interest_paid",), "m_and_a": ("municipal_funding",), "office_rent": ("rent",),
    "patent_annuity": ("annuity_standard",), "patent_pool": ("maintenance_fees",),
    "pilot_testing": ("investment",), "prototype_rd": ("investment",), "public_service_platform": ("investment",),
    "rd_project": ("investment",), "scenario": ("investment",), "sci_tech_plan": ("investment",),
    "service_purchase": ("contract_amount",),
}
EVENT_VALUES: dict[str, tuple[str, ...]] = {
    "award.sci_tech_progress_beijing": (), "award.sci_tech_progress_national": (), "centre.beijing_level": (),
    "centre.national": (), "certification.high_tech": (), "certification.international": (),
    "certification.cnas_product": (), "certification.tase": (), "first_set.municipal_award": ("municipal_award",),
    "first_set.product": ("transaction_amount",), "first_set.certified": (), "industrial_event": ("expenses",),
    "intelligent_manufacturing_100": ("municipal_award",), "factory.intelligent_municipal": (),
    "factory.intelligent_national": (), "factory.lighthouse": (), "design_centre": (), "demonstration_unit": (),
    "listing": ("municipal_award",), "platform.municipal_innovation": (), "platform.municipal_tech_centre": (),
    "platform.national_manufacturing": (), "qualification.fengtai": (), "recognition.innovative_sme": (),
    "recognition.little_giant_municipal": (), "recognition.little_giant_national": (),
    "recognition.ss_municipal": (), "relocation.little_giant": (), "scenario.pilot_demo": ("funds_raised",),
    "standard.group": (), "standard.industry": (), "standard.international": (), "standard.local": (),
    "standard.national": (), "talent_event": ("expenses",),
}
LADDER_KINDS = ("recognition.innovative_sme", "recognition.ss_municipal", "recognition.little_giant_national")


@dataclass(frozen=True)
class Vocabulary:
    """Sorted name pools a firm generator draws from, with the cost/value fields of each kind."""

    tags: tuple[str, ...]
    statuses: tuple[str, ...]
    metrics: tuple[str, ...]
    project_costs: dict[str, tuple[str, ...]]
    event_values: dict[str, tuple[str, ...]]
    quantities: dict[str, tuple[str, ...]]


def _base_fields(catalogue: Catalogue, of: str) -> dict[str, set[str]]:
    """Per project/event kind: the base fields the catalogue's amount forms read."""
    out: dict[str, set[str]] = {}
    for m in catalogue.monetary():
        kinds = m.project_kinds if of == "project" else m.event_kinds
        for attr in ("base", "target_value"):
            b = getattr(m.amount, attr, None)
            if b is not None and b.of == of:
                for k in kinds:
                    out.setdefault(k, set()).add(b.field)
    return out


def vocabulary(catalogue: Catalogue | None = None) -> Vocabulary:
    """docs/vocabulary.md's names, plus every name the catalogue uses, in a stable order."""
    tags, statuses, metrics = set(TAGS), set(STATUSES), set(METRICS)
    costs = {k: set(v) for k, v in PROJECT_COSTS.items()}
    values = {k: set(v) for k, v in EVENT_VALUES.items()}
    quantities: dict[str, set[str]] = {"office_rent": {"rented_area"}}
    if catalogue is not None:
        for m in catalogue.monetary():
            preds = list(m.eligibility) + [p for t in getattr(m.amount, "tiers", ()) for p in t.when]
            for p in preds:
                if isinstance(p, HasTags):
                    tags |= set(p.all_of) | set(p.any_of) | set(p.none_of)
                elif isinstance(p, StatusHeld):
                    statuses.add(p.status)
                for attr in ("metric", "numerator", "denominator"):
                    if isinstance(getattr(p, attr, None), str):
                        metrics.add(getattr(p, attr))
            b = getattr(m.amount, "base", None)
            if b is not None and b.of == "firm":
                metrics.add(b.field)
            if b is not None and b.quantity is not None:
                for k in m.project_kinds:
                    quantities.setdefault(k, set()).add(b.quantity)
            if getattr(m.amount, "metric", None):
                metrics.add(m.amount.metric)  # type: ignore[union-attr]
            for k in m.project_kinds:
                costs.setdefault(k, set())
            for k in m.event_kinds:
                values.setdefault(k, set())
        for k, fs in _base_fields(catalogue, "project").items():
            costs.setdefault(k, set()).update(fs)
        for k, fs in _base_fields(catalogue, "event").items():
            values.setdefault(k, set()).update(fs)
    return Vocabulary(
        tags=tuple(sorted(tags)), statuses=tuple(sorted(statuses)), metrics=tuple(sorted(metrics)),
        project_costs={k: tuple(sorted(v)) for k, v in sorted(costs.items())},
        event_values={k: tuple(sorted(v)) for k, v in sorted(values.items())},
        quantities={k: tuple(sorted(v)) for k, v in sorted(quantities.items())},
    )
