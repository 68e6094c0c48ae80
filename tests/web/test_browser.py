"""The page end to end in Debian's Chromium (Selenium + chromedriver): open, edit, compare, download, screenshots.

Screenshots of the main views at 1280 and 600 px go to build/screenshots/ (or $GRANTSTACK_SCREENSHOTS).
"""

from __future__ import annotations

import io
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from grantstack.web.live import live_server

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
SHOTS = Path(os.environ.get("GRANTSTACK_SCREENSHOTS", ROOT / "build" / "screenshots"))

if (CHROMIUM is None or DRIVER is None) and os.environ.get("CI"):
    pytest.fail("CI must run the browser test: apt-get install -y chromium chromium-driver", pytrace=False)
pytestmark = pytest.mark.skipif(CHROMIUM is None or DRIVER is None,
                                reason="needs Debian's chromium and chromium-driver")  # fmt: skip


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with live_server("--workers", "1", "--long-workers", "1") as (base, _):
        yield base


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[object, Path]]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    downloads = tmp_path_factory.mktemp("downloads")
    opts = webdriver.ChromeOptions()
    opts.binary_location = str(CHROMIUM)
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                 "--window-size=1280,1000", f"--user-data-dir={tmp_path_factory.mktemp('profile')}"):
        opts.add_argument(flag)
    opts.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                           "download.prompt_for_download": False})  # fmt: skip
    driver = webdriver.Chrome(options=opts, service=Service(executable_path=str(DRIVER)))
    driver.set_page_load_timeout(60)
    try:
        yield driver, downloads
    finally:
        driver.quit()


def _wait(predicate, timeout: float = 30.0, what: str = "") -> object:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = predicate()
        except Exception:  # noqa: BLE001 - the element may be swapped out mid-check
            value = None
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def _total(driver) -> int:  # type: ignore[no-untyped-def]
    return int(driver.find_element("id", "total-yuan").get_attribute("data-total"))


def _shot(driver, name: str, width: int) -> Path:  # type: ignore[no-untyped-def]
    SHOTS.mkdir(parents=True, exist_ok=True)
    height = driver.execute_script("return Math.min(document.body.scrollHeight, 4000)")
    driver.set_window_size(width, max(900, int(height)))
    path = SHOTS / f"{name}-{width}.png"
    driver.save_screenshot(str(path))
    assert path.stat().st_size > 10_000
    return path


def _download(driver, downloads: Path, link: str, suffix: str) -> bytes:  # type: ignore[no-untyped-def]
    driver.find_element("id", link).click()
    done = _wait(lambda: [p for p in downloads.glob(f"*{suffix}") if p.stat().st_size > 0], 60, f"{suffix} download")
    path = done[0]  # type: ignore[index]
    time.sleep(0.3)
    data = path.read_bytes()
    path.unlink()
    return data


def test_advisor_session_end_to_end(server: str, browser: tuple[object, Path]) -> None:
    from selenium.webdriver.support.ui import Select

    driver, downloads = browser
    driver.set_window_size(1280, 1000)  # type: ignore[attr-defined]
    driver.get(server + "/")  # type: ignore[attr-defined]
    Select(driver.find_element("id", "example")).select_by_value("tongzhou_manufacturer")  # type: ignore[attr-defined]
    driver.find_element("id", "open-example").click()  # type: ignore[attr-defined]
    _wait(lambda: _total(driver) == 28_400_000, what="the example's total")
    assert "Support plan for Tongzhou precision-equipment manufacturer" in driver.page_source  # type: ignore[attr-defined]
    _wait(lambda: "Would lose" in driver.find_element("id", "whynot").text, 60, "why-not")  # type: ignore[attr-defined]
    _wait(lambda: "+3,000,000" in driver.find_element("id", "readings").text, 60, "readings")  # type: ignore[attr-defined]
    _shot(driver, "plan", 1280)
    _shot(driver, "plan", 600)
    amount = driver.find_element("css selector", "tr.app td.num")  # type: ignore[attr-defined]
    assert amount.rect["x"] + amount.rect["width"] <= 600, "the amount is off-screen at 600 px"
    driver.set_window_size(1280, 1000)  # type: ignore[attr-defined]

    driver.find_element("id", "scenario-name").send_keys("base")  # type: ignore[attr-defined]
    driver.find_element("id", "save-scenario").click()  # type: ignore[attr-defined]
    _wait(lambda: "base" in driver.find_element("id", "scenarios").text, what="scenario saved")  # type: ignore[attr-defined]

    field = driver.find_element("id", "f-projects_0_costs_investment_0")  # type: ignore[attr-defined]
    field.clear()
    field.send_keys("lots")
    _wait(lambda: "whole number" in driver.find_element("id", "err-f-projects_0_costs_investment_0").text,
          what="the message in place")  # type: ignore[attr-defined]
    assert _total(driver) == 28_400_000
    field = driver.find_element("id", "f-projects_0_costs_investment_0")  # type: ignore[attr-defined]
    field.clear()
    field.send_keys("1000000")
    _wait(lambda: _total(driver) == 26_800_000, what="the new total after a changed figure")
    assert driver.find_element("id", "err-f-projects_0_costs_investment_0").text == ""  # type: ignore[attr-defined]

    driver.find_element("id", "scenario-name").send_keys("small pilot")  # type: ignore[attr-defined]
    driver.find_element("id", "save-scenario").click()  # type: ignore[attr-defined]
    _wait(lambda: driver.find_elements("id", "compare"), what="the compare form")  # type: ignore[attr-defined]
    driver.find_element("id", "compare").click()  # type: ignore[attr-defined]
    change = _wait(lambda: driver.find_element("id", "compare-change").text, what="the comparison")  # type: ignore[attr-defined]
    assert change == "-1,600,000"
    driver.execute_script("document.getElementById('comparison').scrollIntoView()")  # type: ignore[attr-defined]
    _shot(driver, "compare", 1280)
    driver.set_window_size(1280, 1000)  # type: ignore[attr-defined]

    pdf = _download(driver, downloads, "dl-pdf", ".pdf")
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Support plan for Tongzhou precision-equipment manufacturer" in text and "26,800,000" in text
    assert "Value at stake" in text  # the downloaded report carries the readings
    xlsx = _download(driver, downloads, "dl-xlsx", ".xlsx")
    wb = load_workbook(io.BytesIO(xlsx))
    assert sum(r[7] for r in wb["Plan"].iter_rows(min_row=2, values_only=True)) == 26_800_000
