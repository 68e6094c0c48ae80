"""Inline SVG pictures for the HTML report: support by year stacked by level, and a timeline."""

from __future__ import annotations

from html import escape

from grantstack.reports.model import ReportData, fmt_yuan

__all__ = ["bar_chart", "timeline"]

COLOURS = {"municipal": "#1f6feb", "district": "#f0883e", "unknown": "#8b949e"}


def _short(value: int) -> str:
    """Compact money label: 1.2M, 350k, 900."""
    if value >= 1_000_000:
        return f"{value / 1_000_000:.1f}M".replace(".0M", "M")
    if value >= 1_000:
        return f"{value / 1_000:.0f}k"
    return str(value)


def bar_chart(data: ReportData, width: int = 640, height: int = 300) -> str:
    """Stacked bars of support per year, municipal at the bottom and district on top."""
    left, right, top, bottom = 16, 16, 28, 56
    plot_h = height - top - bottom
    n = max(1, len(data.years))
    slot = (width - left - right) / n
    bar_w = min(64.0, slot * 0.6)
    peak = max([data.year_total(y) for y in data.years] + [1])
    parts = [
        f'<svg class="chart" role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}">',
        "<title>Support by year, stacked by level</title>",
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" class="axis"/>',
    ]
    for i, y in enumerate(data.years):
        x = left + slot * i + (slot - bar_w) / 2
        base = top + plot_h
        for lvl in data.levels:
            v = data.by_year_level[y][lvl]
            if v <= 0:
                continue
            h = plot_h * v / peak
            base -= h
            parts.append(
                f'<rect class="bar {lvl}" x="{x:.1f}" y="{base:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                f'fill="{COLOURS.get(lvl, "#8b949e")}"><title>{y} {lvl}: {fmt_yuan(v)} yuan</title></rect>'
            )
        cx = x + bar_w / 2
        parts.append(f'<text x="{cx:.1f}" y="{top + plot_h + 18}" text-anchor="middle">{y}</text>')
        total = data.year_total(y)
        if total:
            label = f'<text x="{cx:.1f}" y="{base - 6:.1f}" text-anchor="middle" class="label">{_short(total)}</text>'
            parts.append(label)
    lx = left
    for lvl in data.levels:
        parts.append(f'<rect x="{lx}" y="{height - 20}" width="12" height="12" fill="{COLOURS.get(lvl, "#8b949e")}"/>')
        parts.append(f'<text x="{lx + 18}" y="{height - 10}">{escape(lvl)}</text>')
        lx += 110
    parts.append("</svg>")
    return "\n".join(parts)


def timeline(data: ReportData, lane_h: int = 26, label_w: int = 360, year_w: int = 96) -> str:
    """One lane per (measure, subject), a marker in each year it pays, sized by amount."""
    first: dict[tuple[str, str], int] = {}
    for r in data.rows:
        first[(r.measure, r.subject)] = min(r.year, first.get((r.measure, r.subject), r.year))
    lanes = sorted(first, key=lambda lane: (first[lane], lane))
    top = 30
    width = label_w + year_w * max(1, len(data.years)) + 16
    height = top + lane_h * max(1, len(lanes)) + 10
    peak = max([r.amount for r in data.rows] + [1])
    col = {y: label_w + year_w * i + year_w / 2 for i, y in enumerate(data.years)}
    parts = [
        f'<svg class="timeline" role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}">',
        "<title>Timeline of applications</title>",
    ]
    for y, x in col.items():
        parts.append(f'<text x="{x:.1f}" y="18" text-anchor="middle" class="year">{y}</text>')
        parts.append(f'<line x1="{x:.1f}" y1="{top - 6}" x2="{x:.1f}" y2="{height - 6}" class="grid"/>')
    lane_of = {lane: i for i, lane in enumerate(lanes)}
    for i, (measure, subject) in enumerate(lanes):
        y = top + lane_h * i + lane_h / 2
        label = measure if subject == "(firm)" else f"{measure} · {subject}"
        parts.append(f'<text x="4" y="{y + 4:.1f}" class="lane">{escape(label[:56])}</text>')
    for r in data.rows:
        y = top + lane_h * lane_of[(r.measure, r.subject)] + lane_h / 2
        radius = 3 + 8 * (r.amount / peak) ** 0.5
        tip = f"{r.year} {r.measure} ({r.subject}): {fmt_yuan(r.amount)} yuan — {r.citation}"
        parts.append(
            f'<circle class="event {escape(r.level)}" cx="{col[r.year]:.1f}" cy="{y:.1f}" r="{radius:.1f}" '
            f'fill="{COLOURS.get(r.level, "#8b949e")}"><title>{escape(tip)}</title></circle>'
        )
    parts.append("</svg>")
    return "\n".join(parts)
