"""WCAG 2.2 AA in a real Chromium: axe-core in every state at 1280 and 375 px (and a
screenshot of each), reflow at 320 px and at 200% zoom, text spacing, the live
region and the labelled input, and a keyboard-only run with the focus always
visible and never hidden."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from chatbot import Chatbot
from chatbot.web.render import quote_link
from tests.web.browser import full_screenshot, run_axe, set_width
from tests.web.driving import ask, turns, wait_for_turns

pytestmark = pytest.mark.browser

TIRED = "can needles help my tiredness"


def _questions(*questions: str) -> Callable[[Any, str, Chatbot], None]:
    def drive(driver: Any, url: str, bot: Chatbot) -> None:
        driver.get(url + "/")
        for question in questions:
            ask(driver, question)

    return drive


def _more_open(driver: Any, url: str, bot: Chatbot) -> None:
    _questions(TIRED)(driver, url, bot)
    driver.find_element(By.CSS_SELECTOR, "details.more summary").click()


def _empty_question(driver: Any, url: str, bot: Chatbot | None) -> None:
    driver.get(url + "/")
    driver.find_element(By.ID, "question").send_keys(Keys.ENTER)
    # Enter posts the form: until the new page is in, the old one's nodes may be gone
    # (a stale element, or Chromium's "node does not belong to the document").
    WebDriverWait(driver, 10, ignored_exceptions=(StaleElementReferenceException,
                                                   WebDriverException)).until(
        lambda d: d.execute_script("return document.readyState") == "complete"
        and d.find_element(By.ID, "question-error").is_displayed())


def _sources(driver: Any, url: str, bot: Chatbot) -> None:
    driver.get(url + "/sources")


def _document(driver: Any, url: str, bot: Chatbot) -> None:
    driver.get(url + quote_link(bot.ask(TIRED).passages[0]))


STATES: dict[str, Callable[[Any, str, Chatbot], None]] = {
    "welcome": _questions(),
    "answered": _questions(TIRED),
    "more-passages": _more_open,
    "safety-net": _questions("i have hives, is acupuncture safe?"),
    "urgent": _questions("my face is drooping on one side and it started suddenly"),
    "no-match": _questions("can acupuncture cure diabetes?"),
    "follow-up": _questions("can acupuncture help my bladder?", "how many people were in it?"),
    "sos": _questions("SOS"),
    "empty-question": _empty_question,
    "sources": _sources,
    "document": _document,
}


def _summary(violations: list[dict[str, Any]]) -> str:
    return "; ".join(
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(str(node.get("target")) for node in v["nodes"][:3])
        for v in violations
    )


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("state", list(STATES))
def test_axe_finds_nothing_in_each_state(any_browser, live, bot, screenshots, state, width,
                                         request):
    """No violation at all of the WCAG 2.2 A/AA rules and axe's best practices (the
    target is none serious or critical; we hold the page to none of any impact), with
    the page's script on and off."""
    mode = request.node.callspec.params["any_browser"]
    set_width(any_browser, width)
    STATES[state](any_browser, live.url, bot)
    full_screenshot(any_browser, screenshots / f"{state}-{width}-{mode}.png", width)
    violations = run_axe(any_browser)
    assert violations == [], _summary(violations)


def test_axe_would_see_a_violation(browser, live):
    """The check can fail: an unlabelled box and grey-on-grey text are found."""
    browser.get(live.url + "/")
    browser.execute_script(
        "const i = document.createElement('input'); document.querySelector('main').append(i);"
        "const p = document.createElement('p'); p.textContent = 'faint';"
        "p.style.color = '#bbb'; p.style.background = '#ccc';"
        "document.querySelector('main').append(p);")
    found = {violation["id"]: violation["impact"] for violation in run_axe(browser)}
    assert found.get("label") == "critical"
    assert found.get("color-contrast") == "serious"


def test_an_empty_question_is_an_error_beside_the_box(any_browser, live):
    _empty_question(any_browser, live.url, None)
    error = any_browser.find_element(By.ID, "question-error")
    box = any_browser.find_element(By.ID, "question")
    assert error.is_displayed() and error.text == "Please type a question."
    assert box.get_attribute("aria-invalid") == "true"
    assert "question-error" in box.get_attribute("aria-describedby").split()
    assert turns(any_browser) == []


def _overflow(driver: Any) -> int:
    """How far the page is wider than the window (0 = no sideways scrolling)."""
    return driver.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth")


@pytest.mark.parametrize(("width", "scale"), [(320, 1), (640, 2)])
@pytest.mark.parametrize("state", ["answered", "urgent", "no-match", "document", "sources"])
def test_text_reflows_without_sideways_scrolling(browser, live, bot, state, width, scale):
    """320 CSS px (WCAG 1.4.10), and 1280 px at 200% zoom (640 CSS px, scale 2)."""
    set_width(browser, width, 900, scale)
    STATES[state](browser, live.url, bot)
    assert _overflow(browser) <= 0


