"""The tie-breaking stages of a merged part, one independent component at a time.

The small components of a model are solved together as one part in stage 1 (optimizer/solve.py `_parts`). They share
no row, and the part's total is the sum of theirs, so stage 1's proven optimum of the part puts every component at
its own maximum (were one below its maximum, its best plan with the others unchanged would raise the part's total).
With the part's total fixed, each component's total is therefore fixed at its own maximum, and the set of plans the
tie-breaking stages choose from is the product of the components' sets. Earliness and the number of applications
are sums over the components, so the lexicographic minimum of (earliness, applications) over that product is the
sum of the components' lexicographic minima: earliness is least exactly when each component's is least, and among
those plans the count is least exactly when each component's is least. Each component's own tie objective
(canonical._tie: its earliness over the gcd of its own coefficients, times its own applications + 1, plus its
applications) orders its plans exactly that way, so solving each component's tie stage alone (its total row
total_c >= its stage-1 total) gives a plan of the same earliness and count as the part's one solve would, when both
finish. The same holds for stage 4 (distance to a base plan, a sum too), run per component after its tie stage.

Budget: the part's tie budget (canonical: TIE_FACTOR x stage 1's work, within [TIE_MIN_WORK, TIE_MAX_WORK]) is
shared, so a plan never gets more work than before. The components are solved smallest first (then by first
variable); each gets the budget left times its share of the variables left, so what a small component does not use
passes on to the larger ones, and the largest gets all that is left. Deterministic: the work each solve reports is.
"""

from __future__ import annotations

from typing import Any

from grantstack.optimizer import canonical
from grantstack.optimizer.linear import LinearModel, cpsat_proto
from grantstack.optimizer.result import SolveStatus

__all__ = ["SPLIT_TIE_AT", "Groups", "by_components"]

SPLIT_TIE_AT = 400  # merged parts of at least this many variables break ties per component. Only xl parts are this
# large (other stored suites' merged parts have at most 338 variables), so plans elsewhere stay exactly as they were.

Groups = list[tuple[list[int], list[int]]]  # (variables, rows) of each component of a merged part


def by_components(model: LinearModel, groups: Groups, local: dict[int, int], stages: list[tuple[str, str, Any]],
                  obj: canonical.Objectives, run: canonical.Runner, out: canonical.PartResult, values: list[int],
                  budget: float) -> None:
    """The part's remaining stages, component by component (module docstring), within one shared `budget`; fills
    `out` (values keyed by model variable, work, seconds, notes) as canonical._then does for the whole part."""
    key, name = stages[0][:2]  # the tie-breaking stage (stage 4, if any, is added per component by _then)
    order = sorted(groups, key=lambda g: (len(g[0]), g[0][0] if g[0] else -1))
    left, size = budget, sum(len(vs) for vs, _ in order)
    got: dict[int, int] = {}
    for vs, rs in order:
        share = left * len(vs) / size if size else left
        size -= len(vs)
        mine = {v: i for i, v in enumerate(vs)}
        vals = [values[local[v]] for v in vs]
        total = canonical._restrict(obj.total, mine)
        best = sum(k * vals[i] for i, k in total.items())
        sub = canonical.PartResult(SolveStatus.OPTIMAL)
        canonical._then(model, vs, rs, mine, cpsat_proto(model, vs, rs), [(total, best, None)],
                        [(key, name, canonical._tie(obj, mine))], obj, run, sub,
                        vals, 0.0, budget=share)
        left = max(0.0, left - sub.work)
        got.update(sub.values)
        out.work += sub.work
        for k, s in sub.seconds.items():
            out.seconds[k] = out.seconds.get(k, 0.0) + s
        out.notes.extend(n for n in sub.notes if n not in out.notes)
    out.values = {v: got.get(v, values[i]) for v, i in local.items()}
