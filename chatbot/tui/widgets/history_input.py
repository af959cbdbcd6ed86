"""The question box, with Up/Down recalling earlier questions like a shell."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import Input


class HistoryInput(Input):
    """An Input that remembers submitted questions, so a tired hand need not retype."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "up",
            "history_previous",
            "Earlier question",
            show=False,
            id="question.previous",
        ),
        Binding("down", "history_next", "Later question", show=False, id="question.next"),
    ]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.history: list[str] = []
        self._index: int | None = None
        self._draft = ""

    def remember(self, question: str) -> None:
        """Add a submitted question (not twice in a row) and go back to a fresh line."""
        if question and (not self.history or self.history[-1] != question):
            self.history.append(question)
        self._index = None
        self._draft = ""

    def _show(self, text: str) -> None:
        self.value = text
        self.cursor_position = len(text)

    def action_history_previous(self) -> None:
        if not self.history:
            return
        if self._index is None:
            self._draft = self.value
            self._index = len(self.history) - 1
        else:
            self._index = max(0, self._index - 1)
        self._show(self.history[self._index])

    def action_history_next(self) -> None:
        if self._index is None:
            return
        self._index += 1
        if self._index >= len(self.history):
            self._index = None
            self._show(self._draft)
        else:
            self._show(self.history[self._index])
