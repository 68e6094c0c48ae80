"""grantstack optimizer: CP-SAT encoding of each rule kind, assembly, solve and explain."""

from optimizer.assemble import build_model
from optimizer.explain import explain
from optimizer.result import Explanation, PlanResult, SolveStatus
from optimizer.solve import plan

__all__ = ["plan", "explain", "build_model", "PlanResult", "SolveStatus", "Explanation"]
