"""Geometry of the report's pictures (the templates draw them as SVG): support by year and the calendar."""

from __future__ import annotations

from dataclasses import dataclass, field

from grantstack.reports.model import ReportData

__all__ = ["COLOURS", "BarChart", "Calendar", "Lane", "bar_chart", "calendar", "nice_ticks", "short_money"]

COLOURS = {"municipal": "#1f6feb", "district": "#d4691e", "unknown": "#8b949e"}


def short_money(value: int) -> str:
    """Compact money label: 1.25M, 350k, 900."""
    if value >= 1_000_000:
        return f"{value / 1_000_000:.2f}".rstrip("0").rstrip(".") + "M"
    if value >= 1_000:
        return f"{value / 1_000:.0f}k"
    return str(value)


def nice_ticks(peak: int, count: int = 5) -> list[int]:
    """Round axis ticks from 0 to at least `peak`: steps of 1, 2 or 5 times a power of ten."""
    if peak <= 0:
        return [0, 1]
    raw = peak / max(1, count - 1)
    power = 10 ** (len(str(int(raw))) - 1)
    step = next(k * power for k in (1, 2, 5, 10) if k * power >= raw)
    top = -(-peak // step) * step
    return list(range(0, top + 1, step))


@dataclass(frozen=True)
class Bar:
    """One stacked segment: a level's support in a year."""

    x: float
    y: float
    width: float
    height: float
    level: str
    colour: str
    value: int
    year: int


@dataclass(frozen=True)
class BarChart:
    """Stacked bars of support per year with a y axis in yuan and a value above each bar."""

    width: int
    height: int
    left: int
    top: int
    plot_w: float
    plot_h: float
    ticks: list[tuple[float, str]]
    bars: list[Bar]
    labels: list[tuple[float, float, str]]
    years: list[tuple[float, int]]
    legend: list[tuple[str, str]]


def bar_chart(data: ReportData, width: int = 640, height: int = 300) -> BarChart:
    """Bars per year (municipal at the bottom), y axis ticks at round yuan amounts, totals on top."""
    left, right, top, bottom = 64, 12, 24, 52
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max([data.year_total(y) for y in data.years] + [0])
    ticks = nice_ticks(peak)
    scale = plot_h / ticks[-1]
    slot = plot_w / max(1, len(data.years))
    bar_w = min(56.0, slot * 0.6)
    bars, labels, years = [], [], []
    for i, y in enumerate(data.years):
        x = left + slot * i + (slot - bar_w) / 2
        base = top + plot_h
        for lvl in data.levels:
            v = data.by_year_level[y][lvl]
            if v > 0:
                h = v * scale
                base -= h
                bars.append(Bar(x, base, bar_w, h, lvl, COLOURS.get(lvl, "#8b949e"), v, y))
        labels.append((x + bar_w / 2, base - 5, short_money(data.year_total(y))))
        years.append((x + bar_w / 2, y))
    tick_pos = [(top + plot_h - t * scale, short_money(t)) for t in ticks]
    legend = [(lvl, COLOURS.get(lvl, "#8b949e")) for lvl in data.levels]
    return BarChart(width, height, left, top, plot_w, plot_h, tick_pos, bars, labels, years, legend)


@dataclass
class Lane:
    """One calendar row: an application run (paid years and amounts) or a flexible event or project."""

    label: str
    detail: str
    kind: str
    level: str = ""
    paid: dict[int, int] = field(default_factory=dict)
    valid: tuple[int, int] | None = None
    window: tuple[int, int] | None = None
    chosen: int | None = None


@dataclass(frozen=True)
class Calendar:
    """A year-by-year Gantt: validity bands, application marks with amounts, flexible windows and choices."""

    years: tuple[int, ...]
    lanes: list[Lane]

    def span(self, years: tuple[int | None, int | None] | None) -> tuple[int, int] | None:
        """A (first, last) year pair clipped to the horizon; None if it misses the horizon."""
        if years is None:
            return None
        a = max(years[0] or self.years[0], self.years[0])
        b = min(years[1] or self.years[-1], self.years[-1])
        return (a, b) if a <= b else None


def calendar(data: ReportData) -> Calendar:
    """Lanes per (measure, subject) in order of first payment, then one per flexible event or project."""
    cal = Calendar(data.years, [])
    notes = {n.id: n for n in data.appendix}
    runs: dict[tuple[str, str], Lane] = {}
    for r in data.rows:
        lane = runs.get((r.measure, r.subject))
        if lane is None:
            note = notes.get(r.measure)
            detail = r.measure if r.subject == "(firm)" else f"{r.measure} · {r.subject}"
            lane = Lane(r.label, detail, "application", r.level, valid=cal.span(note.validity_years) if note else None)
            runs[(r.measure, r.subject)] = lane
        lane.paid[r.year] = lane.paid.get(r.year, 0) + r.amount
    cal.lanes.extend(runs.values())
    plan, firm = data.result.plan, data.firm
    for sid, year in (plan.schedule.items() if plan is not None else ()):
        window = None
        title = sid
        if firm is not None:
            p, e = firm.project(sid), firm.event(sid)
            window = p.start_window if p is not None else e.window if e is not None else None
            title = (p.title if p is not None else e.title if e is not None else "") or sid
        kind = "project start" if firm is not None and firm.project(sid) else "event"
        cal.lanes.append(Lane(title, f"{kind} {sid}", kind, window=cal.span(window), chosen=year))
    return cal
