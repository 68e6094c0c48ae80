"""Plausibility warnings: figures that are legal input but probably not what the advisor meant.

They never block a plan, and every report shows them: a cost list longer than the project can use in the
horizon, figures below 1,000 yuan (a figure split by thousands separators, 1,250,300 read as three numbers),
a yearly figure that jumps by 1000x, a cost field no measure reads for the project's kinds, history that
leaves a rule nothing to pay, an optional event whose prerequisites can never be met.
"""

from __future__ import annotations

from collections import defaultdict

from grantstack.models.catalogue import Catalogue
from grantstack.models.firm import Firm
from grantstack.models.prerequisites import prerequisite_problems
from grantstack.models.vocabulary import vocabulary
from grantstack.models.vocabulary_names import COUNT_METRICS

__all__ = ["SMALL_YUAN", "plausibility_warnings"]

SMALL_YUAN = 1_000
"""A money figure below this (but above 0) is probably a typo or a figure split by thousands separators."""
_JUMP = 1_000


def _small(where: str, figures: list[int]) -> list[str]:
    small = [x for x in figures if 0 < x < SMALL_YUAN]
    if not small:
        return []
    big = max(figures)
    beside = f" next to {big:,}" if big >= 1_000_000 else ""
    shown = ", ".join(f"{x:,}" for x in small[:4])
    return [f"{where} holds {shown} yuan{beside}: figures below {SMALL_YUAN:,} yuan are unusual; a figure written "
            "with thousands separators inside a list ([1,250,300]) is read as several numbers"]


def _projects(firm: Firm, years: tuple[int, int], catalogue: Catalogue) -> list[str]:
    out = []
    vocab = vocabulary(catalogue)
    for p in firm.projects:
        first = min(p.start_years())
        reach = years[1] - first + 1
        read = {f for k in p.kinds if k in vocab.section.project_kinds for f in vocab.section.project_kinds[k].costs}
        for field, series in p.costs.items():
            where = f"project '{p.id}' costs.{field}"
            if len(series) > max(reach, 0):
                out.append(f"{where} has {len(series)} entries (project years {first}-{first + len(series) - 1}) but "
                           f"the horizon ends {years[1]}: the last {len(series) - max(reach, 0)} are never used "
                           "(more entries than the project has years is also what a figure split by thousands "
                           "separators looks like)")
            out += _small(where, list(series))
            if read and field not in read:
                out.append(f"{where}: no measure reads '{field}' for project kinds {', '.join(p.kinds)} (they read "
                           f"{', '.join(sorted(read))}), so it changes nothing")
    return out


def _figures(firm: Firm) -> list[str]:
    out = []
    for name, by_year in firm.metrics.items():
        series = sorted(by_year.items())
        if name not in COUNT_METRICS:
            out += _small(f"metric {name}", [v for _, v in series])
        for (y0, a), (y1, b) in zip(series[:-1], series[1:], strict=True):
            if a > 0 and b > 0 and (b >= a * _JUMP or a >= b * _JUMP):
                out.append(f"metric {name} jumps from {a:,} ({y0}) to {b:,} ({y1}), a factor of "
                           f"{max(a, b) // min(a, b):,}: check for missing or extra digits")
    for e in firm.events:
        out += _small(f"event '{e.id}' values", list(e.values.values()))
    out += _small("history amounts", [h.amount for h in firm.history])
    return out


def _used_up(catalogue: Catalogue, firm: Firm) -> list[str]:
    """History that leaves a rule nothing more to pay."""
    out = []
    paid: dict[str, list[int]] = defaultdict(list)
    for h in firm.history:
        paid[h.measure].append(h.amount)
    for mid, amounts in sorted(paid.items()):
        m = catalogue.by_id.get(mid)
        if m is None:
            continue
        if m.timing.once == "firm":
            out.append(f"history: {mid} was already paid and is paid once per firm, so the plan cannot use it")
        for cap in m.caps:
            if cap.per == "firm" and sum(amounts) >= cap.amount:
                out.append(f"history: {mid} has already paid its cap of {cap.amount:,} yuan per firm, so the plan "
                           "cannot use it")
    return out


def plausibility_warnings(catalogue: Catalogue, firm: Firm, years: tuple[int, int]) -> tuple[str, ...]:
    """Every plausibility warning for planning this firm with this catalogue over these years."""
    out = _projects(firm, years, catalogue) + _figures(firm) + _used_up(catalogue, firm)
    out += prerequisite_problems(firm)[1]
    return tuple(dict.fromkeys(out))
