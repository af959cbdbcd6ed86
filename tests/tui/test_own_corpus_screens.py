"""The chat on a corpus of another topic (tests/data/cool_corpus): its own title,
welcome, examples and help, no acupuncture wording, and what is known of each source."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from chatbot import Chatbot
from chatbot.tui.app import ChatApp
from chatbot.tui.widgets.question_picker import QuestionPicker
from tests.tui.conftest import ask, flat, screen_text, source_prompts, text_of

COOL = Path(__file__).parent.parent / "data" / "cool_corpus"
TOPIC_WORDS = re.compile(r"acupunct|needl|electro", re.IGNORECASE)


@pytest.fixture(scope="module")
def cool() -> Chatbot:
    return Chatbot(COOL)


async def test_first_screen_is_the_corpus_own(cool: Chatbot) -> None:
    app = ChatApp(cool)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.title == "Keeping cool with MS: what the sources say"
        assert text_of(app.screen.query_one("#title")) == app.title
        welcome = flat(text_of(app.screen.query_one(".welcome-text")))
        assert welcome.startswith("Hello. I can tell you what two sources say about keeping cool")
        assert app.screen.query_one("#examples", QuestionPicker).questions == cool.messages.examples
        assert not TOPIC_WORDS.search(screen_text(app))
        await pilot.press("f1")
        await pilot.pause()
        helped = flat(text_of(app.screen.query_one(".help-text")))
        assert 'for example "Why does heat make my MS worse?"' in helped
        assert not TOPIC_WORDS.search(screen_text(app))


async def test_an_urgent_reply_names_no_treatment(cool: Chatbot) -> None:
    app = ChatApp(cool)
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, "I have crushing chest pain")
        shown = flat(screen_text(app))
        assert "Chest pain needs help now" in shown and not TOPIC_WORDS.search(shown)


async def test_sources_view_shows_publisher_address_and_review_dates(cool: Chatbot) -> None:
    app = ChatApp(cool)
    async with app.run_test(size=(80, 30)) as pilot:
        prompts = [flat(p) for p in await source_prompts(pilot)]
        assert "Published by: Riverside MS Clinic (test data)" in prompts[0]
        assert "Online at: https://www.example.org/keeping-cool" in prompts[0]
        assert ("Last reviewed 15 January 2024. Its next review was due 15 January 2025."
                in prompts[0])
        assert "Published by: not given" in prompts[1] and "Review dates: not given." in prompts[1]
