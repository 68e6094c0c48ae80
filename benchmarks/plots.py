"""Cactus and scaling plots (matplotlib, Agg backend) from run records."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from grantstack.benchmarks.stats import by, quantile  # noqa: E402

__all__ = ["cactus", "scaling"]

COLOURS = {"cpsat": "tab:blue", "highs": "tab:orange", "greedy": "tab:green", "brute": "tab:red"}
LABELS = {"cpsat": "CP-SAT", "highs": "HiGHS (same MILP)", "greedy": "greedy + checker", "brute": "brute force"}


def cactus(records: list[dict[str, Any]], path: Path) -> Path:
    """Instances solved (proved optimal for exact methods) within a time, per method."""
    fig, ax = plt.subplots(figsize=(7, 4.5))
    for method, rs in by(records, lambda r: r["method"]).items():
        exact = method in ("cpsat", "highs")
        times = sorted(r["solve_s"] for r in rs if r["optimal"] or not exact)
        if times:
            ax.step(range(1, len(times) + 1), times, where="post", label=f"{LABELS.get(method, method)} ({len(times)})",
                    color=COLOURS.get(method))
    ax.set_yscale("log")
    ax.set_xlabel("instances solved (exact methods: proved optimal)")
    ax.set_ylabel("solve time per instance [s]")
    ax.set_title("Cactus plot: all stored instances")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend()
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def scaling(records: list[dict[str, Any]], path: Path) -> Path:
    """Median solve time against model size (variables of the MILP), per suite, CP-SAT vs HiGHS."""
    fig, ax = plt.subplots(figsize=(7, 4.5))
    sizes = {r["instance"]: r.get("variables", 0) for r in records if r["method"] == "cpsat"}
    for method in ("cpsat", "highs"):
        rs = [r for r in records if r["method"] == method]
        if not rs:
            continue
        for proved, marker in ((True, "o"), (False, "x")):
            pts_ = [r for r in rs if bool(r["optimal"]) == proved]
            ax.scatter([max(1, sizes.get(r["instance"], 1)) for r in pts_], [max(r["solve_s"], 1e-5) for r in pts_],
                       s=10 if proved else 30, alpha=0.35 if proved else 0.9, color=COLOURS[method], marker=marker)
        pts = []
        for suite, group in by(rs, lambda r: r["suite"]).items():
            xs = quantile([sizes.get(r["instance"], 1) for r in group], 0.5) or 1
            pts.append((xs, quantile([r["solve_s"] for r in group], 0.5) or 1e-5, suite))
        pts.sort()
        ax.plot([p[0] for p in pts], [p[1] for p in pts], "o-", color=COLOURS[method], label=f"{LABELS[method]} median")
        if method == "cpsat":
            for x, y, suite in pts:
                ax.annotate(suite, (x, y), textcoords="offset points", xytext=(4, -10), fontsize=8)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("MILP variables")
    ax.set_ylabel("solve time [s]")
    ax.set_title("Scaling: solve time vs model size (x: time limit hit, not proved)")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path
