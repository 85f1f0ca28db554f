"""Headless Debian Chromium through chromedriver, for real-browser tests.

Outside CI the tests skip when Chromium is not installed; in CI (CI=true) they fail instead,
so a missing browser can never pass unnoticed. Chromium runs in its own process group, which
is killed at exit even if a test crashes, so no browser is ever left behind.
"""

import atexit
import contextlib
import os
import shutil
import signal
import tempfile
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def _kill_group(process) -> None:
    if process and process.poll() is None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)


@pytest.fixture(scope="session")
def browser(live_server):
    # Depending on live_server makes the browser quit first at the end of the session, so no
    # keep-alive request thread still holds the (SQLite, shared) connection when the server stops.
    if not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)):
        message = f"{CHROMIUM} and {CHROMEDRIVER} are needed: apt install chromium chromium-driver"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ["SE_OFFLINE"] = "true"  # never let Selenium Manager go online
    home = tempfile.mkdtemp(prefix="newsroom-browser-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--no-first-run",
        "--disable-sync", "--disable-quic", "--window-size=1280,900",
        f"--user-data-dir={home}/profile",
    ):  # fmt: skip
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})  # console, CSP violations
    service = Service(
        CHROMEDRIVER,
        env={**os.environ, "HOME": home, "TMPDIR": home},
        popen_kw={"start_new_session": True},
    )
    driver = webdriver.Chrome(service=service, options=options)
    atexit.register(_kill_group, service.process)
    driver.implicitly_wait(0)
    yield driver
    driver.quit()
    _kill_group(service.process)
    shutil.rmtree(home, ignore_errors=True)


@pytest.fixture
def screenshot(browser, request):
    """Save a screenshot under test-artifacts/ (kept by CI as a test artifact)."""

    def take(name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{request.node.name}-{name}.png"
        browser.save_screenshot(str(path))
        return path

    return take
