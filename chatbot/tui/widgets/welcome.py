"""The first thing a person reads: what this is, that nothing is stored, examples."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from chatbot.messages import MESSAGES
from chatbot.tui.widgets.answer import PICK_HINT
from chatbot.tui.widgets.question_picker import QuestionPicker


class Welcome(Vertical):
    """The reviewed welcome (for the corpus in use), plus the example questions as a
    picker."""

    def __init__(self, text: str = MESSAGES.welcome, **kwargs: str) -> None:
        super().__init__(**kwargs)
        self.text = text

    def compose(self) -> ComposeResult:
        yield Static(Content(self.text), classes="welcome-text")
        yield Static(
            Content.assemble(("Example questions", "bold"), f" ({PICK_HINT}):"),
            classes="label",
        )
        yield QuestionPicker(MESSAGES.examples, id="examples")