TEXT_SPACING = """
const style = document.createElement('style');
style.textContent = '* { line-height: 1.5 !important; letter-spacing: 0.12em !important;'
  + ' word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }';
document.head.appendChild(style);
"""


def test_text_spacing_loses_nothing(browser, live, bot):
    """WCAG 1.4.12: with the larger spacing, nothing overflows its box at 375 px."""
    set_width(browser, 375)
    STATES["answered"](browser, live.url, bot)
    browser.execute_script(TEXT_SPACING)
    assert _overflow(browser) <= 0
    clipped = browser.execute_script(
        "return [...document.querySelectorAll('button, .you, blockquote, .source')]"
        ".filter(e => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)"
        ".map(e => e.outerHTML.slice(0, 80))")
    assert clipped == []


def test_the_conversation_is_a_log_and_the_input_is_labelled(browser, live):
    browser.get(live.url + "/")
    log = browser.find_element(By.ID, "log")
    assert log.get_attribute("role") == "log"
    assert log.get_attribute("aria-labelledby")
    box = browser.find_element(By.ID, "question")
    label = browser.find_element(By.CSS_SELECTOR, "label[for=question]")
    assert label.text == "Your question"
    assert box.get_attribute("aria-describedby") == "question-hint"
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"


FOCUS_STATE = """
const e = document.activeElement;
const s = getComputedStyle(e);
const r = e.getBoundingClientRect();
const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
const y = Math.min(Math.max(r.top + Math.min(r.height / 2, 10), 0), innerHeight - 1);
const top = document.elementFromPoint(x, y);
return {tag: e.tagName, id: e.id, text: (e.innerText || e.value || '').slice(0, 60),
        outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
        inView: r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth,
        onTop: top !== null && (top === e || e.contains(top) || top.contains(e))};
"""


def _tab(driver: Any, shift: bool = False) -> dict[str, Any]:
    keys = (Keys.SHIFT + Keys.TAB) if shift else Keys.TAB
    driver.switch_to.active_element.send_keys(keys)
    return driver.execute_script(FOCUS_STATE)


def _assert_visible(state: dict[str, Any]) -> None:
    assert state["outline"], f"no visible focus ring on {state}"
    assert state["inView"] and state["onTop"], f"focus hidden or covered: {state}"


def test_keyboard_only_run(any_browser, live, bot):
    """Skip link, type, Enter, read the answer's links and "More", SOS, all by keys,
    with every focus stop visible, in view and not covered."""
    driver = any_browser
    driver.get(live.url + "/")
    first = _tab(driver)
    assert first["text"] == "Skip to the question box"
    _assert_visible(first)
    driver.switch_to.active_element.send_keys(Keys.ENTER)
    state = _tab(driver)
    assert state["id"] == "question"
    _assert_visible(state)
    driver.switch_to.active_element.send_keys(TIRED, Keys.ENTER)
    turn = wait_for_turns(driver, 1)
    active = driver.execute_script(FOCUS_STATE)
    # With the script the focus stays in the box below the answer (Shift+Tab goes
    # up into it); without, the page opens at the answer (Tab goes down through it).
    backwards = active["id"] == "question"
    seen = []
    for _ in range(40):
        state = _tab(driver, shift=backwards)
        _assert_visible(state)
        seen.append(state["text"])
        if any(text.startswith("More from the sources") for text in seen) and any(
                text.startswith("See the quote in the whole source") for text in seen):
            break
    for _ in range(10):  # back to "More from the sources"
        if state["text"].startswith("More from the sources"):
            break
        state = _tab(driver, shift=not backwards)
    assert state["tag"] == "SUMMARY", seen
    driver.switch_to.active_element.send_keys(Keys.ENTER)
    assert turn.find_element(By.CSS_SELECTOR, "details.more").get_attribute("open")
    quotes = turn.find_elements(By.CSS_SELECTOR, "blockquote")
    assert all(quote.is_displayed() for quote in quotes)
    # Back to the box and ask again; with the script on, focus never left it.
    for _ in range(60):
        if _tab(driver, shift=False)["id"] == "question":
            break
    driver.switch_to.active_element.send_keys("is acupuncture safe?", Keys.ENTER)
    wait_for_turns(driver, 2)
    WebDriverWait(driver, 5).until(lambda d: len(turns(d)) == 2)


def test_sos_by_keyboard_from_the_top(any_browser, live, bot):
    driver = any_browser
    driver.get(live.url + "/")
    for _ in range(5):
        state = _tab(driver)
        if state["text"].startswith("SOS"):
            break
    _assert_visible(state)
    driver.switch_to.active_element.send_keys(Keys.ENTER)
    turn = wait_for_turns(driver, 1)
    assert turn.find_element(By.CSS_SELECTOR, ".urgent").is_displayed()
