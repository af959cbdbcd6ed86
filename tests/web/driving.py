"""Using the page as a person does: type, press Enter, wait for the answer."""

from __future__ import annotations

from typing import Any

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

TURNS = "#log article.turn"


def turns(driver: Any) -> list[Any]:
    return driver.find_elements(By.CSS_SELECTOR, TURNS)


def wait_for_turns(driver: Any, count: int) -> Any:
    """The newest turn once there are `count` (after a reload or a script's insert)."""
    WebDriverWait(driver, 15).until(
        lambda d: d.execute_script("return document.readyState") == "complete"
        and len(turns(d)) == count
    )
    return turns(driver)[-1]


def ask(driver: Any, question: str) -> Any:
    """Type `question` in the box and press Enter; returns the new turn's element."""
    before = len(turns(driver))
    box = driver.find_element(By.ID, "question")
    box.clear()
    box.send_keys(question)
    box.send_keys(Keys.ENTER)
    return wait_for_turns(driver, before + 1)


def press(driver: Any, button: Any) -> Any:
    """Click a button that asks (an example, SOS); returns the new turn."""
    before = len(turns(driver))
    button.click()
    return wait_for_turns(driver, before + 1)


def text_of(element: Any) -> str:
    """The element's text exactly as in the DOM (not as laid out)."""
    return element.get_property("textContent")


def squashed(text: str) -> str:
    return " ".join(text.split())
