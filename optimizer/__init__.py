"""grantstack optimizer: CP-SAT encoding of each rule kind, assembly, solve and explain.

Names are imported on first use (PEP 562): importing grantstack.optimizer.result does not load the solver."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from grantstack.optimizer.assemble import build_model
    from grantstack.optimizer.explain import explain
    from grantstack.optimizer.result import Explanation, PlanResult, SolveStatus
    from grantstack.optimizer.solve import plan

__all__ = ["plan", "explain", "build_model", "PlanResult", "SolveStatus", "Explanation"]

_WHERE = {"plan": "solve", "explain": "explain", "build_model": "assemble", "PlanResult": "result",
          "SolveStatus": "result", "Explanation": "result"}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        value = getattr(import_module(f"grantstack.optimizer.{_WHERE[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'grantstack.optimizer' has no attribute {name!r}")
