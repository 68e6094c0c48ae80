"""--out and --format must agree: an unknown suffix or a mismatch is refused (exit 2) and nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from grantstack.cli import app
from grantstack.models.loading import InputError
from grantstack.reports import SUFFIXES, format_for

runner = CliRunner()


@pytest.mark.parametrize(
    ("fmt", "out", "needle"),
    [
        ("json", "plan.xlsx", "--format json does not match --out"),
        ("table", "plan.pdf", "--format table does not match --out"),
        (None, "plan.docx", "the suffix '.docx' names no report format"),
        (None, "plan", "a file name without a suffix"),
        ("csv", "plan.txt", "--format csv does not match"),
    ],
)
def test_mismatch_or_unknown_suffix_exits_2(
    fmt: str | None, out: str, needle: str, firm_file: Path, tmp_path: Path, fake_solver: dict
) -> None:
    target = tmp_path / out
    args = ["plan", str(firm_file), "--out", str(target)] + (["--format", fmt] if fmt else [])
    res = runner.invoke(app, args)
    assert res.exit_code == 2 and needle in res.stderr and "\n" not in res.stderr.strip()
    assert not target.exists() and fake_solver["calls"] == []  # refused before solving


def test_every_suffix_maps_to_its_format() -> None:
    for suffix, fmt in SUFFIXES.items():
        assert format_for(None, f"x{suffix}") == fmt == format_for(fmt, f"x{suffix.upper()}")
    assert format_for(None, None) == "table" and format_for("json", None) == "json"
    with pytest.raises(InputError):
        format_for("xlsx", "x.json")
