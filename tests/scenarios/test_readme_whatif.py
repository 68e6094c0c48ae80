"""The README's what-if section stays true: its scenario file is valid and its Python example runs."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml

import grantstack.scenarios as api
from grantstack.models.scenario_file import ScenarioFile

ROOT = Path(__file__).resolve().parents[2]
SECTION = re.search(r"^## What-if scenarios\n(.*?)(?=^## )", (ROOT / "README.md").read_text(encoding="utf-8"),
                    re.S | re.M)


def test_the_scenario_example_is_a_valid_scenario_file() -> None:
    assert SECTION, "README has no section '## What-if scenarios'"
    block = re.search(r"```yaml\n(.*?)```", SECTION.group(1), re.S)
    spec = ScenarioFile.model_validate(yaml.safe_load(block.group(1)))
    assert spec.firm_changes and (ROOT / "scenarios/examples" / spec.firm).is_file()


def test_the_python_example_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    code = re.search(r"```python\n(.*?)```", SECTION.group(1), re.S).group(1)
    monkeypatch.chdir(ROOT)
    exec(compile(code, "README.md (What-if scenarios)", "exec"), {})  # noqa: S102 - the README's own example


def test_public_names_of_the_what_if_api() -> None:
    assert sorted(api.__all__) == sorted(dir(api))
    for name in api.__all__:
        assert getattr(api, name) is not None, name
    with pytest.raises(AttributeError):
        api.nothing_here  # noqa: B018
    assert os.path.isfile(ROOT / "docs/changes.md")
