"""Regenerate the example firms' reports (HTML, PDF, xlsx, Markdown) into docs/examples/: `python -m ...examples`."""

from __future__ import annotations

import argparse
import sys
from importlib.resources import files
from pathlib import Path

from grantstack.models.loading import load_catalogue, load_firm
from grantstack.reports import ReportData, build_report, pdf_available, write_report

__all__ = ["example_reports", "main"]

FORMATS = ("html", "pdf", "xlsx", "md")


def example_files() -> list[Path]:
    """The bundled example firms."""
    return sorted(Path(str(files("grantstack.scenarios") / "firms")).glob("*.yaml"))


def example_reports(years: tuple[int, int] = (2025, 2029)) -> list[tuple[Path, ReportData]]:
    """Each example firm's planned report (the solver runs once per firm)."""
    from grantstack.optimizer.solve import plan

    catalogue = load_catalogue()
    out = []
    for path in example_files():
        firm = load_firm(path)
        out.append((path, build_report(plan(catalogue, firm, years=years, readings=True), catalogue, firm)))
    return out


def main(argv: list[str] | None = None) -> int:
    """Write every format of every example's report, and an index, into the output folder."""
    ap = argparse.ArgumentParser(prog="python -m grantstack.reports.examples")
    ap.add_argument("--out", type=Path, default=Path("docs/examples"))
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    formats = [f for f in FORMATS if f != "pdf" or pdf_available() is None]
    lines = ["# Example reports", "", "Regenerate with `python -m grantstack.reports.examples` (plans 2025-2029).", "",
             "| firm | total (yuan) | status | reports |", "|---|---:|---|---|"]  # fmt: skip
    for path, data in example_reports():
        links = []
        for fmt in formats:
            name = f"{path.stem}.{fmt}"
            write_report(data, fmt, args.out / name)
            links.append(f"[{fmt}]({name})")
        lines.append(f"| {data.firm_name} | {data.total:,} | {data.result.status} | {' · '.join(links)} |")
        print(f"{path.stem}: {data.result.status}, {data.total:,} yuan", file=sys.stderr)
    (args.out / "README.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
