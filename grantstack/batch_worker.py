"""What a worker does for plan-many: load a firm file (or take a Firm), plan it, return its summary row.

Kept lean: importing it loads no model, so plan-many can start its workers (whose setup is `warm`, sent by
reference) before this process reads anything; a worker imports the solver, and the report renderers only
when reports are asked for. On local workers the bundled catalogue travels by reference (BundledCatalogue):
each worker loads it itself, so plan-many's own process never builds the catalogue's models.
"""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from contextlib import suppress
from dataclasses import dataclass, replace
from importlib import resources
from typing import TYPE_CHECKING, Any

from grantstack.batch_row import FirmRow

if TYPE_CHECKING:
    from grantstack.models.catalogue import Catalogue
    from grantstack.models.errors import InputError
    from grantstack.models.file_reader import SourceText
    from grantstack.models.firm import Firm
    from grantstack.models.options import PlanOptions
    from grantstack.models.provenance import InputFile

__all__ = ["TOP_MEASURES", "BatchJob", "BundledCatalogue", "FirmText", "plan_one", "warm"]

TOP_MEASURES = 3
WARM_UP_FIRM = "shijingshan_ss_sme.yaml"
"""The bundled example each worker plans as it starts (a small firm: a few milliseconds once warm)."""
_LOADED: list[Catalogue] = []
"""This worker's bundled catalogue, loaded once (by warm, or by the first firm)."""
_CHECKED: dict[int, tuple[tuple[InputFile, ...], Catalogue]] = {}
"""The files of the job last checked against it (kept, so the id stays theirs; the job is unpickled once per worker)."""


def _bundled() -> Catalogue:
    """The bundled catalogue in this process, loaded once."""
    if not _LOADED:
        from grantstack.models.loading import load_catalogue

        _LOADED.append(load_catalogue())
    return _LOADED[0]


@dataclass(frozen=True)
class BundledCatalogue:
    """The bundled catalogue by reference: its files and their SHA-256 as this process read them. A worker
    loads the catalogue from its own installation (validated once, then from its cache) and plans only if
    its files are these; the parent never builds the catalogue's models, and nothing large is pickled."""

    files: tuple[InputFile, ...]

    @classmethod
    def read(cls) -> BundledCatalogue:
        """The bundled catalogue's files (those models.loading.load_catalogue reads) and their SHA-256."""
        from grantstack.models.bundled_files import bundled_catalogue_paths
        from grantstack.models.provenance import InputFile

        return cls(tuple(InputFile(role="catalogue", path=str(p), sha256=hashlib.sha256(p.read_bytes()).hexdigest())
                         for p in bundled_catalogue_paths()))

    def load(self) -> Catalogue:
        """The catalogue, in this worker; an InputError if its files are not the ones the batch was given."""
        from grantstack.models.errors import InputError
        from grantstack.models.provenance import inputs_of

        catalogue = _bundled()
        if _CHECKED.get(id(self.files)) == (self.files, catalogue):
            return catalogue
        if inputs_of(catalogue) != self.files:
            _LOADED.clear()  # the files changed since this worker loaded them: read them again
            catalogue = _bundled()
            if inputs_of(catalogue) != self.files:
                raise InputError("the bundled catalogue's files changed while the batch ran (or this worker has "
                                 "another installation of grantstack): run plan-many again.")
        _CHECKED.clear()
        _CHECKED[id(self.files)] = (self.files, catalogue)  # a job's files (unpickled once per worker) checked once
        return catalogue


