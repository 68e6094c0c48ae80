"""The Python API: load a catalogue and firms, plan one firm or a whole book of them.

    import grantstack
    firm = grantstack.load_firm("scenarios/firms/shijingshan_ss_sme.yaml")
    result = grantstack.plan(firm, years=(2025, 2029), options={"most_favourable_scope": "entity"})
    result.to_frame()                  # one row per application
    book = grantstack.plan_many("clients/", jobs=2)
    book.to_frame()                    # one row per firm

Paths, dicts and objects are all accepted where it makes sense; a wrong type is a TypeError naming the
parameter and what it accepts; bad content (a malformed file, an unknown option) is an InputError whose
message names the file, entry and field.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from grantstack.api_args import (
    PathLike,
    as_catalogue,
    as_firm,
    as_options,
    as_years,
    catalogue_from,
    firm_from_mapping,
    type_error,
)
from grantstack.api_types import Firm, Result
from grantstack.batch_summary import Book
from grantstack.models.catalogue import Catalogue
from grantstack.models.firm import Firm as _Firm
from grantstack.models.loading import load_catalogue as _load_catalogue

__all__ = ["firm_from_dict", "load_catalogue", "load_firm", "plan", "plan_many"]

DEFAULT_YEARS = (2025, 2029)


def load_catalogue(path: str | Path | Sequence[str | Path] | None = None, *, replace: bool = False) -> Catalogue:
    """The bundled Beijing catalogue, or it with your overlay file(s) or folder applied (replace=True: your
    catalogue package files instead of the bundled ones). Overlays are change files (docs/changes.md)."""
    if path is None:
        if replace:
            raise ValueError("grantstack.load_catalogue(): replace=True needs the path of your catalogue.")
        return _load_catalogue()
    if isinstance(path, PathLike):
        return catalogue_from([path], replace)
    if isinstance(path, Sequence) and all(isinstance(p, PathLike) for p in path):
        return catalogue_from(list(path), replace)
    raise type_error("load_catalogue", "path", "None (the bundled catalogue), a path to a catalogue file or "
                     "folder, or a list of paths", path)


def load_firm(path: str | Path, *, catalogue: Catalogue | None = None) -> Firm:
    """A firm file (YAML or JSON), validated; a malformed file is an InputError naming the entry and field.

    Its names (tags, statuses, kinds) must be in the vocabulary, with those `catalogue` declares if given.
    """
    if not isinstance(path, PathLike):
        raise type_error("load_firm", "path", "a path to a firm file (str or pathlib.Path); for a dict use "
                         "grantstack.firm_from_dict()", path)
    return Firm.of(as_firm(path, "load_firm", "path", catalogue))


def firm_from_dict(data: Mapping[str, Any], *, catalogue: Catalogue | None = None) -> Firm:
    """A firm from a dict with the fields of a firm file (schemas/firm.schema.json), checked like a file."""
    if not isinstance(data, Mapping):
        raise type_error("firm_from_dict", "data", "a dict of firm fields (id, district, projects, events, ...)",
                         data)
    return Firm.of(firm_from_mapping(data, catalogue))


def plan(firm: _Firm | str | Path | Mapping[str, Any], years: Any = DEFAULT_YEARS, options: Any = None, *,
         catalogue: Catalogue | str | Path | None = None, readings: bool = True) -> Result:
    """The best legal plan for the firm over the years (OPTIMAL only when proven), re-verified by the checker.

    firm: a Firm, a path to a firm file, or a dict of its fields. years: (first, last), one year, or
    'FIRST-LAST'. options: None, a PlanOptions, or a dict of option names as `grantstack options` lists them
    (planning and interpretation alike). catalogue: None (bundled), a Catalogue, or a path laid over the
    bundled catalogue. readings: also re-solve under each other reading of the clauses that touches the firm
    (the value at stake, `Result.readings`).
    """
    horizon = as_years(years)
    chosen = as_options(options)
    cat = as_catalogue(catalogue)
    the_firm = as_firm(firm, catalogue=cat)
    from grantstack.optimizer.solve import plan as solve

    handler = signal.getsignal(signal.SIGINT)
    try:
        result = solve(cat, the_firm, horizon, chosen, readings=bool(readings))
    finally:
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGINT, handler)  # a CP-SAT solve leaves Ctrl-C at its default action (exit)
    return Result.of(result, cat)


def plan_many(firms: str | Path | Iterable[_Firm | str | Path | Mapping[str, Any]], years: Any = DEFAULT_YEARS,
              options: Any = None, *, catalogue: Catalogue | str | Path | None = None, jobs: int | None = None,
              scheduler: Any = None, reports: str | Path | None = None, report_format: str = "html",
              progress: bool | None = False) -> Book:
    """Plan a book of firms on local processes (jobs) or Dask (scheduler); a Book with one row per firm.

    firms: a folder or glob pattern of firm files, or a list of firm files, Firms or dicts. A firm that
    fails is a row with its error; the others are planned. reports: a folder for one report per firm.
    """
    from grantstack.batch import REPORT_SUFFIX, BatchJob, discover, items_of, plan_book

    cat = as_catalogue(catalogue, "plan_many")
    if isinstance(firms, PathLike):
        sources: list[Any] = list(discover([firms]))
    elif isinstance(firms, Iterable) and not isinstance(firms, Mapping):
        sources = [f if isinstance(f, (_Firm, *PathLike)) else as_firm(f, "plan_many", "firms[...]", cat)
                   for f in firms]
    else:
        raise type_error("plan_many", "firms", "a folder or glob pattern of firm files, or a list of firm files, "
                         "Firms or dicts", firms)
    if jobs is not None and (isinstance(jobs, bool) or not isinstance(jobs, int)):
        raise type_error("plan_many", "jobs", "None (the CPUs available), 0 (this process) or a number of worker "
                         "processes", jobs)
    if report_format not in REPORT_SUFFIX:
        raise ValueError(f"grantstack.plan_many(): report_format must be one of {', '.join(REPORT_SUFFIX)}, "
                         f"not {report_format!r}.")
    folder = None
    if reports is not None:
        if not isinstance(reports, PathLike):
            raise type_error("plan_many", "reports", "None or a folder path", reports)
        folder = Path(reports)
        folder.mkdir(parents=True, exist_ok=True)
    job = BatchJob.of(cat, as_years(years, "plan_many"), as_options(options, "plan_many"), report_format)
    return plan_book(items_of(sources), job, jobs=jobs, scheduler=scheduler, reports=folder, progress=progress)
