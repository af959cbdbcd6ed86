"""Help: the reviewed help text and every key, in a modal closed by any likely key."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from chatbot.messages import MESSAGES, Messages

KEYS: list[tuple[str, str]] = [
    ("Enter", "ask the question you typed"),
    ("Up / Down", "bring back an earlier question"),
    ("Tab", "go to the questions to pick; Enter or a number asks"),
    ("Escape", "back to typing"),
    ("F2", "another passage for the last question"),
    ("F3", "the sources; open one to read a quote in context"),
    ("F4", "copy the last answer as plain text"),
    ("F5", "save the conversation to a Markdown file"),
    ("F6", "SOS: emergency and crisis phone numbers at once"),
    ("PgUp / PgDn", "scroll the conversation"),
    ("F9", "high-contrast colours on or off"),
    ("Ctrl+P", "all commands"),
    ("F1", "this help"),
    ("Ctrl+Q", "quit"),
]


class HelpScreen(ModalScreen[None]):
    """Closed with Escape, F1, q or Enter: whichever a tired hand reaches first."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,q,enter,question_mark", "close", "Close", id="help.close"),
    ]

    def __init__(self, messages: Messages = MESSAGES) -> None:
        super().__init__()
        self.messages = messages

    def compose(self) -> ComposeResult:
        width = max(len(key) for key, _ in KEYS) + 2
        keys = Content("\n").join(
            Content.assemble((key.ljust(width), "bold"), what) for key, what in KEYS
        )
        with VerticalScroll(id="help-dialog", classes="dialog") as dialog:
            dialog.border_title = "Help (Escape closes)"
            yield Static(Content(self.messages.help), classes="help-text")
            yield Static(Content.styled("Keys", "bold"), classes="label")
            yield Static(keys, id="help-keys")

    def action_close(self) -> None:
        self.dismiss(None)