@dataclass(frozen=True)
class BatchJob:
    """What every worker needs, sent to each once: catalogue (or a reference to the bundled one), horizon,
    options, report format."""

    catalogue: Catalogue | BundledCatalogue
    years: tuple[int, int]
    options: PlanOptions
    report_format: str | None = None
    catalogue_inputs: tuple[InputFile, ...] = ()

    @classmethod
    def of(cls, catalogue: Catalogue, years: tuple[int, int], options: PlanOptions,
           report_format: str | None = None) -> BatchJob:
        """A job that carries the catalogue's provenance (kept beside the object, so lost in pickling)."""
        from grantstack.models.provenance import inputs_of

        return cls(catalogue, years, options, report_format, inputs_of(catalogue))

    @classmethod
    def bundled(cls, years: tuple[int, int], options: PlanOptions, report_format: str | None = None) -> BatchJob:
        """A job on the bundled catalogue, which each worker loads itself (for workers on this machine)."""
        ref = BundledCatalogue.read()
        return cls(ref, years, options, report_format, ref.files)

    def the_catalogue(self) -> Catalogue:
        """The catalogue to plan with, in this worker."""
        if isinstance(self.catalogue, BundledCatalogue):
            return self.catalogue.load()
        from grantstack.models.provenance import inputs_of, record_inputs

        if self.catalogue_inputs and not inputs_of(self.catalogue):
            record_inputs(self.catalogue, self.catalogue_inputs)
        return self.catalogue


@dataclass(frozen=True)
class FirmText:
    """A firm file read by plan-many's own process (models.file_reader.read_source: the same checks, the same
    error), so that its worker only parses and checks it. Read one at a time between two solves, a file cost a
    worker 0.5 ms of CPU (system calls with cold caches); read in a row by the parent, a tenth of that."""

    path: str
    source: SourceText | None = None
    error: InputError | None = None

    @classmethod
    def read(cls, path: str) -> FirmText:
        """The file's text and SHA-256, or the InputError reading it raised (raised again in the worker)."""
        from grantstack.models.errors import InputError
        from grantstack.models.file_reader import read_source

        try:
            return cls(path, read_source(path))
        except InputError as exc:
            return cls(path, error=exc)


def _row(name: str, file: str | None, result: Any) -> FirmRow:
    """The summary row of a planned firm: totals by year (every year of the horizon), top measures."""
    apps = result.plan.applications if result.plan is not None else ()
    y0, y1 = result.years
    by_year = dict.fromkeys(range(y0, y1 + 1), 0)
    per_measure: Counter[str] = Counter()
    for a in apps:
        by_year[a.year] = by_year.get(a.year, 0) + a.amount
        per_measure[a.measure] += a.amount
    top = sorted(per_measure.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_MEASURES]
    return FirmRow(name=name, file=file, firm=result.firm, status=str(result.status), total_yuan=result.total_yuan,
                   by_year=dict(sorted(by_year.items())), gap=result.gap, applications=len(apps),
                   top_measures=tuple(top), warnings=tuple(result.warnings), violations=len(result.violations),
                   sha256=next((f.sha256 for f in result.inputs if f.role == "firm"), None))


def warm(reports: bool = False) -> None:
    """A worker's setup, run while plan-many still loads the catalogue: plan one bundled example firm (and import
    the report renderers if asked), so that the batch's first firms do not pay for the imports, the solver
    library's loading and the first calls (1-3 s per worker). A failure here is left for the real firms to meet."""
    from grantstack.models.loading import load_firm
    from grantstack.optimizer.solve import plan

    with suppress(Exception):
        catalogue = _bundled()
        example = resources.files("grantstack.scenarios") / "firms" / WARM_UP_FIRM
        plan(catalogue, load_firm(str(example), catalogue), (2025, 2029))
    if reports:
        import grantstack.reports  # noqa: F401


def plan_one(job: BatchJob, item: tuple[str, str | FirmText | Firm]) -> tuple[FirmRow, str | bytes | None]:
    """Load (if a path or a file's text) and plan one firm; its summary row and, if asked, its rendered report."""
    from grantstack.models.loading import load_firm
    from grantstack.optimizer.solve import plan

    name, source = item
    t0 = time.perf_counter()
    catalogue = job.the_catalogue()
    if isinstance(source, FirmText):
        if source.error is not None:
            raise source.error
        from grantstack.models.loading import firm_from_source

        file: str | None = source.path
        firm = firm_from_source(source.source, catalogue)  # type: ignore[arg-type]
    else:
        file = source if isinstance(source, str) else None
        firm = load_firm(source, catalogue) if isinstance(source, str) else source
    result = plan(catalogue, firm, job.years, job.options)
    row = replace(_row(name, file, result), seconds=time.perf_counter() - t0)
    report = None
    if job.report_format is not None:
        from grantstack.reports import build_report, render

        report = render(build_report(result, catalogue), job.report_format)
    return row, report
