"""Limits on every number an input may hold, chosen so that no amount, product or sum overflows.

Every figure is an exact integer in Python, but the CP-SAT model is 64-bit: a variable's domain, each row's
activity (coefficient x bound, summed) and the objective must stay inside int64, and the objective and its
bound come back as doubles, exact only up to 2**53. The limits below keep each single figure and each product
the model forms from input figures far inside those ranges:

- a money figure (cost, value, metric, cap, amount, history) is at most MAX_YUAN = 10**13 yuan (ten trillion:
  more than any firm's yearly revenue);
- a count of units on an event (categories, products) is at most MAX_UNITS = 10**5, so a per-unit amount
  times the count is at most 10**18 < 2**62;
- a rate has at most PERCENT_PLACES decimal places, so a matching row's coefficients stay below 10**6 x money unit;
- a list of yearly figures has at most MAX_SERIES entries, so a project total is at most 50 x 10**13.

What the limits cannot bound by themselves (a sum over many applications, with fractional objective
weights) is checked on the model itself before solving (optimizer.assemble): a model whose objective could
exceed MAX_OBJECTIVE or whose row could exceed MAX_ROW_ACTIVITY is refused as bad input, naming the measure.
"""

from __future__ import annotations

__all__ = [
    "MAX_APPLICATIONS",
    "MAX_EFFORT_POINTS",
    "MAX_EVENTS",
    "MAX_FILE_BYTES",
    "MAX_FIGURE",
    "MAX_HISTORY",
    "MAX_MEASURES",
    "MAX_OBJECTIVE",
    "MAX_PROJECTS",
    "MAX_ROW_ACTIVITY",
    "MAX_SECONDS",
    "MAX_SEED",
    "MAX_SERIES",
    "MAX_UNITS",
    "MAX_YUAN",
    "PERCENT_PLACES",
    "PROBABILITY_PLACES",
    "limits_text",
]

MAX_YUAN = 10**13
"""Largest money figure in yuan (ten trillion)."""
MAX_FIGURE = MAX_YUAN
"""Largest yearly figure or quantity (metrics mix yuan and counts; m2 of rented area)."""
MAX_UNITS = 100_000
"""Largest count of units on one event (certified categories, products)."""
MAX_SERIES = 50
"""Longest list of yearly figures (project costs and quantities by project year)."""
MAX_PROJECTS = 1_000
MAX_EVENTS = 1_000
MAX_HISTORY = 10_000
MAX_MEASURES = 10_000
"""Most entries of one kind in one file."""
PERCENT_PLACES = 4
"""Decimal places of a rate in percent (12.3456%)."""
PROBABILITY_PLACES = 6
"""Decimal places of a probability, a discount rate or a gap (0.123456)."""
MAX_SEED = 2**31 - 1
"""CP-SAT's random seed is a 32-bit integer."""
MAX_SECONDS = 7 * 24 * 3600.0
"""Longest solver time limit: a week."""
MAX_APPLICATIONS = 1_000_000
MAX_EFFORT_POINTS = 100_000_000
"""Largest yearly capacities."""
MAX_FILE_BYTES = 16 * 1024 * 1024
"""Largest input file (16 MiB; the bundled catalogue files are under 64 KiB)."""
MAX_OBJECTIVE = 2**53
"""The objective and its bound are reported as doubles: exact integers only up to 2**53."""
MAX_ROW_ACTIVITY = 2**62
"""A row's activity must fit in int64; half of it leaves room for CP-SAT's presolve."""


def limits_text() -> str:
    """The limits in words, for messages and documentation."""
    return (f"money figures at most {MAX_YUAN:,} yuan, yearly figures at most {MAX_FIGURE:,}, an event's count "
            f"at most {MAX_UNITS:,}, lists of yearly figures at most {MAX_SERIES} entries, rates with at most "
            f"{PERCENT_PLACES} decimal places")
