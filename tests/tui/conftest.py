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
from chatbot.models import Answer


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
