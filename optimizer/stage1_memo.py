"""Stage-1 solves of one planning run, kept by their exact CP-SAT model and parameters, so that an identical part
is solved once.

Every CP-SAT call is deterministic (one worker, fixed seed, deterministic budget: optimizer/solve.py), so a
part whose CP-SAT model (the proto, written out in full as protobuf text) and parameters equal an earlier one's
gets the same status, values, objective, bound and work: taking the earlier result is exactly what a second
solve would return. The readings (optimizer/readings.py) re-solve the plan under other readings of an option;
most change a few measures, and a part they leave alone is byte for byte a part of the plan or of an earlier
reading. The memo lives for one run (a plan and its readings), never across runs.

Writing a proto out as text costs several times its solve's Python overhead (about 0.1 ms for 20 variables),
and most parts meet no earlier part of their size: so a part is first sorted by a cheap signature (its numbers
of variables, constraints and objective terms, its objective's offset and sense), and written out in full only
when an earlier part shares that signature; each kept part of a plain run is a copy (so nothing done to the
caller's proto later, such as the tie stages', can change what it is compared by), written out at most once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from grantstack.optimizer.result import SolveStatus

__all__ = ["StageOneMemo"]

Outcome = tuple[SolveStatus, list[int], int | None, int | None, float]
RunnerFn = Callable[..., Outcome]
Signature = tuple[object, ...]


@dataclass
class _Kept:
    """One solved part: a copy of its proto, its text once needed, and its outcome."""

    proto: Any
    outcome: Outcome
    text: str | None = None

    def written(self) -> str:
        if self.text is None:
            self.text = str(self.proto)
        return self.text


def _signature(proto: Any) -> Signature:
    """Cheap facts equal parts share (sizes, objective size, offset and sense): parts that differ here differ in
    full. Only lengths and scalars: reading a repeated field of the proto costs ~7 us, a length under 1 us."""
    objective = proto.objective
    return (len(proto.variables), len(proto.constraints), len(objective.vars), objective.offset,
            objective.scaling_factor)


def _settings(params: dict[str, object]) -> tuple[tuple[str, str], ...]:
    """The solver parameters as part of a memo key."""
    return tuple(sorted((k, str(v)) for k, v in params.items()))


@dataclass
class StageOneMemo:
    """Stage-1 outcomes by (CP-SAT model as text, solver parameters); counts of solves and reuses."""

    known: dict[tuple[Signature, tuple[tuple[str, str], ...]], list[_Kept]] = field(default_factory=dict)
    solved: int = 0
    reused: int = 0

    def _solved_sizes(self, params: dict[str, object]) -> set[tuple[int, int]]:
        """(variables, constraints) of every part a plain runner with these parameters solved and kept."""
        plain = _settings(params)
        return {(signature[0], signature[1]) for (signature, settings), kept in self.known.items()
                if settings == plain and kept}

    def may_know(self, sizes: list[tuple[int, int]], params: dict[str, object]) -> bool:
        """Whether every part of these sizes (variables, constraints) could be one a plain runner with these
        parameters solved (the same sizes: the full comparison is made when it is solved); true for no part."""
        known = self._solved_sizes(params)
        return all(size in known for size in sizes)

    def may_hold(self, num_vars: int, num_rows: int, params: dict[str, object]) -> bool:
        """Whether a plain runner with these parameters solved a part of at most these numbers of variables and
        constraints (a part of a model has no more of either than the model)."""
        return any(v <= num_vars and r <= num_rows for v, r in self._solved_sizes(params))

    def wrap(self, runner: RunnerFn, params: dict[str, object], quick: bool = False) -> RunnerFn:
        """The runner, with its stage-1 calls (no hint, no budget of their own) answered from the memo when the
        same model was solved before with the same parameters; other stages are passed through untouched.
        `quick`: the runner tries solve.QUICK_CONFIG first (the readings): its outcomes are kept apart, and a
        part solved by a plain runner with the same parameters (the plan's own stage 1) is taken from that; its
        protos are kept as they are, not copied (a quick run is stage 1 alone: solve.solve_model's stages=False,
        so no tie stage turns its proto into its own)."""
        plain = _settings(params)
        settings = (*plain, ("quick", "1")) if quick else plain

        def run(proto: Any, hint: dict[str, list[int]] | None, stage: str, budget: float | None = None) -> Outcome:
            if stage != "stage 1" or hint is not None or budget is not None:
                return runner(proto, hint, stage, budget)
            signature = _signature(proto)
            kept = self.known.setdefault((signature, settings), [])
            earlier = [*self.known.get((signature, plain), ()), *kept] if quick else kept
            text = str(proto) if earlier else None
            for k in earlier:
                if k.written() == text:
                    got = k.outcome
                    self.reused += 1
                    return got[0], list(got[1]), got[2], got[3], got[4]
            out = runner(proto, hint, stage, budget)  # a wall-clock stop raises: nothing is kept
            self.solved += 1
            if not quick:  # a plan's stage-1 proto becomes its tie stages' (canonical.py _then): kept as a copy
                copy = type(proto)()
                copy.copy_from(proto)
                proto = copy
            kept.append(_Kept(proto, (out[0], list(out[1]), out[2], out[3], out[4]), text))
            return out

        return run
