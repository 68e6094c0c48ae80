"""The command as users run it: `python -m grantstack.cli` (and the `grantstack` script when installed)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from grantstack.models.loading import load_catalogue
from tests.cli.conftest import ROOT


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """Run python -m grantstack.cli from the repository root."""
    env = {**os.environ, "COLUMNS": "200", "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "grantstack.cli", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_help() -> None:
    res = run("--help")
    assert res.returncode == 0 and "plan" in res.stdout and "catalog" in res.stdout


def test_malformed_firm_exits_2_with_one_paragraph(tmp_path: Path) -> None:
    bad = tmp_path / "broken-firm.yaml"
    bad.write_text("id: acme\ndistrict: atlantis\n", encoding="utf-8")
    res = run("plan", str(bad))
    assert res.returncode == 2
    assert "Traceback" not in res.stderr + res.stdout
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and "broken-firm.yaml" in lines[0] and "district" in lines[0]


def test_bad_option_exits_2(tmp_path: Path) -> None:
    firm = tmp_path / "firm.yaml"
    firm.write_text("id: f\ndistrict: tongzhou\n", encoding="utf-8")
    res = run("plan", str(firm), "--option", "money_unit=lots")
    assert res.returncode == 2 and "money_unit" in res.stderr and "Traceback" not in res.stderr


def test_catalog_list_on_bundled_catalogue() -> None:
    res = run("catalog", "list")
    assert res.returncode == 0
    for m in load_catalogue().measures[:5]:
        assert m.id in res.stdout


SCRIPT = shutil.which("grantstack", path=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")


@pytest.mark.skipif(SCRIPT is None, reason="grantstack script not installed (make venv)")
def test_installed_script() -> None:
    assert SCRIPT is not None
    res = subprocess.run([SCRIPT, "catalog", "list", "--json"], capture_output=True, text=True, timeout=120)
    assert res.returncode == 0 and res.stdout.lstrip().startswith("[")
