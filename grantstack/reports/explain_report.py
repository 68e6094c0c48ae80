"""Explanations for the terminal: measures in the plan, left out although applicable, and not applicable."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.padding import Padding
from rich.text import Text

from grantstack.models.catalogue import Catalogue
from grantstack.optimizer.result import Explanation
from grantstack.reports.model import fmt_yuan

__all__ = ["print_explanations", "sections"]


def sections(items: list[Explanation]) -> dict[str, list[Explanation]]:
    """Split into in the plan, left out although applicable (costly to force) and not applicable."""
    out: dict[str, list[Explanation]] = {"In the plan": [], "Left out although applicable": [], "Not applicable": []}
    for e in items:
        if e.in_plan:
            out["In the plan"].append(e)
        elif e.rule == "eligibility" and e.value_if_forced is None:
            out["Not applicable"].append(e)
        else:
            out["Left out although applicable"].append(e)
    out["Left out although applicable"].sort(key=lambda e: (e.value_lost is None, e.value_lost or 0))
    return out


def _source(e: Explanation, catalogue: Catalogue | None) -> str:
    m = catalogue.by_id.get(e.measure) if catalogue is not None else None
    if m is not None:
        return f"{m.source.seed.split('_')[0]} {m.source.item}"
    return e.citation


def print_explanations(items: list[Explanation], catalogue: Catalogue | None, console: Console) -> None:
    """Print one line (or two) per measure, grouped by verdict."""
    for title, group in sections(items).items():
        console.print(f"[bold]{title} ({len(group)})[/]")
        for e in group:
            src = escape(_source(e, catalogue))
            if title == "Not applicable":
                line = Text.assemble("· ", e.measure, " ", (f"[{_source(e, catalogue)}]", "dim"), ": ", e.reason)
                console.print(Padding(line, (0, 0, 0, 2), expand=False))
                continue
            mark = "[green]✓[/]" if e.in_plan else "[red]✗[/]"
            rule = f"  rule: {escape(e.rule)}" if e.rule and not e.in_plan else ""
            console.print(f"  {mark} [bold]{e.measure}[/] [dim]\\[{src}][/]{rule}", highlight=False)
            console.print(Padding(Text(e.reason), (0, 0, 0, 6), expand=False))
            if not e.in_plan:
                if e.value_if_forced is None:
                    console.print("      forcing it in: impossible (no legal plan includes it)", highlight=False)
                else:
                    console.print(
                        f"      forcing it in: best total {fmt_yuan(e.value_if_forced)} yuan, "
                        f"loses {fmt_yuan(e.value_lost)} yuan",
                        highlight=False,
                    )
        console.print()
