"""Batch work on a Dask cluster (the optional extra grantstack[dask]): an address, a LocalCluster, a Client."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from grantstack.models.errors import InputError
from grantstack.scenarios.pools import MissingExtraError, Shared

__all__ = ["DaskPool"]


def _dask() -> Any:
    """The distributed module, or the error naming the extra to install."""
    try:
        import distributed
    except ImportError:
        raise MissingExtraError(
            "running on Dask needs the optional extra 'dask': pip install 'grantstack[dask]' "
            "(or run on local processes: leave out the scheduler and give the number of jobs)."
        ) from None
    return distributed


class DaskPool:
    """A Dask cluster: a scheduler address, 'local' (a LocalCluster of `jobs` processes), a Client or a cluster."""

    name = "dask"

    def __init__(self, scheduler: Any, jobs: int, setup: Callable[[], Any] | None) -> None:
        distributed = _dask()
        self._own: list[Any] = []
        if isinstance(scheduler, distributed.Client):
            self.client = scheduler
        else:
            if scheduler == "local":
                scheduler = distributed.LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                                                     dashboard_address=None)
                self._own.append(scheduler)
            try:
                self.client = distributed.Client(scheduler, timeout=10)
            except OSError as exc:
                raise InputError(f"--scheduler {scheduler}: cannot reach the Dask scheduler ({exc}). Check the "
                                 "address (e.g. tcp://host:8786) and that the scheduler is running.") from None
            self._own.insert(0, self.client)
        self.client.wait_for_workers(1)
        self.workers = max(1, sum(w["nthreads"] for w in self.client.scheduler_info()["workers"].values()))
        self._setup = setup

    def share(self, shared: Any) -> Any:
        """Scattered to every worker once."""
        return shared if shared is Shared.NOTHING else self.client.scatter(shared, broadcast=True, hash=False)

    def submit(self, fn: Callable[..., Any], *args: Any) -> Any:
        """Submit one chunk (never cached: pure=False)."""
        return self.client.submit(fn, *args, pure=False)

    def wait_any(self, futures: Iterable[Any]) -> set[Any]:
        """Block until at least one future is done."""
        return set(_dask().wait(list(futures), return_when="FIRST_COMPLETED").done)

    def broken(self, exc: BaseException) -> bool:
        """Dask reschedules the work of a lost worker itself."""
        return False

    def restart(self) -> None:
        """Nothing to restart."""

    def launch(self) -> None:
        """Nothing to do ahead: the cluster's workers are already up (warm runs the setup)."""

    def begin(self) -> None:
        """A batch begins once the setup ran on every worker (warm)."""
        self.warm()

    def warm(self) -> None:
        """Run the setup on every worker."""
        if self._setup is not None:
            self.client.run(self._setup)

    def cancel(self, futures: Iterable[Any]) -> None:
        """Cancel what is queued or running."""
        self.client.cancel(list(futures))

    def close(self, now: bool = False) -> None:
        """Close the client and cluster if this pool opened them."""
        for thing in self._own:
            thing.close()
