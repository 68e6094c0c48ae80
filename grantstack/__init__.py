"""grantstack: plan a firm's applications for government support measures, proven optimal with CP-SAT.

The public API (see the README's "Python API" section):

    import grantstack
    firm = grantstack.load_firm("scenarios/firms/tongzhou_manufacturer.yaml")
    result = grantstack.plan(firm, years=(2025, 2029), options={"discretionary": "ceiling"})
    result.to_frame(); result.to_dict(); result.to_json()
    variant = firm.with_changes(set={"projects[pilot-line].costs.investment[1]": 7_000_000})
    book = grantstack.plan_many("clients/", jobs=2)
    scenario = grantstack.Scenario.from_firm("scenarios/firms/tongzhou_manufacturer.yaml")
    grantstack.compare(scenario, [scenario.variant(...)]); grantstack.sensitivity(scenario)
    grantstack.sweep("scenarios/examples/shijingshan_sweep.yaml", processes=2)

Names are imported on first use, so `import grantstack` stays light (the command line imports it too).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from grantstack.api import firm_from_dict, load_catalogue, load_firm, plan, plan_many
    from grantstack.api_types import Firm, Result
    from grantstack.batch_row import FirmRow
    from grantstack.batch_summary import Book
    from grantstack.group_api import GroupResult, group_from_dict, load_group, plan_group
    from grantstack.models.catalogue import Catalogue
    from grantstack.models.group import Group
    from grantstack.models.group_options import GroupOptions
    from grantstack.models.input_errors import InputError
    from grantstack.models.options import Interpretation, PlanOptions
    from grantstack.optimizer.result import SolveStatus
    from grantstack.scenarios.changes import Change
    from grantstack.scenarios.comparison import compare
    from grantstack.scenarios.scenario import Scenario
    from grantstack.scenarios.sensitivity_analysis import sensitivity
    from grantstack.scenarios.sweeps import sweep

__all__ = [
    "Book",
    "Catalogue",
    "Change",
    "Firm",
    "FirmRow",
    "Group",
    "GroupOptions",
    "GroupResult",
    "InputError",
    "Interpretation",
    "PlanOptions",
    "Result",
    "Scenario",
    "SolveStatus",
    "__version__",
    "compare",
    "firm_from_dict",
    "group_from_dict",
    "load_catalogue",
    "load_firm",
    "load_group",
    "plan",
    "plan_group",
    "plan_many",
    "sensitivity",
    "sweep",
]

_WHERE = {
    "firm_from_dict": "grantstack.api",
    "load_catalogue": "grantstack.api",
    "load_firm": "grantstack.api",
    "plan": "grantstack.api",
    "plan_many": "grantstack.api",
    "load_group": "grantstack.group_api",
    "group_from_dict": "grantstack.group_api",
    "plan_group": "grantstack.group_api",
    "GroupResult": "grantstack.group_api",
    "Group": "grantstack.models.group",
    "GroupOptions": "grantstack.models.group_options",
    "Firm": "grantstack.api_types",
    "Result": "grantstack.api_types",
    "Book": "grantstack.batch_summary",
    "FirmRow": "grantstack.batch_row",
    "Catalogue": "grantstack.models.catalogue",
    "InputError": "grantstack.models.input_errors",
    "Interpretation": "grantstack.models.options",
    "PlanOptions": "grantstack.models.options",
    "SolveStatus": "grantstack.optimizer.result",
    "Change": "grantstack.scenarios.changes",
    "Scenario": "grantstack.scenarios.scenario",
    "compare": "grantstack.scenarios.comparison",
    "sensitivity": "grantstack.scenarios.sensitivity_analysis",
    "sweep": "grantstack.scenarios.sweeps",
}


def _version() -> str:
    """The installed distribution's version (importlib.metadata costs tens of ms: read only when asked)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("grantstack")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree that is not installed
        return "0+unknown"


def __getattr__(name: str) -> Any:
    """Import a public name on first use (PEP 562); __version__ too."""
    if name == "__version__":
        globals()[name] = value = _version()
        return value
    if name in _WHERE:
        value = getattr(import_module(_WHERE[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'grantstack' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
