"""grantstack optimizer: CP-SAT encoding of each rule kind, assembly, solve and explain."""

from grantstack.optimizer.assemble import build_model
from grantstack.optimizer.explain import explain
from grantstack.optimizer.result import Explanation, PlanResult, SolveStatus
from grantstack.optimizer.solve import plan

__all__ = ["plan", "explain", "build_model", "PlanResult", "SolveStatus", "Explanation"]
