"""Portfolio mode gives the same plans on a local process pool and on a Dask LocalCluster."""

from __future__ import annotations

from pathlib import Path

import pytest

from grantstack.benchmarks.portfolio import dask_executor, firm_lines, local_executor, run_portfolio, snapshot_path
from grantstack.benchmarks.stats import quantile

pytest.importorskip("grantstack.optimizer.solve")


def test_local_pool_and_dask_agree(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    lines = firm_lines(24, seed0=3_000_000, cache=tmp_path)
    path = snapshot_path()
    with local_executor(2, path) as local:
        a = run_portfolio(lines, local, path, chunk=4)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=":0") as cluster, distributed.Client(cluster) as client, \
            dask_executor(client, path) as dask:
        b = run_portfolio(lines, dask, path, chunk=4)
    assert a.summary["firms"] == b.summary["firms"] == 24
    assert a.totals() == b.totals()
    assert a.summary["violations"] == b.summary["violations"] == 0
    assert a.summary["optimal_share"] == 1.0
    assert a.summary["peak_rss_worker_mb"] > 0


def test_quantile_interpolates() -> None:
    assert quantile([1, 2, 3, 4], 0.5) == 2.5
    assert quantile([], 0.5) is None
