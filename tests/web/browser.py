"""Driving Debian's headless Chromium through Selenium, and axe-core inside it.

axe-core is vendored (tests/web/vendor/axe.min.js, from the npm package, MPL-2.0)
and injected into the page under test; nothing is fetched from the network.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import uvicorn

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMEDRIVER = Path(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
VENDOR = Path(__file__).with_name("vendor")
AXE = VENDOR / "axe.min.js"
AXE_VERSION = "4.14.1"
AXE_SHA256 = "29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
"""WCAG 2.0-2.2 A and AA, and axe's best practices (landmarks, headings...)."""

LAUNCH_FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
    "--disable-dev-shm-usage", "--hide-scrollbars", "--font-render-hinting=none",
]


def browser_available() -> bool:
    return CHROMIUM.exists() and CHROMEDRIVER.exists()


def axe_source() -> str:
    data = AXE.read_bytes()
    if hashlib.sha256(data).hexdigest() != AXE_SHA256:
        raise RuntimeError(f"{AXE} is not axe-core {AXE_VERSION} as vendored")
    return data.decode("utf-8")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LiveServer:
    """uvicorn serving `app` on a free loopback port, in a thread of this process."""

    def __init__(self, app: Any) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning",
                                access_log=False, lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def chrome(downloads: Path, javascript: bool = True):
    """A fresh headless Chromium (own profile) at 1280 x 900; page scripts off when
    `javascript` is False (Selenium's own scripts still run, through DevTools)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    profile = tempfile.mkdtemp(prefix="chatbot-chromium-")
    for flag in [*LAUNCH_FLAGS, f"--user-data-dir={profile}", "--window-size=1280,900"]:
        options.add_argument(flag)
    options.add_experimental_option("prefs", {
        "download.default_directory": str(downloads),
        "download.prompt_for_download": False,
    })
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.execute_cdp_cmd("Browser.setDownloadBehavior",
                           {"behavior": "allow", "downloadPath": str(downloads)})
    driver.set_script_timeout(30)
    driver.no_script = not javascript  # type: ignore[attr-defined]
    if not javascript:
        driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    driver.profile_dir = profile  # type: ignore[attr-defined]
    return driver


@contextlib.contextmanager
def scripts_on(driver: Any) -> Iterator[None]:
    """Timers and promises (axe's, a frame wait) for a moment on a page loaded with
    scripts off; the page's own script, skipped at load, stays unrun."""
    off = getattr(driver, "no_script", False)
    if off:
        driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
    try:
        yield
    finally:
        if off:
            driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})


def quit_chrome(driver: Any) -> None:
    driver.quit()
    shutil.rmtree(getattr(driver, "profile_dir", ""), ignore_errors=True)


def set_width(driver: Any, width: int, height: int = 900, scale: float = 1) -> None:
    """The viewport in CSS pixels; `scale` 2 at half the width is 200% browser zoom."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": scale, "mobile": width < 600,
    })


def run_axe(driver: Any) -> list[dict[str, Any]]:
    """axe-core's violations on the current page, for the WCAG 2.2 AA tags."""
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    with scripts_on(driver):
        if not driver.execute_script("return typeof window.axe === 'object'"):
            driver.execute_script(axe_source())
        result = driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, arguments[0]).then(r => done(JSON.stringify(r.violations)),"
            " e => done(JSON.stringify([{id: 'axe-error', impact: 'critical', help: String(e),"
            " nodes: []}])));",
            options,
        )
    return json.loads(result)


def _settle(driver: Any) -> None:
    """Two animation frames: the layout and paint after a resize are done."""
    with scripts_on(driver):
        driver.execute_async_script(
            "const done = arguments[0];"
            "requestAnimationFrame(() => requestAnimationFrame(() => done(true)));")


def full_screenshot(driver: Any, path: Path, width: int) -> None:
    """The whole page at `width` CSS pixels as a PNG (not only the viewport)."""
    set_width(driver, width)
    _settle(driver)
    height = int(driver.execute_script(
        "return Math.ceil(document.documentElement.scrollHeight)"))
    set_width(driver, width, min(height, 12000))
    _settle(driver)
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": width, "height": min(height, 12000), "scale": 1},
    })
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(base64.b64decode(shot["data"]))
    set_width(driver, width)
    _settle(driver)


def requested_urls(driver: Any) -> list[str]:
    """Every URL the browser asked for since the last call (DevTools' network log)."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls
