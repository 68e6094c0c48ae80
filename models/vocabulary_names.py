"""The shared vocabulary as data: every name a catalogue and a firm file may use, with its meaning.

This is the single source of truth: docs/vocabulary.md and the names listed in the JSON Schemas are
generated from it (`python -m grantstack.models.vocabulary_doc`), and the loaders check every name in a
firm, catalogue, plan or scenario file against it. Add a name here (alphabetical, with what it means and
the clause that uses it) before using it in the bundled catalogue; a user's overlay declares its own new
names in its `vocabulary:` section instead.
"""

from __future__ import annotations

__all__ = ["COST_FIELDS", "COUNT_METRICS", "EVENT_KINDS", "EVENT_VALUES", "MATTERS", "METRICS", "PROJECT_KINDS",
           "QUANTITIES", "STATUSES", "TAGS"]

STATUSES: dict[str, str] = {
    "above_designated_size": "included in the statistics of enterprises above designated size",
    "enterprise_tech_center_municipal": "municipal enterprise technology centre",
    "high_tech": "national high-tech enterprise",
    "innovative_sme": "Beijing innovative SME (evaluated monthly)",
    "little_giant_municipal": '"municipal little giant" (001 Daxing)',
    "little_giant_national": 'national specialized and sophisticated "little giant"',
    "ss_municipal": "Beijing specialized and sophisticated (S&S) SME",
    "tase": "municipal technologically advanced service enterprise",
}

TAGS: dict[str, str] = {
    "advanced_manufacturing": "advanced manufacturing industry (002 item 1, 003 Art. 1)",
    "ai": "artificial intelligence and related fields (002 Chaoyang, 002 item 3)",
    "biomedicine": 'bio-medicine (002 item 3 "approval on filing" fields)',
    "changping_clustering_talent": 'institute or enterprise with talents selected under the "Changping Clustering '
                                   'Project" (000 Changping 3 (2))',
    "commercial_aerospace": "commercial aerospace (001 Daxing)",
    "foreign_trade": "engages in foreign trade business (001 item 6)",
    "high_end_precision": '"high-end, precision and sophisticated" industry enterprise',
    "hydrogen_energy": "hydrogen energy (001 Daxing)",
    "integrated_circuits": 'integrated circuits (002 item 3 "approval on filing" fields)',
    "key_materials": 'key materials (002 item 3 "approval on filing" fields)',
    "production_or_rd_type": "production-type or R&D-type enterprise (002 item 3)",
    "prohibited_catalog": "in a prohibited catalogue (excluded by 002 item 1)",
    "rd_scale_progress": "R&D investment of the scale and intensity, with significant innovation progress two years "
                         "running, that 002 Chaoyang (6) rewards, as the district would assess it",
    "small_micro": "small or micro enterprise (003 Art. 16)",
    "software_64_65": "software and information services, industry codes 64/65 (002 item 1)",
    "software_information_service": "software and information service industry, any code (002 item 2)",
    "technology_service": "technology service provider (000)",
    "technology_trading_institution": "technology trading institution (000 Shunyi (2))",
}

METRICS: dict[str, str] = {
    "equity_investment_received": "equity investment received from investment institutions in the year (yuan)",
    "insured_employees": "number of insured employees at year end (a count)",
    "investment": "the firm's actual investment in the year (yuan; 000 items 5-6 use the previous year)",
    "office_area": "office area rented in Dongcheng, all leases together (square metres; 002 Dongcheng (2))",
    "office_rent": "annual office rent paid in Dongcheng, all leases together (yuan; 002 Dongcheng (2))",
    "output_value": "industrial output value (yuan)",
    "rd_spend": "R&D expenses (yuan)",
    "rd_spend_domestic": "R&D expenses incurred in China (yuan; 002 item 3: at least 50% of rd_spend)",
    "revenue": "business (operating) revenue (yuan)",
    "revenue_q1": "business revenue of the first quarter of the year (yuan; 002 item 2)",
    "special_funds_received": "national/municipal major S&T project special funds received (yuan; 002 Changping (3))",
    "tech_trading_volume": "executed technology trading volume (yuan; 000 Shunyi (2))",
}

COUNT_METRICS = frozenset({"insured_employees"})
"""Metrics that are counts, not yuan."""

COST_FIELDS: dict[str, str] = {
    "annuity_paid": "patent annuity actually paid after the national reduction (001 item 7)",
    "annuity_standard": "patent annuity fees at the standard rate",
    "budget": "budget of the branding project",
    "contract_amount": "amount of the service purchase contract",
    "expenses": "expenses of the exhibition",
    "fixed_asset_investment": "investment in fixed assets of the platform",
    "interest_paid": "loan interest actually paid in the year",
    "investment": "investment in the project year (verified where the clause says so)",
    "leasing_cost": "financial leasing cost",
    "maintenance_fees": "patent maintenance fees of the patent pool",
    "municipal_award": 'municipal "New Intelligent Manufacturing 100" award received for the project, in the year '
                       "received (003 Art. 9 matching)",
    "municipal_funding": "municipal funding of the merger or acquisition",
    "operating_cost": "operating cost of the incubation base",
    "rent": "office rent paid in the project year",
}
"""Project cost fields (project.costs: yuan by project year)."""

QUANTITIES: dict[str, str] = {
    "rented_area": "rented office area in square metres, by project year",
}
"""Project quantity fields (project.quantities)."""

EVENT_VALUES: dict[str, str] = {
    "expenses": "expenses of hosting the event",
    "funds_raised": "funds raised for the application scenario pilot",
    "municipal_award": "municipal award received for the event (003 Art. 5, listing, intelligent manufacturing)",
    "transaction_amount": "transaction amount of the first set or batch sold",
}
"""Event value fields (event.values: yuan)."""

# kind -> (cost fields, quantity fields, clauses that use it)
PROJECT_KINDS: dict[str, tuple[tuple[str, ...], tuple[str, ...], str]] = {
    "ai_commercialization": (("investment",), (), "002 Chaoyang (1)"),
    "ai_scenario": (("investment",), (), "002 Chaoyang (2)"),
    "belt_and_road": (("interest_paid", "investment"), (), "001 item 6"),
    "branded_tsp": (("budget",), (), "000 item 4"),
    "digital_transformation": (("investment",), (), "001 item 2"),
    "exhibition": (("expenses",), (), "001 item 6 (international exhibitions)"),
    "financial_leasing": (("leasing_cost",), (), "001 item 4"),
    "incubation_base_district": (("operating_cost",), (), "003 Art. 8"),
    "incubation_base_municipal": (("operating_cost",), (), "003 Art. 8"),
    "industrial_upgrading": (("investment", "municipal_award"), (), "003 Art. 9 (investment verified)"),
    "innovation_platform": (("fixed_asset_investment", "investment"), (), "002 Changping (3): total investment "
                            "at least 1M, 10% of the fixed-asset investment"),
    "loan": (("interest_paid",), (), "003 Art. 10 (a loan project may name the project it `finances`)"),
    "m_and_a": (("municipal_funding",), (), "003 Art. 11"),
    "office_rent": (("rent",), ("rented_area",), "none since 002 Dongcheng (2) is paid per enterprise on the "
                    "metrics office_rent and office_area"),
    "patent_annuity": (("annuity_paid", "annuity_standard"), (), "001 item 7"),
    "patent_pool": (("maintenance_fees",), (), "000 EDA (3)"),
    "pilot_testing": (("investment",), (), "003 Art. 4 (investment verified)"),
    "prototype_rd": (("investment",), (), "001 item 3"),
    "public_service_platform": (("investment",), (), "000 item 5, 000 EDA (2)"),
    "rd_project": (("investment",), (), "001 item 1"),
    "scenario": (("investment",), (), "003 Art. 6"),
    "sci_tech_plan": (("investment",), (), "002 Chaoyang (4)"),
    "service_purchase": (("contract_amount",), (), "003 Art. 16"),
}

# kind -> (value fields, meaning)
EVENT_KINDS: dict[str, tuple[tuple[str, ...], str]] = {
    "award.sci_tech_progress_beijing": ((), "Beijing Award for S&T Progress"),
    "award.sci_tech_progress_national": ((), "National Award for S&T Progress"),
    "centre.beijing_level": ((), "Beijing-level technology innovation centre, R&D institution, engineering "
                                 "research centre (000 Shunyi (3))"),
    "centre.national": ((), "national innovation centre or key laboratory (000 Shunyi (3))"),
    "certification.cnas_product": ((), "product first certified by CNAS/ILAC: count = products"),
    "certification.high_tech": ((), "national high-tech enterprise identification (first_time false: re-qualified)"),
    "certification.international": ((), "first-time international certification (CE, NG, ...): count = categories"),
    "certification.tase": ((), "municipal technologically advanced service enterprise certification"),
    "demonstration_unit": ((), "industrial integration demonstration unit (003 Art. 15)"),
    "design_centre": ((), "national or municipal industrial design centre, or advanced industry design centre "
                          "(003 Art. 15)"),
    "factory.intelligent_municipal": ((), "municipal intelligent factory (advanced) or digital workshop"),
    "factory.intelligent_national": ((), "national intelligent factory (excellent or pilot)"),
    "factory.lighthouse": ((), "WEF Lighthouse Factory"),
    "first_set.certified": ((), "Beijing first (set of) major technical equipment / new material certified "
                                "(002 Changping (4)): count = products"),
    "first_set.municipal_award": (("municipal_award",), "municipal first-set / first-batch support received"),
    "first_set.product": (("municipal_award", "transaction_amount"), "first set of equipment or first batch of "
                          "materials sold (003 Art. 5); municipal_award: the municipal support received for it"),
    "industrial_event": (("expenses",), "industrial conference, competition or exhibition hosted (003 Art. 14)"),
    "intelligent_manufacturing_100": (("municipal_award",), 'municipal "New Intelligent Manufacturing 100" award'),
    "listing": (("municipal_award",), "listing on A-shares or a major overseas exchange"),
    "platform.municipal_innovation": ((), "municipal industrial innovation or testing platform (003 Art. 7)"),
    "platform.municipal_tech_centre": ((), "municipal enterprise technology centre (003 Art. 7)"),
    "platform.national_manufacturing": ((), "national manufacturing innovation centre (003 Art. 7)"),
    "qualification.fengtai": ((), "key lab, enterprise technology centre, innovation platform, little giant or S&T "
                                  "award (001 Fengtai)"),
    "recognition.innovative_sme": ((), "Beijing innovative SME"),
    "recognition.little_giant_municipal": ((), 'municipal "little giant" (001 Daxing)'),
    "recognition.little_giant_national": ((), 'national "little giant"'),
    "recognition.ss_municipal": ((), "Beijing S&S SME"),
    "relocation.high_tech": ((), 'a national high-tech enterprise newly moved into the district (000 Shunyi 3 (4), '
                                 '"newly moved-in")'),
    "relocation.little_giant": ((), "a national little giant newly relocated into the district (001 Pinggu)"),
    "relocation.tase": ((), "a municipal technologically advanced service enterprise, with its certification in "
                            "the valid period, newly introduced into the district (000 Shunyi 3 (1))"),
    "scenario.pilot_demo": (("funds_raised",), "national/Beijing AI application-scenario pilot (002 Chaoyang (3))"),
    "standard.group": ((), "group standard published"),
    "standard.industry": ((), "industry standard"),
    "standard.international": ((), "international standard"),
    "standard.local": ((), "local (Beijing) standard"),
    "standard.national": ((), "national standard"),
    "talent_event": (("expenses",), "talent summit, exchange or competition hosted (000 Changping (2))"),
}

MATTERS: dict[str, str] = {
    "equity_financing": "equity investment received (002 Dongcheng (5))",
    "key_region_cluster": "clustered development of technology service providers in key regions (000 item 6, new "
                          "and existing)",
    "major_rd_projects": "national/municipal major S&T projects undertaken (002 Changping (3))",
    "office_rent": "office rent of the enterprise (002 Dongcheng (2))",
    "rd_investment": "R&D spending (002 Dongcheng (6), 002 Chaoyang (6); each in its own district group)",
    "revenue_growth": "revenue growth over two consecutive years (002 Dongcheng (4))",
    "revenue_scale": "reaching a revenue scale (002 Dongcheng (1) and (3)): one of the two per year under the matter "
                     "reading",
    "technology_trading": "support on the year's technology trading volume (000 Shunyi 3 (2))",
}
"""Matter labels of firm-level measures (measure.matter; catalogue-internal, never used in firm files)."""
