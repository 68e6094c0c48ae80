"""The README stays accurate: options table, quick start, firm example, CLI reference, Makefile, CI script."""

from __future__ import annotations

import os
import re

import pytest
import yaml
from typer.testing import CliRunner

from grantstack.cli import app
from grantstack.models.firm import Firm
from grantstack.models.options import INTERPRETATION_DOCS
from grantstack.options_doc import interpretation_markdown, planning_markdown
from tests.cli.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    m = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", README, re.S | re.M)
    assert m, f"README has no section '## {title}'"
    return m.group(1)


def test_readme_lists_every_interpretation_option() -> None:
    section = _section("Interpretation options")
    for name in INTERPRETATION_DOCS:
        assert f"`{name}`" in section, f"README does not document interpretation option {name}"
    assert interpretation_markdown() in section, "regenerate the table: python -m grantstack.options_doc"
    assert planning_markdown() in section, "regenerate the table: python -m grantstack.options_doc"


def test_quick_start_is_exactly_two_python_commands() -> None:
    blocks = re.findall(r"```sh\n(.*?)```", _section("Quick start"), re.S)
    assert blocks[0].split("\n")[:-1] == ["python3 dev.py example", "python3 dev.py test"]


def test_dev_script_and_makefile_offer_the_documented_commands() -> None:
    dev = (ROOT / "dev.py").read_text(encoding="utf-8")
    assert "scenarios/firms/tongzhou_manufacturer.yaml" in dev
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("venv", "example", "test", "bench-smoke"):
        assert re.search(rf"^{re.escape(target)}:\n\t\$\(PYTHON\) dev.py {target}$", text, re.M), target


def test_ci_script_runs_the_readme_test_command() -> None:
    ci = ROOT / ".ci" / "run"
    text = ci.read_text(encoding="utf-8")
    assert os.access(ci, os.X_OK)
    assert text.startswith("#!/usr/bin/env bash") and "set -euo pipefail" in text
    assert re.search(r"^python3 dev.py test$", text, re.M)


def test_readme_firm_example_is_a_valid_firm() -> None:
    block = re.search(r"```yaml\n(.*?)```", _section("Writing a firm file"), re.S)
    assert block
    firm = Firm.model_validate(yaml.safe_load(block.group(1)))
    assert firm.projects and firm.events


def _commands(section: str) -> list[str]:
    """Each `grantstack ...` line of the section's code block, with its indented continuation lines."""
    out: list[str] = []
    for ln in section.splitlines():
        if ln.startswith("grantstack "):
            out.append(ln)
        elif out and ln.startswith(" ") and ln.strip().startswith("["):
            out[-1] += " " + ln.strip()
    return out


@pytest.mark.parametrize("line", _commands(_section("CLI reference")))
def test_cli_reference_commands_exist(line: str) -> None:
    words = [w for w in line.split()[1:] if re.fullmatch(r"[a-z][a-z-]*", w)][:2]
    command = words[:1] if words[0] != "catalog" else words
    res = CliRunner().invoke(app, [*command, "--help"])
    assert res.exit_code == 0, (command, res.output)
    for flag in re.findall(r"--[a-z-]+", line):
        assert flag in res.output, (command, flag)
