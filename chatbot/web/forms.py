"""Reading the page's form: the question, or an example or SOS button, and the
earlier questions the form carries back (`history`, oldest first)."""

from __future__ import annotations

from urllib.parse import parse_qsl

from pydantic import BaseModel, ConfigDict

from chatbot.web.settings import WebSettings

SOS_WORD = "SOS"
"""What the SOS button asks, as the TUI's F6 does: the emergency and crisis contacts."""


ALONE_FIELD = "history_alone"
"""The hidden field of an earlier question that was asked on its own."""


class FormError(ValueError):
    """A form the page could not have sent (too many fields, a huge question)."""


class ChatForm(BaseModel):
    model_config = ConfigDict(frozen=True)
    question: str = ""
    history: list[str] = []
    history_alone: list[bool] = []
    """For each earlier question: was it asked on its own ("Ask it on its own instead")."""
    alone: bool = False
    """Ask this question on its own, not with the conversation (the page's choice)."""

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
    # One ordered list of earlier questions; one asked on its own comes back under
    # its own name, in its place.
    earlier = [(value, name == ALONE_FIELD) for name, value in pairs
               if name in ("history", ALONE_FIELD)]
    history = [question for question, _ in earlier]
    fields = {name: value for name, value in pairs if name not in ("history", ALONE_FIELD)}
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
    return ChatForm(question=question, history=history,
                    history_alone=[alone for _, alone in earlier],
                    alone=fields.get("alone") == "1")
