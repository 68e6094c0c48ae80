"""A comparison as one self-contained HTML page (Jinja2 template, autoescaped) with a side-by-side bar chart."""

from __future__ import annotations

from typing import Any

from grantstack.scenarios.comparison import Comparison
from grantstack.whatif.compare_doc import inputs_of

__all__ = ["chart_geometry", "render_compare_html"]

COLOURS = ("#8b949e", "#1f6feb", "#f0883e", "#2da44e", "#a371f7", "#d4a72c", "#e5534b")


def _short(value: float) -> str:
    if value >= 1_000_000:
        return f"{value / 1_000_000:.1f}M".replace(".0M", "M")
    return f"{value / 1_000:.0f}k" if value >= 1_000 else f"{value:.0f}"


def chart_geometry(c: Comparison, width: int = 760, height: int = 300) -> dict[str, Any]:
    """Grouped bars: one group per year, one bar per scenario (base first), with axis ticks and tooltips."""
    left, top, bottom = 64, 16, 40
    names = [c.base.name, *(v.name for v in c.variants)]
    years = [x.key for x in c.diffs[0].by_year] if c.diffs else []
    values = [[next((x.before for x in c.diffs[0].by_year if x.key == y), 0) for y in years]]
    values += [[next((x.after for x in d.by_year if x.key == y), 0) for y in years] for d in c.diffs]
    peak = max([v for series in values for v in series] + [1])
    plot_h = height - top - bottom
    base_y = top + plot_h
    slot = (width - left - 10) / max(1, len(years))
    bar_w = min(28.0, slot * 0.8 / max(1, len(names)))
    bars, labels = [], []
    for i, y in enumerate(years):
        x0 = left + slot * i + (slot - bar_w * len(names)) / 2
        labels.append({"x": round(left + slot * i + slot / 2, 1), "text": y})
        for k, series in enumerate(values):
            h = plot_h * series[i] / peak
            bars.append({"x": round(x0 + k * bar_w, 1), "y": round(base_y - h, 1), "w": round(bar_w - 2, 1),
                         "h": round(h, 1), "colour": COLOURS[k % len(COLOURS)],
                         "tip": f"{names[k]} {y}: {series[i]:,} yuan"})
    ticks = [{"y": round(base_y - plot_h * f, 1), "label": _short(peak * f)} for f in (0.25, 0.5, 0.75, 1.0)]
    series = [{"name": n, "colour": COLOURS[k % len(COLOURS)]} for k, n in enumerate(names)]
    return {"width": width, "height": height, "left": left, "base_y": base_y, "bars": bars, "labels": labels,
            "ticks": ticks, "series": series}


def render_compare_html(c: Comparison) -> str:
    """The page: scenarios with their differences, the chart, each variant's decisions and totals, the inputs."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("grantstack.whatif", "templates"),
                      autoescape=select_autoescape(["html", "j2"]))
    env.filters["signed"] = lambda v: f"{v:+,}" if v else "0"
    rows = [{"name": v.name, "status": str(r.status), "total": r.total_yuan, "title": v.title,
             "difference": r.total_yuan - c.base_result.total_yuan, "changes": [x.text() for x in
             (*v.firm_changes[len(c.base.firm_changes):], *v.catalogue_changes[len(c.base.catalogue_changes):])],
             "counts": [*d.counts().values(), len(d.schedule)]}
            for v, r, d in zip(c.variants, c.results, c.diffs, strict=True)]
    titles = {m.id: m.title for s in (c.base, *c.variants) for m in s.catalogue.measures}
    details = [{"name": v.name, "diff": d} for v, d in zip(c.variants, c.diffs, strict=True)]
    return env.get_template("compare.html.j2").render(
        base=c.base, base_result=c.base_result, variants=c.variants, rows=rows, chart=chart_geometry(c),
        details=details, titles=titles, proven=c.proven, inputs=inputs_of(c.base, *c.variants))
