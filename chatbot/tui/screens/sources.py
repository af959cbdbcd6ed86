"""The corpus's documents, with kind, date, publisher, address and review dates;
Enter opens one to read in full."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from chatbot.messages import messages_for
from chatbot.models import DocumentMeta, Passage
from chatbot.provenance import provenance_lines
from chatbot.render_text import NO_DATE
from chatbot.tui.screens.document import DocumentScreen
from chatbot.tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from chatbot import Chatbot

KEYS = "Up/Down to choose, Enter to read, Escape to go back."
LAST_QUOTE = "Holds the last quote shown: opens at that quote."


DETAIL_WIDTH = 54
"""Detail lines are wrapped here, with their indent, so they line up at the smallest
screen the app allows (60 columns); the list would wrap them to the left edge."""


def _indented(text: str) -> str:
    return "\n" + "\n".join(textwrap.wrap(text, DETAIL_WIDTH, initial_indent="  ",
                                           subsequent_indent="  ", break_long_words=False))


def describe(doc: DocumentMeta, holds_last_quote: bool) -> Content:
    """Title in bold, then kind and date, publisher, address and review dates in words
    (never just a colour)."""
    parts: list[str | tuple[str, str]] = [
        (doc.title, "bold"),
        _indented(f"{doc.kind.label} — {doc.date_label or NO_DATE}"),
    ]
    if doc.author:
        parts.append(_indented(f"by {doc.author}"))
    parts.extend(_indented(line) for line in provenance_lines(doc))
    if holds_last_quote:
        parts.append((_indented(f"» {LAST_QUOTE}"), "italic"))
    return Content.assemble(*parts)


class SourcesScreen(Screen[None]):
    """Lists `bot.documents`; the source of the last quote comes first."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f3", "app.pop_screen", "Back", key_display="Esc", id="sources.back"),
    ]
    AUTO_FOCUS = "#documents"

    def __init__(self, bot: Chatbot, last_passage: Passage | None = None) -> None:
        super().__init__()
        self.bot = bot
        self.last_passage = last_passage
        docs = list(bot.documents)
        if last_passage is not None:
            docs.sort(key=lambda doc: doc.id != last_passage.doc_id)
        self.docs = docs

    def compose(self) -> ComposeResult:
        yield Static(Content("Sources"), id="title")
        yield Static(Content(messages_for(self.bot).sources_intro.text), classes="intro")
        yield Static(Content(KEYS), classes="hint")
        last_id = self.last_passage.doc_id if self.last_passage else None
        options: list[Option | None] = []
        for doc in self.docs:
            if options:
                options.append(None)  # a separator line between documents
            options.append(Option(describe(doc, doc.id == last_id), id=doc.id))
        yield OptionList(*options, id="documents")
        yield KeyFooter()

    @on(OptionList.OptionSelected, "#documents")
    def _open(self, event: OptionList.OptionSelected) -> None:
        doc = next(doc for doc in self.docs if doc.id == event.option_id)
        passage = self.last_passage
        span = None
        if passage is not None and passage.doc_id == doc.id:
            span = (passage.quote_start, passage.quote_end)
        never = getattr(self.bot, "never_quoted", None)
        hidden = never(doc.id) if never else []
        self.app.push_screen(DocumentScreen(doc, self.bot.document_text(doc.id), span, hidden))
