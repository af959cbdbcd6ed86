"""Fixtures for the web tests: the app on the real bot, a live server, Chromium."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from chatbot import Chatbot
from chatbot.web import create_app
from chatbot.web.settings import WebSettings
from tests.web.browser import LiveServer, browser_available, chrome, quit_chrome

ROOMY = WebSettings(rate_burst=1_000_000, rate_per_minute=1_000_000)
"""The tests ask hundreds of questions from one address; the limit has its own tests."""


@pytest.fixture(scope="session")
def app(bot: Chatbot):
    return create_app(bot, ROOMY)


@pytest.fixture()
def client(app) -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def live(app) -> Iterator[LiveServer]:
    with LiveServer(app) as server:
        yield server


def _need_browser() -> None:
    if browser_available():
        return
    message = "Chromium and chromedriver are needed (apt-get install chromium chromium-driver)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def downloads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="session")
def _chrome_js(downloads: Path) -> Iterator[Any]:
    _need_browser()
    driver = chrome(downloads, javascript=True)
    yield driver
    quit_chrome(driver)


@pytest.fixture(scope="session")
def _chrome_plain(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    _need_browser()
    driver = chrome(tmp_path_factory.mktemp("downloads-plain"), javascript=False)
    yield driver
    quit_chrome(driver)


@pytest.fixture()
def browser(_chrome_js) -> Any:
    """Chromium with scripts on, at 1280 px, on a fresh start page of the live server."""
    return _reset(_chrome_js)


@pytest.fixture(params=["script", "no-script"])
def any_browser(request: pytest.FixtureRequest) -> Any:
    """The same test with the page's script on, then off (the form posts)."""
    name = "_chrome_js" if request.param == "script" else "_chrome_plain"
    return _reset(request.getfixturevalue(name))


def _reset(driver: Any) -> Any:
    from tests.web.browser import set_width

    handles = driver.window_handles
    for handle in handles[1:]:
        driver.switch_to.window(handle)
        driver.close()
    driver.switch_to.window(handles[0])
    set_width(driver, 1280)
    driver.get_log("performance")
    return driver


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the state tests save their screenshots ($WEB_SCREENSHOTS, or a temp dir)."""
    target = os.environ.get("WEB_SCREENSHOTS")
    return Path(target) if target else tmp_path_factory.mktemp("screenshots")
