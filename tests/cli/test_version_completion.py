"""grantstack --version and -h, python -m entry points, and Typer's shell completion."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

import grantstack
from grantstack.cli import app


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version(flag: str) -> None:
    res = CliRunner().invoke(app, [flag])
    assert res.exit_code == 0 and res.stdout == f"grantstack {grantstack.__version__}\n"
    assert grantstack.__version__ == "0.1.0"


@pytest.mark.parametrize("args", [["-h"], ["--help"], ["plan-many", "-h"], ["plan", "-h"], ["catalog", "list", "-h"]])
def test_short_and_long_help(args: list[str]) -> None:
    res = CliRunner().invoke(app, args)
    assert res.exit_code == 0 and "Usage:" in res.stdout


def test_python_dash_m_runs_the_command() -> None:
    for module in ("grantstack", "grantstack.cli"):
        out = subprocess.run([sys.executable, "-m", module, "--version"], capture_output=True, text=True, timeout=120)
        assert out.returncode == 0 and out.stdout == f"grantstack {grantstack.__version__}\n", (module, out.stderr)


def test_completion_can_be_installed_and_completes_commands() -> None:
    res = CliRunner().invoke(app, ["--show-completion", "bash"], prog_name="grantstack")
    assert res.exit_code == 0 and "_GRANTSTACK_COMPLETE=complete_bash" in res.stdout
    assert "--install-completion" in CliRunner().invoke(app, ["-h"]).stdout
    env = {**os.environ, "_GRANTSTACK_COMPLETE": "complete_bash", "COMP_WORDS": "grantstack pla", "COMP_CWORD": "1"}
    out = subprocess.run([sys.executable, "-m", "grantstack"], env=env, capture_output=True, text=True, timeout=120)
    assert out.stdout.split() == ["plan", "plan-many", "plan-group"], out.stderr
