"""What the person typed, echoed literally under a "You:" label."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


class UserMessage(Static):
    """One typed question; Content keeps `[bold]` or `[@click=...]` as plain text."""

    def __init__(self, question: str) -> None:
        super().__init__(Content.assemble(("You: ", "bold"), question), classes="user-message")
        self.question = question
