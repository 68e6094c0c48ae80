"""The plan-many section of results.md, from book.json (benchmarks/book.py)."""

from __future__ import annotations

from typing import Any

__all__ = ["book_targets", "section_book"]


def _load(values: list[float]) -> str:
    return "/".join(f"{v:.2f}" for v in values)


def section_book(record: dict[str, Any] | None) -> str:
    """Each round's portfolio and plan-many wall time, their ratio, and the Dask check."""
    if not record:
        return "_not run yet: `python -m grantstack.benchmarks book --firms 1000`_"
    m = record["machine"]
    lines = [f"{record['firms']:,} typical firms (one JSON file each, bundled catalogue), {record['jobs']} local "
             f"worker processes; {record['date']}; {m['cpu']}, {m['cpus']} CPUs ({m['cpus_usable']} usable), Python "
             f"{m['python']}. Portfolio: fresh pool, worker start-up + planning, in-process. plan-many: "
             "`python -m grantstack plan-many DIR --jobs N --out summary.json --quiet`, launch to exit. Interleaved "
             "rounds; load average (1/5/15 min) before each.", "",
             "| round | portfolio wall s (start-up) | plan-many wall s (its batch: start-up + planning) | ratio | "
             "proved optimal (plan-many) | totals equal | load before (portfolio) | load before (plan-many) |",
             "|---|---|---|---|---|---|---|---|"]
    for i, r in enumerate(record["rounds"], 1):
        p, u = r["portfolio"], r["plan_many"]
        batch = f" ({u['batch_s']:.2f})" if "batch_s" in u else ""
        lines.append(f"| {i} | {p['wall_s']:.2f} ({p['startup_s']:.2f}) | {u['wall_s']:.2f}{batch} | "
                     f"{r['ratio']:.2f} | "
                     f"{u['optimal_share'] * 100:.1f}% | {'yes' if r['totals_differ_from_portfolio'] == 0 else 'NO'} |"
                     f" {_load(p['loadavg_before'])} | {_load(u['loadavg_before'])} |")
    d = record.get("dask")
    if d:
        lines += ["", f"Dask LocalCluster (`--scheduler local --jobs {record['jobs']}`): {d['wall_s']:.2f} s, "
                      f"{d['optimal_share'] * 100:.1f}% proved optimal, plans differing from the local pool's: "
                      f"{d['plans_differ_from_local']} (compared firm by firm: status, total, totals by year, gap, "
                      f"applications, top measures, violations); load before {_load(d['loadavg_before'])}."]
    return "\n".join(lines)


def book_targets(record: dict[str, Any] | None) -> list[list[str]]:
    """Rows for the targets table."""
    if not record:
        return []
    v = record["verdict"]
    n = f"{record['firms']:,}"
    ratios = ", ".join(f"{r['ratio']:.2f}" for r in record["rounds"])
    rows = [[f"plan-many over {n} typical firms: proved optimal 100%", f"{record['optimal_share'] * 100:.1f}%",
             "MET" if v["optimal_share_100"] else "NOT MET"],
            [f"plan-many wall time within {record['target_ratio']}x of the portfolio's (same firms, same run)",
             f"median ratio {record['ratio_median']:.2f} over {len(record['rounds'])} rounds "
             f"({ratios})",
             "MET" if v["ratio_within_target"] else "NOT MET"]]
    if "dask" in record:
        rows.append(["plan-many on a Dask LocalCluster gives the same plans as on the local pool",
                     f"{record['dask']['plans_differ_from_local']} of {n} differ",
                     "MET" if v["dask_same_plans"] else "NOT MET"])
    return rows
