"""Sweep results to CSV, Parquet (optional extra `parquet`) and a PNG plot (optional extra `plot`)."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import IO, Any

from grantstack.models.input_errors import InputError
from grantstack.reports.atomic import atomic_open
from grantstack.scenarios.sweeps import SweepResult

__all__ = ["plot_png", "write_csv", "write_parquet"]


def _extra(module: str, extra: str, what: str) -> Any:
    """Import an optional dependency, or say which extra to install."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise InputError(f"{what} needs the optional extra '{extra}': pip install 'grantstack[{extra}]' "
                         f"(it installs {module.split('.')[0]}).") from None


def render_csv(result: SweepResult, out: IO[str]) -> None:
    """One row per point: its parameter values, status, totals (yuan) and timing."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(result.columns)
    writer.writerows(["" if v is None else v for v in row] for row in result.rows)


def write_csv(result: SweepResult, path: str | Path) -> None:
    """The CSV, written atomically."""
    with atomic_open(path) as fh:
        render_csv(result, fh)


def write_parquet(result: SweepResult, path: str | Path) -> None:
    """The same table as Parquet (pyarrow), with the sweep's inputs in the file's metadata."""
    pa = _extra("pyarrow", "parquet", "--parquet")
    pq = _extra("pyarrow.parquet", "parquet", "--parquet")
    columns = {name: [row[i] for row in result.rows] for i, name in enumerate(result.columns)}
    for name, values in columns.items():  # one type per column: mixed parameter values become text
        kinds = {type(v) for v in values if v is not None}
        if len(kinds) > 1 and kinds != {int, float}:
            columns[name] = [None if v is None else str(v) for v in values]
    table = pa.table(columns)
    meta = {"grantstack.sweep": json.dumps(result.sweep.base.describe(), default=str)}
    table = table.replace_schema_metadata(meta)
    with atomic_open(path, binary=True) as fh:
        pq.write_table(table, fh)


def plot_png(result: SweepResult, path: str | Path) -> None:
    """Total against each swept parameter: every point, and the mean over the other parameters, one panel each."""
    _extra("matplotlib", "plot", "--plot")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    axes_ = result.sweep.axes
    total = result.columns.index("total_yuan")
    fig, panels = plt.subplots(1, len(axes_), figsize=(4.2 * len(axes_), 3.6), squeeze=False)
    for k, (axis, ax) in enumerate(zip(axes_, panels[0], strict=True)):
        col = 1 + k
        labels = [str(v) for v in axis.labels]
        pos = {lab: i for i, lab in enumerate(labels)}
        xs, ys = [], []
        for row in result.rows:
            if row[total] is not None:
                xs.append(pos[str(row[col])])
                ys.append(row[total] / 1e6)
        ax.scatter(xs, ys, s=10, alpha=0.35, color="#1f6feb", label="points")
        sums = [0.0] * len(labels)
        for x, y in zip(xs, ys, strict=True):
            sums[x] += y
        means = [sums[i] / max(1, xs.count(i)) for i in range(len(labels))]
        ax.plot(range(len(labels)), means, color="#f0883e", marker="o", label="mean")
        ax.set_xticks(range(len(labels)))
        ax.set_xticklabels(labels, rotation=45 if len(labels) > 6 else 0, ha="right" if len(labels) > 6 else "center",
                           fontsize=8)
        ax.set_xlabel(axis.name + (" (factor)" if axis.values != axis.labels else ""))
        ax.set_ylabel("total support (million yuan)")
        ax.grid(alpha=0.3)
    panels[0][0].legend(fontsize=8)
    fig.suptitle(f"Sweep {result.sweep.name}: {len(result.rows):,} points", fontsize=11)
    fig.tight_layout()
    with atomic_open(path, binary=True) as fh:
        fig.savefig(fh, format="png", dpi=110)
    plt.close(fig)
