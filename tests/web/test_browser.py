"""The page in a real headless Chromium, with its script on and off: a question shows
the verbatim quote, its source and caveats; urgent replies; follow-ups; SOS; the
sources view; the export download; nothing from another host; no cookies."""

from __future__ import annotations

import time
from urllib.parse import urlsplit

import pytest
from selenium.webdriver.common.by import By

from chatbot.export import conversation_markdown
from chatbot.render_text import source_line
from chatbot.web.render import quote_link
from tests.web.browser import requested_urls
from tests.web.driving import ask, press, squashed, text_of, turns

pytestmark = pytest.mark.browser

TIRED = "can needles help my tiredness"
URGENT = "my face is drooping on one side and it started suddenly"


def test_a_question_shows_the_verbatim_quote_its_source_and_caveats(any_browser, live, bot):
    any_browser.get(live.url + "/")
    turn = ask(any_browser, TIRED)
    answer = bot.ask(TIRED)
    first = answer.passages[0]
    quotes = turn.find_elements(By.CSS_SELECTOR, "blockquote.quote")
    assert text_of(quotes[0]).strip() == first.quote.strip()
    source = turn.find_element(By.CSS_SELECTOR, "p.source")
    assert source_line(first) in squashed(text_of(source))
    caveats = [text_of(li) for li in turn.find_elements(By.CSS_SELECTOR, ".part-caveats li")]
    for caveat in first.caveats:
        assert caveat in caveats
    # The other passages are one keypress away, each with its own quote verbatim.
    assert len(quotes) == len(answer.passages)
    for element, passage in zip(quotes[1:], answer.passages[1:], strict=True):
        assert text_of(element).strip() == passage.quote.strip()
    assert squashed(text_of(turn.find_element(By.CSS_SELECTOR, "h3.you"))) == f"You: {TIRED}"


def test_an_urgent_message_gets_the_fixed_reply_and_no_quote(any_browser, live, bot):
    any_browser.get(live.url + "/")
    turn = ask(any_browser, URGENT)
    answer = bot.ask(URGENT)
    assert answer.status == "urgent"
    box = turn.find_element(By.CSS_SELECTOR, ".urgent")
    assert squashed(text_of(box)) == squashed(answer.message)
    assert box.is_displayed()
    assert turn.find_elements(By.CSS_SELECTOR, "blockquote") == []


def test_a_safety_net_comes_before_the_answer(any_browser, live, bot):
    question = "i have hives, is acupuncture safe?"
    answer = bot.ask(question)
    assert answer.safety_net is not None and answer.passages
    any_browser.get(live.url + "/")
    turn = ask(any_browser, question)
    net = turn.find_element(By.CSS_SELECTOR, ".safety-net")
    quote = turn.find_element(By.CSS_SELECTOR, "blockquote")
    assert answer.safety_net.message in squashed(text_of(net))
    assert net.location["y"] < quote.location["y"]


def test_a_follow_up_is_read_with_the_conversation(any_browser, live, bot):
    """The page carries the conversation back; the second answer is the one the bot
    gives with the first as history (what `--dialogue` would print)."""
    first, second = "can acupuncture help my bladder?", "how many people were in it?"
    any_browser.get(live.url + "/")
    ask(any_browser, first)
    turn = ask(any_browser, second)
    conversation = bot.conversation()
    conversation.ask(first)
    expected = conversation.ask(second)
    assert len(turns(any_browser)) == 2
    assert turn.get_attribute("data-question") == second
    fields = any_browser.find_elements(By.CSS_SELECTOR, "#chat input[name=history]")
    assert [field.get_attribute("value") for field in fields] == [first, second]
    shown = [text_of(q).strip() for q in turn.find_elements(By.CSS_SELECTOR, "blockquote")]
    assert shown == [p.quote.strip() for p in expected.passages]
    assert squashed(expected.message) in squashed(text_of(turn))
    if expected.follows:
        assert expected.follows in text_of(turn.find_element(By.CSS_SELECTOR, ".follows"))


