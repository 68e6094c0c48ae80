"""grantstack --version and -h (every command), python -m entry points, and Typer's shell completion."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

import grantstack
from grantstack.cli import app
from tests.cli.conftest import ROOT

PYPROJECT_VERSION = re.search(r'^version = "([^"]+)"', (ROOT / "pyproject.toml").read_text(), re.M).group(1)  # type: ignore[union-attr]


def _commands(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Every command of the click tree Typer builds, with its path (the root is ())."""
    yield path, command
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        yield from _commands(sub, (*path, name))


COMMANDS = list(_commands(typer.main.get_command(app)))


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version(flag: str) -> None:
    res = CliRunner().invoke(app, [flag])
    assert res.exit_code == 0 and res.stdout == f"grantstack {grantstack.__version__}\n"
    assert grantstack.__version__ == PYPROJECT_VERSION, "the installed metadata is pyproject's version"


def test_every_command_is_reached() -> None:
    paths = {" ".join(p) for p, _ in COMMANDS}
    assert {"", "plan", "plan-many", "plan-group", "check", "explain", "options", "compare", "sensitivity", "sweep",
            "serve", "catalog", "catalog list", "catalog schema"} <= paths, paths
    assert len(paths) >= 16


@pytest.mark.parametrize("flag", ["-h", "--help"])
@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[" ".join(p) or "grantstack" for p, _ in COMMANDS])
def test_every_command_has_short_and_long_help_listing_its_options(flag: str, path: tuple[str, ...],
                                                                   command: Any) -> None:
    res = CliRunner().invoke(app, [*path, flag], prog_name="grantstack", env={"COLUMNS": "80"})
    assert res.exit_code == 0, res.output
    assert res.stdout.startswith(f"Usage: {' '.join(('grantstack', *path))} "), res.stdout[:120]
    assert max(len(line) for line in res.stdout.splitlines()) <= 80, "help fits an 80-column terminal"
    for param in command.params:
        if param.param_type_name == "option" and not getattr(param, "hidden", False):
            long = next(o for o in param.opts if o.startswith("--"))
            assert re.search(rf"(?<![\w-]){re.escape(long)}(?![\w-])", res.stdout), f"{long} not in the help"
    assert "-h, --help" in res.stdout


def test_python_dash_m_runs_the_command() -> None:
    for module in ("grantstack", "grantstack.cli"):
        out = subprocess.run([sys.executable, "-m", module, "--version"], capture_output=True, text=True, timeout=120)
        assert out.returncode == 0 and out.stdout == f"grantstack {grantstack.__version__}\n", (module, out.stderr)


def _complete(words: str) -> list[str]:
    """What bash gets for the last word of the line (empty after a trailing space)."""
    env = {"_GRANTSTACK_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(len(words.split(" ")) - 1)}
    res = CliRunner().invoke(app, [], env=env, prog_name="grantstack")
    assert res.exit_code == 0, res.output
    return res.stdout.split()


@pytest.mark.parametrize(("words", "expected"), [
    ("grantstack pla", ["plan", "plan-many", "plan-group"]),
    ("grantstack catalog ", ["list", "show", "validate", "schema"]),
    ("grantstack plan-many --rep", ["--reports", "--report-format", "--replace-catalog"]),
    ("grantstack plan-many clients --report-format ", ["html", "json", "md", "csv", "xlsx", "txt"]),
    ("grantstack plan-many clients -f ", ["table", "csv", "json"]),
    ("grantstack plan --format x", ["xlsx"]),
])
def test_completion_of_commands_options_and_choices(words: str, expected: list[str]) -> None:
    assert _complete(words) == expected


def test_completion_scripts_for_each_shell() -> None:
    env = {**os.environ, "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}
    marks = {"bash": "complete -o default -F _grantstack_completion grantstack", "zsh": "#compdef grantstack",
             "fish": "complete --command grantstack", "powershell": "Register-ArgumentCompleter"}
    for shell, mark in marks.items():
        out = subprocess.run([sys.executable, "-m", "grantstack", "--show-completion", shell], env=env,
                             capture_output=True, text=True, timeout=120)
        assert out.returncode == 0 and mark in out.stdout and "_GRANTSTACK_COMPLETE" in out.stdout, (shell, out)
    assert "--install-completion" in CliRunner().invoke(app, ["-h"]).stdout


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_installed_bash_completion_completes_in_bash(tmp_path: Path) -> None:
    """--install-completion writes the script and sources it from ~/.bashrc; bash then completes through it."""
    script = Path(sys.executable).with_name("grantstack")
    assert script.exists(), "the console script is installed beside the interpreter"
    env = {**os.environ, "HOME": str(tmp_path), "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1",
           "PATH": f"{script.parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    out = subprocess.run([str(script), "--install-completion", "bash"], env=env, capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0 and "bash completion installed" in out.stdout, out.stderr
    installed = tmp_path / ".bash_completions" / "grantstack.sh"
    assert f"source '{installed}'" in (tmp_path / ".bashrc").read_text()
    probe = ('source ~/.bashrc; COMP_WORDS=(grantstack plan-many --rep); COMP_CWORD=2; '
             '_grantstack_completion grantstack; echo "${COMPREPLY[@]}"')
    done = subprocess.run(["bash", "--norc", "-c", probe], env=env, capture_output=True, text=True, timeout=120)
    assert done.stdout.split() == ["--reports", "--report-format", "--replace-catalog"], done.stderr
