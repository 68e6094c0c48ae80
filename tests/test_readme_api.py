"""The README's "Python API" examples run as doctests, and its "Planning many firms" commands as written."""

from __future__ import annotations

import csv
import doctest
import os
import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from grantstack.cli import app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    m = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", README, re.S | re.M)
    assert m, f"README has no section '## {title}'"
    return m.group(1)


def test_python_api_section_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    blocks = re.findall(r"```python\n(.*?)```", _section("Python API"), re.S)
    assert len(blocks) >= 4
    test = doctest.DocTestParser().get_doctest("\n".join(blocks), {}, "README.md#python-api", "README.md", 0)
    assert len(test.examples) >= 15
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f"{result.failed} of {result.attempted} README examples failed (output above)"


def test_python_api_section_names_every_public_name() -> None:
    import grantstack

    listed = _section("Python API").split("`grantstack.__all__` lists the public names:", 1)[1].split(". ", 1)[0]
    assert sorted(re.findall(r"`(\w+)`", listed)) == sorted(grantstack.__all__)


def test_planning_many_firms_commands_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "scenarios").symlink_to(ROOT / "scenarios")
    monkeypatch.chdir(tmp_path)
    (block,) = re.findall(r"```sh\n(.*?)```", _section("Planning many firms"), re.S)
    lines = [shlex.split(line) for line in block.splitlines() if line.strip()]
    assert [words[:2] for words in lines] == [["grantstack", "plan-many"]] * 2
    os.makedirs("out", exist_ok=True)
    first = CliRunner().invoke(app, lines[0][1:])
    assert first.exit_code == 0, first.output
    rows = list(csv.DictReader(open("out/book.csv", encoding="utf-8")))
    firms = sorted((ROOT / "scenarios" / "firms").glob("*.yaml"))
    assert [r["name"] for r in rows] == [f.stem for f in firms] and {r["status"] for r in rows} == {"OPTIMAL"}
    assert sorted(p.stem for p in Path("out/reports").iterdir()) == [f.stem for f in firms]
    assert Path("out/book.xlsx").stat().st_size > 0
    second = CliRunner().invoke(app, lines[1][1:])
    assert second.exit_code == 0 and '"kind": "grantstack.plan-many"' in second.stdout