def test_sos_and_example_buttons_ask_without_typing(any_browser, live, bot):
    any_browser.get(live.url + "/")
    example = any_browser.find_element(By.CSS_SELECTOR, ".welcome button.choice")
    turn = press(any_browser, example)
    assert turn.get_attribute("data-question") == bot.messages.examples[0]
    turn = press(any_browser, any_browser.find_element(By.CSS_SELECTOR, "button.sos"))
    sos = bot.ask("SOS")
    assert sos.status == "urgent"
    assert squashed(text_of(turn.find_element(By.CSS_SELECTOR, ".urgent"))) == squashed(sos.message)
    assert len(turns(any_browser)) == 2


def test_every_form_carries_the_same_history(any_browser, live):
    """Asking from a "You could ask" button of a later turn continues the same
    conversation: every form on the page holds the questions once each, in order."""
    first = "can acupuncture cure diabetes?"
    any_browser.get(live.url + "/")
    turn = ask(any_browser, first)
    suggestion = turn.find_element(By.CSS_SELECTOR, "button.choice")
    second = suggestion.get_attribute("value")
    press(any_browser, suggestion)
    ask(any_browser, "thanks")
    expected = [first, second, "thanks"]
    for form in any_browser.find_elements(By.CSS_SELECTOR, "form[data-chat-form]"):
        fields = form.find_elements(By.CSS_SELECTOR, "input[name=history]")
        assert [f.get_attribute("value") for f in fields] == expected


def test_script_is_escaped_and_never_runs(any_browser, live):
    attack = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    any_browser.get(live.url + "/")
    turn = ask(any_browser, attack)
    heading = turn.find_element(By.CSS_SELECTOR, "h3.you")
    assert text_of(heading).endswith(attack)
    assert turn.find_elements(By.CSS_SELECTOR, "h3.you script, h3.you img") == []
    assert any_browser.execute_script("return document.querySelectorAll('img').length") == 0


def test_the_sources_view_marks_the_quote_in_its_document(browser, live, bot):
    browser.get(live.url + "/")
    turn = ask(browser, TIRED)
    passage = bot.ask(TIRED).passages[0]
    link = turn.find_element(By.LINK_TEXT, "See the quote in the whole source (opens in a new tab)")
    assert link.get_attribute("target") == "_blank"
    link.click()
    browser.switch_to.window(browser.window_handles[-1])
    assert urlsplit(browser.current_url).path == f"/sources/{passage.doc_id}"
    assert browser.current_url.endswith(quote_link(passage))
    marks = browser.find_elements(By.CSS_SELECTOR, ".document mark")
    marked = "".join(text_of(mark) for mark in marks)
    assert squashed(marked) == squashed(passage.quote)
    assert browser.find_element(By.ID, "quote").text == "[Quote starts]"
    assert passage.title in browser.find_element(By.TAG_NAME, "h1").text


def test_export_downloads_the_conversation(browser, live, bot, downloads):
    for old in downloads.iterdir():
        old.unlink()
    browser.get(live.url + "/")
    ask(browser, TIRED)
    ask(browser, URGENT)
    browser.find_element(By.XPATH, "//button[starts-with(., 'Save this conversation')]").click()
    target = downloads / "chatbot-conversation.md"
    deadline = time.monotonic() + 15
    while not target.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    conversation = bot.conversation()
    exchanges = [(q, conversation.ask(q)) for q in (TIRED, URGENT)]
    assert target.read_text(encoding="utf-8") == conversation_markdown(
        exchanges, intro=bot.messages.welcome)
    assert len(turns(browser)) == 2  # the page stays as it was


def test_nothing_comes_from_another_host_and_no_cookie_is_set(any_browser, live):
    any_browser.get(live.url + "/")
    ask(any_browser, TIRED)
    any_browser.get(live.url + "/sources")
    urls = requested_urls(any_browser)
    assert urls, "the network log is empty"
    hosts = {urlsplit(url).netloc for url in urls if not url.startswith("data:")}
    assert hosts == {urlsplit(live.url).netloc}
    assert any_browser.get_cookies() == []
