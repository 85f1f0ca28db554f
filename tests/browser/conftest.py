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
import threading
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def _kill_group(process) -> None:
    if process and process.poll() is None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)


def _one_request_at_a_time(live_server) -> None:
    """On SQLite the live server's threads share the test database's one in-memory connection,
    which sqlite3 cannot use from two threads at once: a page's concurrent requests (the tag
    suggestions typed while an autosave runs) then failed with "bad parameter or other API
    misuse". A deployed site has a connection per thread; here the requests take turns."""
    from django.db import connection

    if connection.vendor != "sqlite":
        return
    server = live_server.thread.httpd
    application, turn = server.get_app(), threading.Lock()

    def in_turn(environ, start_response):
        with turn:  # the whole response, and its close (request_finished), in the turn
            response = application(environ, start_response)
            try:
                return [b"".join(response)]
            finally:
                if hasattr(response, "close"):
                    response.close()

    server.set_app(in_turn)


@pytest.fixture(scope="session")
def browser(live_server):
    # Depending on live_server makes the browser quit first at the end of the session, so no
    # keep-alive request thread still holds the (SQLite, shared) connection when the server stops.
    _one_request_at_a_time(live_server)
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


@pytest.fixture(autouse=True)
def leave_the_page_quietly(request):
    """After a test, leave its page without the requests a page sends as it goes.

    The browser lives for the whole session, so the article form's leaving beacons (autosave,
    "I stopped editing") and any poll would otherwise reach the live server during the next
    test, or while its database is being flushed, with the previous test's ids.
    """
    yield
    if "browser" not in request.fixturenames:
        return
    driver = request.getfixturevalue("browser")
    with contextlib.suppress(Exception):  # a test that broke the session still tears down
        driver.execute_script(
            "window.onbeforeunload = null;"
            "navigator.sendBeacon = () => true;"
            # The article form asks before leaving unsaved changes unless it is submitting.
            "document.querySelectorAll('form').forEach((form) =>"
            " form.dispatchEvent(new Event('submit', {cancelable: true})));"
            "for (let id = setTimeout(() => {}, 0); id > 0; id--) {"
            " clearTimeout(id); clearInterval(id); }"
        )
        driver.get("about:blank")
    with contextlib.suppress(Exception):
        reset_browser(driver)


def reset_browser(driver) -> None:
    """Undo what a test may have changed in the shared browser: CDP emulation (viewport,
    media, scripts off) outlives the page and would make the next test's `set_window_size`
    do nothing; extra tabs are closed and the window gets its usual size back."""
    for handle in driver.window_handles[1:]:
        driver.switch_to.window(handle)
        driver.close()
    driver.switch_to.window(driver.window_handles[0])
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "", "features": []})
    driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
    driver.set_window_size(1280, 900)
