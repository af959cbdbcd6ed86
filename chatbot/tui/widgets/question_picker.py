"""A keyboard list of questions to ask: welcome examples, suggestions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option


class QuestionPicker(OptionList):
    """Up/Down then Enter, or the question's number, asks it: no typing needed."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(str(n), f"pick({n})", f"Ask question {n}", show=False, id=f"picker.{n}")
        for n in range(1, 10)
    ]

    class Picked(Message):
        """The person chose `question` from a picker."""

        def __init__(self, question: str) -> None:
            super().__init__()
            self.question = question

    def __init__(self, questions: Sequence[str], **kwargs: object) -> None:
        self.questions = list(questions)
        options = [Option(Content(f"{n}. {q}")) for n, q in enumerate(self.questions, 1)]
        super().__init__(*options, **kwargs)  # type: ignore[arg-type]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Picked(self.questions[event.option_index]))

    def action_pick(self, number: int) -> None:
        if 1 <= number <= len(self.questions):
            self.post_message(self.Picked(self.questions[number - 1]))
