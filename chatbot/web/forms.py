"""Reading the page's form: the question, or an example or SOS button, and the
earlier questions the form carries back (`history`, oldest first)."""

from __future__ import annotations

from urllib.parse import parse_qsl

from pydantic import BaseModel, ConfigDict

from chatbot.web.settings import WebSettings

SOS_WORD = "SOS"
"""What the SOS button asks, as the TUI's F6 does: the emergency and crisis contacts."""


class FormError(ValueError):
    """A form the page could not have sent (too many fields, a huge question)."""


class ChatForm(BaseModel):
    model_config = ConfigDict(frozen=True)
    question: str = ""
    history: list[str] = []

    @property
    def asked(self) -> str:
        return self.question.strip()


def parse_form(body: bytes, settings: WebSettings) -> ChatForm:
    """The form's fields; an example or SOS button's value wins over the text box."""
    text = body.decode("utf-8", errors="replace")
    try:
        pairs = parse_qsl(text, keep_blank_values=True,
                          max_num_fields=settings.max_history + 16)
    except ValueError as exc:
        raise FormError("too many fields") from exc
    history = [value for name, value in pairs if name == "history"]
    fields = {name: value for name, value in pairs if name != "history"}
    question = fields.get("question", "")
    if fields.get("example"):
        question = fields["example"]
    if fields.get("sos"):
        question = SOS_WORD
    if len(history) > settings.max_history:
        raise FormError("too many earlier questions")
    if any(len(q) > settings.max_question_chars for q in [question, *history]):
        raise FormError("a question is too long")
    if sum(len(q) for q in history) > settings.max_history_chars:
        raise FormError("the earlier questions are too long")
    return ChatForm(question=question, history=history)
