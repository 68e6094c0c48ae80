"""Stage-1 solves of one planning run, kept by their exact CP-SAT model and parameters, so that an identical part
is solved once.

Every CP-SAT call is deterministic (one worker, fixed seed, deterministic budget: optimizer/solve.py), so a
part whose CP-SAT model (the proto, written out in full as protobuf text) and parameters equal an earlier one's
gets the same status, values, objective, bound and work: taking the earlier result is exactly what a second
solve would return. The readings (optimizer/readings.py) re-solve the plan under other readings of an option;
most change a few measures, and a part they leave alone is byte for byte a part of the plan or of an earlier
reading. The memo lives for one run (a plan and its readings), never across runs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from grantstack.optimizer.result import SolveStatus

__all__ = ["StageOneMemo"]

Outcome = tuple[SolveStatus, list[int], int | None, int | None, float]
RunnerFn = Callable[..., Outcome]


@dataclass
class StageOneMemo:
    """Stage-1 outcomes by (CP-SAT model as text, solver parameters); counts of solves and reuses."""

    known: dict[tuple[str, tuple[tuple[str, str], ...]], Outcome] = field(default_factory=dict)
    solved: int = 0
    reused: int = 0

    def wrap(self, runner: RunnerFn, params: dict[str, object]) -> RunnerFn:
        """The runner, with its stage-1 calls (no hint, no budget of their own) answered from the memo when the
        same model was solved before with the same parameters; other stages are passed through untouched."""
        settings = tuple(sorted((k, str(v)) for k, v in params.items()))

        def run(proto: Any, hint: dict[str, list[int]] | None, stage: str, budget: float | None = None) -> Outcome:
            if stage != "stage 1" or hint is not None or budget is not None:
                return runner(proto, hint, stage, budget)
            key = (str(proto), settings)
            got = self.known.get(key)
            if got is not None:
                self.reused += 1
                return got[0], list(got[1]), got[2], got[3], got[4]
            out = runner(proto, hint, stage, budget)  # a wall-clock stop raises: nothing is kept
            self.solved += 1
            self.known[key] = (out[0], list(out[1]), out[2], out[3], out[4])
            return out

        return run
