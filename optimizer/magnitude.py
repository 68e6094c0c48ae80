"""A model whose numbers could leave the exact range is bad input: say which figures make it so.

CP-SAT works in 64-bit integers and reports the objective and its bound as doubles (exact up to 2**53).
models.limits bounds every single figure; what no single limit can bound is a sum over many applications
(with fractional objective weights for probabilities or discounting, 10,000 points per money unit).
LinearModel refuses such a row or objective (TooLarge) while the model is built; here that becomes an
InputError naming the candidates with the largest ceilings and how to plan them anyway.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from grantstack.models.errors import InputError, one_paragraph

if TYPE_CHECKING:
    from grantstack.optimizer.context import Build
    from grantstack.optimizer.linear import TooLarge

__all__ = ["too_large"]


def too_large(b: Build, exc: TooLarge) -> InputError:
    """The InputError for a model whose numbers are too large to plan exactly."""
    biggest = sorted(b.cands, key=lambda c: (-c.legal, c.measure, c.subject or "", c.year))[:3]
    named = "; ".join(f"{c.measure} for {c.subject or 'the firm'} in {c.year}: {c.legal:,} yuan" for c in biggest)
    where = f" The largest ceilings: {named}." if named else ""
    return InputError(one_paragraph(
        f"firm '{b.firm.id}': the figures are too large to plan exactly: {exc.what} could reach {exc.magnitude:,} "
        f"(the exact range is {exc.limit:,}).{where} Fix figures with extra digits in the firm file or the "
        f"catalogue; if they are right, plan with a coarser money unit (--option money_unit=1000, currently "
        f"{b.unit}) or without fractional weights (use_probability, discount_rate)."
    ))
