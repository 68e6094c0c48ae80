"""Which encoding of each rule the model builder uses; every lean encoding can be switched off so the
benchmarks measure what it pays (benchmarks/ablation.py). The defaults are the measured choices."""

from __future__ import annotations

from dataclasses import dataclass, fields

__all__ = ["Encoding"]


@dataclass(frozen=True)
class Encoding:
    """Switches between the lean encodings (True) and the plain ones they replaced (False)."""

    fixed_amounts: bool = True  # an amount no row can cut is ceiling x active literal (no variable, no link rows)
    run_starts: bool = True  # a max_years run: one candidate per year and a start literal, not per-support-year copies
    ladder_levels: bool = True  # a ladder: one running level per year, not a prefix sum per tier application
    position_chain: bool = True  # support year k needs k - 1 earlier, not a two-sided enforced count
    split_components: bool = True  # independent parts of the model solved one by one
    implied_rows: bool = True  # rows the others imply, tighter in the LP: ladder totals, rules/implied.py

    @classmethod
    def names(cls) -> tuple[str, ...]:
        """The switch names."""
        return tuple(f.name for f in fields(cls))
