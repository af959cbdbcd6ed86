"""Shared helpers for the Textual tests: the real bot, stubs, and reading the screen."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.widget import Widget

from chatbot import Chatbot
from chatbot.conversation import Conversation
from chatbot.corpus import load_corpus
from chatbot.messages import load_messages
from chatbot.models import Answer

BUNDLED = load_messages(5, load_corpus().texts)
"""The texts of the bundled corpus, as its bot shows them."""

TIRED = "can acupunture help my tiredness"  # the typo is on purpose
URGENT = "I suddenly cant see out of one eye"
OFF_TOPIC = "how do I bake bread"


@pytest.fixture(scope="session")
def bot() -> Chatbot:
    """The real bot on the bundled corpus, built once (it takes a few hundred ms)."""
    return Chatbot()


class StubBot:
    """A stand-in for `Chatbot` that returns prepared answers, for edge cases the
    real corpus cannot produce on demand (markup in every field, slow or failing
    lookups). It records which thread each `ask` ran on."""

    def __init__(self, reply: Callable[[str], Answer], documents=(), texts=None) -> None:
        self.reply = reply
        self.documents = list(documents)
        self.texts = texts or {}
        self.threads: list[int] = []
        self.gate: threading.Event | None = None

    def ask(self, question: str, history=()) -> Answer:
        self.threads.append(threading.get_ident())
        if self.gate is not None:
            self.gate.wait(5)
        return self.reply(question)

    def conversation(self, history=()) -> Conversation:
        return Conversation(self, history)  # type: ignore[arg-type]

    def document_text(self, doc_id: str) -> str:
        return self.texts[doc_id]


async def source_prompts(pilot: Pilot) -> list[str]:
    """Open the sources view with F3 and read its list, one line per document."""
    from textual.widgets import OptionList

    from chatbot.tui.screens.sources import SourcesScreen

    await pilot.press("f3")
    await pilot.pause()
    assert isinstance(pilot.app.screen, SourcesScreen)
    listing = pilot.app.screen.query_one("#documents", OptionList)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


async def settle(pilot: Pilot) -> None:
    """Wait for lookups to finish and the screen to catch up."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def ask(pilot: Pilot, question: str) -> None:
    """Type a question as a person would, press Enter, and wait for the reply."""
    await pilot.pause()  # the question box has focus once the first screen is up
    await pilot.press(*question)
    await pilot.press("enter")
    await settle(pilot)


def text_of(widget: Widget) -> str:
    """The plain text a Static shows."""
    return str(widget.render())


def screen_text(app: App) -> str:
    """What is on the terminal right now, as plain text lines."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


def flat(text: str) -> str:
    """Collapse whitespace, so wrapped lines compare equal to the source text."""
    return " ".join(text.split())
