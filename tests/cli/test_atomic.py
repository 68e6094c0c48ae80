"""Output files are written atomically: a failing renderer leaves no file and keeps an old one intact."""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO, Any

import pytest

from grantstack import reports
from grantstack.models.catalogue import Catalogue
from grantstack.optimizer.result import PlanResult
from grantstack.reports import build_report, write_atomic, write_report


def _boom(data: Any, out: IO[Any]) -> None:
    out.write(b"half a report" if "b" in getattr(out, "mode", "") else "half a report")
    raise RuntimeError("renderer failed")


@pytest.mark.parametrize("fmt", ["json", "html", "xlsx"])
def test_failed_render_leaves_no_file(
    fmt: str, result: PlanResult, tiny: Catalogue, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(reports.FORMATS, fmt, _boom)
    target = tmp_path / f"plan.{fmt}"
    with pytest.raises(RuntimeError):
        write_report(build_report(result, tiny), fmt, target)
    assert list(tmp_path.iterdir()) == []


def test_failed_render_keeps_the_old_file(
    result: PlanResult, tiny: Catalogue, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "plan.json"
    target.write_text("old", encoding="utf-8")
    monkeypatch.setitem(reports.FORMATS, "json", _boom)
    with pytest.raises(RuntimeError):
        write_report(build_report(result, tiny), "json", target)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.json"]


def test_success_replaces_and_respects_umask(tmp_path: Path) -> None:
    target = tmp_path / "x.txt"
    target.write_text("old", encoding="utf-8")
    old = os.umask(0o022)
    try:
        write_atomic(target, "new")
    finally:
        os.umask(old)
    assert target.read_text(encoding="utf-8") == "new"
    assert target.stat().st_mode & 0o777 == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["x.txt"]


def test_cli_failure_leaves_no_file(
    fake_solver: dict[str, Any], firm_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from grantstack.cli import app

    monkeypatch.setitem(reports.FORMATS, "html", _boom)
    out = tmp_path / "out" / "plan.html"
    out.parent.mkdir()
    res = CliRunner().invoke(app, ["plan", str(firm_file), "--out", str(out)])
    assert res.exit_code != 0 and isinstance(res.exception, RuntimeError)
    assert list(out.parent.iterdir()) == []
