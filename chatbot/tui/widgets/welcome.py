"""The first thing a person reads: what this is, that nothing is stored, examples."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from chatbot.messages import MESSAGES, Messages
from chatbot.tui.widgets.answer import PICK_HINT
from chatbot.tui.widgets.question_picker import QuestionPicker


class Welcome(Vertical):
    """The reviewed welcome for the corpus in use, plus its example questions as a
    picker (none when the corpus gives none)."""

    def __init__(self, messages: Messages = MESSAGES, **kwargs: str) -> None:
        super().__init__(**kwargs)
        self.text = messages.welcome
        self.examples = list(messages.examples)

    def compose(self) -> ComposeResult:
        yield Static(Content(self.text), classes="welcome-text")
        if not self.examples:
            return
        yield Static(
            Content.assemble(("Example questions", "bold"), f" ({PICK_HINT}):"),
            classes="label",
        )
        yield QuestionPicker(self.examples, id="examples")
