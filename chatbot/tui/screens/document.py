"""One source in full, with the quoted span marked by » « and a bar, not by colour."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from chatbot.models import DocumentMeta
from chatbot.render_text import NO_DATE
from chatbot.tui.widgets.footer import KeyFooter

QUOTE_OPEN = "» "
QUOTE_CLOSE = " «"
QUOTE_LABEL = "The quoted passage is marked » like this « with a bar beside it."


class DocumentScreen(Screen[None]):
    """Reading a quote in context lets a person judge it for themselves.

    The text is split into before / quote / after, so the quote can carry a bar and
    the view can scroll straight to it.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", key_display="Esc", id="document.back"),
    ]
    AUTO_FOCUS = "#document"

    def __init__(
        self,
        doc: DocumentMeta,
        text: str,
        span: tuple[int, int] | None = None,
        never_quoted: list[tuple[int, int, str]] | None = None,
    ) -> None:
        super().__init__()
        self.doc = doc
        self.text = text
        self.span = span if span and 0 <= span[0] < span[1] <= len(text) else None
        self.never_quoted = never_quoted or []

    def compose(self) -> ComposeResult:
        doc = self.doc
        yield Static(Content(doc.title), id="title")
        yield Static(
            Content(f"{doc.kind.label} — {doc.date_label or NO_DATE}. Escape goes back."),
            classes="hint",
        )
        yield VerticalScroll(*self._body(), id="document")
        yield KeyFooter()

    def _body(self) -> list[Static]:
        """The text in order: plain parts, the quote (marked), and the parts the
        chatbot never quotes (labelled in words, then dimmed)."""
        marks: list[tuple[int, int, str]] = [(s, e, reason) for s, e, reason in self.never_quoted]
        if self.span is not None:
            marks.append((self.span[0], self.span[1], ""))
        marks.sort()
        body = [Static(Content.styled(QUOTE_LABEL, "italic"), classes="hint")] if self.span else []
        cursor = 0
        for start, end, reason in marks:
            if start < cursor:
                continue
            plain = self.text[cursor:start].strip()
            if plain:
                body.append(Static(Content(plain), classes="doc-text"))
            piece = self.text[start:end].strip()
            if reason:
                body.append(Static(Content.assemble(
                    (f"[Never quoted by the chatbot: {reason}]\n", "italic"), (piece, "dim")
                ), classes="doc-text never-quoted"))
            else:
                marked = Content.assemble(
                    (QUOTE_OPEN, "bold"), (piece, "bold"), (QUOTE_CLOSE, "bold")
                )
                body.append(Static(marked, id="quoted-span", classes="doc-text quoted-span"))
            cursor = end
        rest = self.text[cursor:].strip()
        if rest:
            body.append(Static(Content(rest), classes="doc-text"))
        return body

    def on_mount(self) -> None:
        if self.span is not None:
            self.call_after_refresh(self._scroll_to_quote)

    def _scroll_to_quote(self) -> None:
        quote = self.query_one("#quoted-span")
        self.query_one("#document", VerticalScroll).scroll_to_center(
            quote, animate=False, immediate=True
        )
