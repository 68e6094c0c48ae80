"""The HTML report renders in headless Chromium with every plan row and the SVG chart."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from grantstack.models.catalogue import Catalogue
from grantstack.optimizer.result import PlanResult
from grantstack.reports import build_report, write_report
from tests.cli.conftest import APPLICATIONS

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)


@pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (Debian: apt-get install -y chromium)")
def test_html_renders_in_headless_chromium(result: PlanResult, tiny: Catalogue, tmp_path: Path) -> None:
    page = tmp_path / "plan.html"
    write_report(build_report(result, tiny), "html", page)
    assert CHROMIUM is not None
    cmd = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", page.as_uri(),
    ]  # fmt: skip
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr[-2000:]
    dom = res.stdout
    assert dom.count('<tr class="app"') == len(APPLICATIONS)
    for a in APPLICATIONS:
        assert f'data-measure="{a.measure}"' in dom
    assert '<svg class="chart"' in dom and '<rect class="bar municipal"' in dom
    assert '<svg class="timeline"' in dom and dom.count("<rect class=\"event ") == len(APPLICATIONS)
